// Where a story lives on the site, from its file path: slug segments and folder categories (core/routes.ts makes the URLs).
/**
 * Slug segments for an article path (`world/asia/kim-putin.txt` → `['world','asia','kim-putin']`).
 * A front-matter slug replaces the last segment. Segments are NFC; the URL encodes them.
 */
export function slugFromPath(relPath, frontSlug) {
    const parts = relPath.split('/').map((p) => p.normalize('NFC'));
    const last = parts.pop() ?? '';
    const dot = last.lastIndexOf('.');
    const base = dot > 0 ? last.slice(0, dot) : last;
    return [...parts, frontSlug?.normalize('NFC') ?? base];
}
/** Folder names above the file: `world/asia/x.txt` is in `world` and `asia`. */
export function categoriesFromPath(relPath) {
    return relPath
        .split('/')
        .slice(0, -1)
        .map((p) => p.normalize('NFC'));
}
/** Key that identifies a slug for collision checks (case-insensitive filesystems would merge these). */
export function slugKey(slug) {
    return slug.join('/').toLowerCase();
}
//# sourceMappingURL=paths.js.map
// Where a story lives on the site: slug segments, URL paths and folder categories, from its file path.

/**
 * Slug segments for an article path (`world/asia/kim-putin.txt` → `['world','asia','kim-putin']`).
 * A front-matter slug replaces the last segment. Segments are NFC; the URL encodes them.
 */
export function slugFromPath(relPath: string, frontSlug?: string): string[] {
  const parts = relPath.split('/').map((p) => p.normalize('NFC'));
  const last = parts.pop() ?? '';
  const dot = last.lastIndexOf('.');
  const base = dot > 0 ? last.slice(0, dot) : last;
  return [...parts, frontSlug?.normalize('NFC') ?? base];
}

/** `/articles/<encoded slug>`: every segment percent-encoded, so `%`, `#`, `?` and spaces are unambiguous. */
export function articleUrlPath(slug: readonly string[]): string {
  return `/articles/${slug.map(encodeSegment).join('/')}`;
}

/** Percent-encode one path segment; `.` and `..` are encoded too so no URL normalisation can move them. */
export function encodeSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  return encodeURIComponent(segment);
}

/** Folder names above the file: `world/asia/x.txt` is in `world` and `asia`. */
export function categoriesFromPath(relPath: string): string[] {
  return relPath
    .split('/')
    .slice(0, -1)
    .map((p) => p.normalize('NFC'));
}

/** Key that identifies a slug for collision checks (case-insensitive filesystems would merge these). */
export function slugKey(slug: readonly string[]): string {
  return slug.join('/').toLowerCase();
}

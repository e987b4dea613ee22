// The images in the articles folder that a story's text shows or links: as private as the story while it is held or a draft.
import { STORED_BASE } from './entry-meta.js';
import { siteUrls } from './routes.js';
const STORED = siteUrls(STORED_BASE);
const PREFIX = `${STORED_BASE}/articles/`;
/** Sanitized HTML writes every attribute in double quotes, with `&` and `"` as references. */
const LINKS = /\s(?:src|href)="([^"]*)"/g;
/**
 * Each image under the articles folder (its path there) that `contentHtml` (sanitized, its links
 * resolved against STORED_BASE: core/sanitize.ts) shows with `<img>` or links with `<a>`, once,
 * in order. Not the story's `image:` (the caller has it), and nothing on another site.
 */
export function localMedia(contentHtml) {
    if (!contentHtml.includes(PREFIX))
        return [];
    const found = new Set();
    for (const [, value] of contentHtml.matchAll(LINKS)) {
        if (!value?.startsWith(PREFIX))
            continue;
        const rel = STORED.localImage(value.replace(/&amp;/g, '&'));
        if (rel !== undefined)
            found.add(rel);
    }
    return [...found];
}
//# sourceMappingURL=local-media.js.map
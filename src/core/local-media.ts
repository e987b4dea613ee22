// The images in the articles folder that a story's text shows or links: as private as the story while it is held or a draft.
import { STORED_BASE } from './entry-meta.js';
import { siteUrls } from './routes.js';

/** Sanitized HTML writes every attribute in double quotes, with `&` and `"` as references. */
const LINKS = /\s(?:src|href)="([^"]*)"/g;

/**
 * Each image under the articles folder (its path there) that `contentHtml` (sanitized, its links
 * resolved against STORED_BASE: core/sanitize.ts) shows with `<img>` or links with `<a>`, once,
 * in order, written against `origin` (STORED_BASE: relative links; the public base URL: a link
 * pasted from the live site). Not the story's `image:` (the caller has it), nothing on another site.
 */
export function localMedia(contentHtml: string, origin = STORED_BASE): string[] {
  const prefix = `${origin}/articles/`;
  if (!contentHtml.includes(prefix)) return [];
  const urls = siteUrls(origin);
  const found = new Set<string>();
  for (const [, value] of contentHtml.matchAll(LINKS)) {
    if (!value?.startsWith(prefix)) continue;
    const rel = urls.localImage(value.replace(/&amp;/g, '&'));
    if (rel !== undefined) found.add(rel);
  }
  return [...found];
}

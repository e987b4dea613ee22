import { siteUrls } from '../routes.js';
import { renderAtom } from './atom.js';
import { renderJsonFeed } from './json-feed.js';
import { renderRss } from './rss.js';
/**
 * The entry with its body and summary read once for the three formats: an entry may read them
 * from the store on each access (publish/stored-entry.ts), and an archive page holds 50 bodies.
 */
function readOnce(entry) {
    return Object.create(entry, { contentHtml: { value: entry.contentHtml }, summary: { value: entry.summary } });
}
/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for `entries` (already chosen and ordered, newest first).
 * `updated` is the feed's own date (newest change), never the clock, so the same input gives
 * the same bytes. `stylesheet` defaults to the site's public/feed.xsl.
 */
export function renderFeedPieces(site, entries, updated, links, extras = {}, stylesheet = siteUrls(site.baseUrl).feedXsl) {
    const input = { site, entries: entries.map(readOnce), updated, links, extras, stylesheet };
    return { rss: renderRss(input), atom: renderAtom(input), json: renderJsonFeed(input) };
}
/** renderFeedPieces, each document joined into one string. */
export function renderFeeds(...args) {
    const { rss, atom, json } = renderFeedPieces(...args);
    return { rss: rss.join(''), atom: atom.join(''), json: json.join('') };
}
//# sourceMappingURL=feeds.js.map
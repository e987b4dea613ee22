import { FEED_FORMATS, paths, siteUrls } from '../routes.js';
import { renderFeedPieces } from './feeds.js';
import { renderFeedPage } from './feed-page.js';
import { renderIndex, renderStoryPage } from './pages.js';
export const MEDIA_TYPES = {
    rss: 'application/rss+xml; charset=utf-8',
    atom: 'application/atom+xml; charset=utf-8',
    json: 'application/feed+json; charset=utf-8',
    html: 'text/html; charset=utf-8',
};
/** Links of the home page and of every story page. */
export function siteLinks(site) {
    const urls = siteUrls(site.baseUrl);
    return { home: urls.home, rss: urls.feed('rss'), atom: urls.feed('atom'), json: urls.feed('json'), stylesheet: urls.stylesheet };
}
/** The three feeds as documents at `pathOf(format)`, each with its page for browsers. */
function feedDocuments(feeds, pathOf, lastModified, freshness, pageSource, websubSelf) {
    const { site, entries, timeZone, urlOf } = pageSource;
    const stylesheet = siteUrls(site.baseUrl).stylesheet;
    return FEED_FORMATS.map((format) => {
        const pieces = feeds[format];
        let joined;
        return {
            path: pathOf(format),
            contentType: MEDIA_TYPES[format],
            // Joined only if a string is asked for: encoding takes the pieces.
            get body() {
                joined ??= pieces.join('');
                return joined;
            },
            pieces,
            lastModified,
            freshness,
            ...(websubSelf ? { websubSelf: websubSelf(format) } : {}),
            page: () => renderFeedPage({ site, feed: { kind: format, title: site.title, url: urlOf(format) }, entries, timeZone, stylesheet }),
        };
    });
}
/**
 * The three feeds (newest `site.itemLimit` entries) and the index page. `entries` must be
 * sorted newest first; `updated` is the newest change (entry update or deletion).
 */
export function renderFrontDocuments(site, entries, updated, timeZone, tombstones = [], facets = { categories: [], authors: [] }) {
    const latest = entries.slice(0, site.itemLimit);
    const links = siteLinks(site);
    const feeds = renderFeedPieces(site, latest, updated, links, { tombstones, history: archiveHistory(site, entries.length) });
    // WebSub §4: the front feeds advertise hub and self in Link headers as well as in the feed.
    const self = site.hubs.length > 0 ? (f) => links[f] : undefined;
    return [
        ...feedDocuments(feeds, paths.feed, updated, 'live', { site, entries: latest, timeZone, urlOf: (f) => links[f] }, self),
        {
            path: paths.home,
            contentType: MEDIA_TYPES.html,
            body: renderIndex(site, latest, links, timeZone, { facets, opml: siteUrls(site.baseUrl).discovery('opml') }),
            lastModified: updated,
            freshness: 'live',
        },
    ];
}
/** A story's own page, at `/articles/<slug>`. */
export function renderStoryDocument(site, entry, timeZone) {
    return {
        path: paths.article(entry.slug),
        contentType: MEDIA_TYPES.html,
        body: renderStoryPage(site, entry, siteLinks(site), timeZone),
        lastModified: entry.updated,
        freshness: 'live',
    };
}
/** The feeds' date: the newest entry update or deletion; a fixed epoch for an empty, never-changed site. */
export function feedUpdated(entries, newestDeletion) {
    let newest = newestDeletion ?? 0;
    for (const e of entries)
        newest = Math.max(newest, e.updated.getTime());
    return new Date(newest === 0 ? Date.UTC(2000, 0, 1) : newest);
}
/** True when `entry` belongs to the facet page `name`: stories in a category (front matter or folder), or by an author (credit). */
export function inFacet(entry, facet, name) {
    return facet === 'categories' ? entry.categories.includes(name) : entry.author === name;
}
/**
 * A category's or author's three feeds and its HTML page, from `entries` (all, newest first),
 * or undefined when no story is in it. Each is a feed of its own: its own title, id and self links.
 */
export function renderFacetDocuments(site, facet, name, entries, timeZone) {
    const latest = [];
    for (const e of entries) {
        if (inFacet(e, facet, name))
            latest.push(e);
        if (latest.length >= site.itemLimit)
            break;
    }
    if (latest.length === 0)
        return undefined;
    const urls = siteUrls(site.baseUrl);
    const facetSite = { ...site, title: `${site.title}: ${name}`, id: urls.facet(facet, name) };
    const feedUrl = (f) => urls.facetFeed(facet, name, f);
    const links = {
        home: urls.facet(facet, name),
        rss: feedUrl('rss'),
        atom: feedUrl('atom'),
        json: feedUrl('json'),
        stylesheet: urls.stylesheet,
    };
    const updated = feedUpdated(latest, undefined);
    const feeds = renderFeedPieces(facetSite, latest, updated, links);
    return [
        ...feedDocuments(feeds, (f) => paths.facetFeed(facet, name, f), updated, 'live', {
            site: facetSite,
            entries: latest,
            timeZone,
            urlOf: feedUrl,
        }),
        {
            path: paths.facet(facet, name),
            contentType: MEDIA_TYPES.html,
            body: renderIndex({ ...facetSite, description: site.title }, latest, links, timeZone, { home: urls.home }),
            lastModified: updated,
            freshness: 'live',
        },
    ];
}
/**
 * RFC 5005 archives: the stories, oldest first, in pages of `itemLimit`; only complete pages are
 * archives (page 1 is the oldest). Every story is in the subscription feeds (the newest
 * `itemLimit`) or in a complete page, so a reader can rebuild the whole history.
 */
export function archivePageCount(site, total) {
    return Math.floor(total / site.itemLimit);
}
function historyFor(make) {
    return { rss: make('rss'), atom: make('atom'), json: make('json') };
}
/**
 * The subscription feeds' link to the newest archive page that holds a story they do not: when
 * the count is a whole number of pages, the newest page holds exactly the feeds' own stories, and
 * a reader paging back (JSON Feed's `next_url`) would get the same items again. That page stays
 * an archive, linked from the one before it.
 */
function archiveHistory(site, total) {
    const pages = Math.min(archivePageCount(site, total), Math.floor((total - 1) / site.itemLimit));
    if (pages < 1)
        return undefined;
    const urls = siteUrls(site.baseUrl);
    return historyFor((f) => ({ prevArchive: urls.archive(pages, f) }));
}
/**
 * Archive page `page` in all three formats, or undefined when there is no such complete page.
 * Complete pages change only when an older story is deleted or a backdated one arrives.
 */
export function renderArchiveDocuments(site, page, entries, timeZone = 'UTC') {
    const slice = archiveSlice(site, page, entries);
    return slice && renderArchivePage(site, page, slice.pages, slice.entries, timeZone);
}
/** The stories of archive page `page` (oldest first page, `site.itemLimit` each) and the number of pages; undefined past the last. */
export function archiveSlice(site, page, entries) {
    const pages = archivePageCount(site, entries.length);
    if (!Number.isInteger(page) || page < 1 || page > pages)
        return undefined;
    const size = site.itemLimit;
    return { entries: entries.slice(entries.length - page * size, entries.length - (page - 1) * size), pages };
}
/** Archive page `page` of `pages` holding `slice` (newest first): its three feeds. */
export function renderArchivePage(site, page, pages, slice, timeZone = 'UTC') {
    const updated = feedUpdated(slice, undefined);
    const urls = siteUrls(site.baseUrl);
    const links = { home: urls.home, rss: urls.archive(page, 'rss'), atom: urls.archive(page, 'atom'), json: urls.archive(page, 'json') };
    const history = historyFor((f) => ({
        current: urls.feed(f),
        prevArchive: page > 1 ? urls.archive(page - 1, f) : undefined,
        nextArchive: page < pages ? urls.archive(page + 1, f) : undefined,
    }));
    const feeds = renderFeedPieces({ ...site, hubs: [] }, slice, updated, links, { history, archive: true });
    return feedDocuments(feeds, (f) => paths.archive(page, f), updated, 'archive', {
        site,
        entries: slice,
        timeZone,
        urlOf: (f) => urls.archive(page, f),
    });
}
//# sourceMappingURL=documents.js.map
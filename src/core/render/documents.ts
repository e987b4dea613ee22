// Every document the site serves, as data: feeds, index, story, category, author and archive documents with their paths and types.
import { type ArchiveLedger, archivePageCount, archivePageEntries, newestArchiveBeyond, subscriptionEntries } from '../archive-pages.js';
import { authorsOf } from '../credit-authors.js';
import type { Entry, Site, Tombstone } from '../model.js';
import { type Facet, type FeedFormat, FEED_FORMATS, facetKey, paths, siteUrls } from '../routes.js';
import type { HistoryLinks } from './feed-input.js';
import { type FeedPieces, renderFeedPieces } from './feeds.js';
import { renderFeedPage } from './feed-page.js';
import { type FacetLink, type PageLinks, renderIndex, renderStoryPage } from './pages.js';

/**
 * How long a document stays valid: `live` documents change with every save (feeds, pages);
 * `archive` documents are complete RFC 5005 pages that change only when history is rewritten;
 * `short` ones change with the clock too (the news sitemap's 48-hour window).
 * The snapshot turns this into caching headers (snapshot/headers.ts).
 */
export type Freshness = 'live' | 'archive' | 'short';

/** One rendered document, not yet encoded. */
export interface Document {
  /** URL path, percent-encoded exactly as links write it. */
  path: string;
  contentType: string;
  body: string;
  /** The body in pieces, when it was rendered so (feeds): encoded without joining them (core/utf8.ts utf8Join). */
  pieces?: readonly string[];
  lastModified: Date;
  freshness: Freshness;
  /** A feed that announces the site's WebSub hubs in its Link header too: its own (self) URL. */
  websubSelf?: string;
  /**
   * Feeds only: the HTML page a person's browser gets at this URL instead of the feed (core/render/feed-page.ts),
   * rendered on the first such request: most feed URLs are only ever polled by programs.
   */
  page?: () => string;
}

export const MEDIA_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const satisfies Record<FeedFormat | 'html', string>;

/** Links of the home page and of every story page. */
export function siteLinks(site: Site): PageLinks {
  const urls = siteUrls(site.baseUrl);
  return { home: urls.home, rss: urls.feed('rss'), atom: urls.feed('atom'), json: urls.feed('json'), stylesheet: urls.stylesheet };
}

/** What a feed's browser page shows: the feed's own site (title), its entries and the site's zone. */
interface FeedPageSource {
  site: Site;
  entries: readonly Entry[];
  timeZone: string;
  /** Absolute URL of each format's feed. */
  urlOf: (format: FeedFormat) => string;
  /** An archive page: the feed a reader follows instead, in each format. */
  current?: (format: FeedFormat) => string;
}

/** The three feeds as documents at `pathOf(format)`, each with its page for browsers. */
function feedDocuments(
  feeds: FeedPieces,
  pathOf: (format: FeedFormat) => string,
  lastModified: Date,
  freshness: Freshness,
  pageSource: FeedPageSource,
  websubSelf?: (format: FeedFormat) => string,
): Document[] {
  return FEED_FORMATS.map((format) => {
    const pieces = feeds[format];
    let joined: string | undefined;
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
      page: feedPage(pageSource, format),
    };
  });
}

/**
 * A feed's page for browsers, made when first asked for. Its own scope: a closure made beside the
 * feed's pieces would keep them (and the other formats') alive as long as the served document.
 */
function feedPage({ site, entries, timeZone, urlOf, current }: FeedPageSource, format: FeedFormat): () => string {
  const stylesheet = siteUrls(site.baseUrl).stylesheet;
  const feed = { kind: format, title: site.title, url: current ? current(format) : urlOf(format) };
  return () => renderFeedPage({ site, feed, entries, timeZone, stylesheet, archive: current !== undefined });
}

/**
 * The three feeds (newest `site.itemLimit` entries, and any story older than those in no complete
 * archive page yet: core/archive-pages.ts) and the index page. `entries` must be sorted newest
 * first; `newestDeletion` is when a story was last deleted (epoch ms). The feeds
 * are dated by their own entries and the deletions they announce: an edit of a story too old to
 * be in them leaves their bytes, and so their ETag, as they were (new-user trial: every subscriber
 * downloaded the feed again for a change it does not carry). The index, whose category and author
 * counts any story moves, is dated by the newest change of all.
 */
export function renderFrontDocuments(
  site: Site,
  entries: readonly Entry[],
  newestDeletion: number | undefined,
  timeZone: string,
  archive: ArchiveLedger,
  tombstones: readonly Tombstone[] = [],
  facets: { categories: readonly FacetLink[]; authors: readonly FacetLink[] } = { categories: [], authors: [] },
): Document[] {
  const latest = entries.slice(0, site.itemLimit);
  const inFeeds = subscriptionEntries(entries, archive, site.itemLimit);
  const links = siteLinks(site);
  const updated = feedUpdated(inFeeds, newestDeletion);
  const feeds = renderFeedPieces(site, inFeeds, updated, links, { tombstones, history: archiveHistory(site, inFeeds, archive) });
  // WebSub §4: the front feeds advertise hub and self in Link headers as well as in the feed.
  const self = site.hubs.length > 0 ? (f: FeedFormat) => links[f] : undefined;
  return [
    ...feedDocuments(feeds, paths.feed, updated, 'live', { site, entries: inFeeds, timeZone, urlOf: (f) => links[f] }, self),
    {
      path: paths.home,
      contentType: MEDIA_TYPES.html,
      body: renderIndex(site, latest, links, timeZone, { facets, opml: siteUrls(site.baseUrl).discovery('opml') }),
      lastModified: feedUpdated(entries, newestDeletion),
      freshness: 'live',
    },
  ];
}

/** A story's own page, at `/articles/<slug>`. */
export function renderStoryDocument(site: Site, entry: Entry, timeZone: string): Document {
  return {
    path: paths.article(entry.slug),
    contentType: MEDIA_TYPES.html,
    body: renderStoryPage(site, entry, siteLinks(site), timeZone),
    lastModified: entry.updated,
    freshness: 'live',
  };
}

/** The feeds' date: the newest entry update or deletion; a fixed epoch for an empty, never-changed site. */
export function feedUpdated(entries: readonly Entry[], newestDeletion: number | undefined): Date {
  let newest = newestDeletion ?? 0;
  for (const e of entries) newest = Math.max(newest, e.updated.getTime());
  return new Date(newest === 0 ? Date.UTC(2000, 0, 1) : newest);
}

/**
 * True when `entry` belongs to the facet page `name` (a facetKey): stories in a category (front
 * matter or folder), or by an author (one of its credit's), under any name spelled as that page.
 */
export function inFacet(entry: Entry, facet: Facet, name: string): boolean {
  const names = facet === 'categories' ? entry.categories : authorsOf(entry);
  return names.includes(name) || names.some((n) => facetKey(n) === name);
}

/**
 * A category's or author's three feeds and its HTML page, from `entries` (all, newest first),
 * or undefined when no story is in it. Each is a feed of its own: its own title, id and self links.
 */
export function renderFacetDocuments(
  site: Site,
  facet: Facet,
  name: string,
  entries: readonly Entry[],
  timeZone: string,
): Document[] | undefined {
  const latest: Entry[] = [];
  for (const e of entries) {
    if (inFacet(e, facet, name)) latest.push(e);
    if (latest.length >= site.itemLimit) break;
  }
  if (latest.length === 0) return undefined;
  const urls = siteUrls(site.baseUrl);
  const facetSite: Site = { ...site, title: `${site.title}: ${name}`, id: urls.facet(facet, name) };
  const feedUrl = (f: FeedFormat) => urls.facetFeed(facet, name, f);
  const links: PageLinks = {
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

function historyFor(make: (format: FeedFormat) => HistoryLinks) {
  return { rss: make('rss'), atom: make('atom'), json: make('json') };
}

/** The subscription feeds' link to the newest archive page that holds a story they do not (core/archive-pages.ts). */
function archiveHistory(site: Site, inFeeds: readonly Entry[], archive: ArchiveLedger) {
  const page = newestArchiveBeyond(inFeeds, archive, site.itemLimit);
  if (page === undefined) return undefined;
  const urls = siteUrls(site.baseUrl);
  return historyFor((f) => ({ prevArchive: urls.archive(page, f) }));
}

/**
 * Archive page `page` in all three formats, or undefined when there is no such complete page.
 * A complete page changes only when one of its own stories is edited or deleted. `newestDeletion`
 * (epoch ms) is the earliest its Last-Modified may be (archiveModified).
 */
export function renderArchiveDocuments(
  site: Site,
  page: number,
  archive: ArchiveLedger,
  timeZone = 'UTC',
  newestDeletion?: number,
): Document[] | undefined {
  const slice = archivePageEntries(archive, page, site.itemLimit);
  return slice && renderArchivePage(site, page, archivePageCount(archive, site.itemLimit), slice, timeZone, newestDeletion);
}

/**
 * An archive page's Last-Modified: its newest story's update, or the site's newest deletion when
 * later. A page whose newest story was deleted was otherwise dated back, and a reader asking
 * If-Modified-Since got 304 for the changed page (attack trial). The page's own bytes keep the
 * date of its stories, so a deletion elsewhere changes no page: only the header moves.
 */
export function archiveModified(pageUpdated: Date, newestDeletion: number | undefined): Date {
  return newestDeletion !== undefined && newestDeletion > pageUpdated.getTime() ? new Date(newestDeletion) : pageUpdated;
}

/** Archive page `page` of `pages` holding `slice` (newest first): its three feeds. */
export function renderArchivePage(
  site: Site,
  page: number,
  pages: number,
  slice: readonly Entry[],
  timeZone = 'UTC',
  newestDeletion?: number,
): Document[] {
  const updated = feedUpdated(slice, undefined);
  const urls = siteUrls(site.baseUrl);
  const links = { home: urls.home, rss: urls.archive(page, 'rss'), atom: urls.archive(page, 'atom'), json: urls.archive(page, 'json') };
  const history = historyFor((f) => ({
    current: urls.feed(f),
    prevArchive: page > 1 ? urls.archive(page - 1, f) : undefined,
    nextArchive: page < pages ? urls.archive(page + 1, f) : undefined,
  }));
  const feeds = renderFeedPieces({ ...site, hubs: [] }, slice, updated, links, { history, archive: true });
  return feedDocuments(feeds, (f) => paths.archive(page, f), archiveModified(updated, newestDeletion), 'archive', {
    site,
    entries: slice,
    timeZone,
    urlOf: (f) => urls.archive(page, f),
    current: (f) => urls.feed(f),
  });
}

// Every document the site serves, as data: feeds, index and story pages with their URLs and types.
import type { Entry, Site, Tombstone } from './model.js';
import { articleUrlPath, encodeSegment } from './paths.js';
import { type HistoryLinks, renderFeeds } from './render-feeds.js';
import { type FacetLink, type PageLinks, renderIndex, renderStoryPage } from './render-pages.js';

/** One rendered document, not yet encoded. */
export interface Document {
  /** URL path, percent-encoded exactly as links write it. */
  path: string;
  contentType: string;
  body: string;
  lastModified: Date;
  cacheControl: string;
  /** Response headers of this document only (WebSub's Link header on feeds). */
  headers?: Readonly<Record<string, string>>;
}

export const MEDIA_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

export const FEED_PATHS = { rss: '/feed.xml', atom: '/atom.xml', json: '/feed.json' } as const;

export function siteLinks(site: Site): PageLinks {
  return {
    home: `${site.baseUrl}/`,
    rss: site.baseUrl + FEED_PATHS.rss,
    atom: site.baseUrl + FEED_PATHS.atom,
    json: site.baseUrl + FEED_PATHS.json,
    stylesheet: `${site.baseUrl}/style.css`,
  };
}

function cacheControl(site: Site): string {
  return `public, max-age=${site.maxAge}, stale-while-revalidate=${Math.max(60, site.maxAge)}`;
}

/**
 * The three feeds (newest `site.itemLimit` entries) and the index page. `entries` must be
 * sorted newest first; `updated` is the newest change (entry update or deletion).
 */
export function renderFrontDocuments(
  site: Site,
  entries: readonly Entry[],
  updated: Date,
  timeZone: string,
  tombstones: readonly Tombstone[] = [],
  facets: { categories: readonly FacetLink[]; authors: readonly FacetLink[] } = { categories: [], authors: [] },
): Document[] {
  const latest = entries.slice(0, site.itemLimit);
  const links = siteLinks(site);
  const feeds = renderFeeds(site, latest, updated, links, { tombstones, history: archiveHistory(site, entries.length) });
  const cc = cacheControl(site);
  // WebSub §4: a publisher advertises hub and self in Link headers as well as in the feed.
  const linkHeader = (self: string) =>
    site.hubs.length > 0 ? { link: [...site.hubs.map((h) => `<${h}>; rel="hub"`), `<${self}>; rel="self"`].join(', ') } : undefined;
  return [
    {
      path: FEED_PATHS.rss,
      contentType: MEDIA_TYPES.rss,
      body: feeds.rss,
      lastModified: updated,
      cacheControl: cc,
      headers: linkHeader(links.rss),
    },
    {
      path: FEED_PATHS.atom,
      contentType: MEDIA_TYPES.atom,
      body: feeds.atom,
      lastModified: updated,
      cacheControl: cc,
      headers: linkHeader(links.atom),
    },
    {
      path: FEED_PATHS.json,
      contentType: MEDIA_TYPES.json,
      body: feeds.json,
      lastModified: updated,
      cacheControl: cc,
      headers: linkHeader(links.json),
    },
    {
      path: '/',
      contentType: MEDIA_TYPES.html,
      body: renderIndex(site, latest, links, timeZone, { facets }),
      lastModified: updated,
      cacheControl: cc,
    },
  ];
}

/** A story's own page, at `/articles/<slug>`. */
export function renderStoryDocument(site: Site, entry: Entry, timeZone: string): Document {
  return {
    path: articleUrlPath(entry.slug),
    contentType: MEDIA_TYPES.html,
    body: renderStoryPage(site, entry, siteLinks(site), timeZone),
    lastModified: entry.updated,
    cacheControl: cacheControl(site),
  };
}

/** The feeds' date: the newest entry update or deletion; a fixed epoch for an empty, never-changed site. */
export function feedUpdated(entries: readonly Entry[], newestDeletion: number | undefined): Date {
  let newest = newestDeletion ?? 0;
  for (const e of entries) newest = Math.max(newest, e.updated.getTime());
  return new Date(newest === 0 ? Date.UTC(2000, 0, 1) : newest);
}

/** The two kinds of sub-feed: stories in a category (front matter or folder), and stories by an author (credit). */
export const FACETS = ['categories', 'authors'] as const;
export type Facet = (typeof FACETS)[number];

/** `/categories/<name>/` or `/authors/<name>/`, the name percent-encoded as one segment. */
export function facetPath(facet: Facet, name: string): string {
  return `/${facet}/${encodeSegment(name)}/`;
}

/** True when `entry` belongs to the facet page `name`. */
export function inFacet(entry: Entry, facet: Facet, name: string): boolean {
  return facet === 'categories' ? entry.categories.includes(name) : entry.author === name;
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
  const base = facetPath(facet, name);
  const facetSite: Site = { ...site, title: `${site.title}: ${name}`, id: `${site.baseUrl}${base}` };
  const links: PageLinks = {
    home: site.baseUrl + base,
    rss: `${site.baseUrl}${base}feed.xml`,
    atom: `${site.baseUrl}${base}atom.xml`,
    json: `${site.baseUrl}${base}feed.json`,
    stylesheet: `${site.baseUrl}/style.css`,
  };
  const updated = feedUpdated(latest, undefined);
  const feeds = renderFeeds(facetSite, latest, updated, links);
  const cc = cacheControl(site);
  return [
    { path: `${base}feed.xml`, contentType: MEDIA_TYPES.rss, body: feeds.rss, lastModified: updated, cacheControl: cc },
    { path: `${base}atom.xml`, contentType: MEDIA_TYPES.atom, body: feeds.atom, lastModified: updated, cacheControl: cc },
    { path: `${base}feed.json`, contentType: MEDIA_TYPES.json, body: feeds.json, lastModified: updated, cacheControl: cc },
    {
      path: base,
      contentType: MEDIA_TYPES.html,
      body: renderIndex({ ...facetSite, description: site.title }, latest, links, timeZone, { home: `${site.baseUrl}/` }),
      lastModified: updated,
      cacheControl: cc,
    },
  ];
}

/**
 * RFC 5005 archives: the stories, oldest first, in pages of `itemLimit`; only complete pages are
 * archives (page 1 is the oldest). Every story is in the subscription feeds (the newest
 * `itemLimit`) or in a complete page, so a reader can rebuild the whole history.
 */
export function archivePageCount(site: Site, total: number): number {
  return Math.floor(total / site.itemLimit);
}

const ARCHIVE_FILES = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' } as const;

/** `/archive/<page>/feed.xml`, `atom.xml` or `feed.json`. */
export function archivePath(page: number, format: keyof typeof ARCHIVE_FILES): string {
  return `/archive/${page}/${ARCHIVE_FILES[format]}`;
}

function historyFor(make: (format: keyof typeof ARCHIVE_FILES) => HistoryLinks) {
  return { rss: make('rss'), atom: make('atom'), json: make('json') };
}

/** The subscription feeds' link to the newest complete archive page, if there is one. */
function archiveHistory(site: Site, total: number) {
  const pages = archivePageCount(site, total);
  if (pages < 1) return undefined;
  return historyFor((f) => ({ prevArchive: site.baseUrl + archivePath(pages, f) }));
}

/**
 * Archive page `page` in all three formats, or undefined when there is no such complete page.
 * Complete pages change only when an older story is deleted or a backdated one arrives, so they
 * are cached for a day rather than the feeds' minutes.
 */
export function renderArchiveDocuments(site: Site, page: number, entries: readonly Entry[]): Document[] | undefined {
  const pages = archivePageCount(site, entries.length);
  if (!Number.isInteger(page) || page < 1 || page > pages) return undefined;
  const size = site.itemLimit;
  const slice = entries.slice(entries.length - page * size, entries.length - (page - 1) * size);
  const updated = feedUpdated(slice, undefined);
  const url = (p: number, f: keyof typeof ARCHIVE_FILES) => site.baseUrl + archivePath(p, f);
  const links = { home: `${site.baseUrl}/`, rss: url(page, 'rss'), atom: url(page, 'atom'), json: url(page, 'json') };
  const current = { rss: site.baseUrl + FEED_PATHS.rss, atom: site.baseUrl + FEED_PATHS.atom, json: site.baseUrl + FEED_PATHS.json };
  const history = historyFor((f) => ({
    current: current[f],
    prevArchive: page > 1 ? url(page - 1, f) : undefined,
    nextArchive: page < pages ? url(page + 1, f) : undefined,
  }));
  const feeds = renderFeeds({ ...site, hubs: [] }, slice, updated, links, { history, archive: true });
  const cc = 'public, max-age=86400';
  return [
    { path: archivePath(page, 'rss'), contentType: MEDIA_TYPES.rss, body: feeds.rss, lastModified: updated, cacheControl: cc },
    { path: archivePath(page, 'atom'), contentType: MEDIA_TYPES.atom, body: feeds.atom, lastModified: updated, cacheControl: cc },
    { path: archivePath(page, 'json'), contentType: MEDIA_TYPES.json, body: feeds.json, lastModified: updated, cacheControl: cc },
  ];
}

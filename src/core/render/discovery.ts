// The documents crawlers and feed readers look for, as Documents: sitemaps, the Google News sitemap, the OPML list of feeds, robots.txt.
import type { Entry, Site } from '../model.js';
import { DISCOVERY, paths, siteUrls } from '../routes.js';
import type { Document } from './documents.js';
import { renderOpml } from './opml.js';
import { sitePageWords } from '../site-page-words.js';
import { SITEMAP_LIMITS, type SkippedUrl, type SitemapOptions, renderNewsSitemap, renderSitemaps } from './sitemaps.js';

export const DISCOVERY_TYPES = {
  xml: 'application/xml; charset=utf-8',
  opml: 'text/x-opml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

/** What the site's sitemaps and OPML are made from: published entries only (never held or draft). */
export interface DiscoveryInput {
  site: Site;
  /** Every published entry (any order: the renderers sort). */
  entries: readonly Entry[];
  /** Category and author names that have a page and feeds. */
  categories: Iterable<string>;
  authors: Iterable<string>;
  /** The site's newest change (feedUpdated): Last-Modified of every document that does not depend on the clock. */
  updated: Date;
}

/** `/sitemap.xml` and, past 50,000 URLs (or 50 MiB), its `/sitemap-N.xml` pages; skipped URLs for the problem list. */
export function renderSitemapDocuments(
  input: DiscoveryInput,
  options: SitemapOptions = {},
): { documents: Document[]; skipped: SkippedUrl[] } {
  const urls = siteUrls(input.site.baseUrl);
  const { sitemap, pages, skipped } = renderSitemaps(
    input.entries,
    {
      home: urls.home,
      categoryPage: (name) => urls.facet('categories', name),
      authorPage: (name) => urls.facet('authors', name),
      sitemapPage: urls.sitemapPage,
    },
    options,
  );
  const doc = (path: string, body: string): Document => ({
    path,
    contentType: DISCOVERY_TYPES.xml,
    body,
    lastModified: input.updated,
    freshness: 'live',
  });
  return { documents: [doc(DISCOVERY.sitemap, sitemap), ...pages.map((body, i) => doc(paths.sitemapPage(i + 1), body))], skipped };
}

/**
 * `/news-sitemap.xml` at `now`: the stories of the 48 hours before it. It changes with the clock
 * as well as the catalog, so it says when it goes stale (`validUntil`, epoch ms: the moment its
 * oldest story leaves the window) and is cached briefly (`short`). Last-Modified is the later of
 * the site's newest change and the moment the last story left the window, never after `now`.
 */
export function renderNewsSitemapDocument(
  input: DiscoveryInput,
  now: Date,
): { document: Document; skipped: SkippedUrl[]; validUntil: number } {
  const { sitemap, skipped } = renderNewsSitemap(input.entries, input.site, { now });
  const window = SITEMAP_LIMITS.newsWindowMs;
  const from = now.getTime() - window;
  let oldestListed = Number.POSITIVE_INFINITY;
  let newestDropped = Number.NEGATIVE_INFINITY;
  // A story dated after `now` (a clock step back) joins the window at its date.
  let soonestAhead = Number.POSITIVE_INFINITY;
  for (const e of input.entries) {
    const t = e.published.getTime();
    if (t > now.getTime()) soonestAhead = Math.min(soonestAhead, t);
    else if (t >= from) oldestListed = Math.min(oldestListed, t);
    else newestDropped = Math.max(newestDropped, t);
  }
  const changed = Math.min(now.getTime(), Math.max(input.updated.getTime(), newestDropped + window));
  return {
    document: {
      path: DISCOVERY.newsSitemap,
      contentType: DISCOVERY_TYPES.xml,
      body: sitemap,
      lastModified: new Date(changed),
      freshness: 'short',
    },
    skipped,
    validUntil: Math.min(oldestListed + window + 1, soonestAhead),
  };
}

/** `/feeds.opml`: the site's RSS feed, then every category's and author's (OPML 2.0). */
export function renderOpmlDocument(input: DiscoveryInput): Document {
  const urls = siteUrls(input.site.baseUrl);
  const words = sitePageWords(input.site.language);
  const body = renderOpml(
    {
      siteTitle: input.site.title,
      categories: [...input.categories],
      authors: [...input.authors],
      dateModified: input.updated,
      // The folders a reader shows on import, in the site's language as its pages are (new-user trial: English on a Thai site).
      labels: { categories: words.categories, authors: words.authors },
    },
    {
      home: urls.home,
      siteFeed: urls.feed('rss'),
      categoryPage: (name) => urls.facet('categories', name),
      categoryFeed: (name) => urls.facetFeed('categories', name, 'rss'),
      authorPage: (name) => urls.facet('authors', name),
      authorFeed: (name) => urls.facetFeed('authors', name, 'rss'),
    },
  );
  return { path: DISCOVERY.opml, contentType: DISCOVERY_TYPES.opml, body, lastModified: input.updated, freshness: 'live' };
}

/**
 * robots.txt (RFC 9309): everything may be crawled; the sitemaps are named with absolute URLs,
 * as the sitemaps.org protocol asks.
 */
export function renderRobotsDocument(site: Site, updated: Date): Document {
  const urls = siteUrls(site.baseUrl);
  const body = `User-agent: *\nAllow: /\n\nSitemap: ${urls.discovery('sitemap')}\nSitemap: ${urls.discovery('newsSitemap')}\n`;
  return { path: DISCOVERY.robots, contentType: DISCOVERY_TYPES.text, body, lastModified: updated, freshness: 'live' };
}

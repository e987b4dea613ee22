// Search-engine sitemaps: the sitemaps.org urlset (split under an index when large) and the Google News sitemap.
import { hasFacetPage } from '../routes.js';
import { authorsOf } from '../credit-authors.js';
import type { Entry, Site } from '../model.js';
import { escapeXml } from '../text.js';

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

/** Limits from https://www.sitemaps.org/protocol.html and Google's news sitemap guidelines. */
export const SITEMAP_LIMITS = {
  /** URLs in one urlset, and sitemaps in one index. */
  urlsPerFile: 50_000,
  /** Uncompressed bytes of one file (50 MiB). */
  bytesPerFile: 52_428_800,
  /** A `<loc>` "must be less than 2,048 characters". */
  locLength: 2048,
  /** `<news:news>` tags in one news sitemap. */
  newsUrls: 1000,
  /** Only stories published in the last two days belong in a news sitemap. */
  newsWindowMs: 48 * 60 * 60 * 1000,
} as const;

/** Why a URL was left out of a sitemap: the caller reports it as a warning, it never stops the rest. */
export const SitemapSkip = {
  LocTooLong: 'LOC_TOO_LONG',
  BadDate: 'BAD_DATE',
  NoLanguage: 'NO_LANGUAGE',
} as const;
export type SitemapSkip = (typeof SitemapSkip)[keyof typeof SitemapSkip];

export interface SkippedUrl {
  url: string;
  code: SitemapSkip;
  reason: string;
}

/**
 * The few URLs a sitemap needs besides the stories' own. Kept minimal so the routes module
 * (core/routes.ts, on another branch) can be passed in as it is.
 */
export interface SitemapUrls {
  /** Absolute URL of the home page. */
  home: string;
  /** Absolute URL of a category's HTML page. */
  categoryPage(name: string): string;
  /** Absolute URL of an author's HTML page. */
  authorPage(name: string): string;
  /** Absolute URL of numbered sitemap page `n` (1-based), listed in the index when the site needs more than one file. */
  sitemapPage(n: number): string;
}

/** What the sitemap reads from an entry. */
export type SitemapEntry = Pick<Entry, 'url' | 'published' | 'updated' | 'categories' | 'author'>;

export interface SitemapOptions {
  /** URLs per file; default 50,000 (the protocol's limit). Smaller in tests. */
  maxUrlsPerFile?: number;
  /** Uncompressed UTF-8 bytes per file; default 52,428,800 (50 MiB, the protocol's limit). */
  maxBytesPerFile?: number;
}

export interface Sitemaps {
  /** The document for `/sitemap.xml`: a `<urlset>` when everything fits in one file, else a `<sitemapindex>` of `pages`. */
  sitemap: string;
  /** `<urlset>` pages, `pages[i]` served at `urls.sitemapPage(i + 1)`; empty when `sitemap` is the urlset itself. */
  pages: string[];
  skipped: SkippedUrl[];
}

/**
 * W3C Datetime (https://www.w3.org/TR/NOTE-datetime) in UTC to the second: `2024-05-01T09:30:00Z`.
 * Undefined for an invalid date or a year outside 0000–9999, which the format cannot write.
 */
export function w3cDateTime(date: Date): string | undefined {
  const t = date.getTime();
  if (!Number.isFinite(t)) return undefined;
  const iso = date.toISOString();
  // Extended years come out as ±YYYYYY-..., which neither W3C Datetime nor xsd:dateTime readers expect here.
  if (!/^\d{4}-/.test(iso)) return undefined;
  return `${iso.slice(0, 19)}Z`;
}

interface UrlRecord {
  loc: string;
  lastmod?: Date;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const URLSET_OPEN = `${XML_DECL}<urlset xmlns="${SITEMAP_NS}">\n`;
const URLSET_CLOSE = '</urlset>\n';

/**
 * The site's sitemap (https://www.sitemaps.org/protocol.html): the home page, every category and author
 * page with `lastmod` = the newest `updated` among its stories, then every story page with `lastmod` = the
 * entry's `updated`. Pass published entries only: held (embargoed) and draft stories must not be given,
 * and nothing here reads the clock to filter them.
 *
 * Over `maxUrlsPerFile` URLs or `maxBytesPerFile` bytes the URLs are split into pages and `sitemap`
 * becomes a sitemap index of them. Stories come last and oldest first, so a new story changes only the
 * first page (home and facet dates) and the last one: the pages between keep their bytes and ETags.
 * Same input, same bytes. A URL of 2,048 characters or more is left out and reported in `skipped`.
 * Throws a RangeError if the index itself would list more than `maxUrlsPerFile` pages.
 */
export function renderSitemaps(entries: readonly SitemapEntry[], urls: SitemapUrls, options: SitemapOptions = {}): Sitemaps {
  const maxUrls = options.maxUrlsPerFile ?? SITEMAP_LIMITS.urlsPerFile;
  const maxBytes = options.maxBytesPerFile ?? SITEMAP_LIMITS.bytesPerFile;
  const skipped: SkippedUrl[] = [];
  const seen = new Set<string>();
  const lines: { line: string; lastmod?: Date }[] = [];
  for (const record of sitemapRecords(entries, urls)) {
    if (seen.has(record.loc)) continue;
    seen.add(record.loc);
    if (record.loc.length >= SITEMAP_LIMITS.locLength) {
      skipped.push(tooLong(record.loc));
      continue;
    }
    const lastmod = record.lastmod && w3cDateTime(record.lastmod);
    lines.push({
      line: `  <url><loc>${escapeXml(record.loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>\n`,
      lastmod: lastmod ? record.lastmod : undefined,
    });
  }

  const budget = maxBytes - byteLength(URLSET_OPEN) - byteLength(URLSET_CLOSE);
  const pages: { body: string[]; lastmod?: Date }[] = [];
  let current: { body: string[]; lastmod?: Date; bytes: number } | undefined;
  for (const { line, lastmod } of lines) {
    const size = byteLength(line);
    if (!current || current.body.length >= maxUrls || current.bytes + size > budget) {
      current = { body: [], bytes: 0 };
      pages.push(current);
    }
    current.body.push(line);
    current.bytes += size;
    if (lastmod && (!current.lastmod || lastmod > current.lastmod)) current.lastmod = lastmod;
  }
  const urlsets = pages.map((p) => URLSET_OPEN + p.body.join('') + URLSET_CLOSE);
  if (urlsets.length <= 1) return { sitemap: urlsets[0] ?? URLSET_OPEN + URLSET_CLOSE, pages: [], skipped };
  if (urlsets.length > maxUrls) {
    throw new RangeError(`sitemap needs ${urlsets.length} pages; one index lists at most ${maxUrls}`);
  }
  const index = pages.map((p, i) => {
    const lastmod = p.lastmod && w3cDateTime(p.lastmod);
    return `  <sitemap><loc>${escapeXml(urls.sitemapPage(i + 1))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</sitemap>\n`;
  });
  return { sitemap: `${XML_DECL}<sitemapindex xmlns="${SITEMAP_NS}">\n${index.join('')}</sitemapindex>\n`, pages: urlsets, skipped };
}

/** Home, categories, authors, stories (oldest first); names in code-unit order so no locale changes the bytes. */
function sitemapRecords(entries: readonly SitemapEntry[], urls: SitemapUrls): UrlRecord[] {
  let newest: Date | undefined;
  const categories = new Map<string, Date>();
  const authors = new Map<string, Date>();
  for (const e of entries) {
    if (!newest || e.updated > newest) newest = e.updated;
    for (const c of e.categories) if (c && hasFacetPage(c)) bump(categories, c, e.updated);
    for (const name of authorsOf(e)) if (hasFacetPage(name)) bump(authors, name, e.updated);
  }
  const stories = [...entries].sort((a, b) => a.published.getTime() - b.published.getTime() || compareCodeUnits(a.url, b.url));
  return [
    { loc: urls.home, lastmod: newest },
    ...sortedKeys(categories).map((name) => ({ loc: urls.categoryPage(name), lastmod: categories.get(name) })),
    ...sortedKeys(authors).map((name) => ({ loc: urls.authorPage(name), lastmod: authors.get(name) })),
    ...stories.map((e) => ({ loc: e.url, lastmod: e.updated })),
  ];
}

/** What the news sitemap reads from an entry. */
export type NewsSitemapEntry = Pick<Entry, 'url' | 'published' | 'title' | 'language'>;

export interface NewsSitemapOptions {
  /** The moment the document is made: stories published in the 48 hours before it are listed. */
  now: Date;
  /** `news:name`; default `site.title`. Google wants it exactly as the publication is known in Google News. */
  publicationName?: string;
  /** Default 1,000 (Google's limit); the newest are kept. */
  maxUrls?: number;
  /** Default 48 hours. */
  windowMs?: number;
}

/**
 * The Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
 * stories published in the 48 hours up to `now` (none dated after it), newest first, at most 1,000, each with
 * `news:publication` (name from the site title, language from the story's own, else the site's, see
 * `newsLanguage`), `news:publication_date` and `news:title`. Pass published entries only (never held or
 * draft stories). With no recent story the `<urlset>` is empty: Google accepts that ("it won't cause any
 * problems"), though the sitemaps.org XSD asks for at least one `<url>`.
 */
export function renderNewsSitemap(
  entries: readonly NewsSitemapEntry[],
  site: Pick<Site, 'title' | 'language'>,
  options: NewsSitemapOptions,
): { sitemap: string; skipped: SkippedUrl[] } {
  const now = options.now.getTime();
  const from = now - (options.windowMs ?? SITEMAP_LIMITS.newsWindowMs);
  const max = options.maxUrls ?? SITEMAP_LIMITS.newsUrls;
  const name = escapeXml(options.publicationName ?? site.title);
  const recent = entries
    .filter((e) => e.published.getTime() >= from && e.published.getTime() <= now)
    .sort((a, b) => b.published.getTime() - a.published.getTime() || compareCodeUnits(a.url, b.url));
  const skipped: SkippedUrl[] = [];
  const items: string[] = [];
  for (const e of recent) {
    if (items.length >= max) break;
    const language = newsLanguage(e.language) ?? newsLanguage(site.language);
    const date = w3cDateTime(e.published);
    if (e.url.length >= SITEMAP_LIMITS.locLength) {
      skipped.push(tooLong(e.url));
    } else if (!language) {
      skipped.push({
        url: e.url,
        code: SitemapSkip.NoLanguage,
        reason: `no ISO 639 code in "${e.language ?? ''}" or the site's "${site.language}"`,
      });
    } else if (!date) {
      skipped.push({ url: e.url, code: SitemapSkip.BadDate, reason: 'publication date cannot be written as a W3C datetime' });
    } else {
      items.push(
        `  <url>\n    <loc>${escapeXml(e.url)}</loc>\n    <news:news>\n` +
          `      <news:publication><news:name>${name}</news:name><news:language>${language}</news:language></news:publication>\n` +
          `      <news:publication_date>${date}</news:publication_date>\n` +
          `      <news:title>${escapeXml(e.title)}</news:title>\n    </news:news>\n  </url>\n`,
      );
    }
  }
  return { sitemap: `${XML_DECL}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${items.join('')}</urlset>\n`, skipped };
}

// Chinese is the one language Google splits by script; these regions write Traditional characters.
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * The `news:language` code for a BCP 47 tag: Google asks for an ISO 639 code of 2 or 3 letters, except
 * `zh-cn` for Simplified and `zh-tw` for Traditional Chinese. The primary subtag is taken (`en-GB` → `en`);
 * Chinese goes by script (`Hans`/`Hant`), then region (TW, HK, MO → `zh-tw`), else `zh-cn`.
 * Undefined when the tag has no 2–3 letter primary subtag (`x-private`, `i-klingon`, empty).
 */
export function newsLanguage(tag: string | undefined): string | undefined {
  const subtags = (tag ?? '').trim().toLowerCase().split(/[-_]/);
  const primary = subtags[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(primary)) return undefined;
  if (primary !== 'zh' && primary !== 'zho' && primary !== 'chi') return primary;
  const rest = subtags.slice(1);
  if (rest.includes('hans')) return 'zh-cn';
  if (rest.includes('hant') || rest.some((s) => TRADITIONAL_REGIONS.has(s))) return 'zh-tw';
  return 'zh-cn';
}

function tooLong(url: string): SkippedUrl {
  return {
    url,
    code: SitemapSkip.LocTooLong,
    reason: `URL is ${url.length} characters; sitemaps allow fewer than ${SITEMAP_LIMITS.locLength}`,
  };
}

function bump(map: Map<string, Date>, key: string, date: Date): void {
  const known = map.get(key);
  if (!known || date > known) map.set(key, date);
}

function sortedKeys(map: Map<string, Date>): string[] {
  return [...map.keys()].sort(compareCodeUnits);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// Every public URL and build path of the site: made and matched here, nowhere else.
//
// `paths` makes each kind of URL path from its parameters, `matchRoute` turns a request path back
// into a `Route` (the same kinds, as a union), `buildFile` says where `build` writes a path, and
// `siteUrls` puts the public origin in front. A new document (as sitemap.xml and feeds.opml
// were: DISCOVERY) is one maker in `paths` (or a fixed path in ASSETS/ENDPOINTS/DISCOVERY), one
// case of `Route`, and its renderer; nothing else spells a path.
import { imageType } from './media.js';

/** Feed formats, each with its file name in every folder that has feeds. */
export const FEED_FILES = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' } as const;
export type FeedFormat = keyof typeof FEED_FILES;
export const FEED_FORMATS = Object.keys(FEED_FILES) as FeedFormat[];

/** Category and author pages: each facet is a folder with an index page and the three feeds. */
export const FACETS = ['categories', 'authors'] as const;
export type Facet = (typeof FACETS)[number];

/** Fixed files served from `public/`. */
export const ASSETS = { stylesheet: '/style.css', feedXsl: '/feed.xsl' } as const;

/** Files of the public folder that only the desk serves: the public port and a static export leave them out. */
export const DESK_ASSETS: ReadonlySet<string> = new Set(['/desk.js', '/desk.css']);

/**
 * Documents for crawlers and feed readers, rendered from the catalog like the feeds: the
 * sitemaps.org sitemap (an index of `/sitemap-N.xml` pages past 50,000 URLs), the Google News
 * sitemap, the OPML list of every feed, and robots.txt (which names the sitemaps).
 */
export const DISCOVERY = { sitemap: '/sitemap.xml', newsSitemap: '/news-sitemap.xml', opml: '/feeds.opml', robots: '/robots.txt' } as const;
export type DiscoveryDocument = keyof typeof DISCOVERY;

/** A static export's error page, for the web server's `error_page 404` (the live server renders its errors per request). */
export const BUILD_PAGES = { notFound: '/404.html' } as const;

/** Operational endpoints (never in a build). */
export const ENDPOINTS = { health: '/healthz', status: '/status' } as const;

const ARTICLES = 'articles';
const ARCHIVE = 'archive';

/** Percent-encode one path segment; `.` and `..` are encoded too so no URL normalisation can move them. */
export function encodeSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  return encodeURIComponent(segment);
}

/**
 * A category or author name as the one URL segment of its page: a static host serves that page
 * from a folder of that name, which cannot hold `/` or `\\` nor be `.` or `..` (a `24/7 News`
 * credit or an `AC/DC` tag made `build` skip the page and fail). They are spelled with the signs
 * that look the same (U+2215, U+29F5, U+FF0E), and read back by matchRoute; the name itself, in
 * feeds and on pages, stays as written.
 */
function facetSegment(name: string): string {
  return encodeSegment(spelled(name));
}

function spelled(name: string): string {
  const s = name.replace(/\//g, '\u2215').replace(/\\/g, '\u29F5');
  return /^\.+$/.test(s) ? s.replace(/\./g, '\uFF0E') : s;
}

/** Most file systems hold a name of 255 bytes; a little is left for what a host adds (`.gz`, temporary names). */
const FACET_NAME_MAX_BYTES = 200;
const encoder = new TextEncoder();

/**
 * Whether a category or author called `name` has a page (and feeds): only when a static host can
 * hold its folder (attack trial: an author of 120 Thai letters, 360 bytes, made build fail). The
 * name stays in the story's feeds and on its page, unlinked.
 */
export function hasFacetPage(name: string): boolean {
  // A UTF-16 unit is at most three bytes spelled: most names need no encoding to know (this runs per story and name at start-up).
  if (3 * name.length <= FACET_NAME_MAX_BYTES) return true;
  return encoder.encode(spelled(name)).length <= FACET_NAME_MAX_BYTES;
}

/**
 * The page a category or author name is on: names that URLs spell the same (`a/b` and `a∕b`,
 * `.` and `．`) are one page, which lists the stories of both (attack trial: the second name's
 * stories were on no page, while their links led to the first's).
 */
export function facetKey(name: string): string {
  // Most names hold none of the signs: no regular expression for them (a restart keys every story's names).
  return LOOKALIKE_SIGNS.test(name) ? facetName(spelled(name)) : name;
}
const LOOKALIKE_SIGNS = /[/\\.\u2215\u29F5\uFF0E]/;

/** The pages (facetKey) that `names` are on, each once: names too long for a page have none. */
export function facetKeys(names: readonly string[]): ReadonlySet<string> | readonly string[] {
  if (names.length === 0) return names;
  if (names.length === 1) return hasFacetPage(names[0] as string) ? [facetKey(names[0] as string)] : [];
  const keys = new Set<string>();
  for (const name of names) if (hasFacetPage(name)) keys.add(facetKey(name));
  return keys;
}

function facetName(segment: string): string {
  const name = segment.replace(/\u2215/g, '/').replace(/\u29F5/g, '\\');
  return /^\uFF0E+$/.test(name) ? name.replace(/\uFF0E/g, '.') : name;
}

/** Decoded segments of an encoded path part; undefined for a malformed encoding. */
function decodeSegments(encoded: string): string[] | undefined {
  try {
    return encoded.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** True for a segment no file path may hold (empty, `.`, `..`, a separator or NUL). */
export function unsafeSegment(s: string): boolean {
  return s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0');
}

/** The site's URL paths, percent-encoded exactly as links write them. */
export const paths = {
  home: '/',
  feed: (format: FeedFormat): string => `/${FEED_FILES[format]}`,
  /** `/articles/<encoded slug>`: `world/asia/rain.txt` → `/articles/world/asia/rain`. */
  article: (slug: readonly string[]): string => `/${ARTICLES}/${slug.map(encodeSegment).join('/')}`,
  /** An image saved beside the stories, at its file path under `/articles/`. */
  image: (relPath: string): string => `/${ARTICLES}/${relPath.split('/').map(encodeSegment).join('/')}`,
  /** `/categories/<name>/` or `/authors/<name>/`: the facet's page (and the folder of its feeds). */
  facet: (facet: Facet, name: string): string => `/${facet}/${facetSegment(name)}/`,
  facetFeed: (facet: Facet, name: string, format: FeedFormat): string => `/${facet}/${facetSegment(name)}/${FEED_FILES[format]}`,
  /** RFC 5005 archive page `page` (1 is the oldest) in one format. */
  archive: (page: number, format: FeedFormat): string => `/${ARCHIVE}/${page}/${FEED_FILES[format]}`,
  /** Page `n` (1-based) of a sitemap too large for one file: `/sitemap-1.xml`, listed by the index at `/sitemap.xml`. */
  sitemapPage: (n: number): string => `/sitemap-${n}.xml`,
} as const;

/** What a request path names. Image and article paths share `/articles/`: an image has an image extension. */
export type Route =
  | { kind: 'home' }
  | { kind: 'feed'; format: FeedFormat }
  | { kind: 'article'; slug: string[] }
  | { kind: 'image'; relPath: string }
  | { kind: 'facet'; facet: Facet; name: string; format?: FeedFormat }
  | { kind: 'archive'; page: number; format: FeedFormat }
  | { kind: 'asset'; name: keyof typeof ASSETS }
  | { kind: 'discovery'; name: DiscoveryDocument }
  | { kind: 'sitemap-page'; page: number };

const FEED_BY_FILE = new Map<string, FeedFormat>(FEED_FORMATS.map((f) => [FEED_FILES[f], f]));
const ARCHIVE_PATH = /^\/archive\/([1-9]\d{0,8})\/([^/]+)$/;
const FACET_PATH = /^\/(categories|authors)\/([^/]+)\/([^/]*)$/;
const ASSET_BY_PATH = new Map<string, keyof typeof ASSETS>(Object.entries(ASSETS).map(([name, p]) => [p, name as keyof typeof ASSETS]));
const DISCOVERY_BY_PATH = new Map<string, DiscoveryDocument>(Object.entries(DISCOVERY).map(([name, p]) => [p, name as DiscoveryDocument]));
const SITEMAP_PAGE = /^\/sitemap-([1-9]\d{0,8})\.xml$/;

/** The route a URL path (no query) names, or undefined. Under `/articles/`, a name with an image type is an image. */
export function matchRoute(urlPath: string): Route | undefined {
  if (urlPath === paths.home) return { kind: 'home' };
  const feed = FEED_BY_FILE.get(urlPath.slice(1));
  if (feed) return { kind: 'feed', format: feed };
  const asset = ASSET_BY_PATH.get(urlPath);
  if (asset) return { kind: 'asset', name: asset };
  const discovery = DISCOVERY_BY_PATH.get(urlPath);
  if (discovery) return { kind: 'discovery', name: discovery };
  const sitemapPage = SITEMAP_PAGE.exec(urlPath);
  if (sitemapPage) return { kind: 'sitemap-page', page: Number(sitemapPage[1]) };
  if (urlPath.startsWith(`/${ARTICLES}/`)) {
    const segments = decodeSegments(urlPath.slice(ARTICLES.length + 2));
    if (!segments || segments.some(unsafeSegment)) return undefined;
    // Image paths are file paths, spelled as on disk; slugs are NFC like the catalog's.
    if (imageType(segments.at(-1) as string) !== undefined) return { kind: 'image', relPath: segments.join('/') };
    return { kind: 'article', slug: segments.map((s) => s.normalize('NFC')) };
  }
  const archive = ARCHIVE_PATH.exec(urlPath);
  if (archive) {
    const format = FEED_BY_FILE.get(archive[2] as string);
    return format ? { kind: 'archive', page: Number(archive[1]), format } : undefined;
  }
  const facet = FACET_PATH.exec(urlPath);
  if (facet) {
    const segment = decodeSegments(facet[2] as string)?.[0]?.normalize('NFC');
    const name = segment === undefined ? undefined : facetName(segment);
    const file = facet[3] as string;
    const format = FEED_BY_FILE.get(file);
    if (name === undefined || (file !== '' && !format)) return undefined;
    return { kind: 'facet', facet: facet[1] as Facet, name, ...(format ? { format } : {}) };
  }
  return undefined;
}

/**
 * Where a category or author URL spelled another way now lives, as links write it: a name with
 * `/` or `\\`, or of dots, was once linked percent-encoded (`/authors/24%2F7%20News/feed.xml`) and
 * is now spelled with look-alike signs (facetSegment), so a subscriber's old URL is sent there.
 * Undefined for any other path, and for a facet URL already spelled as links write it.
 */
export function facetRespelled(pathname: string): string | undefined {
  const route = matchRoute(pathname);
  if (route?.kind !== 'facet' || !hasFacetPage(route.name)) return undefined;
  const now = route.format ? paths.facetFeed(route.facet, route.name, route.format) : paths.facet(route.facet, route.name);
  return now === pathname || now === canonicalPath(pathname) ? undefined : now;
}

/** The canonical spelling of a request path: each segment decoded, NFC, re-encoded as links write it. */
export function canonicalPath(pathname: string): string | undefined {
  try {
    return pathname
      .split('/')
      .map((s) => encodeSegment(decodeURIComponent(s).normalize('NFC')))
      .join('/');
  } catch {
    return undefined;
  }
}

/**
 * The file a static build writes a URL path to: `/` → `index.html`, `/articles/a%20b` →
 * `articles/a b.html`, `/categories/x/` → `categories/x/index.html`, `/feed.xml` → `feed.xml`.
 * A `file` (an image beside the stories) is written at its own path.
 * deploy/nginx-static.conf maps the same way back (`try_files $uri $uri.html $uri/index.html`).
 */
export function buildFile(urlPath: string, kind: 'document' | 'file' = 'document'): string {
  if (urlPath === '/') return 'index.html';
  const folder = urlPath.endsWith('/');
  const segments = urlPath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  if (segments.some(unsafeSegment)) throw new Error(`refusing to write unsafe path ${urlPath}`);
  const file = segments.join('/');
  if (folder) return `${file}/index.html`;
  // Like path.extname: a name whose only dot is its first character has no extension.
  const hasExtension = (segments.at(-1) ?? '').lastIndexOf('.') > 0;
  if (kind === 'file') return file;
  return !hasExtension || segments[0] === ARTICLES ? `${file}.html` : file;
}

/** Absolute URLs of the site at `baseUrl` (no trailing slash): the same table, with the origin in front. */
export function siteUrls(baseUrl: string) {
  return {
    home: baseUrl + paths.home,
    feed: (format: FeedFormat) => baseUrl + paths.feed(format),
    feeds: () => FEED_FORMATS.map((f) => baseUrl + paths.feed(f)),
    article: (slug: readonly string[]) => baseUrl + paths.article(slug),
    facet: (facet: Facet, name: string) => baseUrl + paths.facet(facet, name),
    facetFeed: (facet: Facet, name: string, format: FeedFormat) => baseUrl + paths.facetFeed(facet, name, format),
    archive: (page: number, format: FeedFormat) => baseUrl + paths.archive(page, format),
    discovery: (name: DiscoveryDocument) => baseUrl + DISCOVERY[name],
    sitemapPage: (n: number) => baseUrl + paths.sitemapPage(n),
    stylesheet: baseUrl + ASSETS.stylesheet,
    feedXsl: baseUrl + ASSETS.feedXsl,
    /**
     * The file (relative to the articles folder) an absolute URL names when it is one of the
     * site's own `/articles/...` images, else undefined.
     */
    localImage(url: string): string | undefined {
      if (!url.startsWith(baseUrl)) return undefined;
      const route = matchRoute(url.slice(baseUrl.length).split(/[?#]/)[0] ?? '');
      return route?.kind === 'image' ? route.relPath : undefined;
    },
  };
}
export type SiteUrls = ReturnType<typeof siteUrls>;

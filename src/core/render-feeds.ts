// Entries → RSS 2.0, Atom 1.0 and JSON Feed 1.1 through `feed`, with its gaps covered.
import { Feed, type Item } from 'feed';
import type { Entry, Site, Tombstone } from './model.js';
import { escapeHtml, escapeXml } from './text.js';

export interface FeedLinks {
  /** Site home page (absolute). */
  home: string;
  rss: string;
  atom: string;
  json: string;
}

export interface RenderedFeeds {
  rss: string;
  atom: string;
  json: string;
}

const GENERATOR = 'feedpub';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const MEDIA_NS = 'http://search.yahoo.com/mrss/';

/**
 * Render the three feeds for `entries` (already chosen and ordered, newest first).
 * `updated` is the feed's own date (newest change), never the clock, so the same input gives
 * the same bytes. Follows RSS 2.0 (https://www.rssboard.org/rss-specification), RFC 4287 and
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
 *
 * `feed` 6 writes user text into XML with gaps (an `&amp;` in text is collapsed, `<` in
 * attributes and a second `]]>` are not escaped, forbidden characters pass through). So every
 * piece of user text goes into `feed` as an opaque token and is substituted afterwards, escaped
 * by us; `feed` still decides the shape of each document.
 */
export function renderFeeds(
  site: Site,
  entries: readonly Entry[],
  updated: Date,
  links: FeedLinks,
  extras: FeedExtras = {},
): RenderedFeeds {
  return {
    rss: renderRss(site, entries, updated, links, extras),
    atom: renderAtom(site, entries, updated, links, extras),
    json: renderJson(site, entries, updated, links, extras),
  };
}

/** Feed history (RFC 5005) for one format: links to the neighbouring documents. */
export interface HistoryLinks {
  /** The next older archive document. */
  prevArchive?: string;
  /** The next newer archive document (archives only). */
  nextArchive?: string;
  /** The subscription document (archives only). */
  current?: string;
}

export interface FeedExtras {
  /** RFC 6721 deleted entries (Atom only). */
  tombstones?: readonly Tombstone[];
  /** RFC 5005 links per format; JSON Feed pages with `next_url` (its prevArchive). */
  history?: { rss?: HistoryLinks; atom?: HistoryLinks; json?: HistoryLinks };
  /** This document is an archive (RFC 5005 fh:archive): complete, and will not change. */
  archive?: boolean;
}

const HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/** Feed-level atom:link elements for hubs and RFC 5005 history, in a fixed order. */
function extraLinks(site: Site, history: HistoryLinks | undefined): { rel: string; href: string }[] {
  const out = site.hubs.map((href) => ({ rel: 'hub', href }));
  if (history?.current) out.push({ rel: 'current', href: history.current });
  if (history?.prevArchive) out.push({ rel: 'prev-archive', href: history.prevArchive });
  if (history?.nextArchive) out.push({ rel: 'next-archive', href: history.nextArchive });
  return out;
}

/** Stand-ins for user text; U+E000/U+E001 cannot occur in what `feed` writes around them. */
class Tokens {
  private readonly values: string[] = [];
  put(value: string): string {
    this.values.push(value);
    return `\uE000${this.values.length - 1}\uE001`;
  }
  /** Replace every token with its escaped value; a token that was wrapped in CDATA loses the wrapper. */
  substitute(xml: string): string {
    const value = (i: string) => escapeXml(this.values[Number(i)] ?? '');
    return xml
      .replace(/<!\[CDATA\[\uE000(\d+)\uE001\]\]>/g, (_m, i: string) => value(i))
      .replace(/\uE000(\d+)\uE001/g, (_m, i: string) => value(i));
  }
}

function newFeed(site: Site, updated: Date, links: FeedLinks, t: Tokens | undefined): Feed {
  const text = (v: string) => (t ? t.put(v) : v);
  return new Feed({
    id: site.id,
    title: text(site.title),
    description: text(site.description),
    link: links.home,
    language: site.language,
    updated,
    generator: GENERATOR,
    ttl: Math.max(1, Math.ceil(site.maxAge / 60)),
    feedLinks: { rss: links.rss, atom: links.atom, json: links.json },
    // A browser opening the feed shows it through public/feed.xsl (readers ignore the instruction).
    stylesheet: `${site.baseUrl}/feed.xsl`,
    author: { name: text(site.author) },
  });
}

/** `html`: the item is going into XML, where summaries are HTML (escaped text) rather than plain text. */
function baseItem(e: Entry, text: (v: string) => string, html: boolean): Item {
  return {
    title: text(e.title),
    id: e.id,
    guid: e.id,
    link: e.url,
    date: e.updated,
    published: e.published,
    description: text(html ? escapeHtml(e.summary) : e.summary),
    content: text(e.contentHtml),
    category: e.categories.map((c) => ({ name: text(c), term: text(c) })),
  };
}

function renderRss(site: Site, entries: readonly Entry[], updated: Date, links: FeedLinks, extras: FeedExtras): string {
  const t = new Tokens();
  const text = (v: string) => t.put(v);
  const feed = newFeed(site, updated, links, t);
  for (const e of entries) {
    // RSS <author> must be an e-mail address; a credit line goes in dc:creator instead.
    const item = baseItem(e, text, true);
    item.extensions = [{ name: 'dc:creator', objects: { _text: text(e.author ?? site.author) } }];
    if (e.enclosure) {
      // `feed` spreads our object over its guesses (it would say image/jpg, length 0).
      item.enclosure = { url: e.enclosure.url, type: e.enclosure.type, length: e.enclosure.length };
      item.extensions.push({
        name: 'media:content',
        objects: { _attributes: { url: e.enclosure.url, type: e.enclosure.type, fileSize: e.enclosure.length, medium: 'image' } },
      });
    }
    feed.addItem(item);
  }
  let xml = feed.rss2();
  if (!xml.includes('xmlns:dc=')) xml = xml.replace('<rss version="2.0"', `<rss version="2.0" xmlns:dc="${DC_NS}"`);
  if (xml.includes('<media:content')) xml = xml.replace('<rss version="2.0"', `<rss version="2.0" xmlns:media="${MEDIA_NS}"`);
  // `feed` takes one hub and no history links: each goes in as an atom:link after the self link.
  const selfLink = `<atom:link href="${escapeXml(links.rss)}" rel="self" type="application/rss+xml"/>`;
  let after = extraLinks(site, extras.history?.rss)
    .map((l) => `\n        <atom:link href="${escapeXml(l.href)}" rel="${l.rel}"/>`)
    .join('');
  if (extras.archive) {
    xml = xml.replace('<rss version="2.0"', `<rss version="2.0" xmlns:fh="${HISTORY_NS}"`);
    after += '\n        <fh:archive/>';
  }
  xml = xml.replace(selfLink, selfLink + after);
  return `${t.substitute(xml)}\n`;
}

const TOMBSTONE_NS = 'http://purl.org/atompub/tombstones/1.0';

function renderAtom(site: Site, entries: readonly Entry[], updated: Date, links: FeedLinks, extras: FeedExtras): string {
  const tombstones = extras.tombstones ?? [];
  const t = new Tokens();
  const text = (v: string) => t.put(v);
  const feed = newFeed(site, updated, links, t);
  for (const e of entries) {
    const item = baseItem(e, text, true);
    item.author = [{ name: text(e.author ?? site.author) }];
    feed.addItem(item);
  }
  // Titles are plain text: `feed` marks them type="html", which would turn `<` and `&` into markup.
  let xml = feed.atom1().replace(/<title type="html">/g, '<title type="text">');
  xml = xml.replace(
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language)}">`,
  );
  const selfLink = `<link rel="self" href="${escapeXml(links.atom)}"/>`;
  xml = xml.replace(
    selfLink,
    selfLink +
      extraLinks(site, extras.history?.atom)
        .map((l) => `\n    <link rel="${l.rel}" href="${escapeXml(l.href)}"/>`)
        .join(''),
  );
  if (tombstones.length > 0 || extras.archive) {
    // RFC 6721 deleted entries and RFC 5005's fh:archive. RFC 4287's RELAX NG schema accepts
    // extension elements only before the first atom:entry, so they go after the feed's metadata.
    if (tombstones.length > 0) {
      xml = xml.replace(
        '<feed xmlns="http://www.w3.org/2005/Atom"',
        `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="${TOMBSTONE_NS}"`,
      );
    }
    if (extras.archive)
      xml = xml.replace('<feed xmlns="http://www.w3.org/2005/Atom"', `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="${HISTORY_NS}"`);
    const marks =
      (extras.archive ? '    <fh:archive/>\n' : '') +
      tombstones.map((t) => `    <at:deleted-entry ref="${escapeXml(t.id)}" when="${t.deleted.toISOString()}"/>\n`).join('');
    const firstEntry = xml.indexOf('    <entry');
    const end = xml.lastIndexOf('</feed>');
    const at = firstEntry >= 0 ? firstEntry : end;
    xml = `${xml.slice(0, at)}${marks}${xml.slice(at)}`;
  }
  for (const e of entries) {
    if (!e.enclosure) continue;
    // After the entry's alternate link (unique: each entry links its own page).
    const alternate = `<link href="${escapeXml(e.url)}"/>`;
    const { url, type, length } = e.enclosure;
    xml = xml.replace(
      alternate,
      `${alternate}\n        <link rel="enclosure" type="${escapeXml(type)}" length="${length}" href="${escapeXml(url)}"/>`,
    );
  }
  let i = 0;
  xml = xml.replace(/<entry>/g, () => {
    const lang = entries[i++]?.language;
    return lang && lang !== site.language ? `<entry xml:lang="${escapeXml(lang)}">` : '<entry>';
  });
  return `${t.substitute(xml)}\n`;
}

interface JsonItem {
  id?: string;
  url?: string;
  authors?: { name: string }[];
  author?: unknown;
  language?: string;
  image?: string;
  [key: string]: unknown;
}

function renderJson(site: Site, entries: readonly Entry[], updated: Date, links: FeedLinks, extras: FeedExtras): string {
  const feed = newFeed(site, updated, links, undefined);
  for (const e of entries) {
    const item = baseItem(e, (v) => v, false);
    item.author = [{ name: e.author ?? site.author }];
    feed.addItem(item);
  }
  const doc = JSON.parse(feed.json1()) as Record<string, unknown> & { items: JsonItem[] };
  const items = doc.items.map((item, i) => {
    const e = entries[i] as Entry;
    const { author: _legacy, ...rest } = item;
    const out: JsonItem = { ...rest, id: e.id, authors: [{ name: e.author ?? site.author }] };
    if (e.language && e.language !== site.language) out.language = e.language;
    if (e.image) out.image = e.image;
    if (e.enclosure) out.attachments = [{ url: e.enclosure.url, mime_type: e.enclosure.type, size_in_bytes: e.enclosure.length }];
    return out;
  });
  // Key order is fixed here so the bytes are stable and the document reads top-down.
  const { author: _feedAuthor, items: _items, version: _version, ...head } = doc;
  const out = {
    version: 'https://jsonfeed.org/version/1.1',
    ...head,
    language: site.language,
    authors: [{ name: site.author }],
    ...(site.hubs.length > 0 ? { hubs: site.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    // JSON Feed 1.1 pagination: next_url leads to older items.
    ...(extras.history?.json?.prevArchive ? { next_url: extras.history.json.prevArchive } : {}),
    items,
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

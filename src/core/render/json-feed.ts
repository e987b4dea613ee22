// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) through `feed`: its JSON Feed 1 output parsed and completed.
import type { Entry, Site } from '../model.js';
import { siteUrls } from '../routes.js';
import { type FeedInput, baseItem, carriesContent, entryAuthors, newFeed } from './feed-input.js';
import { FeedShapeError } from './feed-xml.js';

interface JsonItem {
  id?: string;
  author?: unknown;
  [key: string]: unknown;
}

/**
 * `feed` writes JSON Feed version 1 (a single `author`, no language, hubs or pagination). Its
 * output is parsed as JSON and completed to 1.1: `authors` per item and for the feed, `language`,
 * WebSub `hubs`, `next_url` (RFC 5005's prev-archive: older items), image and attachments.
 */
export function renderJsonFeed(input: FeedInput): string[] {
  const { site, entries, extras } = input;
  const feed = newFeed(input, (v) => v);
  // The bodies go through `feed` as a stand-in, and each item takes its own back by position: its
  // JSON.stringify and our JSON.parse of every body were a third of an archive page's JSON.
  const bodies: (string | undefined)[] = [];
  for (const e of entries) {
    const item = baseItem(e, (v) => v, false, carriesContent(site, e));
    bodies.push(item.content || undefined);
    if (item.content) item.content = '-';
    feed.addItem(item);
  }
  const doc = JSON.parse(feed.json1()) as Record<string, unknown> & { items?: JsonItem[] };
  if (!Array.isArray(doc.items) || doc.items.length !== entries.length) {
    throw new FeedShapeError('JSON Feed', `"items" does not hold one object per entry`);
  }
  const urls = siteUrls(site.baseUrl);
  const isLocal = (url: string) => urls.localImage(url) !== undefined;
  const items = doc.items.map((item, i) => {
    const entry = entries[i] as Entry;
    const body = bodies[i];
    return completeItem(body === undefined ? item : { ...item, content_html: body }, entry, site, isLocal);
  });
  // Key order is fixed here so the bytes are stable and the document reads top-down.
  const { author: _feedAuthor, items: _items, version: _version, ...head } = doc;
  const out = {
    version: 'https://jsonfeed.org/version/1.1',
    ...head,
    language: site.language,
    authors: [{ name: site.author }],
    ...(site.hubs.length > 0 ? { hubs: site.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    ...(extras.history?.json?.prevArchive ? { next_url: extras.history.json.prevArchive } : {}),
    items,
  };
  return jsonPieces(out, items);
}

/**
 * `JSON.stringify(out, null, 2)` and a line end, in pieces: the document up to its items, then
 * each item (indented as it would be, its text escaped by JSON.stringify itself), so that no
 * string as large as the feed is made (core/utf8.ts utf8Join).
 */
function jsonPieces(out: { items: JsonItem[] }, items: JsonItem[]): string[] {
  if (items.length === 0) return [JSON.stringify(out, null, 2), '\n'];
  const head = JSON.stringify({ ...out, items: [] }, null, 2);
  const open = head.slice(0, head.lastIndexOf('[]'));
  const pieces = [open, '[\n'];
  items.forEach((item, i) => {
    // Only structural line ends: inside strings JSON writes \n as two characters.
    pieces.push('    ', JSON.stringify(item, null, 2).replace(/\n/g, '\n    '), i < items.length - 1 ? ',\n' : '\n');
  });
  pieces.push('  ]\n}\n');
  return pieces;
}

/** Without the full text (`feedContent: "summary"`, or a body over FEED_CONTENT_MAX) the summary is the item's `content_text`, and there is no `content_html`. */
function completeItem(item: JsonItem, e: Entry, site: Site, isLocal: (url: string) => boolean): JsonItem {
  const { author: _legacy, content_html: html, ...rest } = item;
  const content = carriesContent(site, e) ? { content_html: html } : { content_text: e.summary };
  const out: JsonItem = { id: e.id, ...content, ...rest, authors: entryAuthors(e, site).map((name) => ({ name })) };
  if (e.language) out.language = e.language;
  // The site's own image only once its header checked out (then it is the enclosure); another site's as written.
  if (e.enclosure) out.image = e.enclosure.url;
  else if (e.image && !isLocal(e.image)) out.image = e.image;
  if (e.enclosure) out.attachments = [{ url: e.enclosure.url, mime_type: e.enclosure.type, size_in_bytes: e.enclosure.length }];
  return out;
}

// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) through `feed`: its JSON Feed 1 output parsed and completed.
import type { Entry } from '../model.js';
import { siteUrls } from '../routes.js';
import { type FeedInput, baseItem, carriesContent, newFeed } from './feed-input.js';
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
export function renderJsonFeed(input: FeedInput): string {
  const { site, entries, extras } = input;
  const feed = newFeed(input, (v) => v);
  for (const e of entries) {
    const item = baseItem(e, (v) => v, false, carriesContent(site, e));
    item.author = [{ name: e.author ?? site.author }];
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
    return completeItem(item, entry, site.author, carriesContent(site, entry), isLocal);
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
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** `full` false (`feedContent: "summary"`, or a body over FEED_CONTENT_MAX): the summary is the item's `content_text`, and there is no `content_html`. */
function completeItem(item: JsonItem, e: Entry, siteAuthor: string, full: boolean, isLocal: (url: string) => boolean): JsonItem {
  const { author: _legacy, content_html: html, ...rest } = item;
  const content = full ? { content_html: html } : { content_text: e.summary };
  const out: JsonItem = { id: e.id, ...content, ...rest, authors: [{ name: e.author ?? siteAuthor }] };
  if (e.language) out.language = e.language;
  // The site's own image only once its header checked out (then it is the enclosure); another site's as written.
  if (e.enclosure) out.image = e.enclosure.url;
  else if (e.image && !isLocal(e.image)) out.image = e.image;
  if (e.enclosure) out.attachments = [{ url: e.enclosure.url, mime_type: e.enclosure.type, size_in_bytes: e.enclosure.length }];
  return out;
}

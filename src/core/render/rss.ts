// RSS 2.0 (https://www.rssboard.org/rss-specification) through `feed`, with Dublin Core credits, Media RSS and RFC 5005 history.
import type { Extension } from 'feed';
import { type FeedInput, HISTORY_NS, baseItem, carriesContent, entryAuthors, extraLinks, newFeed } from './feed-input.js';
import { feedTitle } from '../feed-text.js';
import { MEDIA_NS, mediaElements } from './media-rss.js';
import * as xml from './feed-xml.js';

const DC_NS = 'http://purl.org/dc/elements/1.1/';
const FORMAT = 'RSS';

/**
 * RSS <author> must be an e-mail address, so the credit line goes in dc:creator; an image of the
 * site's own is an enclosure and media:content. `feed` takes one hub and no history links: those
 * go in as atom:link elements after the channel's self link. Titles drop HTML tags (feed-text.ts
 * `feedTitle`) and, with categories, are written with the RSS Profile's escaping; a story in
 * another language than the channel says so in dc:language.
 */
export function renderRss(input: FeedInput): string[] {
  const { site, entries, extras } = input;
  const t = new xml.Tokens();
  const feed = newFeed(input, t.put);
  for (const e of entries) {
    const item = baseItem(e, t.put, true, carriesContent(site, e));
    item.title = t.put(feedTitle(e.title));
    // `feed` writes one element per extension name: the other authors join after parsing.
    const extensions: Extension[] = [{ name: 'dc:creator', objects: { _text: t.put(entryAuthors(e, site)[0] as string) } }];
    if (e.language && e.language !== site.language) extensions.push({ name: 'dc:language', objects: { _text: e.language } });
    if (e.enclosure) {
      const { url, type, length } = e.enclosure;
      // `feed` spreads our object over its guesses (it would say image/jpg, length 0).
      item.enclosure = { url, type, length };
      for (const [name, attributes] of mediaElements(e.enclosure)) extensions.push({ name, objects: { _attributes: attributes } });
    }
    item.extensions = extensions;
    feed.addItem(item);
  }
  const doc = xml.parseXml(feed.rss2());
  const rss = xml.documentElement(doc, 'rss', FORMAT);
  const channel = xml.requireChild(rss, 'channel', FORMAT);
  rss.attrs.set('xmlns:dc', DC_NS);
  if (entries.some((e) => e.enclosure)) rss.attrs.set('xmlns:media', MEDIA_NS);
  if (extras.archive) rss.attrs.set('xmlns:fh', HISTORY_NS);
  const self = xml.requireChild(channel, 'atom:link', FORMAT, (l) => l.attrs.get('rel') === 'self');
  const added = extraLinks(site, extras.history?.rss).map((l) => xml.element('atom:link', { href: l.href, rel: l.rel }));
  if (extras.archive) added.push(xml.element('fh:archive'));
  xml.insertAfter(channel, self, added);
  xml.requireChild(channel, 'title', FORMAT).escape = xml.escapeRssText;
  const items = xml.childElements(channel, 'item');
  if (items.length !== entries.length)
    throw new xml.FeedShapeError(FORMAT, `${items.length} <item> elements for ${entries.length} entries`);
  items.forEach((item, i) => {
    const others = entryAuthors(entries[i] as (typeof entries)[number], site).slice(1);
    if (others.length > 0) {
      const first = xml.requireChild(item, 'dc:creator', FORMAT);
      xml.insertAfter(item, first, others.map((name) => xml.element('dc:creator', {}, [{ text: t.put(name) }])));
    }
    xml.requireChild(item, 'title', FORMAT).escape = xml.escapeRssText;
    for (const category of xml.childElements(item, 'category')) category.escape = xml.escapeRssText;
  });
  return xml.writeXml(doc, t.resolve);
}

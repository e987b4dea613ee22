// The `feed` package is pinned: this fails, naming the cause, when its version or its output shape changes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Feed } from 'feed';
import { describe, expect, it } from 'vitest';
import { FEED_VERSION, FeedShapeError, type XmlElement, isElement, parseXml, requireChild } from '../../src/core/render/feed-xml.js';
import { ROOT } from '../helpers.js';

const CAUSE = `the "feed" package's output changed shape: src/core/render/{rss,atom,json-feed}.ts adapt feed ${FEED_VERSION} by element name; review them against the new output, then update this skeleton`;

/** Element paths with their attribute names, in document order. */
function skeleton(el: XmlElement, prefix = ''): string[] {
  return el.children
    .filter(isElement)
    .flatMap((c) => [
      `${prefix}${c.name}${c.attrs.size > 0 ? `[${[...c.attrs.keys()].join(',')}]` : ''}`,
      ...skeleton(c, `${prefix}${c.name}/`),
    ]);
}

function sampleFeed(): Feed {
  const feed = new Feed({
    id: 'https://x/',
    title: 'T',
    description: 'D',
    link: 'https://x/',
    language: 'th',
    updated: new Date(0),
    generator: 'g',
    ttl: 5,
    feedLinks: { rss: 'https://x/feed.xml', atom: 'https://x/atom.xml', json: 'https://x/feed.json' },
    stylesheet: 'https://x/feed.xsl',
    author: { name: 'A' },
  });
  feed.addItem({
    title: 't',
    id: 'urn:x',
    guid: 'urn:x',
    link: 'https://x/a',
    date: new Date(0),
    published: new Date(0),
    description: 'd',
    content: 'c',
    category: [{ name: 'c', term: 'c' }],
    author: [{ name: 'A' }],
    extensions: [{ name: 'dc:creator', objects: { _text: 'A' } }],
  });
  return feed;
}

describe(`the feed package (pinned to ${FEED_VERSION})`, () => {
  it('is the version package.json pins and the adapter was written for', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const installed = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'feed', 'package.json'), 'utf8')) as { version: string };
    expect(pkg.dependencies.feed, 'package.json must pin feed exactly (no ^ or ~): its output shape is adapted by element name').toBe(
      FEED_VERSION,
    );
    expect(installed.version, `installed feed ${installed.version} is not the pinned ${FEED_VERSION}: run npm ci`).toBe(FEED_VERSION);
  });

  it('writes RSS with the elements the adapter finds by name', () => {
    expect(skeleton(parseXml(sampleFeed().rss2())), CAUSE).toEqual([
      'rss[version,xmlns:dc,xmlns:content,xmlns:atom]',
      'rss/channel',
      'rss/channel/title',
      'rss/channel/link',
      'rss/channel/description',
      'rss/channel/lastBuildDate',
      'rss/channel/docs',
      'rss/channel/generator',
      'rss/channel/language',
      'rss/channel/ttl',
      'rss/channel/atom:link[href,rel,type]',
      'rss/channel/item',
      'rss/channel/item/title',
      'rss/channel/item/link',
      'rss/channel/item/guid[isPermaLink]',
      'rss/channel/item/pubDate',
      'rss/channel/item/description',
      'rss/channel/item/content:encoded',
      'rss/channel/item/author',
      'rss/channel/item/category',
      'rss/channel/item/dc:creator',
    ]);
  });

  it('writes Atom with the elements the adapter finds by name', () => {
    expect(skeleton(parseXml(sampleFeed().atom1())), CAUSE).toEqual([
      'feed[xmlns]',
      'feed/id',
      'feed/title',
      'feed/updated',
      'feed/generator',
      'feed/author',
      'feed/author/name',
      'feed/link[rel,href]',
      'feed/link[rel,href]',
      'feed/subtitle',
      'feed/entry',
      'feed/entry/title[type]',
      'feed/entry/id',
      'feed/entry/link[href]',
      'feed/entry/updated',
      'feed/entry/summary[type]',
      'feed/entry/content[type]',
      'feed/entry/author',
      'feed/entry/author/name',
      'feed/entry/category[label,term]',
      'feed/entry/published',
    ]);
  });

  it('writes JSON Feed 1 with the keys the adapter completes', () => {
    const doc = JSON.parse(sampleFeed().json1()) as { version: string; items: Record<string, unknown>[] };
    expect(doc.version, CAUSE).toBe('https://jsonfeed.org/version/1');
    expect(Object.keys(doc), CAUSE).toEqual(['version', 'title', 'home_page_url', 'feed_url', 'description', 'author', 'items']);
    expect(Object.keys(doc.items[0] ?? {}), CAUSE).toEqual([
      'id',
      'content_html',
      'url',
      'title',
      'summary',
      'date_modified',
      'date_published',
      'author',
      'tags',
      'dc:creator',
    ]);
  });

  it('stops rendering with an error that names the cause when an anchor element is missing', () => {
    const doc = parseXml('<rss version="2.0"><channel><title>x</title></channel></rss>');
    const channel = requireChild(requireChild(doc, 'rss', 'RSS'), 'channel', 'RSS');
    expect(() => requireChild(channel, 'atom:link', 'RSS', (l) => l.attrs.get('rel') === 'self')).toThrow(FeedShapeError);
    expect(() => requireChild(channel, 'atom:link', 'RSS')).toThrow(`feedpub adapts feed ${FEED_VERSION}`);
  });
});

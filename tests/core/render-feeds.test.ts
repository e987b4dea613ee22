import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedTitle } from '../../src/core/feed-text.js';
import type { Entry, Site } from '../../src/core/model.js';
import { FEED_CONTENT_MAX } from '../../src/core/render/feed-input.js';
import { renderFeeds } from '../../src/core/render/feeds.js';
import { stripForbidden } from '../../src/core/text.js';
import {
  assertWellFormed,
  jingAtom,
  NEEDS,
  ORACLES,
  parseAtomFeed,
  parseJsonFeed,
  parseRssFeed,
  pythonFeedparser,
  xmllint,
} from '../helpers.js';
import { LINKS, testSite } from './site-fixtures.js';

const site: Site = testSite({ title: 'Desk & <Co>' });
const links = LINKS;

function entry(over: Partial<Entry> = {}): Entry {
  return {
    path: 'a.txt',
    slug: ['a'],
    url: 'https://news.example/articles/a',
    id: 'urn:uuid:1b4e28ba-2fa1-51d2-883f-0016d3cca427',
    published: new Date('2026-11-25T07:30:00Z'),
    updated: new Date('2026-11-25T08:00:00Z'),
    hash: 'h',
    title: "'คิม' เตรียมพบ 'ปูติน'",
    author: 'AFP',
    contentHtml: '<p>เนื้อหา</p>',
    summary: 'เนื้อหา',
    categories: ['world'],
    ...over,
  };
}

describe('renderFeeds', () => {
  it('gives the same bytes for the same input', () => {
    const a = renderFeeds(site, [entry()], new Date('2026-11-25T08:00:00Z'), links);
    const b = renderFeeds(site, [entry()], new Date('2026-11-25T08:00:00Z'), links);
    expect(a).toEqual(b);
  });

  it('writes RSS 2.0 a real parser reads back, credit in dc:creator', () => {
    const { rss } = renderFeeds(site, [entry()], new Date('2026-11-25T08:00:00Z'), links);
    assertWellFormed(rss);
    const feed = parseRssFeed(rss);
    expect(feed.title).toBe('Desk & <Co>');
    const item = feed.items?.[0];
    expect(item?.title).toBe("'คิม' เตรียมพบ 'ปูติน'");
    expect(item?.guid?.value).toBe('urn:uuid:1b4e28ba-2fa1-51d2-883f-0016d3cca427');
    expect(item?.dc?.creators).toEqual(['AFP']);
    expect(item?.pubDate).toBe('Wed, 25 Nov 2026 07:30:00 GMT');
    expect(rss).not.toContain('<author>');
    expect(rss).toContain('<atom:link href="https://news.example/feed.xml" rel="self" type="application/rss+xml"/>');
  });

  it('writes Atom 1.0 that is valid against RFC 4287 and has xml:lang and text titles', () => {
    const withHub = { ...site, hubs: ['https://hub.example/'] };
    const { atom } = renderFeeds(withHub, [entry({ language: 'en', title: 'A <b> & B' })], new Date('2026-11-25T08:00:00Z'), links);
    expect(atom).toContain('<link rel="hub" href="https://hub.example/"/>');
    assertWellFormed(atom);
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="th">');
    expect(atom).toContain('<entry xml:lang="en">');
    // Feed titles drop HTML tags (feed-text.ts feedTitle) and write & as a numeric reference.
    expect(atom).toContain('<title type="text">A &#x26; B</title>');
    const feed = parseAtomFeed(atom);
    expect(feed.entries?.[0]?.title).toEqual({ value: 'A & B', type: 'text' });
    expect(feed.entries?.[0]?.published).toBe('2026-11-25T07:30:00.000Z');
  });

  it.skipIf(!ORACLES.jing)(`writes Atom with hubs, languages and tombstones valid against RFC 4287 ${NEEDS.jing}`, () => {
    const withHub = { ...site, hubs: ['https://hub.example/'] };
    const tombstones = [{ id: 'urn:uuid:0b4e28ba-2fa1-51d2-883f-0016d3cca427', deleted: new Date('2026-11-24T00:00:00Z') }];
    const { atom } = renderFeeds(withHub, [entry({ language: 'en' })], new Date('2026-11-25T08:00:00Z'), links, { tombstones });
    expect(atom).toContain('<at:deleted-entry');
    expect(jingAtom(atom)).toBe('valid');
  });

  it('writes JSON Feed 1.1 with ids, authors and language', () => {
    const { json } = renderFeeds(site, [entry(), entry({ id: 'urn:x:2', categories: ['a', 'b'] })], new Date('2026-11-25T08:00:00Z'), links);
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    const doc = JSON.parse(json);
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.language).toBe('th');
    expect(doc.author).toBeUndefined();
    expect(doc.items[0].id).toBe('urn:uuid:1b4e28ba-2fa1-51d2-883f-0016d3cca427');
    expect(doc.items[0].authors).toEqual([{ name: 'AFP' }]);
    expect(parseJsonFeed(doc).items?.[0]?.title).toBe("'คิม' เตรียมพบ 'ปูติน'");
  });

  it('keeps an empty feed valid', () => {
    const { rss, atom } = renderFeeds(site, [], new Date('2000-01-01T00:00:00Z'), links);
    assertWellFormed(rss);
    assertWellFormed(atom);
    expect(rss).not.toContain('undefined');
    expect(atom).not.toContain('undefined');
  });

  it('survives every hostile string: well-formed, parsed, title given back exactly', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom(
        ']]>',
        ']]>]]>',
        '<![CDATA[x]]>',
        '&amp;',
        '&lt;script&gt;',
        '<script>alert(1)</script>',
        '\u0000\u0001\uFFFE\uFFFF',
        'a\uD800b',
        'ก\u0E48\u0E49',
      ),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (title, author, body, tag) => {
        const clean = (s: string) => stripForbidden(s);
        const e = entry({
          title: clean(title).trim() || 'x',
          author: clean(author).trim() || undefined,
          contentHtml: clean(body),
          summary: clean(body),
          categories: clean(tag).trim() ? [clean(tag).trim()] : [],
        });
        const { rss, atom, json } = renderFeeds({ ...site, title: clean(title) || 'x' }, [e], new Date('2026-11-25T08:00:00Z'), links);
        assertWellFormed(rss);
        assertWellFormed(atom);
        // RSS and Atom carry the title under the feed-title rule (HTML tags dropped); JSON Feed exactly.
        expect((parseRssFeed(rss).items?.[0]?.title ?? '').trim()).toBe(feedTitle(e.title).trim());
        expect((parseAtomFeed(atom).entries?.[0]?.title?.value ?? '').trim()).toBe(feedTitle(e.title).trim());
        expect(parseAtomFeed(atom).entries?.[0]?.id).toBe(e.id);
        expect(JSON.parse(json).items[0].title).toBe(e.title);
        // Written in pieces, item by item: exactly the bytes one JSON.stringify of the whole would give.
        expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(!ORACLES.xmllint)(`writes RSS and Atom libxml2 accepts, whatever the text ${NEEDS.xmllint}`, () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom(']]>', '&amp;', '<b>', '\u0000\uFFFE', 'a\uD800b'),
    );
    fc.assert(
      fc.property(hostile, hostile, (title, body) => {
        const e = entry({ title: stripForbidden(title).trim() || 'x', contentHtml: stripForbidden(body), summary: stripForbidden(body) });
        const { rss, atom } = renderFeeds({ ...site, title: stripForbidden(title) || 'x' }, [e], new Date('2026-11-25T08:00:00Z'), links);
        expect(xmllint(rss)).toBe('');
        expect(xmllint(atom)).toBe('');
      }),
      { numRuns: 25 },
    );
  });

  it.skipIf(!ORACLES.feedparser)(`is read by python feedparser without complaint ${NEEDS.feedparser}`, () => {
    const feeds = renderFeeds(
      site,
      [entry(), entry({ id: 'urn:uuid:2b4e28ba-2fa1-51d2-883f-0016d3cca427', title: 'Second & <last>' })],
      new Date('2026-11-25T08:00:00Z'),
      links,
    );
    for (const xml of [feeds.rss, feeds.atom]) {
      const parsed = pythonFeedparser(xml);
      expect(parsed.bozo).toBe(false);
      expect(parsed.titles).toEqual(["'คิม' เตรียมพบ 'ปูติน'", 'Second & <last>']);
    }
  });
  it('names each author of a credit: a dc:creator each in RSS, an <author> each in Atom, JSON Feed authors', () => {
    const credit = 'Jane Doe and John Roe, Reuters';
    const feeds = renderFeeds(site, [entry({ author: credit }), entry({ id: 'urn:x:2', author: undefined })], new Date('2026-11-25T08:00:00Z'), links);
    const creators = [...feeds.rss.matchAll(/<dc:creator>([^<]*)<\/dc:creator>/g)].map((m) => m[1]);
    expect(creators).toEqual(['Jane Doe', 'John Roe', 'Reuters', site.author]);
    assertWellFormed(feeds.rss);
    const atom = parseAtomFeed(feeds.atom);
    expect(atom.entries?.map((e) => e.authors?.map((a) => a.name))).toEqual([['Jane Doe', 'John Roe', 'Reuters'], [site.author]]);
    const json = parseJsonFeed(feeds.json);
    expect(json.items?.map((i) => i.authors?.map((a) => a.name))).toEqual([['Jane Doe', 'John Roe', 'Reuters'], [site.author]]);
    if (ORACLES.feedparser) expect(pythonFeedparser(feeds.atom).authors[0]).toEqual(['Jane Doe', 'John Roe', 'Reuters']);
    if (ORACLES.jing) expect(jingAtom(feeds.atom)).toBe('valid');
  });

  it('with feedContent "summary", carries summaries only: no content:encoded, no Atom <content>, JSON content_text', () => {
    const summary = { ...site, feedContent: 'summary' as const };
    const e = entry({ contentHtml: '<p>The whole body, secret to subscribers.</p>', summary: 'Short & sweet' });
    const feeds = renderFeeds(summary, [e], new Date('2026-11-25T08:00:00Z'), links);
    for (const xml of [feeds.rss, feeds.atom]) {
      assertWellFormed(xml);
      expect(xml).not.toContain('whole body');
    }
    expect(feeds.rss).not.toContain('content:encoded');
    expect(parseRssFeed(feeds.rss).items?.[0]?.description).toBe('Short &amp; sweet');
    expect(feeds.atom).not.toContain('<content');
    const atomEntry = parseAtomFeed(feeds.atom).entries?.[0];
    expect(atomEntry?.summary).toBeDefined();
    expect(atomEntry?.content).toBeUndefined();
    const item = (JSON.parse(feeds.json) as { items: Record<string, unknown>[] }).items[0];
    expect(item).toMatchObject({ content_text: 'Short & sweet' });
    expect(item).not.toHaveProperty('content_html');
    expect(parseJsonFeed(feeds.json).items?.[0]?.content_text).toBe('Short & sweet');
    if (ORACLES.jing) expect(jingAtom(feeds.atom)).toBe('valid');
    // The default is the full text, as before.
    expect(renderFeeds(site, [e], new Date('2026-11-25T08:00:00Z'), links).rss).toContain('content:encoded');
  });
  it('carries a body over FEED_CONTENT_MAX as its summary, and the other stories whole', () => {
    const huge = entry({ id: 'urn:uuid:huge', contentHtml: `<p>${'ข่าวยาว '.repeat(FEED_CONTENT_MAX / 8 + 1)}</p>`, summary: 'Huge, summed up' });
    const small = entry({ id: 'urn:uuid:small', title: 'Small', contentHtml: '<p>Small body.</p>', summary: 'Small' });
    const feeds = renderFeeds(site, [huge, small], new Date('2026-11-25T08:00:00Z'), links);
    expect(feeds.rss.length).toBeLessThan(FEED_CONTENT_MAX);
    expect(parseRssFeed(feeds.rss).items?.map((i) => i.content?.encoded)).toEqual([undefined, '<p>Small body.</p>']);
    expect(parseAtomFeed(feeds.atom).entries?.map((e) => e.content?.value)).toEqual([undefined, '<p>Small body.</p>']);
    const items = (JSON.parse(feeds.json) as { items: Record<string, unknown>[] }).items;
    expect(items.map((i) => [i.content_text, i.content_html])).toEqual([
      ['Huge, summed up', undefined],
      [undefined, '<p>Small body.</p>'],
    ]);
  });
});

// Sitemaps: sitemaps.org urlset and index (checked against the protocol's XSD with xmllint) and the Google News sitemap.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/core/model.js';
import {
  type NewsSitemapEntry,
  renderNewsSitemap,
  renderSitemaps,
  type SitemapEntry,
  type SitemapUrls,
  SitemapSkip,
  newsLanguage,
  w3cDateTime,
} from '../../src/core/render/sitemaps.js';
import { encodeSegment } from '../../src/core/routes.js';
import { stripForbidden } from '../../src/core/text.js';
import { hasXmllint, parseXml, strictlyWellFormed, xmllintSchema, xmllintWellFormed } from './xml-oracles.js';

const BASE = 'https://news.example';
const urls: SitemapUrls = {
  home: `${BASE}/`,
  // encodeSegment throws URIError on a lone surrogate; the catalog's names are cleaned text, so these are too.
  categoryPage: (name) => `${BASE}/categories/${encodeSegment(stripForbidden(name))}/`,
  authorPage: (name) => `${BASE}/authors/${encodeSegment(stripForbidden(name))}/`,
  sitemapPage: (n) => `${BASE}/sitemap-${n}.xml`,
};
const site: Pick<Site, 'title' | 'language'> = { title: 'ข่าวเช้า & Co', language: 'th' };

function story(n: number, over: Partial<SitemapEntry & NewsSitemapEntry> = {}): SitemapEntry & NewsSitemapEntry {
  return {
    url: `${BASE}/articles/story-${n}`,
    published: new Date(Date.UTC(2026, 0, 1, 0, n)),
    updated: new Date(Date.UTC(2026, 0, 2, 0, n, 0, 123)),
    categories: ['world'],
    author: 'AFP',
    title: `Story ${n}`,
    language: 'en',
    ...over,
  };
}

interface UrlNode {
  loc: string;
  lastmod?: string;
}
function urlset(xml: string): UrlNode[] {
  const doc = parseXml(xml, ['url']) as { urlset: { '@_xmlns': string; url?: UrlNode[] } };
  expect(doc.urlset['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  return doc.urlset.url ?? [];
}
function sitemapIndex(xml: string): UrlNode[] {
  const doc = parseXml(xml, ['sitemap']) as { sitemapindex: { '@_xmlns': string; sitemap: UrlNode[] } };
  expect(doc.sitemapindex['@_xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
  return doc.sitemapindex.sitemap;
}

describe('w3cDateTime', () => {
  it('writes UTC to the second, the form W3C Datetime and xsd:dateTime share', () => {
    expect(w3cDateTime(new Date('2026-03-04T05:06:07.890+07:00'))).toBe('2026-03-03T22:06:07Z');
    expect(w3cDateTime(new Date(Date.UTC(999, 0, 1)))).toBe('0999-01-01T00:00:00Z');
  });
  it('refuses what the format cannot write', () => {
    expect(w3cDateTime(new Date(Number.NaN))).toBeUndefined();
    expect(w3cDateTime(new Date(Date.UTC(10_000, 0, 1)))).toBeUndefined();
    expect(w3cDateTime(new Date(Date.UTC(-1, 0, 1)))).toBeUndefined();
  });
});

describe('renderSitemaps: one file', () => {
  const entries = [
    story(2, { categories: ['world', 'การเมือง'], author: 'Reuters' }),
    story(1),
    story(3, { categories: [], author: undefined, updated: new Date('2026-02-01T00:00:00Z') }),
  ];
  const { sitemap, pages, skipped } = renderSitemaps(entries, urls);

  it('lists home (newest update), category and author pages (newest update of theirs), then stories oldest first', () => {
    expect(pages).toEqual([]);
    expect(skipped).toEqual([]);
    expect(urlset(sitemap)).toEqual([
      { loc: `${BASE}/`, lastmod: '2026-02-01T00:00:00Z' },
      { loc: `${BASE}/categories/world/`, lastmod: '2026-01-02T00:02:00Z' },
      { loc: `${BASE}/categories/${encodeURIComponent('การเมือง')}/`, lastmod: '2026-01-02T00:02:00Z' },
      { loc: `${BASE}/authors/AFP/`, lastmod: '2026-01-02T00:01:00Z' },
      { loc: `${BASE}/authors/Reuters/`, lastmod: '2026-01-02T00:02:00Z' },
      { loc: `${BASE}/articles/story-1`, lastmod: '2026-01-02T00:01:00Z' },
      { loc: `${BASE}/articles/story-2`, lastmod: '2026-01-02T00:02:00Z' },
      { loc: `${BASE}/articles/story-3`, lastmod: '2026-02-01T00:00:00Z' },
    ]);
  });

  it('gives the same bytes whatever the input order', () => {
    expect(renderSitemaps([...entries].reverse(), urls).sitemap).toBe(sitemap);
  });

  it.skipIf(!hasXmllint)('is valid against the sitemaps.org urlset schema (xmllint; skipped: xmllint not installed)', () => {
    expect(xmllintSchema(sitemap, 'sitemap.xsd')).toBe('valid');
  });

  it('escapes every URL where it is written', () => {
    const odd: SitemapUrls = { ...urls, home: `${BASE}/?a=1&b=<2>&c='3'` };
    const out = renderSitemaps([story(1, { categories: ['R&D'], author: "O'Brien & Sons" })], odd).sitemap;
    expect(out).toContain('<loc>https://news.example/?a=1&amp;b=&lt;2&gt;&amp;c=&apos;3&apos;</loc>');
    expect(urlset(out).map((u) => u.loc)).toEqual([
      odd.home,
      `${BASE}/categories/R%26D/`,
      `${BASE}/authors/O'Brien%20%26%20Sons/`,
      `${BASE}/articles/story-1`,
    ]);
  });

  it('lists the home page alone, without lastmod, for a site with no stories', () => {
    expect(urlset(renderSitemaps([], urls).sitemap)).toEqual([{ loc: `${BASE}/` }]);
  });

  it('lists a URL once, and leaves out (and reports) a URL of 2048 characters or more', () => {
    const long = `${BASE}/articles/${'%E0%B8%81'.repeat(230)}`;
    const result = renderSitemaps([story(1), story(1), story(2, { url: long })], urls);
    const locs = urlset(result.sitemap).map((u) => u.loc);
    expect(locs.filter((l) => l === `${BASE}/articles/story-1`)).toHaveLength(1);
    expect(locs).not.toContain(long);
    expect(result.skipped).toEqual([{ url: long, code: SitemapSkip.LocTooLong, reason: expect.stringContaining('2048') }]);
  });
});

describe('renderSitemaps: an index of pages', () => {
  const entries = Array.from({ length: 10 }, (_, i) => story(i, { categories: [`c${i % 3}`], author: `a${i % 2}` }));
  const single = urlset(renderSitemaps(entries, urls).sitemap);
  const split = renderSitemaps(entries, urls, { maxUrlsPerFile: 4 });

  it('splits into pages of at most maxUrlsPerFile, in order, under an index that lists each page once', () => {
    expect(single).toHaveLength(1 + 10 + 3 + 2);
    expect(split.pages.map((p) => urlset(p).length)).toEqual([4, 4, 4, 4]);
    expect(split.pages.flatMap(urlset)).toEqual(single);
    const index = sitemapIndex(split.sitemap);
    expect(index.map((s) => s.loc)).toEqual([1, 2, 3, 4].map(urls.sitemapPage));
  });

  it('dates each page by its newest lastmod', () => {
    const index = sitemapIndex(split.sitemap);
    split.pages.forEach((page, i) => {
      const newest = urlset(page)
        .map((u) => u.lastmod ?? '')
        .sort()
        .at(-1);
      expect(index[i]?.lastmod).toBe(newest);
    });
  });

  it.skipIf(!hasXmllint)(
    'has an index valid against siteindex.xsd and pages valid against sitemap.xsd (xmllint; skipped: not installed)',
    () => {
      expect(xmllintSchema(split.sitemap, 'siteindex.xsd')).toBe('valid');
      for (const page of split.pages) expect(xmllintSchema(page, 'sitemap.xsd')).toBe('valid');
    },
  );

  it('changes only the first page (home and facet dates) and the last when a new story is published', () => {
    const before = renderSitemaps(entries, urls, { maxUrlsPerFile: 5 });
    const after = renderSitemaps([...entries, story(99, { categories: ['c0'], author: 'a0' })], urls, { maxUrlsPerFile: 5 });
    expect(before.pages.map((p) => urlset(p).length)).toEqual([5, 5, 5, 1]);
    expect(after.pages.slice(1, 3)).toEqual(before.pages.slice(1, 3));
    expect(after.pages[0]).not.toBe(before.pages[0]);
    expect(urlset(after.pages[3] ?? '').map((u) => u.loc)).toEqual([`${BASE}/articles/story-9`, `${BASE}/articles/story-99`]);
  });

  it('starts a new page before a file would pass maxBytesPerFile', () => {
    const cap = 600;
    const result = renderSitemaps(entries, urls, { maxBytesPerFile: cap });
    expect(result.pages.length).toBeGreaterThan(1);
    for (const page of result.pages) expect(Buffer.byteLength(page)).toBeLessThanOrEqual(cap);
    expect(result.pages.flatMap(urlset)).toEqual(single);
  });

  it('throws a RangeError when even the index would pass the limit', () => {
    expect(() => renderSitemaps(entries, urls, { maxUrlsPerFile: 2 })).toThrow(RangeError);
  });
});

describe('newsLanguage', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['TH-th', 'th'],
    ['pt_BR', 'pt'],
    ['fil', 'fil'],
    ['zh', 'zh-cn'],
    ['zh-CN', 'zh-cn'],
    ['zh-Hans', 'zh-cn'],
    ['zh-Hans-HK', 'zh-cn'],
    ['zh-SG', 'zh-cn'],
    ['zh-TW', 'zh-tw'],
    ['zh-Hant', 'zh-tw'],
    ['zh-HK', 'zh-tw'],
    ['zh-MO', 'zh-tw'],
    ['zh-Hant-CN', 'zh-tw'],
    ['', undefined],
    [undefined, undefined],
    ['x-private', undefined],
    ['i-klingon', undefined],
    ['english', undefined],
    ['e1', undefined],
  ])('%s → %s', (tag, code) => {
    expect(newsLanguage(tag)).toBe(code);
  });
});

describe('renderNewsSitemap', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  const hours = (h: number) => new Date(now.getTime() - h * 3_600_000);
  interface NewsNode {
    loc: string;
    'news:news': {
      'news:publication': { 'news:name': string; 'news:language': string };
      'news:publication_date': string;
      'news:title': string;
    };
  }
  function news(xml: string): NewsNode[] {
    const doc = parseXml(xml, ['url']) as { urlset: { '@_xmlns': string; '@_xmlns:news': string; url?: NewsNode[] } };
    expect(doc.urlset['@_xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    return doc.urlset.url ?? [];
  }

  it('lists stories of the last 48 hours, newest first, with publication, date and title', () => {
    const entries = [
      story(1, { published: hours(1), title: 'Fresh' }),
      story(2, { published: hours(48), title: 'Exactly two days' }),
      story(3, { published: new Date(hours(48).getTime() - 1000), title: 'Too old' }),
      story(4, { published: hours(-0.1), title: 'Dated after now' }),
      story(5, { published: hours(47.9), title: 'Almost two days' }),
    ];
    const { sitemap, skipped } = renderNewsSitemap(entries, site, { now });
    expect(skipped).toEqual([]);
    const items = news(sitemap);
    expect(items.map((u) => u['news:news']['news:title'])).toEqual(['Fresh', 'Almost two days', 'Exactly two days']);
    expect(items[0]).toEqual({
      loc: `${BASE}/articles/story-1`,
      'news:news': {
        'news:publication': { 'news:name': 'ข่าวเช้า & Co', 'news:language': 'en' },
        'news:publication_date': '2026-05-10T11:00:00Z',
        'news:title': 'Fresh',
      },
    });
  });

  it('keeps the newest 1,000 (or maxUrls)', () => {
    const many = Array.from({ length: 1005 }, (_, i) => story(i, { published: new Date(now.getTime() - i * 60_000) }));
    const items = news(renderNewsSitemap(many, site, { now }).sitemap);
    expect(items).toHaveLength(1000);
    expect(items[0]?.loc).toBe(`${BASE}/articles/story-0`);
    expect(items.at(-1)?.loc).toBe(`${BASE}/articles/story-999`);
    expect(news(renderNewsSitemap(many, site, { now, maxUrls: 3 }).sitemap)).toHaveLength(3);
  });

  it("takes the story's language, else the site's, and reports a story with neither", () => {
    const entries = [
      story(1, { published: hours(1), language: 'zh-Hant-TW' }),
      story(2, { published: hours(2), language: undefined }),
      story(3, { published: hours(3), language: 'x-private' }),
    ];
    expect(news(renderNewsSitemap(entries, site, { now }).sitemap).map((u) => u['news:news']['news:publication']['news:language'])).toEqual(
      ['zh-tw', 'th', 'th'],
    );
    const { sitemap, skipped } = renderNewsSitemap(entries, { title: 'X', language: 'x-bad' }, { now });
    expect(news(sitemap)).toHaveLength(1);
    expect(skipped.map((s) => [s.url, s.code])).toEqual([
      [`${BASE}/articles/story-2`, SitemapSkip.NoLanguage],
      [`${BASE}/articles/story-3`, SitemapSkip.NoLanguage],
    ]);
  });

  it('uses publicationName when given', () => {
    const items = news(renderNewsSitemap([story(1, { published: hours(1) })], site, { now, publicationName: 'The Example Times' }).sitemap);
    expect(items[0]?.['news:news']['news:publication']['news:name']).toBe('The Example Times');
  });

  it('is an empty urlset, still well-formed, when nothing is recent', () => {
    const { sitemap } = renderNewsSitemap([story(1, { published: hours(100) })], site, { now });
    expect(news(sitemap)).toEqual([]);
    expect(strictlyWellFormed(sitemap)).toBe(true);
  });

  it.skipIf(!hasXmllint)('is valid against sitemap.xsd with the news extension (xmllint; skipped: not installed)', () => {
    const entries = [story(1, { published: hours(1), title: 'A & B <c>' }), story(2, { published: hours(2), language: 'zh-HK' })];
    const { sitemap } = renderNewsSitemap(entries, site, { now });
    expect(xmllintSchema(sitemap, 'news-sitemap.xsd')).toBe('valid');
    // The oracle can fail: a language outside Google's codes is refused.
    expect(xmllintSchema(sitemap.replace('<news:language>en<', '<news:language>en-GB<'), 'news-sitemap.xsd')).toContain('pattern');
  });
});

describe('hostile text', () => {
  const VECTORS = [
    '&',
    '<',
    '>',
    ']]>',
    '"\'',
    '&amp;',
    '\u0000\u0001\u001F',
    '\uFFFE\uFFFF',
    '\uD800',
    '\r\n\t',
    'ก\u0E48\u0E49\u0E4C',
    '\u0E31\u0E34',
    '<![CDATA[x]]>',
  ];
  const text = fc.oneof(
    fc.constantFrom(...VECTORS),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const hostile = fc.array(
    fc.oneof(
      text,
      fc.array(text, { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
    ),
    { minLength: 1, maxLength: 4 },
  );

  it('always gives well-formed sitemaps whose titles read back as written (minus XML-forbidden characters)', () => {
    const now = new Date('2026-05-10T12:00:00Z');
    fc.assert(
      fc.property(hostile, text, text, (titles, name, category) => {
        const entries = titles.map((title, i) =>
          story(i, { title, published: new Date(now.getTime() - i * 1000), categories: [category], author: name || undefined }),
        );
        const { sitemap } = renderSitemaps(entries, urls);
        const news = renderNewsSitemap(entries, { title: name || 'x', language: 'th' }, { now }).sitemap;
        for (const xml of [sitemap, news]) {
          expect(strictlyWellFormed(xml)).toBe(true);
          if (hasXmllint) expect(xmllintWellFormed(xml)).toBe('well-formed');
        }
        const doc = parseXml(news, ['url']) as { urlset: { url: { 'news:news': { 'news:title': unknown } }[] } };
        expect(doc.urlset.url.map((u) => String(u['news:news']['news:title'] ?? ''))).toEqual(titles.map(stripForbidden));
      }),
      { numRuns: 150 },
    );
  });
});

// OPML 2.0 subscription list: structure read back by fast-xml-parser and Python's ElementTree, bytes stable, hostile names safe.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../src/core/model.js';
import { renderOpmlDocument } from '../../src/core/render/discovery.js';
import { encodeSegment } from '../../src/core/routes.js';
import { type OpmlInput, type OpmlUrls, renderOpml } from '../../src/core/render/opml.js';
import { stripForbidden } from '../../src/core/text.js';
import { hasXmllint, parseXml, strictlyWellFormed, xmllintWellFormed } from './xml-oracles.js';

const BASE = 'https://news.example';
const facet = (kind: string) => (name: string) => `${BASE}/${kind}/${encodeSegment(stripForbidden(name))}/`;
const urls: OpmlUrls = {
  home: `${BASE}/`,
  siteFeed: `${BASE}/feed.xml`,
  categoryPage: facet('categories'),
  categoryFeed: (name) => `${facet('categories')(name)}feed.xml`,
  authorPage: facet('authors'),
  authorFeed: (name) => `${facet('authors')(name)}feed.xml`,
};
const input: OpmlInput = {
  siteTitle: 'ข่าวเช้า & Co',
  categories: ['world', 'การเมือง', 'world', 'R&D'],
  authors: ['Reuters', 'AFP'],
  dateCreated: new Date('2026-01-01T00:00:00Z'),
  dateModified: new Date('2026-05-10T12:34:56.789Z'),
  ownerName: 'Desk <night>',
};

interface Outline {
  '@_type'?: string;
  '@_text': string;
  '@_title'?: string;
  '@_xmlUrl'?: string;
  '@_htmlUrl'?: string;
  outline?: Outline[];
}
interface Opml {
  opml: {
    '@_version': string;
    head: Record<string, string>;
    body: { outline: Outline[] };
  };
}
const read = (xml: string) => parseXml(xml, ['outline']) as unknown as Opml;
const feed = (title: string, xmlUrl: string, htmlUrl: string): Outline => ({
  '@_type': 'rss',
  '@_text': title,
  '@_title': title,
  '@_xmlUrl': xmlUrl,
  '@_htmlUrl': htmlUrl,
});

describe('renderOpml', () => {
  const xml = renderOpml(input, urls);

  it('is OPML 2.0 with the head taken from the input only', () => {
    const doc = read(xml);
    expect(doc.opml['@_version']).toBe('2.0');
    expect(doc.opml.head).toEqual({
      title: 'ข่าวเช้า & Co',
      dateCreated: 'Thu, 01 Jan 2026 00:00:00 GMT',
      dateModified: 'Sun, 10 May 2026 12:34:56 GMT',
      ownerName: 'Desk <night>',
      docs: 'http://opml.org/spec2.opml',
    });
  });

  it('lists the site feed, then a folder of category feeds and one of author feeds, names sorted and de-duplicated', () => {
    expect(read(xml).opml.body.outline).toEqual([
      feed('ข่าวเช้า & Co', `${BASE}/feed.xml`, `${BASE}/`),
      {
        '@_text': 'Categories',
        outline: [
          feed('ข่าวเช้า & Co: R&D', `${BASE}/categories/R%26D/feed.xml`, `${BASE}/categories/R%26D/`),
          feed('ข่าวเช้า & Co: world', `${BASE}/categories/world/feed.xml`, `${BASE}/categories/world/`),
          feed('ข่าวเช้า & Co: การเมือง', urls.categoryFeed('การเมือง'), urls.categoryPage('การเมือง')),
        ],
      },
      {
        '@_text': 'Authors',
        outline: [
          feed('ข่าวเช้า & Co: AFP', `${BASE}/authors/AFP/feed.xml`, `${BASE}/authors/AFP/`),
          feed('ข่าวเช้า & Co: Reuters', `${BASE}/authors/Reuters/feed.xml`, `${BASE}/authors/Reuters/`),
        ],
      },
    ]);
  });

  it('gives the same bytes whatever the order of the names', () => {
    expect(renderOpml({ ...input, categories: [...input.categories].reverse(), authors: [...input.authors].reverse() }, urls)).toBe(xml);
  });

  it('leaves out dates and owner not given, an invalid date, and empty folders; labels can be changed', () => {
    const doc = read(
      renderOpml(
        { siteTitle: 'S', categories: ['a'], authors: [], dateModified: new Date(Number.NaN), labels: { categories: 'หมวด' } },
        urls,
      ),
    );
    expect(doc.opml.head).toEqual({ title: 'S', docs: 'http://opml.org/spec2.opml' });
    expect(doc.opml.body.outline.map((o) => o['@_text'])).toEqual(['S', 'หมวด']);
  });

  it("names its folders in the site's language, as the site's pages do (new-user trial: English on a Thai site)", () => {
    const site: Site = {
      title: 'S',
      description: 'd',
      language: 'th',
      author: 'S',
      baseUrl: BASE,
      id: `${BASE}/`,
      itemLimit: 10,
      maxAge: 300,
      hubs: [],
    };
    const folders = (language: string) =>
      read(
        renderOpmlDocument({ site: { ...site, language }, entries: [], categories: ['a'], authors: ['b'], updated: new Date(0) })
          .body as string,
      )
        .opml.body.outline.slice(1)
        .map((o) => o['@_text']);
    expect(folders('th')).toEqual(['หมวดหมู่', 'ผู้เขียน']);
    expect(folders('en-GB')).toEqual(['Categories', 'Authors']);
  });

  it.skipIf(spawnSync('python3', ['-c', 'import xml.etree.ElementTree']).status !== 0)(
    "reads the same through Python's ElementTree (skipped: python3 not installed)",
    () => {
      const script =
        'import sys,json,xml.etree.ElementTree as E\n' +
        'r=E.fromstring(sys.stdin.buffer.read())\n' +
        'print(json.dumps([r.get("version"),[[o.get("text"),o.get("xmlUrl"),o.get("htmlUrl")] for o in r.iter("outline") if o.get("type")=="rss"]]))';
      const run = spawnSync('python3', ['-c', script], { input: xml });
      expect(run.stderr.toString()).toBe('');
      const [version, feeds] = JSON.parse(run.stdout.toString()) as [string, string[][]];
      expect(version).toBe('2.0');
      expect(feeds).toHaveLength(1 + 3 + 2);
      expect(feeds[0]).toEqual(['ข่าวเช้า & Co', `${BASE}/feed.xml`, `${BASE}/`]);
      expect(feeds[1]).toEqual(['ข่าวเช้า & Co: R&D', `${BASE}/categories/R%26D/feed.xml`, `${BASE}/categories/R%26D/`]);
    },
  );

  it('is well-formed, and reads back every title as written (minus XML-forbidden characters), whatever the names', () => {
    const VECTORS = [
      '&',
      '<',
      '>',
      ']]>',
      '"',
      "'",
      '\u0000\u001F',
      '\uFFFE',
      '\uD800',
      '\r\n\t',
      'ก\u0E48\u0E49\u0E4C',
      '\u0E31',
      ' lead',
    ];
    const text = fc.oneof(
      fc.constantFrom(...VECTORS),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 4 }), fc.array(text, { maxLength: 4 }), (siteTitle, categories, authors) => {
        const out = renderOpml({ siteTitle, categories, authors, ownerName: siteTitle }, urls);
        expect(strictlyWellFormed(out)).toBe(true);
        if (hasXmllint) expect(xmllintWellFormed(out)).toBe('well-formed');
        const doc = read(out);
        const titles = doc.opml.body.outline.flatMap((o) => [o, ...(o.outline ?? [])]).filter((o) => o['@_type'] === 'rss');
        const names = [...new Set([...categories].filter((n) => n !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const authorNames = [...new Set([...authors].filter((n) => n !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(titles.map((o) => o['@_text'])).toEqual(
          [siteTitle, ...names.map((n) => `${siteTitle}: ${n}`), ...authorNames.map((n) => `${siteTitle}: ${n}`)].map(stripForbidden),
        );
      }),
      { numRuns: 150 },
    );
  });
});

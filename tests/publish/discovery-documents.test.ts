// The served discovery documents: sitemap pages past the URL limit, the news sitemap re-rendered when a story leaves its window, skipped URLs reported.
import { describe, expect, it } from 'vitest';
import type { Entry, Problem, Site } from '../../src/core/model.js';
import { DiscoveryDocuments } from '../../src/publish/discovery-documents.js';
import { encodeDocument } from '../../src/snapshot/encode.js';
import { NO_EXTRA_HEADERS } from '../../src/snapshot/headers.js';
import { hasXmllint, xmllintSchema } from '../core/xml-oracles.js';

const BASE = 'https://news.example';
const HOUR = 3_600_000;
const site: Site = {
  title: 'Desk',
  description: 'd',
  language: 'th',
  author: 'Desk',
  baseUrl: BASE,
  id: `${BASE}/`,
  itemLimit: 10,
  maxAge: 300,
  hubs: [],
};

function entry(n: number, publishedMs: number, slug = `s${n}`): Entry {
  const published = new Date(publishedMs);
  return {
    path: `${slug}.txt`,
    slug: [slug],
    url: `${BASE}/articles/${slug}`,
    id: `urn:uuid:${n}`,
    published,
    updated: published,
    hash: String(n),
    title: `Story ${n}`,
    contentHtml: '<p>x</p>',
    summary: 'x',
    categories: [],
  };
}

function documents(entries: Entry[], clock: { now: number }, problems: Problem[][] = []) {
  let renders = 0;
  const docs = new DiscoveryDocuments({
    input: () => {
      renders++;
      return { site, entries, categories: [], authors: [], updated: new Date(0) };
    },
    clock: () => clock.now,
    encode: (doc, previous) => encodeDocument(doc, { maxAge: 300, hubs: [], extra: NO_EXTRA_HEADERS }, previous),
    report: (p) => problems.push(p),
    sitemap: { maxUrlsPerFile: 2 },
  });
  return { docs, renders: () => renders };
}

describe('discovery documents as served', () => {
  it('splits the sitemap into pages under an index, each valid, and knows its size before rendering', () => {
    const now = Date.UTC(2026, 4, 1);
    const { docs } = documents([entry(1, now - HOUR), entry(2, now - 2 * HOUR), entry(3, now - 3 * HOUR)], { now });
    expect(docs.size).toBe(4 + 2);
    const paths = [...docs.values()].map((d) => d.path);
    expect(paths).toEqual(['/sitemap.xml', '/sitemap-1.xml', '/sitemap-2.xml', '/feeds.opml', '/robots.txt', '/news-sitemap.xml']);
    expect(docs.size).toBe(paths.length);
    const index = docs.get('/sitemap.xml')?.identity.body.toString() ?? '';
    expect(index).toContain(`<loc>${BASE}/sitemap-2.xml</loc>`);
    expect(docs.get('/sitemap-3.xml')).toBeUndefined();
    if (hasXmllint) {
      expect(xmllintSchema(index, 'siteindex.xsd')).toBe('valid');
      for (const p of ['/sitemap-1.xml', '/sitemap-2.xml'])
        expect(xmllintSchema(docs.get(p)?.identity.body.toString() ?? '', 'sitemap.xsd')).toBe('valid');
    }
  });

  it('renders the news sitemap again once its oldest story leaves the 48-hour window, and not before', () => {
    const start = Date.UTC(2026, 4, 1);
    const clock = { now: start };
    const { docs, renders } = documents([entry(1, start - 47 * HOUR), entry(2, start - HOUR)], clock);
    const first = docs.get('/news-sitemap.xml');
    expect(first?.identity.body.toString()).toContain('/articles/s1<');
    expect(first?.identity.raw).toContain('public, max-age=60');
    clock.now = start + 30 * 60_000;
    expect(docs.get('/news-sitemap.xml')).toBe(first);
    const before = renders();
    clock.now = start + HOUR + 1;
    const second = docs.get('/news-sitemap.xml');
    expect(renders()).toBe(before + 1);
    expect(second?.identity.body.toString()).not.toContain('/articles/s1<');
    expect(second?.identity.body.toString()).toContain('/articles/s2<');
    // It changed when s1 left the window: Last-Modified says so, for If-Modified-Since clients.
    expect(second?.lastModifiedMs).toBe(Math.floor((start + HOUR) / 1000) * 1000);
  });

  it('reports a story URL too long for a sitemap as a warning against its file, and keeps the rest', () => {
    const now = Date.UTC(2026, 4, 1);
    const problems: Problem[][] = [];
    const long = 'x'.repeat(2100);
    const { docs } = documents([entry(1, now - HOUR, long), entry(2, now - HOUR)], { now }, problems);
    expect(docs.get('/sitemap.xml')?.identity.body.toString()).toContain('/articles/s2<');
    expect(problems.at(-1)).toEqual([expect.objectContaining({ path: `${long}.txt`, code: 'NOT_IN_SITEMAP', severity: 'warning' })]);
  });
});

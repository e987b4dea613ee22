// Sitemaps, the news sitemap, the OPML list and robots.txt on the real server and in `build`: validated, held and draft stories never listed.
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { buildSite } from '../../src/runtime.js';
import { hasXmllint, parseXml, strictlyWellFormed, xmllintSchema, xmllintWellFormed } from '../core/xml-oracles.js';
import { getText, put, removeDir, siteFolders, startSite, tempDir, testConfig } from '../helpers.js';

const ctx = siteFolders();
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A recent story, one from three days ago, one held for a few minutes, and a draft. */
async function writeStories(articles: string): Promise<void> {
  const now = Date.now();
  await put(articles, 'world/recent.md', `---\ntitle: Rain & wind tonight\ndate: ${iso(now - HOUR)}\nauthor: AFP\n---\nBody.\n`);
  await put(articles, 'old.md', `---\ntitle: Three days ago\ndate: ${iso(now - 72 * HOUR)}\nlang: en\n---\nOld body.\n`);
  await put(articles, 'world/held.md', `---\ntitle: Embargoed\ndate: ${iso(now + 10 * 60_000)}\n---\nNot yet.\n`);
  await put(articles, 'draft.md', `---\ntitle: A draft\ndate: ${iso(now - HOUR)}\ndraft: true\n---\nNot ever.\n`);
}

interface UrlNode {
  loc: string;
  lastmod?: string;
  'news:news'?: { 'news:title': string; 'news:publication': { 'news:language': string } };
}
const locs = (xml: string): UrlNode[] => (parseXml(xml, ['url']) as { urlset: { url?: UrlNode[] } }).urlset.url ?? [];

/** Every document kind, checked the same way whether it came from the server or from `build`. */
function checkDocuments(base: string, docs: { sitemap: string; news: string; opml: string; robots: string }): void {
  for (const xml of [docs.sitemap, docs.news, docs.opml]) expect(strictlyWellFormed(xml)).toBe(true);
  if (hasXmllint) {
    for (const xml of [docs.sitemap, docs.news, docs.opml]) expect(xmllintWellFormed(xml)).toBe('well-formed');
    expect(xmllintSchema(docs.sitemap, 'sitemap.xsd')).toBe('valid');
    expect(xmllintSchema(docs.news, 'news-sitemap.xsd')).toBe('valid');
  }
  const listed = locs(docs.sitemap).map((u) => u.loc);
  expect(listed).toEqual(
    expect.arrayContaining([
      `${base}/`,
      `${base}/categories/world/`,
      `${base}/authors/AFP/`,
      `${base}/articles/world/recent`,
      `${base}/articles/old`,
    ]),
  );
  expect(listed.join(' ')).not.toMatch(/held|draft/);
  const news = locs(docs.news);
  expect(news.map((u) => u.loc)).toEqual([`${base}/articles/world/recent`]);
  expect(news[0]?.['news:news']?.['news:title']).toBe('Rain & wind tonight');

  const opml = parseXml(docs.opml, ['outline']) as {
    opml: { body: { outline: { '@_xmlUrl'?: string; outline?: { '@_xmlUrl': string }[] }[] } };
  };
  const feeds = opml.opml.body.outline.flatMap((o) => [o['@_xmlUrl'], ...(o.outline ?? []).map((c) => c['@_xmlUrl'])]).filter(Boolean);
  expect(feeds).toEqual([`${base}/feed.xml`, `${base}/categories/world/feed.xml`, `${base}/authors/AFP/feed.xml`]);
  const python = spawnSync(
    'python3',
    [
      '-c',
      'import sys,xml.etree.ElementTree as E\nr=E.fromstring(sys.stdin.buffer.read())\nprint(" ".join(o.get("xmlUrl") for o in r.iter("outline") if o.get("xmlUrl")))',
    ],
    { input: docs.opml },
  );
  if (python.status !== null && !python.error) expect(python.stdout.toString().trim().split(' ')).toEqual(feeds);

  expect(docs.robots).toContain(`Sitemap: ${base}/sitemap.xml\n`);
  expect(docs.robots).toContain(`Sitemap: ${base}/news-sitemap.xml\n`);
}

describe('discovery documents', () => {
  it('are served with their types, list only published stories, and the home page links the OPML list', async () => {
    await writeStories(ctx.articles);
    ctx.running = await startSite(ctx.articles, ctx.state, { title: 'Desk & Co' });
    const { url } = ctx.running;
    const get = async (p: string) => {
      const res = await getText(url + p);
      expect(res.status, p).toBe(200);
      return res;
    };
    const sitemap = await get('/sitemap.xml');
    const news = await get('/news-sitemap.xml');
    const opml = await get('/feeds.opml');
    const robots = await get('/robots.txt');
    expect(sitemap.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(news.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(news.headers.get('cache-control')).toBe('public, max-age=60');
    expect(opml.headers.get('content-type')).toBe('text/x-opml; charset=utf-8');
    expect(robots.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    checkDocuments(url, { sitemap: sitemap.text, news: news.text, opml: opml.text, robots: robots.text });
    expect((await getText(`${url}/sitemap-1.xml`)).status).toBe(404);

    const home = (await get('/')).text;
    expect(home).toContain(`<link rel="outline" type="text/x-opml" title="Desk &amp; Co: every feed (OPML)" href="${url}/feeds.opml">`);
    expect(home).toContain(`<a href="${url}/feeds.opml" type="text/x-opml">`);

    // A new story is in the sitemaps at once: they are rendered again after every change.
    await put(ctx.articles, 'fresh.md', `---\ntitle: Fresh\ndate: ${iso(Date.now() - 60_000)}\n---\nNew.\n`);
    const fresh = `${url}/articles/fresh`;
    for (const p of ['/sitemap.xml', '/news-sitemap.xml']) {
      const deadline = Date.now() + 10_000;
      while (!(await getText(url + p)).text.includes(fresh) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await getText(url + p)).text, p).toContain(fresh);
    }
  });

  it('are written by build, precompressed, with the same checks', async () => {
    await writeStories(ctx.articles);
    const out = await tempDir('feedpub-build-');
    try {
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example/desk' });
      await buildSite(config, path.join(out, 'site'), { log: silentLogger });
      await removeDir(configDir);
      const read = (f: string) => readFile(path.join(out, 'site', f), 'utf8');
      const docs = {
        sitemap: await read('sitemap.xml'),
        news: await read('news-sitemap.xml'),
        opml: await read('feeds.opml'),
        robots: await read('robots.txt'),
      };
      checkDocuments('https://news.example/desk', docs);
      for (const f of ['sitemap.xml', 'news-sitemap.xml', 'feeds.opml', 'robots.txt']) {
        const bytes = await readFile(path.join(out, 'site', f));
        expect(gunzipSync(await readFile(path.join(out, 'site', `${f}.gz`))).equals(bytes), f).toBe(true);
        expect(brotliDecompressSync(await readFile(path.join(out, 'site', `${f}.br`))).equals(bytes), f).toBe(true);
      }
    } finally {
      await removeDir(out);
    }
  });
});

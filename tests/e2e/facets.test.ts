// Per-category and per-author feeds: their own feeds and pages, autodiscovered, kept in step with edits.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFile, paths } from '../../src/core/routes.js';
import { silentLogger } from '../../src/log.js';
import { buildSite } from '../../src/runtime.js';
import {
  atomOracle,
  assertWellFormed,
  getText,
  parseAtomFeed,
  parseRssFeed,
  put,
  removeDir,
  startSite,
  testConfig,
  waitFor,
  siteFolders,
} from '../helpers.js';

const ctx = siteFolders();
const atoms = atomOracle('category Atom feeds');

const titles = async (url: string) => (parseRssFeed((await getText(url)).text).items ?? []).map((i) => i.title).sort();

describe('category and author feeds', () => {
  it('serves each category and credit as feeds of their own, linked from the pages', async () => {
    await put(ctx.articles, 'world/asia/rain.txt', 'Rain in Bangkok\n\nAFP\n\nbody\n');
    await put(ctx.articles, 'world/markets.txt', 'Markets close higher\n\nReuters\n\nbody\n');
    await put(ctx.articles, 'local.md', '---\ntitle: Food festival\ntags: [อาหาร, world]\nauthor: AFP\n---\nbody\n');
    await put(ctx.articles, 'other.txt', 'Unrelated\n\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;

    expect(await titles(`${url}/categories/world/feed.xml`)).toEqual(['Food festival', 'Markets close higher', 'Rain in Bangkok']);
    expect(await titles(`${url}/categories/asia/feed.xml`)).toEqual(['Rain in Bangkok']);
    expect(await titles(`${url}/authors/AFP/feed.xml`)).toEqual(['Food festival', 'Rain in Bangkok']);
    const thai = `${url}/categories/${encodeURIComponent('อาหาร')}/`;
    expect(await titles(`${thai}feed.xml`)).toEqual(['Food festival']);

    const atom = (await getText(`${url}/categories/world/atom.xml`)).text;
    assertWellFormed(atom);
    atoms.add(atom);
    const feed = parseAtomFeed(atom);
    expect(feed.id).toBe(`${url}/categories/world/`);
    expect(feed.title?.value ?? feed.title).toBe('Test desk: world');
    expect(feed.links?.find((l) => l.rel === 'self')?.href).toBe(`${url}/categories/world/atom.xml`);
    const json = JSON.parse((await getText(`${url}/authors/AFP/feed.json`)).text) as { feed_url: string; items: unknown[] };
    expect(json.feed_url).toBe(`${url}/authors/AFP/feed.json`);
    expect(json.items).toHaveLength(2);

    // The category page autodiscovers its own feeds; the home page and story pages link to it.
    const page = await getText(`${url}/categories/world/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Test desk: world (Atom)" href="${url}/categories/world/atom.xml">`,
    );
    const home = (await getText(`${url}/`)).text;
    expect(home).toContain(`<a href="${url}/categories/world/">world</a> (3)`);
    expect(home).toContain(`<a href="${url}/authors/AFP/">AFP</a> (2)`);
    expect((await getText(`${url}/articles/world/asia/rain`)).text).toContain(`<a href="${url}/categories/asia/">asia</a>`);

    expect((await getText(`${url}/categories/nothing/feed.xml`)).status).toBe(404);
    expect((await getText(`${url}/authors/nobody/`)).status).toBe(404);
  });

  it('gives each author a credit names a page and feeds of their own: Markdown author lists too', async () => {
    await put(ctx.articles, 'flood.txt', 'Floods recede\n\nBy Jane Doe and John Roe, Reuters\n\nRivers fell.\n');
    await put(ctx.articles, 'rain.txt', 'ฝนตกหนัก\n\nAFP / รอยเตอร์\n\nฝนตกหนักหลายจังหวัด\n');
    await put(ctx.articles, 'hugo.md', '---\ntitle: Written for Hugo\nauthors: [Jane Doe, Kim Lee]\n---\nBody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const author = (name: string) => `${url}/authors/${encodeURIComponent(name)}/feed.xml`;
    expect(await titles(author('Jane Doe'))).toEqual(['Floods recede', 'Written for Hugo']);
    expect(await titles(author('John Roe'))).toEqual(['Floods recede']);
    expect(await titles(author('Kim Lee'))).toEqual(['Written for Hugo']);
    expect(await titles(author('Reuters'))).toEqual(['Floods recede']);
    expect(await titles(author('รอยเตอร์'))).toEqual(['ฝนตกหนัก']);
    expect(await titles(author('AFP'))).toEqual(['ฝนตกหนัก']);
    // No page for the credit line as a whole; the story page shows it as written, each name a link.
    expect((await getText(`${url}/authors/${encodeURIComponent('Jane Doe and John Roe, Reuters')}/`)).status).toBe(404);
    expect((await getText(`${url}/articles/flood`)).text).toContain(
      `<a href="${url}/authors/Jane%20Doe/">Jane Doe</a> and <a href="${url}/authors/John%20Roe/">John Roe</a>, <a href="${url}/authors/Reuters/">Reuters</a>`,
    );
    const home = (await getText(`${url}/`)).text;
    expect(home).toContain(`<a href="${url}/authors/Jane%20Doe/">Jane Doe</a> (2)`);
    expect(ctx.running.site.status().problems).toEqual([]);
  });

  it('builds the pages of names no folder could hold as they are (24/7 News, AC/DC, ..), where build used to skip them and fail', async () => {
    await put(ctx.articles, 'news.txt', 'Round the clock\n\nBy 24/7 News\n\nBody.\n');
    await put(ctx.articles, 'rock.md', '---\ntitle: Rock\ntags: ["AC/DC", "a\\\\b", ".."]\n---\nBody\n');
    // Names too long for a folder (120 Thai letters, 360 bytes) have no page: in the feeds, unlinked on the story's page.
    const long = 'ก'.repeat(120);
    await put(ctx.articles, 'long.md', `---\ntitle: Long\ntags: [${long}]\nauthor: ${long}\n---\nBody\n`);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    expect(await titles(`${url}${paths.facetFeed('authors', '24/7 News', 'rss')}`)).toEqual(['Round the clock']);
    expect(await titles(`${url}${paths.facetFeed('categories', 'AC/DC', 'rss')}`)).toEqual(['Rock']);
    expect(await titles(`${url}${paths.facetFeed('categories', '..', 'rss')}`)).toEqual(['Rock']);
    expect((await getText(`${url}${paths.facet('categories', long)}`)).status).toBe(404);
    // A subscriber of a URL spelled as links once wrote it (`%2F`, `%5C`) is sent to the new spelling, for good.
    for (const [old, facet, name] of [
      ['/authors/24%2F7%20News/feed.xml', 'authors', '24/7 News'],
      ['/categories/AC%2FDC/atom.xml', 'categories', 'AC/DC'],
      ['/categories/a%5Cb/', 'categories', 'a\\b'],
    ] as const) {
      const moved = await fetch(`${url}${old}`, { redirect: 'manual' });
      expect(moved.status, old).toBe(301);
      const now = old.endsWith('/') ? paths.facet(facet, name) : paths.facetFeed(facet, name, old.endsWith('atom.xml') ? 'atom' : 'rss');
      expect(moved.headers.get('location'), old).toBe(`${url}${now}`);
    }
    expect(await titles(`${url}/authors/24%2F7%20News/feed.xml`)).toEqual(['Round the clock']);
    expect((await fetch(`${url}/categories/No%2FSuch/feed.xml`, { redirect: 'manual' })).status).toBe(404);
    const longPage = (await getText(`${url}/articles/long`)).text;
    expect(longPage).toContain(long);
    expect(longPage).not.toContain(encodeURIComponent(long));
    expect((await getText(`${url}/feed.xml`)).text).toContain(`<dc:creator>${long}</dc:creator>`);
    await ctx.running.close();
    ctx.running = undefined;
    const out = path.join(ctx.state, '..', `site-${path.basename(ctx.state)}`);
    const result = await buildSite((await testConfig(ctx.articles, ctx.state)).config, out, { log: silentLogger });
    try {
      expect(result.skipped).toEqual([]);
      for (const [facet, name] of [['authors', '24/7 News'], ['categories', 'AC/DC'], ['categories', 'a\\b'], ['categories', '..']] as const) {
        const page = await readFile(path.join(out, buildFile(paths.facet(facet, name))), 'utf8');
        expect(page).toContain(`<h1>Test desk: ${name}</h1>`);
      }
    } finally {
      await removeDir(out);
    }
  });

  it('puts names that URLs spell the same (24/7 and 24∕7, . and ．) on one page, which lists the stories of both', async () => {
    await put(ctx.articles, 'slash.md', '---\ntitle: Slash\ntags: ["a/b", "."]\nauthor: "24/7 News"\n---\nBody\n');
    await put(ctx.articles, 'lookalike.md', '---\ntitle: Look-alike\ntags: ["a\u2215b", "\uff0e"]\nauthor: "24\u22157 News"\n---\nBody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    for (const [facet, name] of [['categories', 'a/b'], ['categories', '.'], ['authors', '24/7 News']] as const) {
      expect(await titles(`${url}${paths.facetFeed(facet, name, 'rss')}`), name).toEqual(['Look-alike', 'Slash']);
    }
    // Listed once each: on the home page, in the OPML and in the sitemap.
    const opml = (await getText(`${url}/feeds.opml`)).text;
    const xmlUrls = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(xmlUrls).size).toBe(xmlUrls.length);
    const home = (await getText(`${url}/`)).text;
    expect(home.split(`href="${url}${paths.facet('categories', 'a/b')}"`).length - 1).toBe(1);
    const sitemap = (await getText(`${url}/sitemap.xml`)).text;
    expect(sitemap.split(`<loc>${url}${paths.facet('authors', '24/7 News')}</loc>`).length - 1).toBe(1);
  });

  it('follows edits, and answers an unchanged category feed with 304 across regenerations', async () => {
    await put(ctx.articles, 'world/a.txt', 'World A\n\nbody\n');
    await put(ctx.articles, 'sport/b.txt', 'Sport B\n\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const sport = await fetch(`${url}/categories/sport/feed.xml`);
    const etag = sport.headers.get('etag') ?? '';
    await sport.arrayBuffer();

    await writeFile(path.join(ctx.articles, 'world', 'c.txt'), 'World C\n\nbody\n');
    await waitFor(async () => (await titles(`${url}/categories/world/feed.xml`)).includes('World C'), 10_000, 'new story in its category');
    const again = await fetch(`${url}/categories/sport/feed.xml`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  atoms.test(1);
});

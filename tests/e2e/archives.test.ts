// RFC 5005 complete archives: following prev-archive from the subscription feed rebuilds the whole history.
import { readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { siteFromConfig } from '../../src/publish/site-status.js';
import { buildSite } from '../../src/runtime.js';
import { STATE_FILE } from '../../src/store/state-errors.js';
import { ArchivePool, type StoryKey } from '../../src/workers/archive-pool.js';
import {
  assertWellFormed,
  atomOracle,
  getText,
  parseAtomFeed,
  parseRssFeed,
  put,
  removeDir,
  siteFolders,
  startSite,
  tempDir,
  testConfig,
  waitFor,
} from '../helpers.js';

const ctx = siteFolders();
const atoms = atomOracle('subscription and archive Atom documents');

describe('feed history (RFC 5005)', () => {
  it('links the subscription feeds to complete archive pages that together hold every story', async () => {
    for (let i = 1; i <= 8; i++)
      await put(ctx.articles, `s${i}.txt`, `Story ${i}\n\n2026-11-${String(i).padStart(2, '0')} 09:00\n\nbody ${i}\n`);
    ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 3 });
    const { url } = ctx.running;

    // Atom: walk prev-archive links from the subscription document.
    const seen = new Set<string>();
    let next: string | undefined = `${url}/atom.xml`;
    const pages: string[] = [];
    while (next) {
      const xml: string = (await getText(next)).text;
      assertWellFormed(xml);
      atoms.add(xml, next);
      const feed: ReturnType<typeof parseAtomFeed> = parseAtomFeed(xml);
      for (const e of feed.entries ?? []) seen.add(e.title?.value ?? '');
      pages.push(next);
      if (next !== `${url}/atom.xml`) {
        expect(xml).toContain('<fh:archive/>');
        expect(feed.links?.find((l) => l.rel === 'current')?.href).toBe(`${url}/atom.xml`);
      }
      next = feed.links?.find((l) => l.rel === 'prev-archive')?.href;
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages).toEqual([`${url}/atom.xml`, `${url}/archive/2/atom.xml`, `${url}/archive/1/atom.xml`]);
    expect([...seen].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `Story ${i + 1}`).sort());
    expect((parseAtomFeed((await getText(`${url}/archive/1/atom.xml`)).text).entries ?? []).map((e) => e.title?.value)).toEqual([
      'Story 3',
      'Story 2',
      'Story 1',
    ]);
    const page1 = parseAtomFeed((await getText(`${url}/archive/1/atom.xml`)).text);
    expect(page1.links?.find((l) => l.rel === 'next-archive')?.href).toBe(`${url}/archive/2/atom.xml`);
    expect((await fetch(`${url}/archive/1/atom.xml`)).headers.get('cache-control')).toBe('public, max-age=86400');

    // RSS carries the same links as atom:link; JSON Feed pages with next_url.
    const rss = parseRssFeed((await getText(`${url}/feed.xml`)).text);
    expect(rss.atom?.links?.find((l) => l.rel === 'prev-archive')?.href).toBe(`${url}/archive/2/feed.xml`);
    const jsonTitles: string[] = [];
    let jsonNext: string | undefined = `${url}/feed.json`;
    while (jsonNext) {
      const doc = JSON.parse((await getText(jsonNext)).text) as { items: { title: string }[]; next_url?: string };
      jsonTitles.push(...doc.items.map((i) => i.title));
      jsonNext = doc.next_url;
    }
    expect(new Set(jsonTitles).size).toBe(8);

    expect((await fetch(`${url}/archive/3/atom.xml`)).status).toBe(404);
    expect((await fetch(`${url}/archive/0/atom.xml`)).status).toBe(404);

    // Opened in a browser, an archive page says what it is and offers the feed to follow, not itself (new-user trial).
    // node:http, not fetch: fetch adds a Sec-Fetch-Mode of its own, which decides the answer.
    const page = await new Promise<string>((resolve, reject) => {
      const navigation = { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', accept: 'text/html' };
      request(`${url}/archive/1/feed.xml`, { headers: navigation }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    });
    expect(page).toMatch(/<h2 id="feed-about">(This is an archive page of a news feed|นี่คือหน้าเก็บข่าวเก่าของฟีด)<\/h2>/);
    expect(page).toContain(`<input id="feed-url" type="url" readonly value="${url}/feed.xml"`);
    expect(page).toContain(`feedly.com/i/subscription/feed/${encodeURIComponent(`${url}/feed.xml`)}`);
    expect(page).not.toContain(encodeURIComponent(`${url}/archive/1/feed.xml`));
  });

  it('links a whole number of pages from the page before the newest: the newest holds only the feeds’ own stories', async () => {
    for (let i = 1; i <= 6; i++)
      await put(ctx.articles, `w${i}.txt`, `Whole ${i}\n\n2026-11-${String(i).padStart(2, '0')} 09:00\n\nbody ${i}\n`);
    ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 3 });
    const { url } = ctx.running;
    const atom = parseAtomFeed((await getText(`${url}/atom.xml`)).text);
    expect(atom.links?.find((l) => l.rel === 'prev-archive')?.href).toBe(`${url}/archive/1/atom.xml`);
    // Page 2 is still a complete archive, reached from page 1.
    const page1 = parseAtomFeed((await getText(`${url}/archive/1/atom.xml`)).text);
    expect(page1.links?.find((l) => l.rel === 'next-archive')?.href).toBe(`${url}/archive/2/atom.xml`);
    expect((await fetch(`${url}/archive/2/atom.xml`)).status).toBe(200);
    // Paging JSON Feed back from the subscription feed gives each story once.
    const titles: string[] = [];
    let next: string | undefined = `${url}/feed.json`;
    while (next) {
      const doc = JSON.parse((await getText(next)).text) as { items: { title: string }[]; next_url?: string };
      titles.push(...doc.items.map((i) => i.title));
      next = doc.next_url;
      expect(titles.length).toBeLessThan(20);
    }
    expect(titles.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `Whole ${i + 1}`).sort());
  });

  it('keeps each complete page as it is when an old story is deleted or a backdated one arrives, across a restart', async () => {
    const story = (name: string, date: string) => put(ctx.articles, `${name}.txt`, `${name}\n\n${date} 09:00\n\nbody of ${name}\n`);
    for (let i = 1; i <= 8; i++) await story(`Story ${i}`, `2026-11-${String(i).padStart(2, '0')}`);
    ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 3 });
    let { url } = ctx.running;
    const titles = async (doc: string) => (parseAtomFeed((await getText(`${url}${doc}`)).text).entries ?? []).map((e) => e.title?.value);
    /** Every story a reader paging back from the subscription feed finds (RFC 5005 §4.2), each once. */
    const walk = async () => {
      const seen: string[] = [];
      let next: string | undefined = `${url}/atom.xml`;
      while (next) {
        const feed: ReturnType<typeof parseAtomFeed> = parseAtomFeed((await getText(next)).text);
        seen.push(...(feed.entries ?? []).map((e) => e.title?.value ?? ''));
        next = feed.links?.find((l) => l.rel === 'prev-archive')?.href;
      }
      return [...new Set(seen)].sort();
    };
    expect(await titles('/archive/1/atom.xml')).toEqual(['Story 3', 'Story 2', 'Story 1']);
    const page2 = (await getText(`${url}/archive/2/atom.xml`)).text;

    const modified = (await fetch(`${url}/archive/1/atom.xml`)).headers.get('last-modified') ?? '';

    // A story deleted: its page loses it, and no other story changes page.
    await rm(path.join(ctx.articles, 'Story 3.txt'));
    await waitFor(async () => !(await titles('/archive/1/atom.xml')).includes('Story 3'), 10_000, 'Story 3 out of page 1');
    expect(await titles('/archive/1/atom.xml')).toEqual(['Story 2', 'Story 1']);
    expect((await getText(`${url}/archive/2/atom.xml`)).text).toBe(page2);
    // It was the page's newest: the page is not dated back to Story 2, and a reader asking since its last date gets it again.
    const again = await fetch(`${url}/archive/1/atom.xml`, { headers: { 'if-modified-since': modified } });
    expect(again.status).toBe(200);
    expect(Date.parse(again.headers.get('last-modified') ?? '')).toBeGreaterThan(Date.parse(modified));

    // A backdated story takes the next place: page 3 is complete with it, pages 1 and 2 keep their stories.
    await story('Story 0', '2026-10-01');
    await waitFor(async () => (await fetch(`${url}/archive/3/atom.xml`)).status === 200, 10_000, 'page 3');
    expect(await titles('/archive/3/atom.xml')).toEqual(['Story 0', 'Story 8', 'Story 7']);
    expect(await titles('/archive/2/atom.xml')).toEqual(['Story 6', 'Story 5', 'Story 4']);
    expect(await titles('/archive/1/atom.xml')).toEqual(['Story 2', 'Story 1']);
    // Another, in no complete page yet: the subscription feeds carry it after their newest three.
    await story('Story -1', '2026-09-01');
    await waitFor(async () => (await titles('/atom.xml')).includes('Story -1'), 10_000, 'Story -1 in the feed');
    expect(await titles('/atom.xml')).toEqual(['Story 8', 'Story 7', 'Story 6', 'Story -1']);
    const every = ['Story -1', 'Story 0', 'Story 1', 'Story 2', 'Story 4', 'Story 5', 'Story 6', 'Story 7', 'Story 8'].sort();
    expect(await walk()).toEqual(every);

    // A restart keeps every place: the same pages, byte for byte but for the new port in the links.
    const pages = () =>
      Promise.all([1, 2, 3].map(async (n) => (await getText(`${url}/archive/${n}/atom.xml`)).text.replaceAll(url, 'ORIGIN')));
    const before = await pages();
    await ctx.running.close();
    ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 3 });
    url = ctx.running.url;
    expect(await pages()).toEqual(before);
    expect(await walk()).toEqual(every);
  });

  it('builds archive pages on a worker thread, byte for byte as the server renders them on its own', async () => {
    for (let i = 1; i <= 23; i++)
      await put(ctx.articles, `b${i}.txt`, `Built ${i} ผู้นำ\n\n2026-10-${String(i).padStart(2, '0')} 09:00\n\nbody ${i} “quoted” & <b>\n`);
    const out = await tempDir('feedpub-build-');
    const { config, configDir } = await testConfig(ctx.articles, ctx.state, { itemLimit: 4, baseUrl: 'https://news.example' });
    try {
      await buildSite(config, out, { log: silentLogger });
      // The worker alone, on the stored stories, renders what the build wrote.
      const pool = new ArchivePool(path.join(ctx.state, STATE_FILE));
      const built = await readFile(path.join(out, 'archive', '5', 'feed.xml'), 'utf8');
      try {
        const paths = [...built.matchAll(/<link>https:\/\/news\.example\/articles\/(b\d+)<\/link>/g)].map((m) => `${m[1]}.txt`);
        expect(paths).toEqual(['b20.txt', 'b19.txt', 'b18.txt', 'b17.txt']);
        const db = new Database(path.join(ctx.state, STATE_FILE), { readonly: true });
        const stories = paths.map((p) => {
          const { meta } = db.prepare('SELECT meta FROM entries WHERE path = ?').get(p) as { meta: string };
          const { id, hash, published, updated, title } = JSON.parse(meta) as StoryKey;
          return { path: p, id, hash, published, updated, title };
        });
        db.close();
        const page = { site: siteFromConfig(config, 'https://news.example'), timeZone: config.timeZone, page: 5, pages: 5, stories };
        const made = await pool.render(page);
        expect(made.map((m) => m.path)).toEqual(['/archive/5/feed.xml', '/archive/5/atom.xml', '/archive/5/feed.json']);
        expect(Buffer.from(made[0]?.body ?? []).toString('utf8')).toBe(built);
        // A store that holds other stories under those paths (replaced during the build) is refused, never rendered.
        const other = { ...page, stories: stories.map((s, i) => (i === 2 ? { ...s, hash: 'another' } : s)) };
        await expect(pool.render(other)).rejects.toThrow('b18.txt in the state store is not the story this build holds');
      } finally {
        pool.close();
      }
      // Pages asked for at once go to the pool's workers side by side, each page's bytes its own.
      const wide = new ArchivePool(path.join(ctx.state, STATE_FILE), 2);
      try {
        const db = new Database(path.join(ctx.state, STATE_FILE), { readonly: true });
        const rows = db.prepare('SELECT meta FROM entries').all() as { meta: string }[];
        db.close();
        const metas = rows.map((r) => JSON.parse(r.meta) as StoryKey).sort((a, b) => b.published - a.published);
        const site = siteFromConfig(config, 'https://news.example');
        const asked = [1, 2, 3, 4, 5].map((page) => {
          const stories = metas.filter((m) => /^b\d+\.txt$/.test(m.path)).slice((5 - page) * 4 + 3, (5 - page) * 4 + 7);
          const keys = stories.map(({ path, id, hash, published, updated, title }) => ({ path, id, hash, published, updated, title }));
          return wide.render({ site, timeZone: config.timeZone, page, pages: 5, stories: keys });
        });
        const made = await Promise.all(asked);
        for (const [i, docs] of made.entries())
          expect(Buffer.from(docs[0]?.body ?? []).toString('utf8'), `page ${i + 1}`).toBe(
            await readFile(path.join(out, 'archive', String(i + 1), 'feed.xml'), 'utf8'),
          );
      } finally {
        wide.close();
      }
      ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 4 }, { baseUrl: 'https://news.example' });
      for (let page = 1; page <= 5; page++) {
        for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
          const served = await getText(`${ctx.running.url}/archive/${page}/${file}`);
          expect(await readFile(path.join(out, 'archive', String(page), file), 'utf8'), `archive/${page}/${file}`).toBe(served.text);
        }
      }
    } finally {
      await removeDir(out);
      await removeDir(configDir);
    }
  });

  atoms.test(3);
});

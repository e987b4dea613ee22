// Story identity through the real watcher and server: a rename onto a deleted name, a freed slug, a file turned into a folder, a new base URL.
import { copyFile, mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { nameBasedUuid } from '../../src/core/identity.js';
import { buildSite } from '../../src/runtime.js';
import { silentLogger } from '../../src/log.js';
import { getText, parseAtomFeed, put, removeDir, siteFolders, startSite, tempDir, testConfig, waitFor } from '../helpers.js';

const ctx = siteFolders();

interface Item {
  title: string;
  id: string;
  link: string;
  published: string;
}
const atom = async (url: string): Promise<{ items: Item[]; xml: string }> => {
  const xml = (await getText(`${url}/atom.xml`)).text;
  const items = (parseAtomFeed(xml).entries ?? []).map((e) => ({
    title: e.title?.value ?? '',
    id: String(e.id ?? ''),
    link: String(e.links?.[0]?.href ?? ''),
    published: String(e.published ?? ''),
  }));
  return { items: items.sort((a, b) => (a.title < b.title ? -1 : 1)), xml };
};
const titles = async (url: string) => (await atom(url)).items.map((i) => i.title);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

describe('story identity', () => {
  it('keeps both ids when two files change places (`mv a t; mv b a; mv t b`): each entry keeps its own text', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 'b.txt', 'Story B\n\nThe text of story B.\n');
    const renamed: unknown[] = [];
    const log = { ...silentLogger, info: (event: string, fields?: unknown) => event === 'article.renamed' && renamed.push(fields) };
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { log });
    const { url } = ctx.running;
    const before = (await atom(url)).items;
    await rename(path.join(ctx.articles, 'a.txt'), path.join(ctx.articles, 't.txt'));
    await rename(path.join(ctx.articles, 'b.txt'), path.join(ctx.articles, 'a.txt'));
    await rename(path.join(ctx.articles, 't.txt'), path.join(ctx.articles, 'b.txt'));
    await waitFor(async () => (await atom(url)).items.find((i) => i.title === 'Story A')?.link.endsWith('/articles/b'), 10_000, 'A at b');
    await waitFor(async () => (await atom(url)).items.length === 2, 10_000, 'two stories');
    const { items, xml } = await atom(url);
    for (const title of ['Story A', 'Story B'])
      expect(items.find((i) => i.title === title)?.id).toBe(before.find((i) => i.title === title)?.id);
    expect(items.find((i) => i.title === 'Story B')?.link).toMatch(/\/articles\/a$/);
    expect(xml).not.toContain('deleted-entry');
    // The log names files, never the store's record set aside for the replaced story (it said "a.txt\u0000replaced@…").
    expect(renamed.length).toBeGreaterThan(0);
    for (const line of renamed) expect(JSON.stringify(line)).not.toContain('\\u0000');
  });

  it('keeps every id through a ring of three files (`mv f t; mv h f; mv g h; mv t g`)', async () => {
    for (const t of ['f', 'g', 'h']) await put(ctx.articles, `${t}.txt`, `Story ${t}\n\nThe text of story ${t}.\n`);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const before = (await atom(url)).items;
    const at = (name: string) => path.join(ctx.articles, name);
    await rename(at('f.txt'), at('t.txt'));
    await rename(at('h.txt'), at('f.txt'));
    await rename(at('g.txt'), at('h.txt'));
    await rename(at('t.txt'), at('g.txt'));
    await waitFor(async () => (await atom(url)).items.find((i) => i.title === 'Story h')?.link.endsWith('/articles/f'), 10_000, 'h at f');
    await waitFor(async () => (await atom(url)).items.length === 3, 10_000, 'three stories');
    const { items, xml } = await atom(url);
    for (const title of ['Story f', 'Story g', 'Story h'])
      expect(items.find((i) => i.title === title)?.id).toBe(before.find((i) => i.title === title)?.id);
    expect(xml).not.toContain('deleted-entry');
  });

  it('keeps A’s id through `rm b.txt; mv a.txt b.txt`, and tombstones only B', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 'b.txt', 'Story B\n\nThe text of story B.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const before = (await atom(url)).items;
    const idA = before.find((i) => i.title === 'Story A')?.id as string;
    const idB = before.find((i) => i.title === 'Story B')?.id as string;
    expect(idA).not.toBe(idB);
    await rm(path.join(ctx.articles, 'b.txt'));
    await rename(path.join(ctx.articles, 'a.txt'), path.join(ctx.articles, 'b.txt'));
    await waitFor(async () => same(await titles(url), ['Story A']), 10_000, 'A alone');
    const { items, xml } = await atom(url);
    expect(items[0]?.id).toBe(idA);
    expect(items[0]?.link).toMatch(/\/articles\/b$/);
    // RFC 6721 tombstone for B only; A was never deleted.
    expect(xml).toContain(`ref="${idB}"`);
    expect(xml).not.toContain(`ref="${idA}"`);
  });

  it('keeps the id of a story renamed and edited at once (same title and written date), and only then', async () => {
    const dated = (title: string, date: string, body: string) => `${title}\n\n${date}\n\n${body}\n`;
    await put(ctx.articles, 'flood.txt', dated('น้ำท่วมเชียงราย', '24 พ.ย. 2569 09.15 น.', 'ยอดผู้เสียชีวิต 10 ราย'));
    await put(ctx.articles, 'weather.txt', dated('Weather', '2026-11-24 06:00', 'Rain today.'));
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const before = (await atom(url)).items;
    const idOf = (items: Item[], title: string) => items.find((i) => i.title === title)?.id;
    // One step, as a `git pull` writes it: the flood story renamed with its text corrected; and
    // the daily weather replaced by the next day's, under the same title but another date.
    await Promise.all([
      rm(path.join(ctx.articles, 'flood.txt')),
      writeFile(path.join(ctx.articles, 'flood-chiang-rai.txt'), dated('น้ำท่วมเชียงราย', '24 พ.ย. 2569 09.15 น.', 'ยอดผู้เสียชีวิต 12 ราย')),
      rm(path.join(ctx.articles, 'weather.txt')),
      writeFile(path.join(ctx.articles, 'weather-25.txt'), dated('Weather', '2026-11-25 06:00', 'Sun today.')),
    ]);
    await waitFor(
      async () => (await atom(url)).xml.includes('Sun today') && (await atom(url)).xml.includes('12 ราย'),
      10_000,
      'both saved',
    );
    const { items, xml } = await atom(url);
    expect(idOf(items, 'น้ำท่วมเชียงราย')).toBe(idOf(before, 'น้ำท่วมเชียงราย'));
    expect(items.find((i) => i.title === 'น้ำท่วมเชียงราย')?.link).toMatch(/\/articles\/flood-chiang-rai$/);
    expect(xml).not.toContain(`ref="${idOf(before, 'น้ำท่วมเชียงราย')}"`);
    // The old URL moved with it; the weather is a new story, and yesterday's is gone.
    expect((await fetch(`${url}/articles/flood`, { redirect: 'manual' })).status).toBe(301);
    expect(idOf(items, 'Weather')).not.toBe(idOf(before, 'Weather'));
    expect(xml).toContain(`ref="${idOf(before, 'Weather')}"`);
  });

  it('keeps the id of a story renamed and edited at once under --poll, where the new name is seen before the old one goes (attack trial)', async () => {
    const dated = (title: string, body: string) => `${title}\n\n2026-02-01 10:00\n\nBy Reporter\n\n${body}\n`;
    for (const n of [1, 2, 3]) await put(ctx.articles, `d${n}.txt`, dated(`Dated story ${n}`, `Body of story ${n}.`));
    ctx.running = await startSite(ctx.articles, ctx.state, { poll: true });
    const { url } = ctx.running;
    const before = (await atom(url)).items;
    await rename(path.join(ctx.articles, 'd1.txt'), path.join(ctx.articles, 'e1.txt'));
    await writeFile(path.join(ctx.articles, 'e1.txt'), dated('Dated story 1', 'Body of story 1, corrected.'));
    await waitFor(async () => ((await atom(url)).xml.includes('corrected') ? true : undefined), 15_000, 'the edit published');
    await waitFor(async () => ((await titles(url)).length === 3 ? true : undefined), 15_000, 'the old name taken down');
    const { items, xml } = await atom(url);
    const first = before.find((i) => i.title === 'Dated story 1');
    expect(items.find((i) => i.title === 'Dated story 1')?.id).toBe(first?.id);
    expect(xml).not.toContain(`ref="${first?.id}"`);
    expect((await fetch(`${url}/articles/d1`, { redirect: 'manual' })).status).toBe(301);
  });

  it('moves every old URL of a folder of 1,500 stories renamed at once (mv world intl): 301, not 410 or 404', async () => {
    const n = 1500;
    for (let i = 0; i < n; i++) await put(ctx.articles, `world/s${i}.txt`, `Story ${i}\n\nThe text of story number ${i}.\n`);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const live = () => ctx.running?.site.status().articles;
    expect(live()).toBe(n);
    await rename(path.join(ctx.articles, 'world'), path.join(ctx.articles, 'intl'));
    const has = (p: string) => ctx.running?.site.snapshot.get(p) !== undefined;
    await waitFor(
      async () => live() === n && !has(`/articles/world/s${n - 1}`) && !has('/articles/world/s0') && !!has(`/articles/intl/s${n - 1}`),
      40_000,
      'the move applied',
    );
    const fates = new Map<string, number>();
    for (const i of [0, 1, 250, 499, 500, 999, 1000, 1499]) {
      const res = await fetch(`${url}/articles/world/s${i}`, { redirect: 'manual' });
      const where = res.headers.get('location') ?? '';
      const key = `${res.status}${where.endsWith(`/articles/intl/s${i}`) ? ' to its new URL' : ''}`;
      fates.set(key, (fates.get(key) ?? 0) + 1);
    }
    expect([...fates]).toEqual([['301 to its new URL', 8]]);
  }, 90_000);

  it('reads a renamed folder once: its sub-folders, reported as the watcher walks it, are not read again (a 10,000-story rename read 20,000 files, then 10,000)', async () => {
    const n = 1500;
    for (let i = 0; i < n; i++) await put(ctx.articles, `world/d${i % 30}/s${i}.txt`, `Story ${i}\n\nThe text of story number ${i}.\n`);
    const repairs: number[] = [];
    const warnings: string[] = [];
    const log = {
      ...silentLogger,
      info: (event: string, fields?: Record<string, unknown>) => {
        if (event === 'reconcile.repair') repairs.push(Number(fields?.files));
      },
      warn: (event: string) => void warnings.push(event),
    };
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { log });
    const { site } = ctx.running;
    await rename(path.join(ctx.articles, 'world'), path.join(ctx.articles, 'intl'));
    const has = (p: string) => site.snapshot.get(p) !== undefined;
    await waitFor(
      () => site.status().articles === n && !has('/articles/world/d0/s0') && has(`/articles/intl/d29/s${n - 1}`),
      40_000,
      'the move applied',
    );
    // One more folder: a scan that ends after it has seen every folder event of the move.
    const after = new Date().toISOString();
    await mkdir(path.join(ctx.articles, 'intl', 'later'));
    await waitFor(() => (site.status().lastScan?.at ?? '') > after, 20_000, 'a scan after the move');
    expect(repairs).toEqual([2 * n]);
    // A folder renamed is no lost event, whichever came first, its report or the scan (it warned watch.gap at times).
    expect(warnings).toEqual([]);
    // Another folder swapped in at that path is read whole, though its file keeps the old one's size and time.
    const outside = await tempDir('feedpub-outside-');
    try {
      const old = path.join(ctx.articles, 'intl', 'd0', 's0.txt');
      await put(outside, 'd0/s0.txt', 'Story 0\n\nThe TEXT of story number 0.\n');
      const { mtime } = await stat(old);
      await utimes(path.join(outside, 'd0', 's0.txt'), mtime, mtime);
      await rename(path.join(ctx.articles, 'intl', 'd0'), path.join(outside, 'was-d0'));
      await rename(path.join(outside, 'd0'), path.join(ctx.articles, 'intl', 'd0'));
      await waitFor(
        async () => (await getText(`${ctx.running?.url}/articles/intl/d0/s0`)).text.includes('The TEXT'),
        20_000,
        'the swapped-in text',
      );
    } finally {
      await removeDir(outside);
    }
  }, 90_000);

  it('reads a folder whole when it comes back after going away, though it is the same folder (edited while away, sizes and times kept: attack trial)', async () => {
    const outside = await tempDir('feedpub-outside-');
    try {
      for (const n of [1, 2]) await put(outside, `x/s${n}.txt`, `Story ${n}\n\nBBBB text ${n}.\n`);
      ctx.running = await startSite(ctx.articles, ctx.state);
      const { url, site } = ctx.running;
      await rename(path.join(outside, 'x'), path.join(ctx.articles, 'x'));
      await waitFor(async () => (await getText(`${url}/articles/x/s2`)).text.includes('BBBB'), 15_000, 'x read');
      // A long batch holds the queue (a big save or scan) while the folder goes, is edited and comes back.
      type Reconciler = { folderChanged(rel: string, gone?: boolean): void };
      const inside = site as unknown as { queue: { run(task: () => Promise<void>): Promise<void> }; reconciler: Reconciler };
      const reported: string[] = [];
      const folderChanged = inside.reconciler.folderChanged.bind(inside.reconciler);
      inside.reconciler.folderChanged = (rel, gone) => {
        reported.push(rel);
        folderChanged(rel, gone);
      };
      let release: () => void = () => undefined;
      void inside.queue.run(() => new Promise<void>((resolve) => (release = resolve)));
      await rename(path.join(ctx.articles, 'x'), path.join(outside, 'x'));
      // The watcher has let the folder go: the edits below reach no watch.
      await waitFor(() => reported.includes('x'), 10_000, 'the folder seen going');
      for (const n of [1, 2]) {
        const file = path.join(outside, 'x', `s${n}.txt`);
        const { mtime } = await stat(file);
        await writeFile(file, `Story ${n}\n\nCCCC text ${n}.\n`);
        await utimes(file, mtime, mtime);
      }
      await rename(path.join(outside, 'x'), path.join(ctx.articles, 'x'));
      release();
      await waitFor(async () => (await getText(`${url}/articles/x/s2`)).text.includes('CCCC'), 15_000, 'the text edited while away');
      expect((await getText(`${url}/articles/x/s1`)).text).toContain('CCCC');
    } finally {
      await removeDir(outside);
    }
  }, 60_000);

  it('starts after the folder of every story was renamed while stopped (mv world intl): same ids, old URLs moved', async () => {
    for (const name of ['a', 'b', 'c']) await put(ctx.articles, `world/${name}.txt`, `Story ${name}\n\nThe text of story ${name}.\n`);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const before = (await atom(ctx.running.url)).items.map((i) => i.id);
    await ctx.running.close();
    ctx.running = undefined;
    await rename(path.join(ctx.articles, 'world'), path.join(ctx.articles, 'intl'));
    // Judged by names alone, the start was refused as another site's folder.
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    await waitFor(async () => (await atom(url)).items.every((i) => i.link.includes('/articles/intl/')), 10_000, 'the new URLs');
    expect((await atom(url)).items.map((i) => i.id)).toEqual(before);
    const res = await fetch(`${url}/articles/world/b`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([301, `${url}/articles/intl/b`]);
  });

  it('moves the URL of a story deleted, then back under another name after a restart (the removal read from the store)', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 'b.txt', 'Story B\n\nThe text of story B.\n');
    await put(ctx.articles, 'c.txt', 'Story C\n\nThe text of story C.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const idA = (await atom(ctx.running.url)).items[0]?.id;
    await rm(path.join(ctx.articles, 'a.txt'));
    await waitFor(async () => (await fetch(`${ctx.running?.url}/articles/a`)).status === 410, 10_000, 'A gone');
    await ctx.running.close();
    ctx.running = undefined;
    await put(ctx.articles, 'desk/a-again.txt', 'Story A\n\nThe text of story A.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    await waitFor(async () => same(await titles(url), ['Story A', 'Story B', 'Story C']), 10_000, 'A back');
    expect((await atom(url)).items[0]?.id).toBe(idA);
    const res = await fetch(`${url}/articles/a`, { redirect: 'manual' });
    expect([res.status, res.headers.get('location')]).toEqual([301, `${url}/articles/desk/a-again`]);
  });

  it('moves every old URL of a story renamed, deleted, then back under a third name (mv a b2; rm b2; its bytes as c3)', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 'z.txt', 'Story Z\n\nThe text of story Z.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const fate = async (p: string) => {
      const res = await fetch(`${url}/articles/${p}`, { redirect: 'manual' });
      return `${res.status} ${res.headers.get('location')?.replace(`${url}/articles/`, '') ?? ''}`.trim();
    };
    await rename(path.join(ctx.articles, 'a.txt'), path.join(ctx.articles, 'b2.txt'));
    await waitFor(async () => (await fate('a')) === '301 b2', 10_000, 'a moved to b2');
    await rm(path.join(ctx.articles, 'b2.txt'));
    await waitFor(async () => (await fate('b2')) === '410', 10_000, 'b2 gone');
    expect(await fate('a')).toBe('410');
    await put(ctx.articles, 'c3.txt', 'Story A\n\nThe text of story A.\n');
    await waitFor(async () => (await fate('b2')) === '301 c3', 10_000, 'b2 moved to c3');
    // Before, the older URL stayed 410.
    expect(await fate('a')).toBe('301 c3');
  });

  it('never moves an old URL to another story that took its new URL meanwhile (attack trial)', async () => {
    await put(ctx.articles, 'z.txt', 'Story Z\n\nThe text of story Z.\n');
    await put(ctx.articles, 'da.md', '---\ntitle: Story A\ndate: 2026-01-05\n---\n\nBody A.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const status = async (p: string) => (await fetch(`${url}/articles/${p}`, { redirect: 'manual' })).status;
    await rename(path.join(ctx.articles, 'da.md'), path.join(ctx.articles, 'db.md'));
    await waitFor(async () => (await status('da')) === 301, 10_000, 'da moved to db');
    await put(ctx.articles, 'db.md', '---\ntitle: Story A\ndate: 2026-01-05\ndraft: true\n---\n\nBody A.\n');
    await waitFor(async () => (await status('db')) === 404, 10_000, 'A a draft');
    await put(ctx.articles, 'other.md', '---\ntitle: Story D\nslug: db\ndate: 2026-01-08\n---\n\nBody D.\n');
    await waitFor(async () => (await status('db')) === 200, 10_000, 'D at db');
    // Before: 301 to db, where story D now is.
    expect(await status('da')).toBe(404);
  });

  it('gives a new story saved under a renamed story’s old name an id of its own (attack trial: two entries, one id)', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 'x.txt', 'Story C\n\nThe text of story C.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const idC = (await atom(url)).items.find((i) => i.title === 'Story C')?.id;
    await rename(path.join(ctx.articles, 'x.txt'), path.join(ctx.articles, 'y.txt'));
    await waitFor(async () => (await atom(url)).items.some((i) => i.link.endsWith('/articles/y')), 10_000, 'C at y');
    await put(ctx.articles, 'x.txt', 'Story N\n\nA new story under the old name.\n');
    await waitFor(async () => same(await titles(url), ['Story A', 'Story C', 'Story N']), 10_000, 'N out');
    const { items } = await atom(url);
    expect(items.find((i) => i.title === 'Story C')?.id).toBe(idC);
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
    // N deleted: its tombstone names N, never the live C.
    await rm(path.join(ctx.articles, 'x.txt'));
    await waitFor(async () => same(await titles(url), ['Story A', 'Story C']), 10_000, 'N gone');
    expect((await atom(url)).xml).not.toContain(`ref="${idC}"`);
  });

  it('gives another story saved later under a deleted story’s name an id and date of its own; the same bytes back keep theirs (attack trial)', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 's5.txt', 'Old story\n\n2026-01-05 10:00\n\nIts text.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const old = (await atom(ctx.running.url)).items.find((i) => i.title === 'Old story');
    await rm(path.join(ctx.articles, 's5.txt'));
    await waitFor(async () => ((await getText(`${ctx.running?.url}/articles/s5`)).status === 410 ? true : undefined), 10_000, 's5 gone');
    await ctx.running.close();
    ctx.running = undefined;
    // A minute on: the deletion is no editor's delete-and-write save any more.
    const db = new Database(path.join(ctx.state, 'state.db'));
    db.prepare("update articles set deleted_at = deleted_at - 60000 where path = 's5.txt'").run();
    db.close();
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    await put(ctx.articles, 's5.txt', 'Totally different s5\n\nNew body.\n');
    const added = await waitFor(async () => (await atom(url)).items.find((i) => i.title === 'Totally different s5'), 10_000, 'the new s5');
    expect(added.id).not.toBe(old?.id);
    expect(Date.now() - Date.parse(added.published)).toBeLessThan(600_000);
    // The old story's deletion still says so (RFC 6721), under its own id.
    expect((await atom(url)).xml).toContain(`ref="${old?.id}"`);
    // The new story deleted, and the old bytes restored under the name: the old story again, and
    // the new one's tombstone stays (re-attack trial: its row was overwritten by the restore).
    await rm(path.join(ctx.articles, 's5.txt'));
    await waitFor(async () => ((await getText(`${url}/articles/s5`)).status === 410 ? true : undefined), 10_000, 'the new s5 gone');
    await put(ctx.articles, 's5.txt', 'Old story\n\n2026-01-05 10:00\n\nIts text.\n');
    const back = await waitFor(async () => (await atom(url)).items.find((i) => i.title === 'Old story'), 10_000, 'the old s5 back');
    expect(back.id).toBe(old?.id);
    expect((await atom(url)).xml).toContain(`ref="${added.id}"`);
  });

  it('publishes the loser of a slug clash as soon as the winner is deleted', async () => {
    await put(ctx.articles, 'first.md', '---\ntitle: First\nslug: shared\n---\n\nFirst body.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, site } = ctx.running;
    await put(ctx.articles, 'second.md', '---\ntitle: Second\nslug: shared\n---\n\nSecond body.\n');
    await waitFor(() => site.status().problems.some((p) => p.path === 'second.md' && p.code === 'SLUG_COLLISION'), 10_000, 'clash');
    expect(await titles(url)).toEqual(['First']);
    await rm(path.join(ctx.articles, 'first.md'));
    await waitFor(async () => same(await titles(url), ['Second']), 10_000, 'the loser published');
    expect((await atom(url)).items[0]?.link).toMatch(/\/articles\/shared$/);
    expect(site.status().problems).toEqual([]);
  });

  it("keeps a held story's URL and picture for it: a story saved under its name waits, and goes out when the held one is gone", async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/AlXlMwAAAABJRU5ErkJggg==', 'base64');
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await put(ctx.articles, 'storm.txt', `Storm warning\n\n${soon}\n\nSecret text.\n`);
    await put(ctx.articles, 'storm.png', png);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, site } = ctx.running;
    // Attack trial: storm.md took /articles/storm and made the held story's picture public; the held story failed at its release.
    await put(ctx.articles, 'storm.md', '---\ntitle: Weather today\ndate: 2026-12-01\n---\n\nSunny.\n');
    const clash = await waitFor(
      () => site.status().problems.find((p) => p.path === 'storm.md' && p.code === 'SLUG_COLLISION'),
      10_000,
      'clash',
    );
    expect(clash.reason).toMatch(/already used by storm\.txt, held until \d{4}-.*; rename one of them/);
    expect(await titles(url)).toEqual([]);
    expect((await getText(`${url}/articles/storm.png`)).status).toBe(404);
    expect((await getText(`${url}/articles/storm`)).status).toBe(404);
    await rm(path.join(ctx.articles, 'storm.txt'));
    await waitFor(async () => same(await titles(url), ['Weather today']), 10_000, 'the waiting story published');
    expect((await getText(`${url}/articles/storm.png`)).status).toBe(200);
  });

  it("gives a held story's old URL to the story that waited for it when the held story is renamed", async () => {
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await put(ctx.articles, 'storm.txt', `Storm warning\n\n${soon}\n\nSecret text.\n`);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, site } = ctx.running;
    await put(ctx.articles, 'storm.md', '---\ntitle: Weather today\ndate: 2026-12-01\n---\n\nSunny.\n');
    await waitFor(() => site.status().problems.find((p) => p.path === 'storm.md' && p.code === 'SLUG_COLLISION'), 10_000, 'clash');
    await rename(path.join(ctx.articles, 'storm.txt'), path.join(ctx.articles, 'storm-warning.txt'));
    await waitFor(async () => same(await titles(url), ['Weather today']), 10_000, 'the waiting story published');
    expect(site.status().held.map((h) => h.path)).toEqual(['storm-warning.txt']);
  });

  it('unpublishes a story whose file became a folder (`rm x.txt; mkdir x.txt`), and it stays gone after a restart', async () => {
    await put(ctx.articles, 'x.txt', 'Story X\n\nbody\n');
    await put(ctx.articles, 'y.txt', 'Story Y\n\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    await rm(path.join(ctx.articles, 'x.txt'));
    await mkdir(path.join(ctx.articles, 'x.txt'));
    await waitFor(async () => same(await titles(url), ['Story Y']), 10_000, 'X unpublished');
    await ctx.running.close();
    ctx.running = await startSite(ctx.articles, ctx.state);
    expect(await titles(ctx.running.url)).toEqual(['Story Y']);
  });

  it('refuses a small site’s store copied over this one’s when its backup knows this folder’s stories (attack trial: new ids, and the backup replaced)', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 'b.txt', 'Story B\n\nThe text of story B.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const ids = (await atom(ctx.running.url)).xml.match(/urn:uuid:[0-9a-f-]+/g);
    await ctx.running.close(); // its last backup: a.txt and b.txt
    ctx.running = undefined;
    const backup = await readFile(path.join(ctx.state, 'state.db.backup'));
    // Another site's store, of one story, copied over this one's.
    const other = await tempDir('feedpub-other-articles-');
    const otherState = await tempDir('feedpub-other-state-');
    try {
      await put(other, 'zzz.txt', 'Other story\n\nbody\n');
      await (await startSite(other, otherState)).close();
      for (const f of ['state.db-wal', 'state.db-shm']) await rm(path.join(ctx.state, f), { force: true });
      await copyFile(path.join(otherState, 'state.db'), path.join(ctx.state, 'state.db'));
      await expect(startSite(ctx.articles, ctx.state)).rejects.toMatchObject({
        code: 'STATE_CORRUPT',
        message: expect.stringMatching(
          /knows none of the stories in .* but its backup .*state\.db\.backup does \(such as a\.txt\): the store is not this site's\. Restore the backup \(cp /,
        ),
      });
      expect((await readFile(path.join(ctx.state, 'state.db.backup'))).equals(backup)).toBe(true);
      // The way back it names: the ids are those subscribers saw.
      await copyFile(path.join(ctx.state, 'state.db.backup'), path.join(ctx.state, 'state.db'));
      ctx.running = await startSite(ctx.articles, ctx.state);
      expect((await atom(ctx.running.url)).xml.match(/urn:uuid:[0-9a-f-]+/g)).toEqual(ids);
    } finally {
      await removeDir(other);
      await removeDir(otherState);
    }
  });

  it('logs a rename made while stopped as renamed only, not as a removal too', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    await put(ctx.articles, 'b.txt', 'Story B\n\nThe text of story B.\n');
    await put(ctx.articles, 'd.txt', 'Story D\n\nThe text of story D.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    await ctx.running.close();
    ctx.running = undefined;
    await rename(path.join(ctx.articles, 'a.txt'), path.join(ctx.articles, 'c.txt'));
    await rm(path.join(ctx.articles, 'b.txt'));
    // The scan after the restart applies the old path and the new one in one batch.
    const events: [string, Record<string, unknown>][] = [];
    const record = (event: string, fields: Record<string, unknown> = {}) => void events.push([event, fields]);
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { log: { debug: record, info: record, warn: record, error: record } });
    await waitFor(async () => same(await titles(ctx.running?.url ?? ''), ['Story A', 'Story D']), 10_000, 'A renamed, B gone');
    const about = (file: string) => events.filter(([e, f]) => e.startsWith('article.') && (f.file === file || f.from === file));
    expect(about('a.txt')).toEqual([['article.renamed', { from: 'a.txt', file: 'c.txt' }]]);
    // The new path is the renamed story, not a new one.
    expect(about('c.txt')).toEqual([['article.renamed', { from: 'a.txt', file: 'c.txt' }]]);
    expect(about('b.txt')).toEqual([['article.removed', { file: 'b.txt' }]]);
  });

  it('keeps the feed’s id, and makes new stories’ ids from it, when the public URL changes (a new domain); a loopback URL is never kept', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\nThe text of story A.\n');
    const feedId = (xml: string) => /<feed[^>]*>[\s\S]*?<id>([^<]+)<\/id>/.exec(xml)?.[1];
    // A trial run on loopback first: its address does not become the feed's id.
    ctx.running = await startSite(ctx.articles, ctx.state);
    expect(feedId((await atom(ctx.running.url)).xml)).toBe(`${ctx.running.url}/`);
    await ctx.running.close();
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { baseUrl: 'https://old.example' });
    expect(feedId((await atom(ctx.running.url)).xml)).toBe('https://old.example/');
    await ctx.running.close();
    const kept: unknown[] = [];
    const log = { ...silentLogger, info: (event: string, fields?: unknown) => event === 'site.id-kept' && kept.push(fields) };
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { baseUrl: 'https://new.example', log });
    const { url } = ctx.running;
    await put(ctx.articles, 'b.txt', 'Story B\n\nThe text of story B.\n');
    await waitFor(async () => (await titles(url)).includes('Story B'), 10_000, 'B published');
    const { xml, items } = await atom(url);
    expect(feedId(xml)).toBe('https://old.example/');
    expect(items.find((i) => i.title === 'Story B')?.id).toBe(nameBasedUuid('https://old.example/\nb.txt'));
    expect(items.find((i) => i.title === 'Story B')?.link).toBe('https://new.example/articles/b');
    expect(kept).toEqual([expect.objectContaining({ id: 'https://old.example/', url: 'https://new.example/' })]);
  });

  it('keeps a broken story’s last good version in a build with another base URL against the same state', async () => {
    await put(ctx.articles, 'good.txt', 'Good\n\nbody\n');
    await put(ctx.articles, 'breaks.md', '---\ntitle: Last good\n---\n\nThe version that parsed.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    await ctx.running.close();
    ctx.running = undefined;
    // Broken while nothing runs.
    await writeFile(path.join(ctx.articles, 'breaks.md'), '---\ntitle: [unclosed\n---\n\nbody\n');
    const { config, configDir } = await testConfig(ctx.articles, ctx.state);
    const out = await tempDir('feedpub-out-');
    try {
      const built = await buildSite({ ...config, baseUrl: 'https://news.example.com' }, path.join(out, 'site'), { log: silentLogger });
      expect(built.status.problems.map((p) => [p.path, p.code])).toEqual([['breaks.md', 'BAD_FRONT_MATTER']]);
      const { readFile } = await import('node:fs/promises');
      const xml = await readFile(path.join(out, 'site', 'atom.xml'), 'utf8');
      expect(xml).toContain('Last good');
      expect(xml).toContain('The version that parsed.');
      expect(xml).toContain('https://news.example.com/articles/breaks');
      expect(xml).not.toContain('127.0.0.1');
    } finally {
      await removeDir(out);
      await removeDir(configDir);
    }
  });
});

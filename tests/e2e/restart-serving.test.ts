// A restart serves the stored stories at once (healthz 200) and corrects them when its first scan reaches the files.
import { statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Logger, silentLogger } from '../../src/log.js';
import { LiveSite } from '../../src/publish/live-site.js';
import { buildSite } from '../../src/runtime.js';
import { ROOT, getText, put, removeDir, siteFolders, startSite, tempDir, testConfig, waitFor } from '../helpers.js';

const ctx = siteFolders();

/** A release date a month ahead (`20 January 2027`): within the year a date may lie ahead. */
const inAMonth = () =>
  new Date(Date.now() + 30 * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const story = (title: string) => `${title}\n\n24 พ.ย. 2569 10.00 น.\n\nAFP\n\nเนื้อข่าวของเรื่อง ${title} ยาวพอสำหรับย่อหน้าหนึ่ง\n`;

interface Seen {
  event: 'rebuilt' | 'applied';
  ready: boolean;
  scanned: boolean;
  rss: string;
}

/** Start a LiveSite over the folders and note, at each rebuild and applied batch, what /healthz would say and what /feed.xml holds. */
async function startNoting(overrides: Record<string, unknown> = {}, log: Logger = silentLogger): Promise<{ site: LiveSite; seen: Seen[] }> {
  const { config, configDir } = await testConfig(ctx.articles, ctx.state, overrides);
  await removeDir(configDir); // read once: the configuration is loaded
  const site = new LiveSite({ config, baseUrl: 'https://news.example', log, watch: true, reconcile: false });
  const seen: Seen[] = [];
  site.onEvent((event) => {
    if (event.type !== 'rebuilt' && event.type !== 'applied') return;
    const { ready, scanned } = site.status();
    seen.push({ event: event.type, ready, scanned, rss: site.snapshot.get('/feed.xml')?.identity.body.toString('utf8') ?? '' });
  });
  await site.start();
  return { site, seen };
}

/** One story, served once and stopped: the state a restart starts from. */
async function servedOnce(): Promise<void> {
  await put(ctx.articles, 'one.txt', story('เรื่องแรก'));
  await (await startSite(ctx.articles, ctx.state)).close();
}

describe('a restart over a kept state', () => {
  it('serves the stored stories before its first scan when none changed, then what the folder holds now', async () => {
    await put(ctx.articles, 'kept.txt', story('เรื่องที่คงอยู่'));
    const first = await startSite(ctx.articles, ctx.state);
    await first.close();

    // While the server is down: one story added (a published one untouched).
    await writeFile(path.join(ctx.articles, 'added.txt'), story('เรื่องใหม่ระหว่างปิด'));

    const { site, seen } = await startNoting();
    try {
      // The first rebuild is the stored state; it is served (healthz 200) while the scan reads the folder.
      expect(seen[0]).toMatchObject({ event: 'rebuilt', scanned: false });
      expect(seen[0]?.rss).toContain('เรื่องที่คงอยู่');
      expect(seen[0]?.rss).not.toContain('เรื่องใหม่ระหว่างปิด');
      expect(seen[1]).toMatchObject({ event: 'applied', ready: true, scanned: false });
      // Once the scan is done, the feed is the folder's.
      expect(site.status()).toMatchObject({ ready: true, scanned: true });
      expect(seen.at(-1)?.rss).toContain('เรื่องใหม่ระหว่างปิด');
      expect(seen.at(-1)?.rss).toContain('เรื่องที่คงอยู่');
    } finally {
      await site.close();
    }
  });

  // A deploy's `git pull` between stop and start: a story taken down then was public again until the scan reached its file.
  it.each([
    [
      'held by an embargo line',
      (file: string) => writeFile(file, story('เรื่องที่ถูกดึงกลับ').replace('AFP\n', `AFP\n\nEmbargoed until ${inAMonth()} 10:00 GMT\n`)),
    ],
    ['deleted', (file: string) => rm(file)],
  ])('never serves a story %s while the server was stopped, and serves the others once the scan is done', async (_how, takeDown) => {
    await put(ctx.articles, 'kept.txt', story('เรื่องที่คงอยู่'));
    await put(ctx.articles, 'pulled.txt', story('เรื่องที่ถูกดึงกลับ'));
    await (await startSite(ctx.articles, ctx.state)).close();
    await takeDown(path.join(ctx.articles, 'pulled.txt'));
    const events: string[] = [];
    const log: Logger = { ...silentLogger, info: (event) => events.push(event) };
    const { site, seen } = await startNoting({}, log);
    try {
      expect(events).toContain('state.changed');
      // No early rebuild of the stored stories: one, after the scan, without the story.
      expect(seen.map((s) => s.event)).toEqual(['applied', 'rebuilt']);
      for (const s of seen) expect(s.rss).not.toContain('เรื่องที่ถูกดึงกลับ');
      expect(seen.at(-1)?.rss).toContain('เรื่องที่คงอยู่');
      expect(site.status()).toMatchObject({ ready: true, scanned: true });
    } finally {
      await site.close();
    }
  });

  it('on a first start (nothing stored), serves nothing until the scan is done', async () => {
    await put(ctx.articles, 'one.txt', story('เรื่องแรก'));
    const { site, seen } = await startNoting();
    try {
      // Nothing is served while the scan reads the folder; the first rebuild already holds its story.
      expect(seen.map((s) => s.event)).toEqual(['applied', 'rebuilt']);
      expect(seen[0]).toMatchObject({ ready: false, scanned: false, rss: '' });
      expect(seen[1]?.rss).toContain('เรื่องแรก');
      expect(site.status()).toMatchObject({ ready: true, scanned: true });
    } finally {
      await site.close();
    }
  });

  it('after a change of parse settings, reads every file again before it serves, and says why', async () => {
    await servedOnce();
    const events: string[] = [];
    const log: Logger = { ...silentLogger, info: (event) => events.push(event) };
    const { site, seen } = await startNoting({ boilerplateMarkers: ['อ่านต่อ'] }, log);
    try {
      expect(events).toContain('state.reparse');
      expect(seen.map((s) => s.event)).toEqual(['applied', 'rebuilt']);
      expect(seen[0]?.ready).toBe(false);
    } finally {
      await site.close();
    }
  });

  it('after a first scan that never ended (a crash), reads the folder before it serves', async () => {
    await servedOnce();
    // As if killed before its first scan was stored whole: the entries are there, the mark is not.
    const db = new Database(path.join(ctx.state, 'state.db'));
    db.prepare("DELETE FROM settings WHERE key = 'scanned'").run();
    db.close();
    const { site, seen } = await startNoting();
    try {
      // One rebuild, after the scan (nothing changed, so nothing applied); no early one.
      expect(seen.map((s) => s.event)).toEqual(['rebuilt']);
    } finally {
      await site.close();
    }
    // This scan ended: the next restart serves at once, and its scan's write-ahead log is cut back after it.
    const again = await startNoting();
    try {
      expect(again.seen.map((s) => s.event)).toEqual(['rebuilt', 'rebuilt']);
      expect(statSync(path.join(ctx.state, 'state.db-wal')).size).toBe(0);
    } finally {
      await again.site.close();
    }
  });

  it("keeps a published story's warnings on the desk after a restart that does not read its file again", async () => {
    // "ข่าวด่วน" and a body in TIS-620: published, with the advice to save it as UTF-8.
    const thai = (text: string) =>
      Buffer.from([...text].map((c) => (c.charCodeAt(0) >= 0x0e01 ? c.charCodeAt(0) - 0x0e01 + 0xa1 : c.charCodeAt(0))));
    await writeFile(path.join(ctx.articles, 'legacy.txt'), thai(`ข่าวด่วน\n\n2026-11-24 10:00\n\nเนื้อหาข่าวด่วน\n`));
    const warned = (site: { status(): { problems: { path: string; reason: string }[] } }) =>
      site
        .status()
        .problems.filter((p) => p.path === 'legacy.txt')
        .map((p) => p.reason);
    const first = await startSite(ctx.articles, ctx.state);
    expect(warned(first.site)).toEqual([expect.stringMatching(/legacy Thai/)]);
    await first.close();
    ctx.running = await startSite(ctx.articles, ctx.state);
    expect(ctx.running.site.status().lastScan?.read).toBe(0);
    expect(warned(ctx.running.site)).toEqual([expect.stringMatching(/legacy Thai/)]);
  });

  it('takes down, with a tombstone, a stored entry whose file name is not a story (published by an older feedpub)', async () => {
    await servedOnce();
    await put(ctx.articles, 'budget.csv', 'a,b\n1,2\n');
    // The state as feedpub before 19eb44d could leave it: budget.csv stored and published as a story.
    const db = new Database(path.join(ctx.state, 'state.db'));
    const row = db.prepare("SELECT * FROM articles WHERE path = 'one.txt'").get() as Record<string, unknown>;
    const entry = db.prepare("SELECT * FROM entries WHERE path = 'one.txt'").get() as { meta: string; body: Buffer; summary: Buffer };
    const id = 'urn:uuid:00000000-0000-5000-8000-00000000b0d9';
    db.prepare(
      'INSERT INTO articles (path, id, published, updated, hash, first_seen, deleted_at, size, mtime) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)',
    ).run('budget.csv', id, row.published, row.updated, 'x', row.first_seen, row.size, row.mtime);
    const meta = { ...JSON.parse(entry.meta), path: 'budget.csv', slug: ['budget'], id, title: 'Budget' };
    db.prepare('INSERT INTO entries (path, meta, body, summary) VALUES (?, ?, ?, ?)').run(
      'budget.csv',
      JSON.stringify(meta),
      entry.body,
      entry.summary,
    );
    db.close();
    ctx.running = await startSite(ctx.articles, ctx.state);
    const atom = (await getText(`${ctx.running.url}/atom.xml`)).text;
    expect(atom).not.toContain('Budget');
    expect(atom).toContain(`<at:deleted-entry ref="${id}"`);
    expect(atom).toContain('เรื่องแรก');
    expect((await getText(`${ctx.running.url}/articles/budget`)).status).toBe(410);
  });

  it('over an emptied articles folder (an unmounted share), keeps every story and says ROOT_EMPTY until the files are back', async () => {
    await put(ctx.articles, 'kept.txt', story('เรื่องที่คงอยู่'));
    const first = await startSite(ctx.articles, ctx.state);
    const idBefore = (await getText(`${first.url}/feed.json`)).text;
    await first.close();
    await rm(path.join(ctx.articles, 'kept.txt'));

    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, deskUrl } = ctx.running;
    const problems = async () => ((await (await fetch(`${deskUrl}/status`)).json()) as { problems: { code: string }[] }).problems;
    expect((await problems()).map((p) => p.code)).toEqual(['ROOT_EMPTY']);
    expect((await getText(`${url}/articles/kept`)).status).toBe(200);
    expect((await getText(`${url}/feed.xml`)).text).toContain('เรื่องที่คงอยู่');

    // The share is back: the story is read again (same id), and the problem goes.
    await put(ctx.articles, 'kept.txt', story('เรื่องที่คงอยู่'));
    await waitFor(async () => (await problems()).length === 0, 20_000, 'ROOT_EMPTY to clear');
    const json = JSON.parse((await getText(`${url}/feed.json`)).text) as { items: { id: string }[] };
    expect(JSON.parse(idBefore).items.map((i: { id: string }) => i.id)).toEqual(json.items.map((i) => i.id));
  });

  it('makes summaries when a feed shows them (a server parses without), as a build makes them, and keeps them in the store', async () => {
    await put(ctx.articles, 'seed.txt', await readFile(path.join(ROOT, 'tests/fixtures/seed-article.txt'), 'utf8'));
    await put(ctx.articles, 'short.txt', story('เรื่องสั้น'));
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const served = JSON.parse((await getText(`${url}/feed.json`)).text) as { items: { id: string; summary: string }[] };
    const out = await tempDir('feedpub-summaries-');
    try {
      const { config, configDir } = await testConfig(ctx.articles, path.join(out, 'state'), { baseUrl: url });
      await buildSite(config, path.join(out, 'site'), { log: silentLogger });
      await removeDir(configDir);
      const built = JSON.parse(await readFile(path.join(out, 'site', 'feed.json'), 'utf8')) as { items: { id: string; summary: string }[] };
      expect(served.items.map((i) => i.summary)).toEqual(built.items.map((i) => i.summary));
      expect(served.items[0]?.summary.length).toBeGreaterThan(20);
    } finally {
      await removeDir(out);
    }
    // Kept with the next save: read from the store from then on.
    await put(ctx.articles, 'later.txt', story('เรื่องต่อมา'));
    await waitFor(async () => (await getText(`${url}/feed.json`)).text.includes('เรื่องต่อมา'));
    const db = new Database(path.join(ctx.state, 'state.db'), { readonly: true });
    try {
      const kept = db
        .prepare("SELECT count(*) AS n FROM entries WHERE path IN ('seed.txt', 'short.txt') AND summary IS NOT NULL")
        .get() as { n: number };
      expect(kept.n).toBe(2);
    } finally {
      db.close();
    }
  });

  it('says on /healthz whether the first scan is done', async () => {
    await put(ctx.articles, 'one.txt', story('เรื่องแรก'));
    ctx.running = await startSite(ctx.articles, ctx.state);
    const health = await getText(`${ctx.running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: 'ok', scan: 'done' });
  });
});

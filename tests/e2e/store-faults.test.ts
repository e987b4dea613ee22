// The state store refusing writes while serving: a full disk (a small tmpfs) and a lock held by another connection.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readlinkSync, rmdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CAN_MOUNT, fill, smallTmpfs } from '../fs-faults.js';
import { getText, parseRssFeed, put, siteFolders, startSite, waitFor } from '../helpers.js';

const ctx = siteFolders();
let mounted: string | undefined;

afterEach(async () => {
  await ctx.running?.close();
  ctx.running = undefined;
  if (mounted) {
    execFileSync('umount', [mounted]);
    rmdirSync(mounted);
    mounted = undefined;
  }
});

/** Whether each run served the story while the store refused it (the full disk does: that case checks its body). */
const servedDuring: boolean[] = [];
const feed = async (url: string) => parseRssFeed((await getText(`${url}/feed.xml`)).text).items ?? [];
const storeProblems = () => (ctx.running?.site.status().problems ?? []).filter((p) => p.code === 'STORE_WRITE');
/** A story too big to fit in what the store's write-ahead log already holds. */
const bigStory = (title: string) => `${title}\n\n${'A long paragraph that must reach the store. '.repeat(12_000)}\n`;

/** Another connection takes the store's write lock (as a backup tool or sqlite3 would) until the returned release. */
function holdWriteLock(stateDir: string): () => void {
  const holder = new Database(path.join(stateDir, 'state.db'));
  holder.exec('BEGIN IMMEDIATE');
  holder.prepare("INSERT INTO settings (key, value) VALUES ('held', 'yes')").run();
  return () => {
    holder.exec('ROLLBACK');
    holder.close();
  };
}

/** Save a story while the store refuses writes, check it is reported, free the store, check it is published and stored. */
async function survives(stateDir: string, refuse: () => Promise<void>, allow: () => Promise<void>): Promise<void> {
  await put(ctx.articles, 'before.txt', 'Before\n\nbody\n');
  ctx.running = await startSite(ctx.articles, stateDir);
  const { url } = ctx.running;
  await refuse();
  await put(ctx.articles, 'during.txt', bigStory('During'));
  await waitFor(() => storeProblems().some((p) => p.path === 'during.txt'), 20_000, 'a STORE_WRITE problem');
  expect(storeProblems()[0]?.reason).toMatch(/change not saved in the state store \(SQLITE_\w+/);
  // Served meanwhile (a full disk fails the commit, after the story was taken in; a lock fails
  // before), then with its body, which the store does not have yet (on its page: a body this long
  // is carried in the feeds by its summary).
  const during = (await feed(url)).find((i) => i.title === 'During');
  if (during) expect((await getText(`${url}/articles/during`)).text).toContain('A long paragraph that must reach the store.');
  servedDuring.push(during !== undefined);
  // Still refused after a few retries (1 s, 2 s, ...): the problem stays, nothing crashed.
  await new Promise((r) => setTimeout(r, 2500));
  expect(storeProblems().map((p) => p.path)).toContain('during.txt');
  expect((await getText(`${url}/healthz`)).status).toBe(200);
  await allow();
  await waitFor(() => storeProblems().length === 0, 70_000, 'the retry to succeed');
  expect(ctx.running.site.status().problems.filter((p) => p.severity !== 'info')).toEqual([]);
  // The feed matches the folder.
  const items = await feed(url);
  expect(items.map((i) => i.title).sort()).toEqual(['Before', 'During']);
  const id = items.find((i) => i.title === 'During')?.guid?.value;
  expect(id).toBeTruthy();
  // Stored for good: a restart (which re-reads nothing unchanged) still has it, with the same id.
  await ctx.running.close();
  ctx.running = await startSite(ctx.articles, stateDir);
  const after = await feed(ctx.running.url);
  expect(after.find((i) => i.title === 'During')?.guid?.value).toBe(id);
  expect(ctx.running.site.status().lastScan?.read).toBe(0);
}

describe('a state store that refuses writes while serving', () => {
  it.skipIf(!CAN_MOUNT)(
    'keeps a story saved while the disk is full, reports it, and stores it once space is freed [needs mount: root]',
    async () => {
      mounted = smallTmpfs() as string;
      let filler = '';
      await survives(
        mounted,
        async () => {
          filler = await fill(mounted as string);
        },
        () => rm(filler),
      );
      expect(servedDuring.at(-1)).toBe(true);
    },
  );

  it.skipIf(!CAN_MOUNT)(
    'serves every story of a first start whose store fills the disk, and stores them once space is freed [needs mount: root]',
    async () => {
      mounted = smallTmpfs('2m') as string;
      const body = 'A paragraph long enough to fill a small disk with a few hundred stories. '.repeat(20);
      for (let i = 0; i < 1500; i++) await put(ctx.articles, `s${i % 10}/story${i}.txt`, `Story ${i}\n\n${body}\n`);
      ctx.running = await startSite(ctx.articles, mounted);
      const { url, site } = ctx.running;
      // The attack trial: 1,536 of 3,000 served, the others 404, while /healthz said ready.
      expect(storeProblems().length).toBeGreaterThan(0);
      expect(site.status().articles).toBe(1500);
      expect((await fetch(`${url}/articles/s9/story1499`)).status).toBe(200);
      expect((await getText(`${url}/articles/s9/story1499`)).text).toContain('A paragraph long enough');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      execFileSync('mount', ['-o', 'remount,size=64m', mounted]);
      await waitFor(() => (storeProblems().length === 0 ? true : undefined), 90_000, 'stored once space is freed');
      expect(site.status().articles).toBe(1500);
      expect((await fetch(`${url}/articles/s0/story0`)).status).toBe(200);
    },
    120_000,
  );

  it('keeps a story saved while another connection holds the write lock, and stores it once released', async () => {
    let release: () => void = () => undefined;
    await survives(
      ctx.state,
      async () => {
        release = holdWriteLock(ctx.state);
      },
      async () => release(),
    );
  });
});

describe('a deletion the store refused', () => {
  it('answers 410 for it once the store takes writes again, and after a restart (attack trial: 404 for good)', async () => {
    await put(ctx.articles, 'keep.txt', 'Keep\n\nbody\n');
    await put(ctx.articles, 'gone.txt', 'Gone soon\n\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const release = holdWriteLock(ctx.state);
    await rm(path.join(ctx.articles, 'gone.txt'));
    await waitFor(() => storeProblems().some((p) => p.path === 'gone.txt'), 20_000, 'a STORE_WRITE problem');
    release();
    await waitFor(() => storeProblems().length === 0, 70_000, 'the retry to succeed');
    expect((await getText(`${url}/articles/gone`)).status).toBe(410);
    await ctx.running.close();
    ctx.running = await startSite(ctx.articles, ctx.state);
    expect((await getText(`${ctx.running.url}/articles/gone`)).status).toBe(410);
    expect((await feed(ctx.running.url)).map((i) => i.title)).toEqual(['Keep']);
  });
});

describe('another program reading the store while it is served', () => {
  const walDeleted = () => {
    try {
      return readdirSync('/proc/self/fd').some((fd) => {
        try {
          return /state\.db-wal \(deleted\)$/.test(readlinkSync(`/proc/self/fd/${fd}`));
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  };

  // The operator's sqlite3 (Debian's); better-sqlite3's newer SQLite, opened the same way, did not show it.
  const sqlite3 = spawnSync('sqlite3', ['-version']).status === 0;
  it.skipIf(process.platform !== 'linux' || !sqlite3)(
    `keeps the log of a new store after sqlite3 opened and closed it (its first fill no longer drops SQLite’s locks)${
      sqlite3 ? '' : ' [oracle: the sqlite3 command; skipped when not installed]'
    }`,
    async () => {
      for (let i = 1; i <= 3; i++) await put(ctx.articles, `s${i}.txt`, `Story ${i}\n\nbody ${i}\n`);
      ctx.running = await startSite(ctx.articles, ctx.state);
      const { url } = ctx.running;
      // Another program looks at the store and goes.
      expect(execFileSync('sqlite3', [path.join(ctx.state, 'state.db'), 'SELECT count(*) FROM articles']).toString().trim()).toBe('3');
      // Before, that close took the server's log for its own: checkpointed and deleted under it.
      expect(walDeleted()).toBe(false);
      await put(ctx.articles, 's4.txt', 'Story 4\n\nbody 4\n');
      await waitFor(async () => (await getText(`${url}/feed.xml`)).text.includes('Story 4'), 10_000, 'story 4');
      expect(walDeleted()).toBe(false);
    },
  );
});

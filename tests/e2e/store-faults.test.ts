// The state store refusing writes while serving: a full disk (a small tmpfs) and a lock held by another connection.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
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

/** A 3 MB tmpfs, where the machine lets us mount one (root, no container veto); else undefined. */
function smallTmpfs(): string | undefined {
  const dir = path.join(os.tmpdir(), `feedpub-full-${process.pid}-${Date.now()}`);
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmdirSync(dir);
    return undefined;
  }
}
const CAN_MOUNT = (() => {
  const dir = smallTmpfs();
  if (dir) {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  }
  return dir !== undefined;
})();

/** Fill the file system holding `dir` to the last byte. */
async function fill(dir: string): Promise<string> {
  const file = path.join(dir, 'filler');
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // Byte by byte for the last partial block.
  try {
    for (;;) await handle.write(Buffer.alloc(1024, 1));
  } catch {
    // full
  } finally {
    await handle.close();
  }
  return file;
}

/** Whether each run served the story while the store refused it (the full disk does: that case checks its body). */
const servedDuring: boolean[] = [];
const feed = async (url: string) => parseRssFeed((await getText(`${url}/feed.xml`)).text).items ?? [];
const storeProblems = () => (ctx.running?.site.status().problems ?? []).filter((p) => p.code === 'STORE_WRITE');
/** A story too big to fit in what the store's write-ahead log already holds. */
const bigStory = (title: string) => `${title}\n\n${'A long paragraph that must reach the store. '.repeat(12_000)}\n`;

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
  // before), then with its body, which the store does not have yet.
  const during = (await feed(url)).find((i) => i.title === 'During');
  if (during) expect(during.content?.encoded).toContain('A long paragraph that must reach the store.');
  servedDuring.push(during !== undefined);
  // Still refused after a few retries (1 s, 2 s, ...): the problem stays, nothing crashed.
  await new Promise((r) => setTimeout(r, 2500));
  expect(storeProblems().map((p) => p.path)).toContain('during.txt');
  expect((await getText(`${url}/healthz`)).status).toBe(200);
  await allow();
  await waitFor(() => storeProblems().length === 0, 70_000, 'the retry to succeed');
  expect(ctx.running.site.status().problems).toEqual([]);
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

  it('keeps a story saved while another connection holds the write lock, and stores it once released', async () => {
    let holder: Database.Database | undefined;
    await survives(
      ctx.state,
      async () => {
        holder = new Database(path.join(ctx.state, 'state.db'));
        holder.exec('BEGIN IMMEDIATE');
        holder.prepare("INSERT INTO settings (key, value) VALUES ('held', 'yes')").run();
      },
      async () => {
        holder?.exec('ROLLBACK');
        holder?.close();
      },
    );
  });
});

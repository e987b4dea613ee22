// Stress only (`npm run stress`): the articles folder swapped again and again (by rename and by link), and the state disk filling up and freed, round after round.
import { execFileSync } from 'node:child_process';
import { rmdirSync } from 'node:fs';
import { mkdir, open, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningSite, put, removeDir, startSite, tempDir, waitFor } from '../tests/helpers.js';
import { smallTmpfs } from '../tests/fs-faults.js';

const ROUNDS = Number(process.env.FEEDPUB_STRESS_SWAPS ?? 20);
const cleanup: string[] = [];
let running: RunningSite | undefined;
let mounted: string | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
  if (mounted) {
    execFileSync('umount', [mounted]);
    rmdirSync(mounted);
    mounted = undefined;
  }
  for (const d of cleanup.splice(0)) await removeDir(d);
});

/** The titles published now, from the catalog (the feed lists only the newest). */
const published = () => running?.site.status().articles ?? 0;
const story = (title: string) => `${title}\n\nThe story called ${title}.\n`;

describe('the articles folder swapped round after round', () => {
  it(`follows ${ROUNDS} swaps, alternating rename-over and link re-point, and sees a save after each`, async () => {
    const parent = await tempDir('feedpub-swap-');
    const state = await tempDir('feedpub-state-');
    cleanup.push(parent, state);
    const articles = path.join(parent, 'articles');
    await put(path.join(parent, 'r0'), 'seed.txt', story('Seed'));
    await symlink('r0', articles);
    running = await startSite(articles, state, { itemLimit: 1000 });
    for (let round = 1; round <= ROUNDS; round++) {
      const next = path.join(parent, `r${round}`);
      // Tree N holds 2N stories (2N + 1 after the save): the count tells which tree is served.
      for (let i = 0; i < 2 * round; i++) await put(next, `desk/s${i}.txt`, story(`Round ${round} story ${i}`));
      if (round % 2 === 1) {
        // Rename over: the link itself is replaced by a real folder, then back.
        await rm(articles);
        await rename(next, articles);
      } else {
        const tmp = path.join(parent, 'tmp-link');
        await symlink(`r${round}`, tmp);
        // A real folder cannot be renamed over by a link: move it aside first, as a deploy script would.
        await rename(articles, path.join(parent, `old${round}`)).catch(() => undefined);
        await rename(tmp, articles);
      }
      await waitFor(() => published() === 2 * round, 15_000, `round ${round}: the new tree`);
      const target = round % 2 === 1 ? articles : next;
      await writeFile(path.join(target, 'desk', 'later.txt'), story(`Round ${round} later`));
      await waitFor(() => published() === 2 * round + 1, 10_000, `round ${round}: a save by events`);
      await waitFor(() => running?.site.status().watcher === 'native', 10_000, `round ${round}: watching`);
    }
    expect(running.site.status().problems).toEqual([]);
  });
});

async function fill(dir: string): Promise<string> {
  const file = path.join(dir, 'filler');
  const handle = await open(file, 'w');
  try {
    for (const size of [64 * 1024, 1024, 1]) {
      try {
        for (;;) await handle.write(Buffer.alloc(size, 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    await handle.close();
  }
  return file;
}

describe('the state disk full, round after round', () => {
  it('loses no save over 5 rounds of full disk and freed space, across a restart [needs mount: root; skipped otherwise]', async (test) => {
    mounted = smallTmpfs('8m');
    if (!mounted) return test.skip();
    const articles = await tempDir();
    cleanup.push(articles);
    await mkdir(path.join(articles, 'desk'));
    running = await startSite(articles, mounted, { itemLimit: 1000 });
    const big = (title: string) => `${title}\n\n${'A paragraph that must reach the store. '.repeat(4000)}\n`;
    for (let round = 1; round <= 5; round++) {
      const filler = await fill(mounted);
      await writeFile(path.join(articles, 'desk', `r${round}.txt`), big(`Round ${round}`));
      await waitFor(() => running?.site.status().problems.some((p) => p.code === 'STORE_WRITE'), 20_000, `round ${round}: reported`);
      await rm(filler);
      await waitFor(() => running?.site.status().problems.length === 0 && published() === round, 70_000, `round ${round}: stored`);
    }
    await running.close();
    running = await startSite(articles, mounted, { itemLimit: 1000 });
    expect(published()).toBe(5);
    expect(running.site.status().lastScan?.read).toBe(0);
  });
});

// The watcher's own lifecycle: a restart or close that comes while a start is still under way.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import { ArticleWatcher } from '../../src/watch/article-watcher.js';
import { holdWalks, removeDir, tempDir, waitFor } from '../helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

async function watcherOn(): Promise<{ watcher: ArticleWatcher; events: string[]; paths: string[]; root: string }> {
  const root = await tempDir('feedpub-watch-');
  dirs.push(root);
  const events: string[] = [];
  const paths: string[] = [];
  const record = (event: string) => void events.push(event);
  const log = { debug: record, info: record, warn: record, error: record } as unknown as Logger;
  const watcher = new ArticleWatcher({
    root,
    poll: false,
    log,
    onPath: (p) => void paths.push(p),
    onFolder: () => undefined,
    onRescan: () => undefined,
  });
  return { watcher, events, paths, root };
}

describe('ArticleWatcher', () => {
  it('runs one watcher when a restart comes while a start resolves the folder (review: two ran, one leaked)', async () => {
    const { watcher, events, paths, root } = await watcherOn();
    try {
      // start() is resolving the root's real path when restart() comes (a folder swapped during a restart's first scan).
      await Promise.all([watcher.start(), watcher.restart()]);
      expect(events.filter((e) => e === 'watch.ready')).toEqual(['watch.ready']);
      expect(watcher.armed).toBe(true);
      await writeFile(path.join(root, 'a.txt'), 'A\n\nbody\n');
      await waitFor(() => (paths.includes('a.txt') ? true : undefined), 10_000, 'the save seen');
      // A second watcher would report the save again (its own raw event and its own change).
      await writeFile(path.join(root, 'b.txt'), 'B\n\nbody\n');
      await waitFor(() => (paths.includes('b.txt') ? true : undefined), 10_000, 'a second save seen');
      expect(paths.filter((p) => p === 'a.txt').length).toBe(paths.filter((p) => p === 'b.txt').length);
      expect(events.filter((e) => e === 'watch.ready').length).toBe(1);
    } finally {
      await watcher.close();
    }
  });

  it('starts no watcher when closed while a start resolves the folder', async () => {
    const { watcher, events } = await watcherOn();
    const starting = watcher.start();
    await watcher.close();
    await starting;
    expect(events).not.toContain('watch.ready');
    expect(watcher.armed).toBe(false);
  });

  it('releases a start waiting for its walk when restarted, and is armed again by the new walk', async () => {
    const { watcher, events } = await watcherOn();
    // The first walk's end held, as a walk of 100,000 files lasts seconds; the restart's is not.
    const walks = holdWalks(1);
    try {
      const starting = watcher.start();
      await waitFor(() => (walks.held() === 1 ? true : undefined), 10_000, 'the first walk under way');
      const restarting = watcher.restart();
      expect(watcher.armed).toBe(false);
      // Before the fix, the first start waited for a "ready" its closed watcher would never send.
      await Promise.all([starting, restarting]);
      expect(watcher.armed).toBe(true);
      expect(events.filter((e) => e === 'watch.ready')).toEqual(['watch.ready']);
    } finally {
      walks.release();
      walks.restore();
      await watcher.close();
    }
    expect(watcher.armed).toBe(false);
  });
});

// Two stories that change places keep their ids, also when a scan reads only one of the two paths.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FileApplier } from '../../src/publish/apply-files.js';
import { Catalog } from '../../src/publish/catalog.js';
import { ProblemBook } from '../../src/publish/problem-book.js';
import { StateDb } from '../../src/store/state-db.js';
import { storyParser } from '../../src/workers/story-parser.js';
import { put, removeDir, tempDir } from '../helpers.js';

let dirs: string[] = [];
let store: StateDb | undefined;
afterEach(async () => {
  store?.close();
  for (const d of dirs) await removeDir(d);
  dirs = [];
});

describe('stories that change places', () => {
  it('applies the other half of a swap in the same apply: no rebuild in between shows a story gone (two folders swapped, seen by two scans)', async () => {
    const articles = await tempDir();
    const state = await tempDir('feedpub-state-');
    dirs = [articles, state];
    store = new StateDb(state);
    const alpha = 'Alpha story\n\nAlpha body.\n';
    const bravo = 'Bravo story\n\nBravo body.\n';
    await put(articles, 'fa/s.txt', alpha);
    await put(articles, 'fb/s.txt', bravo);
    const parser = storyParser({ boilerplateMarkers: DEFAULT_BOILERPLATE_MARKERS, timeZone: 'UTC', maxTitleLength: 200 }, false);
    const catalog = new Catalog();
    const applier = new FileApplier(
      {
        articlesDir: articles,
        maxFileBytes: 1_000_000,
        feedId: 'urn:test',
        baseUrl: 'https://news.example',
        futureStories: 'hold',
        timeZone: 'UTC',
        read: (file) => parser.read(file),
        hold: () => undefined,
      },
      store,
      catalog,
      new ProblemBook(),
      silentLogger,
      Date.now,
    );
    await applier.apply(['fa/s.txt', 'fb/s.txt']);
    const idOf = (p: string) => catalog.get(p)?.id;
    const [a, b] = [idOf('fa/s.txt'), idOf('fb/s.txt')];
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
    await writeFile(path.join(articles, 'fa', 's.txt'), bravo);
    await writeFile(path.join(articles, 'fb', 's.txt'), alpha);
    // Only fa is read (its folder's event came first); fb's file has the size and time it had.
    await applier.apply(['fa/s.txt']);
    expect([idOf('fa/s.txt'), idOf('fb/s.txt')]).toEqual([b, a]);
    expect(catalog.get('fb/s.txt')?.title).toBe('Alpha story');
  });
});

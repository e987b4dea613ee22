// A batch of saves and the reads it went on without (late): a path applied again while its read still runs is not waited for twice.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { FileApplier } from '../../src/publish/apply-files.js';
import { Catalog } from '../../src/publish/catalog.js';
import { ProblemBook } from '../../src/publish/problem-book.js';
import { StateDb } from '../../src/store/state-db.js';
import type { FileOutcome } from '../../src/workers/read-story.js';
import { removeDir, tempDir } from '../helpers.js';

let dirs: string[] = [];
let store: StateDb | undefined;
afterEach(async () => {
  store?.close();
  for (const d of dirs) await removeDir(d);
  dirs = [];
});

describe('late reads', () => {
  it('applies a batch that holds only paths whose late read still runs at once, and the read when it ends', async () => {
    const articles = await tempDir();
    const state = await tempDir('feedpub-state-');
    dirs = [articles, state];
    store = new StateDb(state);
    let finishSlow: (outcome: FileOutcome) => void = () => undefined;
    const slow = new Promise<FileOutcome>((resolve) => (finishSlow = resolve));
    const reads: string[] = [];
    const done: string[] = [];
    const gone: FileOutcome = { result: { kind: 'missing' } } as FileOutcome;
    const applier = new FileApplier(
      {
        articlesDir: articles,
        maxFileBytes: 1_000_000,
        feedId: 'urn:test',
        baseUrl: 'https://news.example',
        futureStories: 'hold',
        timeZone: 'UTC',
        read: (file) => {
          reads.push(file.relPath);
          return file.relPath === 'slow.txt' ? slow : Promise.resolve(gone);
        },
        hold: () => undefined,
        // Workers booting (or all stuck): the quiet clock starts only once a read is in.
        late: { quietMs: 50, done: (p) => void done.push(p), workersUp: () => false },
      },
      store,
      new Catalog(),
      new ProblemBook(),
      silentLogger,
      Date.now,
    );
    await applier.apply(['slow.txt', 'a.txt']); // a.txt is in; slow.txt is left to finish
    // The settling look (or a second save) applies slow.txt again while its read still runs: no wait, no second read.
    const again = await Promise.race([
      applier.apply(['slow.txt']).then(() => 'applied'),
      new Promise((resolve) => setTimeout(() => resolve('held'), 5000)),
    ]);
    expect(again).toBe('applied');
    expect(reads).toEqual(['slow.txt', 'a.txt']);
    finishSlow(gone);
    await slow;
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toEqual(['slow.txt']);
    // Its outcome is taken by the next apply of the path, from the same read.
    await applier.apply(['slow.txt']);
    expect(reads).toEqual(['slow.txt', 'a.txt']);
  });
});

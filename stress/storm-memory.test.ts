// Stress only (`npm run stress`): repeated storms must not grow memory, and leave no unhandled rejection.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSite, getText, parseRssFeed, put, removeDir, startSite, tempDir, waitFor } from '../tests/helpers.js';

const FILES = 1000;
const STORMS = 6;
let articles: string;
let state: string;
let running: RunningSite;
const rejections: unknown[] = [];

beforeAll(async () => {
  process.on('unhandledRejection', (r) => rejections.push(r));
  articles = await tempDir();
  state = await tempDir('feedpub-state-');
  for (let i = 0; i < FILES; i++) await put(articles, `s${i}.txt`, `Story ${i} v0\n\nbody\n`);
  running = await startSite(articles, state, { itemLimit: 5000 });
});
afterAll(async () => {
  await running.close();
  await removeDir(articles);
  await removeDir(state);
});

describe('storm after storm', () => {
  it(`keeps heap flat over ${STORMS} storms of ${FILES} files`, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'run with --expose-gc (npm run stress does)').toBeTypeOf('function');
    const heap: number[] = [];
    for (let s = 1; s <= STORMS; s++) {
      const started = Date.now();
      await Promise.all(Array.from({ length: FILES }, (_, i) => writeFile(path.join(articles, `s${i}.txt`), `Story ${i} v${s}\n\nbody ${s}\n`)));
      await waitFor(async () => {
        const items = parseRssFeed((await getText(`${running.url}/feed.xml`)).text).items ?? [];
        return items.length === FILES && items.every((i) => i.title?.endsWith(`v${s}`));
      }, 30_000, `storm ${s}`);
      gc?.();
      heap.push(process.memoryUsage().heapUsed);
      console.log(`storm ${s}: converged in ${Date.now() - started} ms, heap ${(heap.at(-1)! / 1e6).toFixed(1)} MB`);
    }
    // After the first storms warm the caches, the heap must not keep growing.
    const settled = heap[1]!;
    expect(heap.at(-1)!).toBeLessThan(settled * 1.25);
    expect(rejections).toEqual([]);
  });
});

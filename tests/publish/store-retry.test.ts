// StoreRetry: a failed store write is retried on the queue, and not while the articles folder is another site's.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { ProblemBook } from '../../src/publish/problem-book.js';
import { StoreRetry } from '../../src/publish/store-retry.js';

afterEach(() => vi.useRealTimers());

const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

describe('StoreRetry', () => {
  it('retries a failed batch, but not while the folder is held as foreign, and then once it is not', async () => {
    vi.useFakeTimers();
    let held = true;
    let fail = true;
    const applied: string[][] = [];
    const problems = new ProblemBook();
    const retry = new StoreRetry({
      apply: async (paths) => {
        applied.push(paths);
        if (fail) throw full();
        return true;
      },
      run: (task) => task(),
      problems,
      log: silentLogger,
      rebuild: () => undefined,
      held: () => held,
      firstDelayMs: 1000,
    });
    expect(await retry.apply(['a.txt'])).toBe(true);
    expect(problems.storePaths()).toEqual(['a.txt']);
    fail = false;
    // Held: the retry would read the other site's a.txt; it waits (and asks again later).
    await vi.advanceTimersByTimeAsync(10_000);
    expect(applied).toEqual([['a.txt']]);
    expect(problems.storePaths()).toEqual(['a.txt']);
    held = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(applied).toEqual([['a.txt'], ['a.txt']]);
    expect(problems.storePaths()).toEqual([]);
    retry.close();
  });
});

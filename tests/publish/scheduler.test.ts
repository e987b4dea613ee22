import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReleaseScheduler } from '../../src/publish/scheduler.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('release scheduler', () => {
  it('releases each held path at its time, soonest first, and past times at once', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const released: string[][] = [];
    const s = new ReleaseScheduler((paths) => released.push(paths));
    s.hold('b.txt', 1_005_000);
    s.hold('a.txt', 1_002_000);
    s.hold('c.txt', 1_002_000);
    expect(s.list().map((h) => h.path)).toEqual(['a.txt', 'c.txt', 'b.txt']);
    vi.advanceTimersByTime(1_999);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual([['a.txt', 'c.txt']]);
    s.drop('b.txt');
    vi.advanceTimersByTime(10_000);
    expect(released).toEqual([['a.txt', 'c.txt']]);
    s.hold('late.txt', 900_000);
    vi.advanceTimersByTime(0);
    expect(released.at(-1)).toEqual(['late.txt']);
    s.close();
  });

  it('waits longer than setTimeout allows in steps (an embargo months ahead)', () => {
    vi.useFakeTimers({ now: 0 });
    const released: string[][] = [];
    const s = new ReleaseScheduler((paths) => released.push(paths));
    const far = 200 * 24 * 3600_000;
    s.hold('far.txt', far);
    vi.advanceTimersByTime(far - 1);
    expect(released).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(released).toEqual([['far.txt']]);
  });
});

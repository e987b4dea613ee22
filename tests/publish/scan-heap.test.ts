import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { ScanHeap } from '../../src/publish/scan-heap.js';

const usedMb = () => v8.getHeapStatistics().used_heap_size / 2 ** 20;

describe('scan heap', () => {
  it('collects the garbage a scan step left in the old generation (vitest runs without --expose-gc)', async () => {
    const heap = new ScanHeap(0);
    // Kept alive across several turns, as a batch of stories is, so it leaves the young generation.
    let held: string[][] | undefined = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 4000 }, (_, j) => `story ${i} ${j} ${'x'.repeat(200)}`),
    );
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(held.length).toBe(40);
    held = undefined;
    const before = usedMb();
    heap.step();
    // About 35 MB of strings was garbage: a full collection frees most of it.
    expect(before - usedMb()).toBeGreaterThan(20);
  });

  it('collects at the end of a scan what it left, and only when it left enough to be worth it', async () => {
    const heap = new ScanHeap(1024);
    let held: string[][] | undefined = Array.from({ length: 40 }, (_, i) =>
      Array.from({ length: 4000 }, (_, j) => `end ${i} ${j} ${'y'.repeat(200)}`),
    );
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(held.length).toBe(40);
    held = undefined;
    heap.step(); // under its slack: nothing collected
    const before = usedMb();
    heap.end();
    expect(before - usedMb()).toBeGreaterThan(20);
  });

  it('does not collect at the end of a scan that left little, and does when it left more', () => {
    let collections = 0;
    const heap = new ScanHeap(1024, () => collections++);
    heap.end();
    expect(collections).toBe(0);
    // About 35 MB held past the end: the heap grew by more than the end's slack.
    const held = Array.from({ length: 40 }, (_, i) => Array.from({ length: 4000 }, (_, j) => `grown ${i} ${j} ${'z'.repeat(200)}`));
    heap.end();
    expect(held.length).toBe(40);
    expect(collections).toBe(1);
  });
});

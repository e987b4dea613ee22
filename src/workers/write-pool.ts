// Worker threads that compress and write the documents of a `build`, while the main thread renders the next ones.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from './start-worker.js';

/**
 * One document: its bytes written as they are to `to[0]`; with three paths, gzipped and
 * brotli-compressed to the other two as well (a document the build leaves uncompressed has one).
 */
export interface WriteJob {
  id: number;
  body: Uint8Array;
  to: readonly [identity: string] | readonly [identity: string, gzip: string, br: string];
}

export type WriteResult = { id: number; error?: { message: string; code?: string } };

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A worker's heap holds one job's strings at a time: a small young generation keeps it a few MB. */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

interface Slot {
  worker: Worker;
  jobs: Map<number, Pending>;
}

/**
 * Compressing a story page takes about as long as rendering it (measured at 10,000 stories: 2.8 s
 * of a cold build's main thread, and 2 s more in file calls), so both move here: the main thread
 * only renders and hashes. Workers start with the first write, and end with `close()`.
 *
 * One worker per core beside the main thread's (one on 2 cores): a cold build of 10,000 stories
 * here took 8.7-9.0 s and 500-560 MB with one, 8.8-11.7 s and 620 MB with two, whose file
 * creations in the same folders contend in the kernel (system time 3 s against 4.5-11 s).
 */
export class WritePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  readonly size: number;

  constructor(size?: number) {
    this.size = size ?? Math.max(1, Math.min(3, os.availableParallelism() - 1));
  }

  /**
   * Write `body` to `to[0]`, and its gzip and brotli to `to[1]` and `to[2]` when given (their
   * folder exists). A failed write rejects with the file system's error and code (ENOSPC, EACCES, ...).
   */
  write(body: Uint8Array, to: WriteJob['to']): Promise<void> {
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      // Copied, not transferred: the snapshot keeps its bytes.
      slot.worker.postMessage({ id, body, to } satisfies WriteJob);
    });
  }

  /** End the workers (a write still running fails). */
  close(): void {
    for (const slot of this.slots.splice(0)) this.fail(slot, 'the build stopped');
  }

  private leastBusy(): Slot {
    let best: Slot | undefined;
    for (const slot of this.slots) if (!best || slot.jobs.size < best.jobs.size) best = slot;
    if (best && (best.jobs.size === 0 || this.slots.length >= this.size)) return best;
    const slot: Slot = { worker: startWorker('write-worker', undefined, LIMITS), jobs: new Map() };
    slot.worker.on('message', ({ id, error }: WriteResult) => {
      const job = slot.jobs.get(id);
      slot.jobs.delete(id);
      if (!error) job?.resolve();
      else job?.reject(Object.assign(new Error(error.message), error.code ? { code: error.code } : {}));
    });
    // A crashed worker fails its writes (each reported by the build) and is replaced on the next.
    slot.worker.on('error', (error) => this.drop(slot, `the writer crashed: ${error.message}`));
    slot.worker.on('exit', () => this.drop(slot, 'the writer stopped'));
    this.slots.push(slot);
    return slot;
  }

  private drop(slot: Slot, message: string): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    this.fail(slot, message);
  }

  private fail(slot: Slot, message: string): void {
    for (const job of slot.jobs.values()) job.reject(new Error(message));
    slot.jobs.clear();
    // Not awaited, as in the parse pool: terminate() of a worker with tsx's loader can hang on Node 20.
    slot.worker.unref();
    void slot.worker.terminate();
  }
}

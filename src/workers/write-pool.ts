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

/**
 * Jobs travel in batches, and their results come back in one message per batch: one message per
 * document each way (21,000 in a cold build of 10,000 stories) each woke the other thread. A batch
 * goes when BATCH jobs wait, or at the end of the event loop's turn while fewer than IN_FLIGHT
 * batches are unanswered (so the worker always has the next one, and jobs gather while it works).
 */
const BATCH = 16;
const IN_FLIGHT = 2;

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** A worker's heap holds one job's strings at a time: a small young generation keeps it a few MB. */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

interface Slot {
  worker: Worker;
  jobs: Map<number, Pending>;
  /** Jobs not yet posted: sent when BATCH are waiting, or once the current turn of the event loop ends. */
  unsent: WriteJob[];
  /** Batches posted and not yet answered. */
  posted: number;
  /** The ArrayBuffers of unsent bodies that move to the worker instead of being copied. */
  moving: ArrayBuffer[];
  flushing: boolean;
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
  write(body: Uint8Array, to: WriteJob['to'], move = false): Promise<void> {
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.jobs.set(id, { resolve, reject });
      slot.unsent.push({ id, body, to });
      // A body that fills its own ArrayBuffer (never a slice of Node's shared pool) moves.
      if (move && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength) slot.moving.push(body.buffer as ArrayBuffer);
      if (slot.unsent.length >= BATCH) this.post(slot);
      else this.postSoon(slot);
    });
  }

  /** Post what waits once this turn of the event loop has queued all it will, unless the worker has enough already. */
  private postSoon(slot: Slot): void {
    if (slot.flushing) return;
    slot.flushing = true;
    setImmediate(() => {
      slot.flushing = false;
      if (slot.posted < IN_FLIGHT) this.post(slot);
    });
  }

  private post(slot: Slot): void {
    if (slot.unsent.length === 0 || !this.slots.includes(slot)) return;
    const jobs = slot.unsent.splice(0);
    try {
      slot.worker.postMessage(jobs, slot.moving.splice(0));
      slot.posted++;
    } catch (error) {
      // A body that cannot be posted (detached by an earlier move) fails its own write, never the process.
      for (const { id } of jobs) {
        slot.jobs.get(id)?.reject(error as Error);
        slot.jobs.delete(id);
      }
    }
  }

  /**
   * Start a worker now, before the first write: starting one (its modules, on a thread of its own)
   * took 150-200 ms here, which a build after one story changed spent waiting at its end. Started
   * while the main thread works out what changed, it is ready for the first write.
   */
  warm(): void {
    if (this.slots.length === 0) this.leastBusy();
  }

  /** End the workers (a write still running fails). */
  close(): void {
    for (const slot of this.slots.splice(0)) this.fail(slot, 'the build stopped');
  }

  private leastBusy(): Slot {
    let best: Slot | undefined;
    for (const slot of this.slots) if (!best || slot.jobs.size < best.jobs.size) best = slot;
    if (best && (best.jobs.size === 0 || this.slots.length >= this.size)) return best;
    const slot: Slot = { worker: startWorker('write-worker', undefined, LIMITS), jobs: new Map(), unsent: [], posted: 0, moving: [], flushing: false };
    slot.worker.on('message', (results: WriteResult[]) => {
      slot.posted--;
      if (slot.unsent.length > 0) this.postSoon(slot);
      for (const { id, error } of results) {
        const job = slot.jobs.get(id);
        slot.jobs.delete(id);
        if (!error) job?.resolve();
        else job?.reject(Object.assign(new Error(error.message), error.code ? { code: error.code } : {}));
      }
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
    slot.unsent.length = 0;
    slot.moving.length = 0;
    // Not awaited, as in the parse pool: terminate() of a worker with tsx's loader can hang on Node 20.
    slot.worker.unref();
    void slot.worker.terminate();
  }
}

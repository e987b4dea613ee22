// What crosses between the parse pool and its workers: jobs, their results, and the shared note of the job a worker is on.
import type { IngestOptions } from '../core/ingest.js';
import type { FileJob } from './read-story.js';

/** A job a worker is sent: a file to read and parse (publishing), or bytes to parse (a desk preview). */
export type WorkerJob = { id: number; file: FileJob } | { id: number; path: string; bytes: Uint8Array };

/** Results a worker sends back, in the order of its jobs. */
export type WorkerDone = { id: number; outcome: unknown }[];

/** `running`: 16 shared bytes in which the worker notes the job it is on (runningCell). */
export interface ParseWorkerData {
  options: IngestOptions;
  /** Make summaries (core/ingest.ts): a build does, a server leaves them to its renders. */
  summaries: boolean;
  running: SharedArrayBuffer;
}

/** The clock jobs are stamped with: the same on every thread, and it never steps back. */
export const jobClock = (): number => performance.timeOrigin + performance.now();

/**
 * [job id, when it began]: written by the worker as it begins each job (id 0: none), read by the
 * pool's time limit. The time is written first, so a new id is never read with an older time.
 */
export function runningCell(buffer: SharedArrayBuffer) {
  const cell = new BigInt64Array(buffer);
  return {
    begin(id: number): void {
      Atomics.store(cell, 1, BigInt(Math.round(jobClock())));
      Atomics.store(cell, 0, BigInt(id));
    },
    end(): void {
      Atomics.store(cell, 0, 0n);
    },
    read(): { id: number; since: number } {
      const id = Number(Atomics.load(cell, 0));
      return { id, since: Number(Atomics.load(cell, 1)) };
    },
  };
}
export type RunningCell = ReturnType<typeof runningCell>;

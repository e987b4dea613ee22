// A pool of worker threads that parse stories, so one slow or hostile file never holds the event loop.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ProblemCode } from '../core/model.js';
import type { IngestOptions, Ingested } from '../core/ingest.js';

export interface ParsePoolOptions {
  /** Parse options, fixed for the pool's life (they cross to every worker once). */
  parse: IngestOptions;
  /** Worker threads (default: the machine's parallelism, 1 to 4). */
  size?: number;
  /** A file still parsing after this long is TOO_COMPLEX and its worker is replaced (default 10 s). */
  timeoutMs?: number;
}

interface Job {
  id: number;
  path: string;
  bytes: Uint8Array;
  resolve: (outcome: Ingested) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

// The build runs parse-worker.js beside this file. The source (under vitest or tsx) is .ts, which
// a worker can only load after registering tsx's loader in the worker itself.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './parse-worker.ts' : './parse-worker.js', import.meta.url);

/**
 * A small young generation: a parse makes much short-lived garbage, and V8's default lets each
 * worker's heap grow first. Measured at 10,000 stories: first start 9.5-10.5 s and 238 MB
 * before, 8.3-8.9 s and 223 MB after. The old generation is capped well above any one parse
 * (a worker over it ends, and its file is reported, never the process).
 */
const LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 512 };

function startWorker(workerData: unknown): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { workerData, resourceLimits: LIMITS });
  // Resolved here, where tsx is installed: the worker's own resolution starts from the process's cwd.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true, workerData, resourceLimits: LIMITS });
}

/**
 * Parse files on worker threads, first come first served. `parse` always resolves: a failed,
 * crashed or timed-out parse is a failure outcome, never a rejection. Workers start when work
 * waits for one (each loads the parser, a few hundred ms of CPU): a restart or a build with one
 * changed file starts one, not one per core. `warm()` starts one ahead of the first save.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;
  private readonly timeoutMs: number;
  private keepWarm = false;

  constructor(private readonly options: ParsePoolOptions) {
    this.size = options.size ?? Math.max(1, Math.min(4, os.availableParallelism()));
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Keep a worker running from now on, so that a save never waits for one to boot (serve). */
  warm(): void {
    this.keepWarm = true;
    if (!this.closed && this.slots.length === 0) this.slots.push(this.spawn());
  }

  /** Parse one file's bytes. */
  parse(path: string, bytes: Uint8Array): Promise<Ingested> {
    if (this.closed)
      return Promise.resolve({ ok: false, failure: { code: ProblemCode.Unreadable, message: 'the parser is shutting down' } });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, path, bytes, resolve });
      this.pump();
    });
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  close(): void {
    this.closed = true;
    for (const job of this.queue.splice(0))
      job.resolve({ ok: false, failure: { code: ProblemCode.Unreadable, message: 'the parser is shutting down' } });
    // Not awaited: on Node 20 the terminate() of a worker that registered a module loader (tsx,
    // in tests) sometimes never settles, and awaiting it let the process exit mid-command. The
    // workers are unreferenced, so they never hold the process open.
    for (const slot of this.slots) {
      slot.worker.unref();
      void slot.worker.terminate();
    }
  }

  private spawn(): Slot {
    const worker = startWorker(this.options.parse);
    const slot: Slot = { worker, ready: false, job: undefined, timer: undefined };
    worker.on('message', (message: { id: number; outcome: Ingested } | { ready: true }) => {
      if ('ready' in message) {
        slot.ready = true;
        this.pump();
        return;
      }
      if (slot.job?.id !== message.id) return;
      this.finish(slot, message.outcome);
    });
    worker.on('error', (error) => this.replace(slot, `the parser crashed: ${error.message}`));
    worker.on('exit', () => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, 'the parser stopped');
    });
    // An idle pool must not keep the process alive.
    worker.unref();
    return slot;
  }

  private pump(): void {
    // Work waiting or running keeps the process alive (a booting worker included); an idle pool does not.
    const busy = this.queue.length > 0 || this.slots.some((s) => s.job);
    const free = this.slots.filter((s) => !s.job).length;
    for (let i = free; i < this.queue.length && this.slots.length < this.size && !this.closed; i++) this.slots.push(this.spawn());
    for (const slot of this.slots) busy ? slot.worker.ref() : slot.worker.unref();
    for (const slot of this.slots) {
      if (slot.job || !slot.ready) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.timer = setTimeout(() => {
        this.replace(
          slot,
          `parsing took longer than ${this.timeoutMs / 1000} s (the limit); the file is too complex`,
          ProblemCode.TooComplex,
        );
      }, this.timeoutMs);
      slot.worker.postMessage({ id: job.id, path: job.path, bytes: job.bytes });
    }
  }

  private finish(slot: Slot, outcome: Ingested): void {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    job?.resolve(outcome);
    this.pump();
  }

  /** Drop a stuck or crashed worker, fail its job, and start a fresh one in its place. */
  private replace(slot: Slot, message: string, code: ProblemCode = ProblemCode.Unreadable): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    job?.resolve({ ok: false, failure: { code, message } });
    if (this.keepWarm) this.warm();
    this.pump();
  }
}

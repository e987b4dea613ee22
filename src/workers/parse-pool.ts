// A pool of worker threads that parse stories, so one slow or hostile file never holds the event loop.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ProblemCode } from '../core/model.js';
import type { IngestOptions, Ingested } from '../core/ingest.js';
import { type FileJob, type FileOutcome, type FileStat, statBefore, unfinishedRead } from './read-story.js';
import { type ParseWorkerData, type RunningCell, type WorkerDone, type WorkerJob, jobClock, runningCell } from './parse-messages.js';
import { startWorker } from './start-worker.js';

export interface ParsePoolOptions {
  /** Parse options, fixed for the pool's life (they cross to every worker once). */
  parse: IngestOptions;
  /** Make summaries (default true): core/ingest.ts. */
  summaries?: boolean;
  /** Worker threads (default: the machine's parallelism, 1 to 4). */
  size?: number;
  /** A file still parsing after this long is TOO_COMPLEX and its worker is replaced (default 10 s). */
  timeoutMs?: number;
  /** A worker whose heap outgrows this many MB ends, and its file is TOO_COMPLEX (default 512). */
  memoryMb?: number;
}

interface Job {
  message: WorkerJob;
  /** Bytes sent with it, counted against AHEAD_BYTES: none for a file the worker reads itself. */
  bytes: number;
  /** The file's size (as last seen): of the files given back by a stuck worker, the small go first. */
  size: number;
  resolve: (outcome: never) => void;
  /** Its outcome when it cannot finish: shutdown, the time limit, a crash. */
  failed: (code: ProblemCode, message: string) => unknown;
  /**
   * Given back by a stuck or replaced worker: it goes alone, to an idle worker. Its chunk-mates may be as
   * hostile as the file that timed out, and sent together they would run out of time one after
   * another, each holding the rest (three such files took three limits, not two, on two workers).
   */
  alone?: boolean;
}

const SHUTTING_DOWN = 'the parser is shutting down';
const parseFailed = (code: ProblemCode, message: string): Ingested => ({ ok: false, failure: { code, message } });

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Sent to this worker, in the order it parses them: the first is the one parsing now or next. */
  jobs: Job[];
  /** Bytes of `jobs`. */
  bytes: number;
  /** The time limit's next look at this worker while it has jobs. */
  timer: NodeJS.Timeout | undefined;
  /** The job the worker says it is on. */
  running: RunningCell;
  /** Stuck on a slow file with jobs behind it, which went to other workers: it ends when its job does. */
  retiring?: boolean;
}

/**
 * Jobs sent ahead to a worker, so that it keeps parsing while the main thread is busy (a first
 * scan stores a batch in one synchronous transaction, and could not hand out the next file
 * meanwhile). Bounded in count and bytes: a worker's queue holds copies of the files.
 */
const AHEAD_JOBS = 256;
const AHEAD_BYTES = 8 * 1024 * 1024;

/**
 * A worker on one job this long (a hostile file may hold it to the time limit) is stuck: it is
 * sent nothing more, gives back what was sent behind that job, and when every worker is stuck,
 * work that waits gets a spare, up to SPARE_WORKERS beyond the pool's size (four hostile files
 * held a later save 19 s on two workers). A spare ends once idle, a stuck worker with its job.
 */
const STUCK_MS = 1000;
const SPARE_WORKERS = 2;

/**
 * Jobs per message, each way: a message per file cost a first scan of 20,000 stories 324 µs of
 * CPU a story on two workers, against 277 µs with 16 a message. Jobs that wait are shared out
 * between the workers first, so a few saves still go one to a worker.
 */
const CHUNK = 16;

/**
 * A small young generation: a parse makes much short-lived garbage, and V8's default lets each
 * worker's heap grow first. Measured at 10,000 stories: first start 9.5-10.5 s and 238 MB
 * before, 8.3-8.9 s and 223 MB after. The old generation is capped well above any one parse
 * (a worker over it ends, and its file is reported, never the process).
 */
const YOUNG_MB = 8;
const OLD_MB = 512;

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
  private readonly memoryMb: number;
  private keepWarm = false;
  /** Idle workers beyond this many end (rest(), until there are no more than this). */
  private restTo = Number.POSITIVE_INFINITY;
  /** Jobs are handed out once the caller's synchronous code is done, so that they go in chunks. */
  private pumpDue = false;
  /** Whether the workers hold the process open (they do while there is work). */
  private held = false;
  /** The next look at whether waiting work needs a spare worker (spareIfStuck). */
  private stuckLook: NodeJS.Timeout | undefined;

  constructor(private readonly options: ParsePoolOptions) {
    this.size = options.size ?? Math.max(1, Math.min(4, os.availableParallelism()));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.memoryMb = options.memoryMb ?? OLD_MB;
  }

  /** Keep a worker running from now on, so that a save never waits for one to boot (serve). */
  warm(): void {
    this.keepWarm = true;
    if (!this.closed && this.slots.length === 0) this.slots.push(this.spawn());
  }

  /**
   * Keep at most `workers` from now on (serve: one, warm for the next save; build: none): a
   * first scan's extra workers, each a V8 heap with the parser loaded, end before its closing
   * rebuild. A worker still parsing ends when it is done; a burst of saves later starts more,
   * and they stay (ending them between batches would boot them again and again).
   */
  rest(workers: number): void {
    this.keepWarm = workers > 0;
    this.restTo = workers;
    this.pump();
    this.trim();
  }

  /** Parse one file's bytes (read by the caller). */
  parse(path: string, bytes: Uint8Array): Promise<Ingested> {
    return this.submit({ id: this.nextId++, path, bytes }, bytes.byteLength, bytes.byteLength, parseFailed);
  }

  /** Read, hash and (unless its hash is `file.knownHash`) parse a file, all on a worker. */
  read(file: FileJob, before: FileStat | undefined = statBefore(file.absPath)): Promise<FileOutcome> {
    // `before` is taken before the worker reads the file (about 2 µs, here unless given): a file
    // saved while its parse runs out of time must not be recorded under the verdict on the version before.
    return this.submit({ id: this.nextId++, file }, 0, before?.size ?? 0, (code, message) => unfinishedRead(before, code, message));
  }

  private submit<T>(message: WorkerJob, bytes: number, size: number, failed: (code: ProblemCode, message: string) => T): Promise<T> {
    if (this.closed) return Promise.resolve(failed(ProblemCode.Unreadable, SHUTTING_DOWN));
    return new Promise<T>((resolve) => {
      // Ahead of the files a stuck or replaced worker gave back (requeue: the queue's tail): those may be as slow as the file that held it.
      const job: Job = { message, bytes, size, resolve: resolve as (outcome: never) => void, failed };
      const suspect = this.queue.at(-1)?.alone ? this.queue.findIndex((j) => j.alone) : -1;
      if (suspect < 0) this.queue.push(job);
      else this.queue.splice(suspect, 0, job);
      if (this.pumpDue) return;
      this.pumpDue = true;
      queueMicrotask(() => this.pump());
    });
  }

  /** Worker threads running now (booting ones included). */
  get workers(): number {
    return this.slots.length;
  }

  /** A worker has booted and takes work (a stuck one with work behind it retires and does not count). */
  get ready(): boolean {
    return this.slots.some((s) => s.ready && !s.retiring);
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + this.slots.reduce((n, s) => n + s.jobs.length, 0);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.stuckLook);
    for (const job of this.queue.splice(0)) job.resolve(job.failed(ProblemCode.Unreadable, SHUTTING_DOWN) as never);
    // Not awaited: on Node 20 the terminate() of a worker that registered a module loader (tsx,
    // in tests) sometimes never settles, and awaiting it let the process exit mid-command. The
    // workers are unreferenced, so they never hold the process open.
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      slot.worker.unref();
      void slot.worker.terminate();
    }
  }

  private spawn(): Slot {
    const running = new SharedArrayBuffer(16);
    const data: ParseWorkerData = { options: this.options.parse, running, summaries: this.options.summaries ?? true };
    const worker = startWorker('parse-worker', data, { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: this.memoryMb });
    const slot: Slot = { worker, ready: false, jobs: [], bytes: 0, timer: undefined, running: runningCell(running) };
    worker.on('message', (message: { done: WorkerDone } | { ready: true }) => {
      if (!this.slots.includes(slot)) return;
      if ('ready' in message) slot.ready = true;
      else this.finish(slot, message.done);
      this.pump();
      if (Math.min(this.restTo, this.size) < this.slots.filter((s) => !s.retiring).length) this.trim();
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      // Out of memory is the file's doing, as a time limit is: said as that, with the limit.
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const limit = `parsing needed more than the ${this.memoryMb} MB of memory a file may take (the limit)`;
        this.replace(slot, `${limit}; the file is too complex`, ProblemCode.TooComplex);
      } else this.replace(slot, `the parser crashed: ${error.message}`);
    });
    worker.on('exit', () => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, 'the parser stopped');
    });
    // An idle pool must not keep the process alive.
    if (!this.held) worker.unref();
    return slot;
  }

  /**
   * End idle workers beyond `restTo` (once there are no more than that, none end again) and idle
   * spares beyond the size. Retiring workers end by themselves and are not counted.
   */
  private trim(): void {
    const keep = Math.min(this.restTo, this.size);
    const live = () => this.slots.filter((s) => !s.retiring).length;
    for (const slot of [...this.slots]) {
      if (live() <= keep) break;
      if (slot.jobs.length > 0 || slot.retiring) continue;
      this.end(slot);
    }
    if (live() <= this.restTo) this.restTo = Number.POSITIVE_INFINITY;
  }

  private pump(): void {
    this.pumpDue = false;
    const idle = this.slots.filter((s) => s.jobs.length === 0).length;
    for (let i = idle; i < this.queue.length && this.slots.length < this.size && !this.closed; i++) this.slots.push(this.spawn());
    // Each chunk to the worker with the fewest jobs, no bigger than an even share of the queue
    // between all the workers, booting ones included: two saves to a pool with one worker up go
    // one to it and one to the next, not both behind whatever the first turns out to be.
    for (let slot = this.leastBusy(); slot && this.queue.length > 0; slot = this.leastBusy()) {
      const share = Math.min(CHUNK, AHEAD_JOBS - slot.jobs.length, Math.ceil(this.queue.length / this.slots.length));
      const chunk: WorkerJob[] = [];
      for (let job = this.queue[0]; job && chunk.length < share; job = this.queue[0]) {
        if (slot.jobs.length > 0 && slot.bytes + job.bytes > AHEAD_BYTES) break;
        if (job.alone && chunk.length > 0) break;
        this.queue.shift();
        slot.jobs.push(job);
        slot.bytes += job.bytes;
        chunk.push(job.message);
        if (job.alone) break;
      }
      if (chunk.length === 0) break;
      if (slot.timer === undefined) this.watch(slot, this.timeoutMs);
      slot.worker.postMessage(chunk);
    }
    this.spareIfStuck();
    this.hold();
  }

  /**
   * A worker stuck on one job (STUCK_MS) with jobs sent ahead behind it gives them back (each to
   * go alone, behind fresh files) and ends when its job does. Work that then waits with every
   * worker stuck gets a spare; otherwise look again a STUCK_MS later.
   */
  private spareIfStuck(): void {
    if (this.closed || this.stuckLook) return;
    const now = jobClock();
    for (const slot of this.slots) {
      if (slot.retiring || slot.jobs.length < 2 || !this.stuck(slot, now)) continue;
      const on = slot.running.read().id;
      const behind = slot.jobs.filter((j) => j.message.id !== on);
      // Results the worker still sends for them are not taken (finish matches the jobs it holds).
      slot.jobs = slot.jobs.filter((j) => !behind.includes(j));
      slot.bytes = slot.jobs.reduce((n, j) => n + j.bytes, 0);
      slot.retiring = true;
      this.requeue(behind);
    }
    const free = this.slots.some((s) => !s.retiring && (!s.ready || !this.stuck(s, now)));
    if (this.queue.length > 0 && !free && this.slots.length < this.size + SPARE_WORKERS) {
      this.slots.push(this.spawn());
      return;
    }
    if (this.queue.length === 0 && !this.slots.some((s) => !s.retiring && s.jobs.length > 1)) return;
    this.stuckLook = setTimeout(() => {
      this.stuckLook = undefined;
      this.pump();
    }, STUCK_MS);
    this.stuckLook.unref();
  }

  /** Work waiting or running keeps the process alive (a booting worker included); an idle pool does not. */
  private hold(): void {
    const busy = this.queue.length > 0 || this.slots.some((s) => s.jobs.length > 0);
    if (busy === this.held) return;
    this.held = busy;
    for (const slot of this.slots) busy ? slot.worker.ref() : slot.worker.unref();
  }

  /**
   * The ready worker with the fewest jobs that has room for the next, if any. None is sent more
   * ahead while another boots: what waits is for that one.
   */
  private leastBusy(): Slot | undefined {
    const next = this.queue[0];
    const booting = this.slots.some((s) => !s.ready);
    const now = jobClock();
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (!slot.ready || slot.retiring || slot.jobs.length >= AHEAD_JOBS || (booting && slot.jobs.length > 0)) continue;
      // Nothing more ahead of a file that has held its worker a second: it may hold it to the limit.
      if (slot.jobs.length > 0 && this.stuck(slot, now)) continue;
      if (next && slot.jobs.length > 0 && (next.alone || slot.bytes + next.bytes > AHEAD_BYTES)) continue;
      if (!best || slot.jobs.length < best.jobs.length) best = slot;
    }
    return best;
  }

  /**
   * Jobs a stuck or replaced worker gives back: each to go alone, at the queue's tail behind fresh
   * files (one may be as slow as the file that held its worker, and a later save may have been
   * sent behind them), the smallest first (a parse's time grows with the file).
   */
  private requeue(jobs: Job[]): void {
    if (jobs.length === 0) return;
    for (const job of jobs) job.alone = true;
    const first = this.queue.findIndex((j) => j.alone);
    const tail = first < 0 ? [] : this.queue.splice(first);
    this.queue.push(...[...tail, ...jobs].sort((a, b) => a.size - b.size));
  }

  /** On one job for STUCK_MS or more. */
  private stuck(slot: Slot, now: number): boolean {
    const on = slot.running.read();
    return slot.ready && slot.jobs.length > 0 && on.id !== 0 && now - on.since >= STUCK_MS;
  }

  /** Results in the order the jobs were sent. */
  private finish(slot: Slot, done: WorkerDone): void {
    for (const { id, outcome } of done) {
      if (slot.jobs[0]?.message.id !== id) continue;
      const job = slot.jobs.shift() as Job;
      slot.bytes -= job.bytes;
      job.resolve(outcome as never);
    }
    if (slot.jobs.length === 0) {
      clearTimeout(slot.timer);
      slot.timer = undefined;
      // Its jobs went elsewhere while it was stuck, but the worker would still run them: it ends.
      if (slot.retiring) this.end(slot);
    }
  }

  private end(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    slot.worker.unref();
    void slot.worker.terminate();
  }

  /**
   * The time limit: a look at the job the worker is on after `ms`. Its time is the worker's
   * own, from when it began that job. The look waits for the worker's messages already queued:
   * after the main thread was held (a long transaction), a result that came in time must not be
   * called too late.
   */
  private watch(slot: Slot, ms: number): void {
    const timer = setTimeout(() => {
      setImmediate(() => {
        // Cleared meanwhile (the worker went idle), or a newer look took its place.
        if (slot.timer !== timer) return;
        slot.timer = undefined;
        if (!this.slots.includes(slot) || slot.jobs.length === 0) return;
        const running = slot.running.read();
        const job = slot.jobs.find((j) => j.message.id === running.id);
        const left = job ? running.since + this.timeoutMs - jobClock() : this.timeoutMs;
        if (left > 0) return this.watch(slot, left);
        this.replace(slot, `parsing took longer than ${this.timeoutMs / 1000} s (the limit); the file is too complex`, ProblemCode.TooComplex);
      });
    }, ms);
    slot.timer = timer;
  }

  /**
   * Drop a stuck or crashed worker and start a fresh one in its place. The job it was on fails
   * (its first, when it names none); the others, done but not sent back or not begun, are given
   * back (requeue), each to go alone to an idle worker.
   */
  private replace(slot: Slot, message: string, code: ProblemCode = ProblemCode.Unreadable): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const { id } = slot.running.read();
    const job = slot.jobs.find((j) => j.message.id === id) ?? slot.jobs[0];
    const others = slot.jobs.filter((j) => j !== job);
    clearTimeout(slot.timer);
    slot.jobs = [];
    slot.bytes = 0;
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    this.requeue(others);
    job?.resolve(job.failed(code, message) as never);
    if (this.keepWarm) this.warm();
    this.pump();
  }
}

// A worker thread that renders a build's archive pages, so that the main thread's story pages and it share the machine's cores.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { EntryMeta } from '../core/entry-meta.js';
import type { Freshness } from '../core/render/documents.js';
import type { Site } from '../core/model.js';
import { startWorker } from './start-worker.js';

/** One archive page to render: its stories (newest first), read from the store by the worker. */
export interface ArchivePage {
  site: Site;
  timeZone: string;
  page: number;
  pages: number;
  /**
   * Each story as this build holds it: the worker renders only when the store has the same
   * (its file was replaced during the build, by a restore or a sync tool: the page goes back).
   */
  stories: StoryKey[];
}

export type StoryKey = Pick<EntryMeta, 'path' | 'id' | 'hash' | 'published' | 'updated' | 'title'>;

export type ArchiveRequest = ArchivePage & { id: number };

/** A rendered archive document: its UTF-8 bytes and their tag, made on the worker. */
export interface ArchiveMade {
  path: string;
  contentType: string;
  lastModifiedMs: number;
  freshness: Freshness;
  /** Whether a browser gets an HTML page at its URL (it changes the Vary header). */
  hasPage: boolean;
  body: Uint8Array;
  tag: string;
}

export type ArchiveResult = { id: number; made: ArchiveMade[] } | { id: number; error: string };

/**
 * Measured at 10,000 stories: archive pages were 2 s of a cold build's 4.7 s of rendering on the
 * main thread while the write worker sat idle 85 % of the time. Then, with one worker, the main
 * thread waited on it (its pages took 5.7 s of CPU; the parse workers are done by then): a worker
 * a core, each started when a page finds the others busy, all ended by close(). A failure rejects
 * every page asked for and the rest, and the caller renders them on the main thread.
 */
export class ArchivePool {
  private readonly workers: Worker[] = [];
  /** The jobs each worker has in hand: a page goes to the one with fewest. */
  private readonly load = new Map<Worker, number>();
  private readonly jobs = new Map<number, { resolve: (made: ArchiveMade[]) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  /** Set when a worker crashed or could not start: the rest of the build renders on the main thread. */
  private broken: string | undefined;
  private readonly size: number;

  constructor(
    private readonly stateFile: string,
    size?: number,
  ) {
    this.size = size ?? Math.max(1, Math.min(4, os.availableParallelism()));
  }

  render(page: ArchivePage): Promise<ArchiveMade[]> {
    if (this.broken !== undefined) return Promise.reject(new Error(this.broken));
    const worker = this.pick();
    const id = this.nextId++;
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      worker.postMessage({ ...page, id } satisfies ArchiveRequest);
    });
  }

  close(message = 'the build stopped'): void {
    const workers = this.workers.splice(0);
    this.failAll(message);
    for (const worker of workers) {
      // Not awaited, as in the other pools: terminate() of a worker with tsx's loader can hang on Node 20.
      worker.unref();
      void worker.terminate();
    }
  }

  /** An idle worker, else a new one while fewer than `size` run, else the least loaded. */
  private pick(): Worker {
    const idle = this.workers.find((w) => (this.load.get(w) ?? 0) === 0);
    if (idle) return idle;
    if (this.workers.length < this.size) return this.start();
    return this.workers.reduce((a, b) => ((this.load.get(b) ?? 0) < (this.load.get(a) ?? 0) ? b : a));
  }

  private start(): Worker {
    const worker = startWorker('archive-worker', { stateFile: this.stateFile });
    worker.on('message', (result: ArchiveResult) => {
      const job = this.jobs.get(result.id);
      this.jobs.delete(result.id);
      this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
      if ('made' in result) job?.resolve(result.made);
      else job?.reject(new Error(result.error));
    });
    const gone = (message: string) => {
      if (!this.workers.includes(worker)) return;
      this.broken = message;
      this.close(message);
    };
    worker.on('error', (error) => gone(`an archive worker crashed: ${error.message}`));
    worker.on('exit', () => gone('an archive worker stopped'));
    this.workers.push(worker);
    return worker;
  }

  private failAll(message: string): void {
    for (const job of this.jobs.values()) job.reject(new Error(message));
    this.jobs.clear();
    this.load.clear();
  }
}

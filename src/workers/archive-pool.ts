// A worker thread that renders a build's archive pages, so that the main thread's story pages and it share the machine's cores.
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
 * main thread while the write worker sat idle 85 % of the time. One worker, started on the first
 * page asked for and ended by close(); its failure rejects, and the caller renders on the main thread.
 */
export class ArchivePool {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, { resolve: (made: ArchiveMade[]) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  /** Set when the worker crashed or could not start: the rest of the build renders on the main thread. */
  private broken: string | undefined;

  constructor(private readonly stateFile: string) {}

  render(page: ArchivePage): Promise<ArchiveMade[]> {
    if (this.broken !== undefined) return Promise.reject(new Error(this.broken));
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      worker.postMessage({ ...page, id } satisfies ArchiveRequest);
    });
  }

  close(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('the build stopped');
    if (worker) {
      // Not awaited, as in the other pools: terminate() of a worker with tsx's loader can hang on Node 20.
      worker.unref();
      void worker.terminate();
    }
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('archive-worker', { stateFile: this.stateFile });
    worker.on('message', (result: ArchiveResult) => {
      const job = this.jobs.get(result.id);
      this.jobs.delete(result.id);
      if ('made' in result) job?.resolve(result.made);
      else job?.reject(new Error(result.error));
    });
    const gone = (message: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.broken = message;
      this.failAll(message);
    };
    worker.on('error', (error) => gone(`the archive worker crashed: ${error.message}`));
    worker.on('exit', () => gone('the archive worker stopped'));
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const job of this.jobs.values()) job.reject(new Error(message));
    this.jobs.clear();
  }
}

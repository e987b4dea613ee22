// A state-store write that fails (disk full, read-only, locked) loses nothing: the change is kept, shown as a problem and retried with backoff.
import type { FileStat } from '../core/folder-diff.js';
import { ProblemCode } from '../core/model.js';
import type { Logger } from '../log.js';
import type { ProblemBook } from './problem-book.js';

export interface StoreRetryOptions {
  /** Read and apply these paths (one store transaction per batch; `seen`: their stats as a scan listed them); true when the published set changed. */
  apply: (paths: string[], seen?: ReadonlyMap<string, FileStat>) => Promise<boolean>;
  /** Put work on the one serial queue (publish/change-queue.ts). */
  run: (task: () => Promise<void>) => Promise<void>;
  problems: ProblemBook;
  log: Logger;
  rebuild: () => void;
  /** True while the articles folder is another site's (ROOT_FOREIGN): retries wait, since they would read its files. */
  held?: () => boolean;
  /** First retry delay, doubled after each failure up to `maxDelayMs` (defaults 1 s and 60 s). */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/** SQLite result codes that mean "this write could not be made now", as opposed to a bug. */
const WRITE_FAILURES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL)/;

export function isStoreWriteError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && WRITE_FAILURES.test(code);
}

/**
 * Wraps the file applier. A batch whose transaction fails is rolled back in the store (what it
 * had already put in memory is served meanwhile); each of its paths gets a STORE_WRITE problem
 * (source `store`), which also makes the applier read and store it again however unchanged it looks.
 * Retries run on the queue after 1 s, 2 s, 4 s ... 60 s; once one succeeds the problems go, and
 * the store, the feed and the folder agree again. Any later batch that stores a path also
 * clears its problem.
 */
export class StoreRetry {
  private timer: NodeJS.Timeout | undefined;
  private delayMs: number;
  private closed = false;

  constructor(private readonly options: StoreRetryOptions) {
    this.delayMs = options.firstDelayMs ?? 1000;
  }

  async apply(paths: string[], seen?: ReadonlyMap<string, FileStat>): Promise<boolean> {
    const { problems } = this.options;
    try {
      const changed = await this.options.apply(paths, seen);
      const waiting = problems.storePaths().length;
      for (const p of paths) problems.setStore(p, []);
      if (waiting > 0 && problems.storePaths().length === 0) this.recovered();
      return changed;
    } catch (error) {
      if (!isStoreWriteError(error)) throw error;
      this.failed(paths, error);
      // Whatever the failed batch had put in memory is served meanwhile: rebuild from it.
      return true;
    }
  }

  private failed(paths: string[], error: Error & { code: string }): void {
    const { problems, log } = this.options;
    const reason = `change not saved in the state store (${error.code}: ${error.message}); the feed may lag until it is; retried automatically, next in ${Math.round(this.delayMs / 1000)} s (free space or release the lock)`;
    for (const p of paths) problems.setStore(p, [{ path: p, code: ProblemCode.StoreWrite, reason, severity: 'error' }]);
    log.error('store.write-failed', {
      code: error.code,
      reason: error.message,
      files: problems.storePaths().length,
      retryMs: this.delayMs,
    });
    this.schedule();
  }

  private get maxDelayMs(): number {
    return this.options.maxDelayMs ?? 60_000;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.options.run(() => this.retry()).catch(() => undefined);
    }, delay);
  }

  private async retry(): Promise<void> {
    const waiting = this.options.problems.storePaths();
    if (waiting.length === 0 || this.closed) return;
    if (this.options.held?.()) {
      this.schedule();
      return;
    }
    this.options.log.info('store.retry', { files: waiting.length });
    if (await this.apply(waiting)) this.options.rebuild();
  }

  private recovered(): void {
    this.delayMs = this.options.firstDelayMs ?? 1000;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.options.log.info('store.recovered', { reason: 'every waiting change is saved' });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}

// The state store's rolling backup while serving: after the first scan, then every hour, and at shutdown.
import type { Logger } from '../log.js';
import type { StateDb } from './state-db.js';

/**
 * `start()` copies the store at once and then every `everyMs` (an unref'd timer: it never keeps
 * the process alive); `close()` waits for a copy in progress and makes a last one. A failed copy
 * (disk full, say) is logged and the previous backup stays: it is replaced only by a whole copy.
 */
export class RollingBackup {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly store: StateDb,
    private readonly everyMs: number,
    private readonly log: Logger,
  ) {}

  /** Copy now (unless `copyNow` is false: a stop is on its way, and close() makes the copy) and then every `everyMs`. */
  start(copyNow = true): void {
    if (this.closed) return;
    if (copyNow) void this.now();
    this.timer = setInterval(() => this.now(), this.everyMs);
    this.timer.unref();
  }

  /** Make a copy after any copy in progress. */
  now(): Promise<void> {
    this.running = this.running.then(async () => {
      const started = Date.now();
      try {
        const file = await this.store.backup();
        if (file) this.log.info('state.backup', { file, ms: Date.now() - started });
      } catch (error) {
        this.log.warn('state.backup-failed', { reason: (error as Error).message, kept: 'the previous backup' });
      }
    });
    return this.running;
  }

  /** Stop the timer and make the last copy (only if `start` ran: a site that never scanned has nothing new). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const started = this.timer !== undefined;
    clearInterval(this.timer);
    await (started ? this.now() : this.running);
  }
}

/** Quiet time that ends a burst of events, and the longest a busy burst may wait. */
const DEBOUNCE_MS = 25;
const MAX_WAIT_MS = 250;
/** chokidar can miss a write that follows another within ~50 ms (its issue 1455): look again after this. */
const SETTLE_MS = 1000;
/**
 * `enqueue(path)` collects paths until events are quiet for 25 ms (at most 250 ms), then runs
 * the batch. Every batched path is looked at again a second later. `run(task)` puts any other
 * work (a reconcile, the first scan, a watcher restart) on the same queue: one writer, and
 * batches never interleave.
 */
export class ChangeQueue {
    options;
    pending = new Set();
    /** Paths of batches flushed to the queue whose turn has not come yet. */
    waiting = new Map();
    settling = new Set();
    firstPendingAt = 0;
    flushTimer;
    settleTimer;
    work = Promise.resolve();
    closed = false;
    constructor(options) {
        this.options = options;
    }
    enqueue(relPath) {
        if (this.closed)
            return;
        const now = this.options.clock();
        if (this.pending.size === 0)
            this.firstPendingAt = now;
        this.pending.add(relPath);
        clearTimeout(this.flushTimer);
        const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstPendingAt + MAX_WAIT_MS - now));
        this.flushTimer = setTimeout(() => this.flush(), wait);
    }
    /**
     * Run `task` after all earlier work. The returned promise settles with the task; a failure is
     * also logged, and never stops the work queued after it.
     */
    run(task) {
        const done = this.work.then(task);
        this.work = done.catch((error) => this.options.log.error('publish.error', { reason: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
        return done;
    }
    /** Stop taking events, drop the timers, and wait for the work already queued. */
    async close() {
        this.closed = true;
        clearTimeout(this.flushTimer);
        clearTimeout(this.settleTimer);
        await this.work;
    }
    /**
     * True when an event for `relPath` is queued and not yet applied: a scan that runs first (a
     * folder made just after a save) finds the file changed, but that is no event lost.
     */
    expects(relPath) {
        return this.pending.has(relPath) || this.waiting.has(relPath);
    }
    flush() {
        this.flushTimer = undefined;
        const paths = [...this.pending];
        this.pending.clear();
        for (const p of paths)
            this.waiting.set(p, (this.waiting.get(p) ?? 0) + 1);
        void this.background(async () => {
            for (const p of paths) {
                const left = (this.waiting.get(p) ?? 1) - 1;
                if (left > 0)
                    this.waiting.set(p, left);
                else
                    this.waiting.delete(p);
            }
            await this.options.onBatch(paths);
            for (const p of paths)
                this.settling.add(p);
            if (!this.settleTimer && !this.closed)
                this.settleTimer = setTimeout(() => this.settle(), SETTLE_MS);
        });
    }
    settle() {
        this.settleTimer = undefined;
        const paths = [...this.settling];
        this.settling.clear();
        void this.background(async () => {
            for (const p of await this.options.lookAgain(paths))
                this.enqueue(p);
        });
    }
    /** `run` for work nobody awaits: its failure is logged by `run`. */
    background(task) {
        return this.run(task).catch(() => undefined);
    }
}
//# sourceMappingURL=change-queue.js.map
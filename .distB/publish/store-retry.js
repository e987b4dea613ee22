import { ProblemCode } from '../core/model.js';
/** SQLite result codes that mean "this write could not be made now", as opposed to a bug. */
const WRITE_FAILURES = /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN|PROTOCOL)/;
export function isStoreWriteError(error) {
    const code = error?.code;
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
    options;
    timer;
    delayMs;
    closed = false;
    constructor(options) {
        this.options = options;
        this.delayMs = options.firstDelayMs ?? 1000;
    }
    async apply(paths, seen) {
        const { problems } = this.options;
        try {
            const changed = await this.options.apply(paths, seen);
            const waiting = problems.storePaths().length;
            for (const p of paths)
                problems.setStore(p, []);
            if (waiting > 0 && problems.storePaths().length === 0)
                this.recovered();
            return changed;
        }
        catch (error) {
            if (!isStoreWriteError(error))
                throw error;
            this.failed(paths, error);
            // Whatever the failed batch had put in memory is served meanwhile: rebuild from it.
            return true;
        }
    }
    failed(paths, error) {
        const { problems, log } = this.options;
        const reason = `change not saved in the state store (${error.code}: ${error.message}); the feed may lag until it is; retried automatically, next in ${Math.round(this.delayMs / 1000)} s (free space or release the lock)`;
        for (const p of paths)
            problems.setStore(p, [{ path: p, code: ProblemCode.StoreWrite, reason, severity: 'error' }]);
        log.error('store.write-failed', {
            code: error.code,
            reason: error.message,
            files: problems.storePaths().length,
            retryMs: this.delayMs,
        });
        this.schedule();
    }
    get maxDelayMs() {
        return this.options.maxDelayMs ?? 60_000;
    }
    schedule() {
        if (this.timer || this.closed)
            return;
        const delay = this.delayMs;
        this.delayMs = Math.min(this.delayMs * 2, this.maxDelayMs);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            void this.options.run(() => this.retry()).catch(() => undefined);
        }, delay);
    }
    async retry() {
        const waiting = this.options.problems.storePaths();
        if (waiting.length === 0 || this.closed)
            return;
        this.options.log.info('store.retry', { files: waiting.length });
        if (await this.apply(waiting))
            this.options.rebuild();
    }
    recovered() {
        this.delayMs = this.options.firstDelayMs ?? 1000;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.options.log.info('store.recovered', { reason: 'every waiting change is saved' });
    }
    close() {
        this.closed = true;
        clearTimeout(this.timer);
    }
}
//# sourceMappingURL=store-retry.js.map
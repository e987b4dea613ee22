/**
 * `start()` copies the store at once and then every `everyMs` (an unref'd timer: it never keeps
 * the process alive); `close()` waits for a copy in progress and makes a last one. A failed copy
 * (disk full, say) is logged and the previous backup stays: it is replaced only by a whole copy.
 */
export class RollingBackup {
    store;
    everyMs;
    log;
    timer;
    running = Promise.resolve();
    closed = false;
    constructor(store, everyMs, log) {
        this.store = store;
        this.everyMs = everyMs;
        this.log = log;
    }
    start() {
        if (this.closed)
            return;
        this.now();
        this.timer = setInterval(() => this.now(), this.everyMs);
        this.timer.unref();
    }
    /** Make a copy after any copy in progress. */
    now() {
        this.running = this.running.then(async () => {
            const started = Date.now();
            try {
                const file = await this.store.backup();
                if (file)
                    this.log.info('state.backup', { file, ms: Date.now() - started });
            }
            catch (error) {
                this.log.warn('state.backup-failed', { reason: error.message, kept: 'the previous backup' });
            }
        });
        return this.running;
    }
    /** Stop the timer and make the last copy (only if `start` ran: a site that never scanned has nothing new). */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        const started = this.timer !== undefined;
        clearInterval(this.timer);
        await (started ? this.now() : this.running);
    }
}
//# sourceMappingURL=rolling-backup.js.map
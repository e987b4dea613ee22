/**
 * `notify(urls)` returns at once. Per hub, one request is in flight at a time; topics that change
 * meanwhile are sent together in the next request, so a burst of saves becomes one ping. A ping
 * is `POST hub.mode=publish&hub.url=...` (form-encoded, one hub.url per changed feed), retried
 * with exponential backoff on a network error or a non-2xx answer, and logged either way.
 */
export class WebSubNotifier {
    options;
    hubs = new Map();
    /** Cancels every retry sleep on close. */
    stopped = new AbortController();
    waiters = [];
    closed = false;
    sent = 0;
    failed = 0;
    constructor(options) {
        this.options = options;
        for (const hub of options.hubs)
            this.hubs.set(hub, { pending: new Set(), busy: false });
    }
    notify(topics) {
        if (this.closed || topics.length === 0)
            return;
        for (const [hub, state] of this.hubs) {
            for (const t of topics)
                state.pending.add(t);
            if (!state.busy)
                void this.drain(hub, state);
        }
    }
    status() {
        let pending = 0;
        for (const s of this.hubs.values())
            pending += s.pending.size + (s.busy ? 1 : 0);
        return { sent: this.sent, failed: this.failed, pending };
    }
    /** Resolves when no ping is pending or in flight (for `feedpub ping` and tests). */
    idle() {
        if (this.status().pending === 0)
            return Promise.resolve();
        return new Promise((resolve) => this.waiters.push(resolve));
    }
    /** Stop: pending retries are cancelled (their sleeps end now), requests in flight are not awaited. */
    close() {
        this.closed = true;
        this.stopped.abort();
        for (const w of this.waiters.splice(0))
            w();
    }
    async drain(hub, state) {
        state.busy = true;
        try {
            while (state.pending.size > 0 && !this.closed) {
                // A burst of saves can span several rebuilds (one per batch): gather them into one ping.
                await sleep(this.options.gatherMs ?? 300, this.stopped.signal);
                if (this.closed)
                    break;
                const topics = [...state.pending].sort();
                state.pending.clear();
                await this.ping(hub, topics);
            }
        }
        finally {
            state.busy = false;
            if (this.status().pending === 0)
                for (const w of this.waiters.splice(0))
                    w();
        }
    }
    async ping(hub, topics) {
        const { log, retryBaseMs = 1000, attempts = 6 } = this.options;
        const doFetch = this.options.fetch ?? fetch;
        const body = new URLSearchParams([['hub.mode', 'publish'], ...topics.map((t) => ['hub.url', t])]);
        for (let attempt = 1; attempt <= attempts && !this.closed; attempt++) {
            let reason;
            try {
                const res = await doFetch(hub, {
                    method: 'POST',
                    headers: { 'content-type': 'application/x-www-form-urlencoded' },
                    body,
                    signal: AbortSignal.timeout(10_000),
                });
                await res.arrayBuffer().catch(() => undefined);
                if (res.ok) {
                    this.sent++;
                    this.options.onPing?.({ hub, at: new Date(), ok: true, detail: `HTTP ${res.status}` });
                    log.info('websub.ping', { hub, topics: topics.length, status: res.status, attempt });
                    return;
                }
                reason = `HTTP ${res.status}`;
            }
            catch (error) {
                reason = error instanceof Error ? error.message : String(error);
            }
            if (!this.closed)
                this.options.onPing?.({ hub, at: new Date(), ok: false, detail: reason });
            const delay = retryBaseMs * 2 ** (attempt - 1);
            log.warn('websub.ping-failed', { hub, attempt, reason, retry: attempt < attempts ? `${delay} ms` : 'no' });
            if (attempt < attempts)
                await sleep(delay, this.stopped.signal);
        }
        if (!this.closed)
            this.failed++;
    }
}
/** Resolves after `ms`, or at once when `signal` aborts (the timer is cleared, nothing stays pending). */
function sleep(ms, signal) {
    if (signal.aborted)
        return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
    });
}
//# sourceMappingURL=websub-notifier.js.map
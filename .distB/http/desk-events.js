import { renderDeskEvent } from '../core/render/desk.js';
/** A comment line every 25 s keeps proxies and browsers from closing an idle stream (most cut at 30-60 s). */
const PING_MS = 25_000;
/** Open desks at most: each holds a socket; a desk is for a newsroom, not the public. */
const MAX_CLIENTS = 100;
/**
 * Fans site events out to every open desk: a changed file's row, `remove` for a file gone, the
 * summary after each rebuild or ping, and the summary when the watcher's mode changes. Rows are
 * built only while a desk is open.
 */
export class DeskEvents {
    state;
    words;
    clock;
    clients = new Set();
    timer;
    watcherMode;
    constructor(state, words, clock) {
        this.state = state;
        this.words = words;
        this.clock = clock;
        this.timer = setInterval(() => this.ping(), PING_MS);
        this.timer.unref();
    }
    /** Take in a site event (LiveSite.onEvent). */
    handle(event) {
        const update = this.state.handle(event);
        if (update && this.clients.size > 0)
            this.send(update);
    }
    /** Start a stream on `res`; false when too many are open (the caller answers 503). */
    open(res, headers) {
        if (this.clients.size >= MAX_CLIENTS)
            return false;
        res.writeHead(200, {
            ...headers,
            'content-type': 'text/event-stream; charset=utf-8',
            'cache-control': 'no-store',
            connection: 'keep-alive',
        });
        // Reconnect after 2 s if the stream drops (desk.js adds its own backoff on top).
        res.write('retry: 2000\n\n');
        this.clients.add(res);
        res.on('close', () => this.clients.delete(res));
        return true;
    }
    get size() {
        return this.clients.size;
    }
    close() {
        clearInterval(this.timer);
        for (const res of this.clients)
            res.end();
        this.clients.clear();
    }
    send(update) {
        const view = update.summary ? this.state.view() : undefined;
        const opts = { now: new Date(this.clock()), site: this.state.site };
        const changes = update.paths.map((path) => {
            const file = this.state.file(path);
            return file ? { type: 'file', file } : { type: 'remove', path };
        });
        if (view) {
            changes.push({ type: 'summary', view });
            this.watcherMode = view.watcher.mode;
        }
        const text = changes.map((c) => renderDeskEvent(c, this.words, opts)).join('');
        for (const res of this.clients)
            res.write(text);
    }
    ping() {
        if (this.clients.size === 0)
            return;
        for (const res of this.clients)
            res.write(': ping\n\n');
        const view = this.state.view();
        if (view.watcher.mode !== this.watcherMode)
            this.send({ paths: [], summary: true });
    }
}
//# sourceMappingURL=desk-events.js.map
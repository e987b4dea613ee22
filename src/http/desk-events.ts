// The desk's live stream (server-sent events): one connection per open desk, rows and summary pushed as the site changes.
import type { ServerResponse } from 'node:http';
import type { DeskWords } from '../core/desk-words.js';
import { type DeskChange, renderDeskEvent } from '../core/render/desk.js';
import type { DeskState, DeskUpdate, SiteEvent } from '../publish/desk-state.js';

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
  private readonly clients = new Set<ServerResponse>();
  private readonly timer: NodeJS.Timeout;
  private watcherMode: string | undefined;

  constructor(
    private readonly state: DeskState,
    private readonly words: DeskWords,
    private readonly clock: () => number,
  ) {
    this.timer = setInterval(() => this.ping(), PING_MS);
    this.timer.unref();
  }

  /** Take in a site event (LiveSite.onEvent). */
  handle(event: SiteEvent): void {
    const update = this.state.handle(event);
    if (update && this.clients.size > 0) this.send(update);
  }

  /** Start a stream on `res`; false when too many are open (the caller answers 503). */
  open(res: ServerResponse, headers: Readonly<Record<string, string>>): boolean {
    if (this.clients.size >= MAX_CLIENTS) return false;
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

  get size(): number {
    return this.clients.size;
  }

  close(): void {
    clearInterval(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private send(update: DeskUpdate): void {
    const view = update.summary ? this.state.view() : undefined;
    const opts = { now: new Date(this.clock()), site: this.state.site };
    const changes: DeskChange[] = update.paths.map((path) => {
      const file = this.state.file(path);
      return file ? { type: 'file', file } : { type: 'remove', path };
    });
    if (view) {
      changes.push({ type: 'summary', view });
      this.watcherMode = view.watcher.mode;
    }
    const text = changes.map((c) => renderDeskEvent(c, this.words, opts)).join('');
    for (const res of this.clients) res.write(text);
  }

  private ping(): void {
    if (this.clients.size === 0) return;
    for (const res of this.clients) res.write(': ping\n\n');
    const view = this.state.view();
    if (view.watcher.mode !== this.watcherMode) this.send({ paths: [], summary: true });
  }
}

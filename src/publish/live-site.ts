// Wires the shell: state store, catalog, watcher, change batching, reconcile, and the snapshot it serves.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { type Problem, ProblemCode, type Site } from '../core/model.js';
import { articleUrlPath } from '../core/paths.js';
import type { FacetLink } from '../core/render-pages.js';
import {
  FACETS,
  FEED_PATHS,
  archivePageCount,
  renderArchiveDocuments,
  type Facet,
  facetPath,
  feedUpdated,
  renderFacetDocuments,
  renderFrontDocuments,
  renderStoryDocument,
} from '../core/render-site.js';
import type { Logger } from '../log.js';
import { StateDb } from '../store/state-db.js';
import { ArticleWatcher } from '../watch/article-watcher.js';
import { scanFolder } from '../watch/scan-folder.js';
import { Catalog } from './catalog.js';
import { LazyDocuments, PageStore } from './page-store.js';
import { type NotifierStatus, WebSubNotifier } from './websub-notifier.js';
import { EMPTY_SNAPSHOT, type HeadersFor, SiteSnapshot, type Snapshot, type SnapshotDoc, encodeDocument } from './snapshot.js';

const NO_HEADERS: HeadersFor = () => ({});
/** `/categories/<name>/` and its feeds; `/authors/<name>/` likewise. */
/** `/archive/<page>/feed.xml`, `atom.xml`, `feed.json`. */
const ARCHIVE_URL = /^\/archive\/([1-9]\d{0,8})\/(?:feed\.xml|atom\.xml|feed\.json)$/;
const FACET_URL = /^\/(categories|authors)\/([^/]+)\/(?:feed\.xml|atom\.xml|feed\.json)?$/;

export interface LiveSiteOptions {
  config: Readonly<Config>;
  /** Public URL without trailing slash. */
  baseUrl: string;
  log: Logger;
  /** Watch for file events (serve) or read once (build, check). */
  watch: boolean;
  /** Run the periodic full reconcile (default: same as `watch`). Alone, it serves folders where no events arrive. */
  reconcile?: boolean;
  /** Keep no state on disk (check). */
  ephemeral?: boolean;
  clock?: () => number;
  /** First WebSub retry delay in ms (tests shorten it). */
  websubRetryMs?: number;
  /** Extra headers for snapshot documents, by media type (security policy). */
  responseHeaders?: HeadersFor;
  /** Called during the first scan with files done and total. */
  onProgress?: (done: number, total: number) => void;
}

export interface SiteStatus {
  ready: boolean;
  articles: number;
  drafts: number;
  problems: Problem[];
  /** The last regeneration: total ms, the part spent rendering and encoding (compression, hashing), story pages re-indexed. */
  lastRebuild: { at: string; ms: number; renderMs: number; encodeMs: number; pages: number; documents: number } | null;
  /** The last full scan: files found, and files read because they were new or changed. */
  lastScan: { at: string; ms: number; files: number; read: number } | null;
  watcher: 'native' | 'polling' | 'off';
  /** WebSub pings to the configured hubs (absent when none is configured). */
  websub?: NotifierStatus;
}

/** Quiet time that ends a burst of events, and the longest a busy burst may wait. */
const DEBOUNCE_MS = 25;
const MAX_WAIT_MS = 250;
/** chokidar can miss a write that follows another within ~50 ms (its issue 1455): look again after this. */
const SETTLE_MS = 1000;

/**
 * The running site. `start()` opens the store, scans the folder (with progress), renders, and
 * then keeps the snapshot in step with the folder: watcher events are batched, each batch is
 * applied by the catalog and rendered once; files are looked at again after a quiet second,
 * and a periodic full reconcile repairs anything the watcher missed.
 */
export class LiveSite {
  private readonly store: StateDb;
  private readonly catalog: Catalog;
  private readonly site: Site;
  private readonly clock: () => number;
  private watcher: ArticleWatcher | undefined;
  private current: Snapshot = EMPTY_SNAPSHOT;
  /** Story pages, rendered and encoded on first request. */
  private readonly pages = new PageStore((relPath) => {
    const entry = this.catalog.get(relPath);
    if (!entry) return undefined;
    return encodeDocument(renderStoryDocument(this.site, entry, this.options.config.timeZone), this.options.responseHeaders ?? NO_HEADERS);
  });
  private readonly pending = new Set<string>();
  private readonly settling = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private settleTimer: NodeJS.Timeout | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private rootTimer: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();
  private closed = false;
  private isReady = false;
  /** Category and author feeds and pages: rendered on first request, dropped on every rebuild. */
  private readonly facets = new LazyDocuments((urlPath) => {
    const m = FACET_URL.exec(urlPath);
    if (!m) return undefined;
    let name: string;
    try {
      name = decodeURIComponent(m[2] as string).normalize('NFC');
    } catch {
      return undefined;
    }
    const docs = renderFacetDocuments(this.site, m[1] as Facet, name, this.catalog.list(), this.options.config.timeZone);
    return docs?.map((d) => encodeDocument(d, this.options.responseHeaders ?? NO_HEADERS));
  });
  /** RFC 5005 archive pages, rendered on first request like the category feeds. */
  private readonly archives = new LazyDocuments((urlPath) => {
    const m = ARCHIVE_URL.exec(urlPath);
    if (!m) return undefined;
    const docs = renderArchiveDocuments(this.site, Number(m[1]), this.catalog.list());
    return docs?.map((d) => encodeDocument(d, this.options.responseHeaders ?? NO_HEADERS));
  });
  /** Pings hubs after a change; only while serving (watch) and when hubs are configured. */
  private readonly notifier: WebSubNotifier | undefined;
  private lastRebuild: SiteStatus['lastRebuild'] = null;
  private lastScan: SiteStatus['lastScan'] = null;

  constructor(private readonly options: LiveSiteOptions) {
    const { config, baseUrl } = options;
    this.clock = options.clock ?? Date.now;
    this.store = new StateDb(options.ephemeral ? null : config.stateDir);
    this.site = {
      title: config.site.title,
      description: config.site.description,
      language: config.site.language,
      author: config.site.author,
      baseUrl,
      id: config.site.id ?? `${baseUrl}/`,
      itemLimit: config.itemLimit,
      maxAge: config.maxAge,
      hubs: config.websubHubs,
    };
    if (options.watch && config.websubHubs.length > 0) {
      this.notifier = new WebSubNotifier({ hubs: config.websubHubs, log: options.log, retryBaseMs: options.websubRetryMs });
    }
    this.catalog = new Catalog(
      {
        articlesDir: config.articlesDir,
        baseUrl,
        feedId: this.site.id,
        maxFileBytes: config.maxFileBytes,
        boilerplateMarkers: config.boilerplateMarkers,
        timeZone: config.timeZone,
        maxTitleLength: config.maxTitleLength,
      },
      this.store,
      options.log,
      this.clock,
    );
  }

  get snapshot(): Snapshot {
    return this.current;
  }

  get ready(): boolean {
    return this.isReady;
  }

  status(): SiteStatus {
    return {
      ready: this.isReady,
      articles: this.catalog.size,
      drafts: this.catalog.draftCount,
      problems: this.catalog.listProblems(),
      lastRebuild: this.lastRebuild,
      lastScan: this.lastScan,
      watcher: this.watcher ? this.watcher.mode : 'off',
      ...(this.notifier ? { websub: this.notifier.status() } : {}),
    };
  }

  async start(): Promise<void> {
    const { config, log } = this.options;
    if (this.options.watch) {
      // Watch first, then scan: a file saved during the scan is seen by one or the other.
      this.watcher = new ArticleWatcher({
        root: config.articlesDir,
        poll: config.poll,
        log,
        onPath: (p) => this.enqueue(p),
        onFolder: (p) => (p === '' ? this.watchForRoot() : this.scheduleReconcile(0)),
        onRescan: () => this.scheduleReconcile(0),
      });
      await this.watcher.start();
    }
    const restored = this.catalog.restore(this.fingerprint());
    if (restored > 0) log.info('state.restored', { articles: restored });
    await this.reconcile(true);
    this.isReady = true;
    if ((this.options.reconcile ?? this.options.watch) && config.reconcileSeconds > 0)
      this.scheduleReconcile(config.reconcileSeconds * 1000);
  }

  /** What stored entries depend on: if any of it changes, they are parsed again. */
  private fingerprint(): string {
    const { config, baseUrl } = this.options;
    return JSON.stringify([baseUrl, this.site.id, config.boilerplateMarkers, config.timeZone, config.maxTitleLength, config.maxFileBytes]);
  }

  /**
   * The articles folder itself vanished (deleted, unmounted, swapped by a deploy). Its watches
   * died with it: keep serving the last good stories, look for the folder every second, and
   * when it is back, watch it again and reconcile.
   */
  private watchForRoot(): void {
    if (this.rootTimer || this.closed) return;
    const { log, config } = this.options;
    log.warn('watch.root-gone', { folder: config.articlesDir, reason: 'articles folder removed; serving last good stories' });
    this.scheduleReconcile(0);
    this.rootTimer = setInterval(() => {
      void lstat(config.articlesDir).then(
        (st) => {
          if (!st.isDirectory() || !this.rootTimer) return;
          clearInterval(this.rootTimer);
          this.rootTimer = undefined;
          log.info('watch.root-back', { folder: config.articlesDir });
          this.serially(async () => {
            await this.watcher?.restart();
            await this.reconcile(false);
          });
        },
        () => undefined,
      );
    }, 1000);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.settleTimer);
    clearTimeout(this.reconcileTimer);
    clearInterval(this.rootTimer);
    this.notifier?.close();
    await this.watcher?.close();
    await this.work.catch(() => undefined);
    this.store.close();
  }

  private enqueue(relPath: string): void {
    if (this.closed) return;
    if (this.pending.size === 0) this.firstPendingAt = this.clock();
    this.pending.add(relPath);
    clearTimeout(this.flushTimer);
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, this.firstPendingAt + MAX_WAIT_MS - this.clock()));
    this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.flushTimer = undefined;
    const paths = [...this.pending];
    this.pending.clear();
    this.serially(async () => {
      const { changed } = await this.catalog.apply(paths);
      if (changed) this.rebuild();
      for (const p of paths) this.settling.add(p);
      if (!this.settleTimer && !this.closed) this.settleTimer = setTimeout(() => this.settle(), SETTLE_MS);
    });
  }

  /** Look again at recently changed files; re-read those whose size or mtime moved since. */
  private settle(): void {
    this.settleTimer = undefined;
    const paths = [...this.settling];
    this.settling.clear();
    this.serially(async () => {
      const known = this.catalog.knownStats();
      for (const p of paths) {
        const seen = known.get(p);
        let now: { size: number; mtimeMs: number } | undefined;
        try {
          const st = await lstat(path.join(this.options.config.articlesDir, p));
          now = { size: st.size, mtimeMs: Math.trunc(st.mtimeMs) };
        } catch {
          now = undefined;
        }
        if (seen?.size !== now?.size || seen?.mtimeMs !== now?.mtimeMs) this.enqueue(p);
      }
    });
  }

  private scheduleReconcile(delayMs: number): void {
    if (this.closed) return;
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = setTimeout(() => {
      this.serially(() => this.reconcile(false));
      const every = this.options.config.reconcileSeconds * 1000;
      if (every > 0 && (this.options.reconcile ?? this.options.watch)) this.scheduleReconcile(every);
    }, delayMs);
  }

  /**
   * Compare the folder with what the catalog knows (size and mtime, no reading) and apply the
   * difference. The first run reads everything and retires stored stories whose files are gone.
   */
  private async reconcile(initial: boolean): Promise<void> {
    const { config, log } = this.options;
    const started = this.clock();
    const scan = await scanFolder(config.articlesDir);
    if (!scan.rootOk) {
      const problem: Problem = {
        path: '.',
        code: ProblemCode.RootMissing,
        reason: `articles folder ${config.articlesDir} unavailable (${scan.rootError}); serving the last good stories`,
        severity: 'error',
      };
      this.catalog.setScanProblems([problem]);
      log.error('scan.root-missing', { folder: config.articlesDir, reason: scan.rootError });
      if (initial) this.rebuild();
      return;
    }
    this.catalog.setScanProblems(scan.problems);
    const known = this.catalog.knownStats();
    const onDisk = new Set(scan.files.map((f) => f.path));
    const todo = scan.files
      .filter((f) => {
        const k = known.get(f.path);
        return !k || k.size !== f.size || k.mtimeMs !== f.mtimeMs;
      })
      .map((f) => f.path);
    for (const p of known.keys()) if (!onDisk.has(p)) todo.push(p);
    for (const p of this.catalog.problemPaths()) if (!onDisk.has(p) && !known.has(p)) todo.push(p);
    if (initial) for (const p of this.store.livePaths()) if (!onDisk.has(p) && !known.has(p)) todo.push(p);

    let changed = false;
    if (initial) {
      log.info('scan.start', { folder: config.articlesDir, files: scan.files.length });
      const step = 500;
      for (let i = 0; i < todo.length; i += step) {
        const result = await this.catalog.apply(todo.slice(i, i + step));
        changed ||= result.changed;
        this.options.onProgress?.(Math.min(i + step, todo.length), todo.length);
      }
    } else if (todo.length > 0) {
      log.info('reconcile.repair', { files: todo.length });
      changed = (await this.catalog.apply(todo)).changed;
    }
    const ms = this.clock() - started;
    this.lastScan = { at: new Date(this.clock()).toISOString(), ms, files: scan.files.length, read: todo.length };
    if (initial)
      log.info('scan.done', { files: scan.files.length, articles: this.catalog.size, problems: this.catalog.listProblems().length, ms });
    if (changed || initial) this.rebuild();
  }

  private rebuild(): void {
    const started = performance.now();
    const { config, responseHeaders = NO_HEADERS } = this.options;
    const entries = this.catalog.list();
    const updated = feedUpdated(entries, this.store.newestDeletion());
    let renderMs = 0;
    let encodeMs = 0;
    const timed = <T>(fn: () => T, add: (ms: number) => void): T => {
      const t = performance.now();
      const value = fn();
      add(performance.now() - t);
      return value;
    };
    const front = new Map<string, SnapshotDoc>();
    const tombstones =
      config.tombstoneDays > 0 ? this.store.tombstones(this.clock() - config.tombstoneDays * 86_400_000, this.site.itemLimit) : [];
    const facets = { categories: this.facetLinks('categories'), authors: this.facetLinks('authors') };
    const docs = timed(
      () => renderFrontDocuments(this.site, entries, updated, config.timeZone, tombstones, facets),
      (ms) => (renderMs += ms),
    );
    for (const doc of docs) {
      front.set(
        doc.path,
        timed(
          () => encodeDocument(doc, responseHeaders, this.current.get(doc.path)),
          (ms) => (encodeMs += ms),
        ),
      );
    }
    // Story pages: the index follows the stories that changed; pages render on first request.
    let pages = 0;
    for (const relPath of this.catalog.drainChanged()) {
      const entry = this.catalog.get(relPath);
      this.pages.update(relPath, entry ? articleUrlPath(entry.slug) : undefined);
      pages++;
    }
    // Feeds whose bytes changed are the topics to announce to WebSub hubs.
    const changedFeeds = Object.values(FEED_PATHS).filter((p) => front.get(p)?.tag !== this.current.get(p)?.tag);
    this.facets.clear();
    this.archives.clear();
    this.current = new SiteSnapshot(front, this.pages, this.facets, this.archives);
    this.notifier?.notify(changedFeeds.map((p) => this.site.baseUrl + p));
    const round = (ms: number) => Math.round(ms * 10) / 10;
    this.lastRebuild = {
      at: new Date(this.clock()).toISOString(),
      ms: round(performance.now() - started),
      renderMs: round(renderMs),
      encodeMs: round(encodeMs),
      pages,
      documents: this.current.size,
    };
    this.options.log.info('feeds.rebuilt', {
      articles: entries.length,
      pages,
      ms: this.lastRebuild.ms,
      render: this.lastRebuild.renderMs,
      encode: this.lastRebuild.encodeMs,
    });
  }

  /** Every document the site serves, category and author feeds included (for `build`). */
  *allDocuments(): Iterable<SnapshotDoc> {
    yield* this.current.values();
    const headers = this.options.responseHeaders ?? NO_HEADERS;
    const entries = this.catalog.list();
    for (let page = 1; page <= archivePageCount(this.site, entries.length); page++) {
      for (const doc of renderArchiveDocuments(this.site, page, entries) ?? []) yield encodeDocument(doc, headers);
    }
    for (const kind of FACETS) {
      for (const name of this.catalog.facet(kind).keys()) {
        for (const doc of renderFacetDocuments(this.site, kind, name, this.catalog.list(), this.options.config.timeZone) ?? []) {
          yield encodeDocument(doc, headers);
        }
      }
    }
  }

  /** The home page's list of categories or authors: the 50 with most stories, then by name. */
  private facetLinks(kind: Facet): FacetLink[] {
    return [...this.catalog.facet(kind)]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, 50)
      .map(([name, count]) => ({ name, count, href: this.site.baseUrl + facetPath(kind, name) }));
  }

  /** Run `task` after all earlier work: one writer, batches never interleave. */
  private serially(task: () => Promise<void>): void {
    this.work = this.work
      .then(task)
      .catch((error: unknown) =>
        this.options.log.error('publish.error', { reason: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
      );
  }
}

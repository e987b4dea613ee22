// chokidar on the articles folder: article paths that may have changed, with a polling fallback.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { imageType } from '../core/media.js';
import type { Logger } from '../log.js';
import { MAX_DEPTH, isArticleFile, isIgnoredName } from './ignore-rules.js';

export interface WatcherOptions {
  root: string;
  poll: boolean;
  log: Logger;
  /** An article file may have been added, changed or removed (path relative, `/`-separated); `added`: chokidar says it is new. */
  onPath: (relPath: string, added?: boolean) => void;
  /** A folder appeared or vanished (`gone`: chokidar says it went): its contents need a scan. `''` is the articles folder itself. */
  onFolder: (relPath: string, gone?: boolean) => void;
  /** Events may have been lost: the whole folder needs a scan. */
  onRescan: () => void;
  /** An image file beside the stories was saved or removed (native watching only): the stories that show it need a look. */
  onImage?: (relPath: string) => void;
  /** chokidar has walked the folder: events are coming (after each start and restart). */
  onArmed?: () => void;
  /** A file whose name is not UTF-8 was saved: no call opens it by the name Node gives it, and a scan reports it (scan-folder.ts). */
  onBadName?: () => void;
}

/** Errors after which native watching cannot go on (inotify watches or file descriptors exhausted). */
const FATAL_WATCH_ERRORS = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);

/**
 * Watches `root` recursively. Never follows symbolic links; ignores hidden, temp and swap names
 * and non-article files. If native watching fails for lack of resources it logs and restarts
 * in polling mode, so publishing never silently stops.
 */
export class ArticleWatcher {
  private watcher: FSWatcher | undefined;
  private polling: boolean;
  private closed = false;
  /** The folder `root` leads to when watching started (chokidar watches no link as a root). */
  private realRoot: string;
  /** Ends a start() still waiting for chokidar's first walk: closed mid-walk, chokidar never says ready. */
  private stopWaiting: (() => void) | undefined;
  /**
   * Bumped by every start and restart: a start whose number is no longer current (a restart came
   * while it resolved the root) creates no watcher, so two are never running at once.
   */
  private generation = 0;
  /** chokidar has walked the folder of the current watcher: events are coming. */
  private walked = false;
  /**
   * Folders chokidar could not watch (EACCES: unreadable when it walked): it lists them as watched
   * all the same, so ensureWatched() adds them again once a scan can read them (new-user trial:
   * a folder unreadable at start-up was never watched again, its saves waiting for a periodic scan).
   */
  private unwatchable = new Set<string>();

  constructor(private readonly options: WatcherOptions) {
    this.polling = options.poll;
    this.realRoot = options.root;
  }

  get mode(): 'native' | 'polling' {
    return this.polling ? 'polling' : 'native';
  }

  /** True once chokidar has walked the folder (false again during a restart). */
  get armed(): boolean {
    return this.walked && !this.closed;
  }

  /** Resolves once the initial tree is being watched (or the watcher was closed or restarted first). */
  async start(): Promise<void> {
    const { log } = this.options;
    const generation = ++this.generation;
    const root = await realpath(this.options.root).catch(() => this.options.root);
    if (this.closed || generation !== this.generation) return;
    this.realRoot = root;
    const w = watch(root, {
      ignoreInitial: true,
      followSymlinks: false,
      depth: MAX_DEPTH,
      usePolling: this.polling,
      interval: 1000,
      binaryInterval: 1000,
      atomic: true,
      ignored: (p, stats) => {
        if (p === root) return false;
        const name = path.basename(p);
        if (isIgnoredName(name)) return true;
        // Natively, only folders are watched: one inotify watch per folder, not per file (100,000
        // per-file watches exhaust max_user_watches and cost gigabytes). A folder's watch reports
        // every change to the files in it as a raw event, handled below. Polling needs the files.
        if (stats?.isFile()) return !this.polling || !isArticleFile(name);
        return false;
      },
    });
    this.watcher = w;
    const relative = (p: string) => this.relative(p);
    // The raw inotify event of a folder's watch names the file at once (chokidar's own 'add' comes
    // only after it re-lists and stats the folder: 115 ms at 10,000 files, over a second at
    // 100,000), and the catalog reads and compares the file itself, so it is enough to start from.
    w.on('raw', (event, evPath, details) => this.onRaw(event, evPath, details));
    // Story names only: chokidar also reports what its filter lets through as not a file (a
    // symbolic link named budget.csv), and a path once read stays a story candidate.
    const story = (p: string, added?: boolean) => isArticleFile(path.basename(p)) && this.options.onPath(relative(p), added);
    w.on('add', (p) => story(p, true));
    w.on('change', (p) => story(p));
    w.on('unlink', (p) => story(p));
    w.on('addDir', (p) => p !== root && this.options.onFolder(relative(p)));
    w.on('unlinkDir', (p) => this.options.onFolder(p === root ? '' : relative(p), true));
    w.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code;
      const failed = (error as NodeJS.ErrnoException).path;
      if ((code === 'EACCES' || code === 'EPERM') && typeof failed === 'string') this.unwatchable.add(failed);
      log.error('watch.error', { code, reason: (error as Error).message, mode: this.mode });
      if (code && FATAL_WATCH_ERRORS.has(code) && !this.polling && !this.closed) {
        log.warn('watch.fallback', { mode: 'polling', reason: `native watching failed with ${code}` });
        this.polling = true;
        void this.fallBackToPolling();
      }
    });
    const ready = await new Promise<boolean>((resolve) => {
      this.stopWaiting = () => resolve(false);
      w.once('ready', () => resolve(true));
    });
    if (generation !== this.generation) return;
    this.stopWaiting = undefined;
    if (!ready) return;
    this.walked = true;
    log.info('watch.ready', { folder: root, mode: this.mode });
    this.options.onArmed?.();
  }

  private relative(p: string): string {
    return path.relative(this.realRoot, p).split(path.sep).join('/');
  }

  private onRaw(event: string, evPath: string, details: unknown): void {
    const root = this.realRoot;
    const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
    if (typeof watched !== 'string') return;
    // The articles folder itself moved or vanished (inotify IN_MOVE_SELF/IN_DELETE_SELF arrive as 'rename').
    if (event === 'rename' && watched === root) {
      void stat(this.options.root).then(
        (st) => st.isDirectory() || this.options.onFolder(''),
        () => this.options.onFolder(''),
      );
    }
    if (this.polling || !evPath) return;
    const file = path.basename(watched) === evPath ? watched : path.join(watched, evPath);
    const article = isArticleFile(path.basename(file));
    const rel = this.relative(file);
    if (rel.startsWith('..') || path.isAbsolute(rel) || rel === '') return;
    if (rel.split('/').some((segment) => isIgnoredName(segment))) return;
    // Bytes of a name that are not UTF-8 (a TIS-620 name from an old Windows share) come as U+FFFD:
    // the desk heard of such a file only at the periodic scan (trial), minutes later.
    if (rel.includes('\uFFFD') && (article || path.extname(rel) === '')) this.options.onBadName?.();
    if (article) this.options.onPath(rel);
    else if (imageType(path.basename(file)) !== undefined) this.options.onImage?.(rel);
    // Another name: a folder whose permissions changed (chmod back to readable) says so only
    // here; its files are then read and it is watched (new-user trial: it stayed UNREADABLE
    // until the periodic scan, five minutes later).
    else if (file !== watched) {
      void stat(file).then(
        (st) => st.isDirectory() && !this.closed && this.options.onFolder(rel),
        () => undefined,
      );
    }
  }

  /**
   * Of these folders (relative; '' is the root), start watching those chokidar is not watching
   * (a burst of new folders can outrun it); returns how many were added.
   */
  ensureWatched(relFolders: Iterable<string>): number {
    const w = this.watcher;
    if (!w || this.closed) return 0;
    const watched = w.getWatched();
    let added = 0;
    for (const rel of new Set(relFolders)) {
      const abs = rel === '' ? this.realRoot : path.join(this.realRoot, ...rel.split('/'));
      if (this.unwatchable.delete(abs)) {
        w.unwatch(abs);
        w.add(abs);
        added++;
        continue;
      }
      // Watched when its parent lists it: chokidar keeps an empty entry for a folder it stopped watching.
      if (rel === '' ? abs in watched : watched[path.dirname(abs)]?.includes(path.basename(abs))) continue;
      w.add(abs);
      added++;
    }
    return added;
  }

  /** Close and start again (after the root came back or was replaced, or to switch to polling). */
  async restart(): Promise<void> {
    const generation = ++this.generation;
    this.walked = false;
    // A start still waiting for its walk is released (its watcher is closed now and never says ready).
    this.stopWaiting?.();
    this.stopWaiting = undefined;
    const old = this.watcher;
    this.watcher = undefined;
    await old?.close();
    if (this.closed || generation !== this.generation) return;
    await this.start();
  }

  private async fallBackToPolling(): Promise<void> {
    await this.restart();
    // Anything that happened while switching is caught by a full scan.
    this.options.onRescan();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWaiting?.();
    await this.watcher?.close();
  }
}

// Full folder scans (at start, periodically, after lost events) applied as a folder diff, and recovery when the articles folder vanishes or is replaced.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { type FileStat, diffFolder } from '../core/folder-diff.js';
import { ProblemCode } from '../core/model.js';
import type { Logger } from '../log.js';
import { isArticleFile } from '../watch/ignore-rules.js';
import { type ScannedFile, scanFolder } from '../watch/scan-folder.js';
import type { Catalog } from './catalog.js';
import type { ChangeQueue } from './change-queue.js';
import { FolderHold } from './folder-hold.js';
import type { StoredStat } from './folder-match.js';
import type { ProblemBook } from './problem-book.js';
import { ScanHeap } from './scan-heap.js';

export interface ReconcilerOptions {
  articlesDir: string;
  log: Logger;
  clock: () => number;
  /** Seconds between periodic scans; 0 or `periodic: false`: none. */
  everySeconds: number;
  periodic: boolean;
  catalog: Catalog;
  problems: ProblemBook;
  queue: ChangeQueue;
  /** Read and apply these paths (`seen`: their size and mtime as this scan listed them); true when the published set changed. */
  apply: (paths: string[], seen: ReadonlyMap<string, FileStat>) => Promise<boolean>;
  /** Paths the state store believes exist (only the first scan retires the ones that are gone). */
  storedPaths: () => Iterable<string>;
  /**
   * Keep the removals a scan applies matchable to its additions, and its undated stories to its
   * held ones, until the returned release (its steps may take long), which gives the files to apply again.
   */
  holdScan?: () => () => string[];
  /** The first scan takes the folder as this site's whatever it holds (`--adopt-folder`). */
  adoptFolder?: boolean;
  /** Whether the store knows a story of these bytes (content hash): a folder of renamed stories is this site's, not another's. */
  knownHash?: (hash: string) => boolean;
  /** The stored stories with the size their file had: judging whether a folder is this site's (folder-match.ts). */
  storedStats: () => Iterable<StoredStat>;
  /** Published stories whose image changed (publish/story-image.ts): read again although their file did not change. */
  staleImages?: () => string[];
  /** The images a scan listed beside the stories (publish/sibling-images.ts), told before it reads. */
  listedImages?: (images: readonly string[]) => void;
  rebuild: () => void;
  /** The first scan has read every file, and rebuilds next: what only reading needed can go. */
  onRead?: () => void;
  /** Watch the folder again (it is back, or the path now leads to another folder). */
  restartWatcher: () => Promise<void>;
  /** Watch these folders (relative) if the watcher is not watching them; returns how many it added. */
  ensureWatched?: (relFolders: string[]) => number;
  /** Recovery of the root started (true) or ended (false): the watcher's status says so meanwhile. */
  onRecovering?: (recovering: boolean) => void;
  onProgress?: (done: number, total: number) => void;
  /** Files applied in one step (default PROGRESS_STEP). */
  step?: number;
}

export interface ScanReport {
  at: string;
  ms: number;
  files: number;
  read: number;
}

/** A batch of this many file events is a burst, whose lost events (a full kernel queue) a scan soon after finds. */
const BURST_PATHS = 16;
const BURST_RESCAN_MS = 2000;

/** How soon an empty articles folder is scanned again while stories are published. */
const EMPTY_RECHECK_MS = 5000;

/**
 * Files applied between two progress reports of the first scan (about a second's work). Each
 * step is one `apply`, whose pipeline (parse ahead on the workers while this thread stores)
 * drains at its end: at 500 a step, the 100,000-story first start spent 1.5 s more in drains.
 */
const PROGRESS_STEP = 4096;

/**
 * Heap growth between two full collections of a first scan (scan-heap.ts). At 100,000 stories
 * here: 32 MB gave a peak of 337-344 MB in 18.8 s, 64 MB 380 MB in 17.1-17.9 s. At 48 the peak
 * went over 400 MB in two runs of three (404-409 MB; 2026-12-08, alternating runs), at 32 it stayed
 * at 369-375 MB, with first starts of 15.8-17.9 s against 16.0-19.2 s.
 */
const SCAN_HEAP_SLACK_MB = 32;

export class Reconciler {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = 0;
  private closed = false;
  /** Folders the last scan could not list or enter. */
  private unreadableFolders: string[] = [];
  /** Whether the folder the path leads to is this site's (missing, emptied, another site's). */
  private readonly hold: FolderHold;
  /** The path was re-pointed at a folder held as foreign: it is watched once a scan finds this site's stories there. */
  private watchWaiting = false;
  last: ScanReport | null = null;
  /** Files the last scan did not read (see scan-folder's `ignored`). */
  ignored: readonly string[] = [];
  /** Folders added or removed since the last scan began (folderChanged). */
  private changedFolders = new Set<string>();
  /**
   * Folders under which a scan read every file, by their identity then (scan-folder.ts
   * folderIds). The watcher reports a moved folder's sub-folders as it walks them, after the scan
   * began: each came again as a folder that appeared, and a 10,000-story rename was read twice
   * over (20,000 files, then 10,000, with serving slow meanwhile). The same folder at the same
   * path is not read again; another one there (a swap), or one that went and came back, is.
   */
  private settledFolders = new Map<string, string>();

  constructor(private readonly options: ReconcilerOptions) {
    this.hold = new FolderHold({
      ...options,
      publishedCount: () => options.catalog.size,
      lookAgain: () => {
        if (options.periodic) this.schedule(EMPTY_RECHECK_MS);
      },
    });
  }

  /**
   * Compare the folder with what the catalog knows (size and mtime, no reading) and apply the
   * difference. The first scan reads everything new, reports progress, retires stored stories
   * whose files are gone, and always rebuilds.
   */
  async scan(initial: boolean): Promise<void> {
    const { log, catalog, problems, clock } = this.options;
    const started = clock();
    const generation = this.hold.current;
    // The folder's listing and the batches read end with read(), so the closing rebuild of a
    // first scan at 100,000 stories does not hold them as well.
    const read = await this.read(initial);
    // A look at the folder the path leads to now has judged it (this site's, empty, another's).
    this.hold.looked(generation);
    if (read === 'stop' || this.closed) return;
    if (initial) this.options.onRead?.();
    const ms = clock() - started;
    this.last = { at: new Date(clock()).toISOString(), ms, files: read.files, read: read.read };
    if (initial) log.info('scan.done', { files: read.files, articles: catalog.size, problems: problems.list().length, ms });
    if (read.changed || initial) this.options.rebuild();
    // The folder held as another site's since the path was re-pointed is this site's again (its stories came back).
    if (this.watchWaiting && !this.hold.holdingForeign && !this.closed) await this.watchAgain();
  }

  /** List the folder and apply what differs: 'stop' when the folder is unavailable or held empty (handled). */
  private async read(initial: boolean): Promise<'stop' | { changed: boolean; files: number; read: number }> {
    const { articlesDir, log, catalog, problems } = this.options;
    // Taken before listing: a folder made during the listing is the next scan's.
    const newFolders = [...this.changedFolders];
    this.changedFolders = new Set();
    const scan = await scanFolder(articlesDir);
    // Stopped while listing (a scan queued before the stop): no gap to report, nothing to apply.
    if (this.closed) return 'stop';
    const { verdict, released } = this.hold.judge(scan, initial);
    if (verdict === 'missing') return 'stop';
    if (verdict === 'held') {
      // Looked at, and held: /status says when (the look again every few seconds is visible).
      this.last = { at: new Date(this.options.clock()).toISOString(), ms: 0, files: scan.files.length, read: 0 };
      return 'stop';
    }
    if (released)
      log.info('scan.root-released', { folder: articlesDir, reason: "the folder holds this site's stories again: followed from here" });
    problems.setScan(scan.problems);
    this.ignored = scan.ignored;
    this.options.listedImages?.(scan.images);
    // What this scan reports (a folder too deep, a link) is no file to read: reading it would clear its problem.
    const scanned = new Set(scan.problems.map((p) => p.path));
    // A link read once (by its event) is known to the catalog but never listed as a file: it is
    // no gap for each scan to read again and report (`watch.gap` every period, forever).
    const todo = diffFolder({
      onDisk: scan.files,
      known: catalog.knownStats(),
      problemPaths: this.problemFiles(scanned),
      stored: initial ? this.options.storedPaths() : undefined,
    }).filter((p) => !scanned.has(p));
    const onDisk = new Map(scan.files.map((f) => [f.path, f]));
    // Stories whose image changed are read too, but are no missed event: an image's own event only schedules this scan.
    if (!initial && todo.length > 0) this.reportGap(todo, onDisk, newFolders, scan.folders);
    const reading = new Set(todo);
    for (const p of this.options.staleImages?.() ?? []) {
      if (reading.has(p)) continue;
      reading.add(p);
      todo.push(p);
    }
    // A folder that appeared (renamed, moved in, or swapped with another: `mv fa t; mv fb fa;
    // mv t fb`) may hold files of the very size and time its paths had: each is read, and its
    // bytes decide (new-user trial: files written together, as git, unzip or cp -p do, kept
    // serving the other folder's text at each URL, across restarts and into builds).
    // So may a folder the last scan could not read (its permissions back): and it is watched again.
    const listed = new Set(scan.folders);
    const readable = this.unreadableFolders.filter((f) => listed.has(f));
    this.unreadableFolders = scan.unreadable;
    // Saved into it while its new watch is armed: no event, and this scan listed it already. A look soon after finds them.
    if (readable.length > 0 && (this.options.ensureWatched?.(readable) ?? 0) > 0) this.schedule(BURST_RESCAN_MS);
    const unsettled = newFolders.filter(
      (f) => f !== '' && (scan.folderIds.get(f) === undefined || scan.folderIds.get(f) !== this.settledFolders.get(f)),
    );
    const appeared = [...unsettled, ...readable];
    this.forgetSettled(scan.folders, scan.unreadable);
    if (appeared.length > 0) {
      for (const f of scan.files) {
        if (!reading.has(f.path) && appeared.some((d) => f.path.startsWith(`${d}/`))) {
          reading.add(f.path);
          todo.push(f.path);
        }
      }
    }
    // A file made readable again (chmod, a share back) has the size and time it had: each scan
    // tries it again, or its UNREADABLE stayed on the desk until it was saved (attack trial).
    for (const p of problems.pathsWithCode(ProblemCode.Unreadable)) if (onDisk.has(p) && !reading.has(p)) todo.push(p);
    // Files gone go first: a restart serves the stored stories meanwhile, and a story renamed
    // while unwatched finds its old identity retired in an earlier step than its new name.
    todo.sort((a, b) => Number(onDisk.has(a)) - Number(onDisk.has(b)));
    const release = this.options.holdScan?.();
    let changed = false;
    let again: string[] = [];
    try {
      changed = initial ? await this.applyWithProgress(todo, onDisk) : await this.repair(todo, onDisk);
      if (!this.closed) this.settle(todo, scan);
    } finally {
      again = release?.() ?? [];
    }
    // Undated copies of a held story a later step read: none of the scan is served yet, so they are held now.
    if (again.length > 0 && !this.closed && (await this.options.apply(again, onDisk))) changed = true;
    return { changed, files: scan.files.length, read: todo.length };
  }

  /**
   * Each folder under which this scan read every file (one that appeared, or whose files were all
   * new), settled under its identity as the scan listed it. The watcher's report of a moved folder
   * may come before or after the scan that reads it (under load, the scan began on the old
   * folder's events alone), so any folder read whole counts, not only those reported.
   */
  private settle(read: readonly string[], scan: { files: readonly ScannedFile[]; folderIds: ReadonlyMap<string, string> }): void {
    if (read.length === 0) return;
    const done = new Set(read);
    const partly = new Set<string>();
    for (const f of scan.files) {
      if (done.has(f.path)) continue;
      for (let at = f.path.lastIndexOf('/'); at > 0; at = f.path.lastIndexOf('/', at - 1)) {
        const folder = f.path.slice(0, at);
        if (partly.has(folder)) break;
        partly.add(folder);
      }
    }
    for (const [folder, id] of scan.folderIds) if (!partly.has(folder)) this.settledFolders.set(folder, id);
  }

  /** Settled folders no longer listed, or unreadable now (readable again, they are read whole). */
  private forgetSettled(listed: readonly string[], unreadable: readonly string[]): void {
    if (this.settledFolders.size === 0) return;
    const here = new Set(listed);
    for (const u of unreadable) here.delete(u);
    for (const folder of this.settledFolders.keys()) if (!here.has(folder)) this.settledFolders.delete(folder);
  }

  /**
   * Files with a problem, which a scan reads again: story names only (a problem once recorded on
   * another name, a link called budget.csv, must never make a scan read that file as a story when
   * it is a plain file again), and none this scan reports itself (`scanned`: a link, a folder too deep).
   */
  private problemFiles(scanned: ReadonlySet<string>): string[] {
    return this.options.problems.paths().filter((p) => !scanned.has(p) && isArticleFile(p.slice(p.lastIndexOf('/') + 1)));
  }

  /** Saves in a held folder (another site's, or emptied) wait for a scan to judge it (folder-hold.ts). */
  get holding(): boolean {
    return this.hold.holding;
  }

  /** Held as another site's: saves there set off no scan either. */
  get holdingForeign(): boolean {
    return this.hold.holdingForeign;
  }

  /** Whether the folder's images may stand for the published stories' (folder-hold.ts). */
  get imagesTrusted(): boolean {
    return this.hold.imagesTrusted;
  }

  private async applyWithProgress(todo: string[], onDisk: ReadonlyMap<string, FileStat>): Promise<boolean> {
    this.options.log.info('scan.start', { folder: this.options.articlesDir, files: onDisk.size });
    let changed = false;
    const heap = new ScanHeap(SCAN_HEAP_SLACK_MB);
    const step = this.options.step ?? PROGRESS_STEP;
    for (let i = 0; i < todo.length && !this.closed; i += step) {
      if (await this.options.apply(todo.slice(i, i + step), onDisk)) changed = true;
      this.options.onProgress?.(Math.min(i + step, todo.length), todo.length);
      heap.step();
    }
    heap.end();
    return changed;
  }

  /**
   * In steps too, so that a stop waits for one step: a folder swapped for one of 100,000 other
   * stories was one apply, and SIGTERM took 60 s (attack trial; a container's 10 s stop timeout
   * would kill it). What a stop leaves unread, the next start's scan reads.
   */
  private async repair(todo: string[], onDisk: ReadonlyMap<string, FileStat>): Promise<boolean> {
    if (todo.length === 0) return false;
    this.options.log.info('reconcile.repair', { files: todo.length });
    const step = this.options.step ?? PROGRESS_STEP;
    let changed = false;
    for (let i = 0; i < todo.length && !this.closed; i += step) {
      if (await this.options.apply(todo.slice(i, i + step), onDisk)) changed = true;
    }
    return changed;
  }

  /**
   * A scan found files no event had reported (a burst that outran the watcher, a filesystem
   * without events): log how many, and make sure the folders holding them are watched from now on.
   */
  private reportGap(todo: string[], onDisk: ReadonlyMap<string, FileStat>, newFolders: readonly string[], listed: readonly string[]): void {
    // A story whose folder became a link is not listed (links are never followed) and is read
    // again by each scan, which keeps its last good version and its SYMLINK problem: no gap.
    const linked = new Set(this.options.problems.pathsWithCode(ProblemCode.Symlink));
    const inNewFolder = (p: string) => newFolders.some((f) => p.startsWith(`${f}/`));
    // A save whose event waits on the queue behind this scan (a folder made just after it) is no gap.
    const { queue } = this.options;
    const gaps = todo.filter((p) => (onDisk.has(p) || !linked.has(p)) && !inNewFolder(p) && !queue.expects(p));
    if (gaps.length === 0) return;
    const folderOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
    const folders = gaps.filter((p) => onDisk.has(p)).map(folderOf);
    const rewatched = this.options.ensureWatched?.(folders) ?? 0;
    if (rewatched > 0) this.schedule(BURST_RESCAN_MS);
    // A folder renamed or moved as the scan began: its stories gone with a folder no longer there,
    // or come in one the catalog knew nothing in, whose report is on its way. No lost event: said
    // as a warning, every `mv world intl` set off alerts on it (new-user trial).
    const there = new Set(listed);
    const knownIn = new Set([...this.options.catalog.knownStats().keys()].map(folderOf));
    const moved = (p: string) => (onDisk.has(p) ? !knownIn.has(folderOf(p)) : !there.has(folderOf(p)));
    const lost = gaps.filter((p) => !moved(p)).length;
    const fields = { files: gaps.length, rewatched };
    if (lost === 0)
      this.options.log.info('watch.folder-moved', {
        ...fields,
        reason: 'stories of a folder that moved, found by a scan before its report',
      });
    else this.options.log.warn('watch.gap', { ...fields, reason: 'changes found by a scan that no file event reported' });
  }

  /**
   * A batch of `paths` file events was applied. After a burst (a sync tool, `git pull`), some
   * events may never have come: the kernel drops what overflows its queue
   * (fs.inotify.max_queued_events; 16 on some machines), and nothing says so. A scan soon after
   * finds what they would have said, instead of the periodic one minutes later.
   */
  afterEvents(paths: number): void {
    if (paths >= BURST_PATHS && this.options.periodic) this.schedule(BURST_RESCAN_MS);
  }

  /**
   * An image beside the stories was saved or removed: the stories showing it are read again by a
   * scan soon (staleImages), one for a burst. Which stories show it is known only from their
   * entries, and a scan checks them all against the files.
   */
  imageSaved(): void {
    this.schedule(BURST_RESCAN_MS);
  }

  /**
   * The first scan began before the watcher was watching: list the folder once more, now that it
   * is, and queue what differs as if its events had come. What it finds was saved in that window,
   * which no event could report: no watch gap. Queued, not applied here: a save under way as it
   * lists (a rename with an edit, its two halves seen apart) joins its own events in one batch,
   * and keeps its identity (a full repair here gave it a new id under load).
   */
  catchUp(): void {
    if (this.closed) return;
    const { articlesDir, catalog, queue } = this.options;
    void queue
      .run(async () => {
        const scan = await scanFolder(articlesDir);
        if (!scan.rootOk || this.closed) return;
        // Folders made during the walk were neither listed by it nor reported (chokidar watches a
        // folder once it has listed it): watched from now on, or a save into one waited for the
        // periodic scan (attack trial: 188 of 365 folders made during a 100,000-story walk).
        this.options.ensureWatched?.(scan.folders);
        // A file unreadable at the first scan (a folder briefly unreadable) is read again too, as by every scan.
        const problemPaths = this.problemFiles(new Set(scan.problems.map((p) => p.path)));
        for (const p of diffFolder({ onDisk: scan.files, known: catalog.knownStats(), problemPaths })) queue.enqueue(p);
      })
      .catch(() => undefined);
  }

  /**
   * A folder under the root appeared or went (`rel`, relative): scan now. The files it held when
   * it appeared had no event (it was not watched yet): they are expected, not a watch gap.
   */
  folderChanged(rel: string, gone = false): void {
    // Gone: what comes back at this path is read whole, even the same folder (its files may have been
    // edited while it was away, unwatched, keeping their sizes and times: attack trial).
    if (gone)
      for (const folder of this.settledFolders.keys())
        if (folder === rel || folder.startsWith(`${rel}/`)) this.settledFolders.delete(folder);
    this.changedFolders.add(rel);
    this.schedule(0);
  }

  /** Scan after `delayMs` (0: as soon as the queue allows), then every `everySeconds` when periodic; a scan due sooner stands. */
  schedule(delayMs: number): void {
    if (this.closed) return;
    // A scan already due sooner stands (an empty folder's recheck is not pushed back by the periodic one).
    const due = Date.now() + delayMs;
    if (this.timer && this.dueAt <= due) return;
    clearTimeout(this.timer);
    this.dueAt = due;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.options.queue.run(() => this.scan(false)).catch(() => undefined);
      const every = this.options.everySeconds * 1000;
      if (every > 0 && this.options.periodic) this.schedule(every);
    }, delayMs);
  }

  /** Of `paths`, those whose size or mtime moved since the catalog last read them (or that appeared or vanished). */
  async moved(paths: string[]): Promise<string[]> {
    const known = this.options.catalog.knownStats();
    const out: string[] = [];
    for (const p of paths) {
      const seen = known.get(p);
      let now: FileStat | undefined;
      try {
        const st = await lstat(path.join(this.options.articlesDir, p));
        now = { size: st.size, mtimeMs: Math.trunc(st.mtimeMs) };
      } catch {
        now = undefined;
      }
      if (seen?.size !== now?.size || seen?.mtimeMs !== now?.mtimeMs) out.push(p);
    }
    return out;
  }

  /**
   * The articles path leads somewhere else now (renamed over, link re-pointed, a folder replaced
   * by a link) or nowhere. Gone: keep serving the last good stories (the scan reports
   * ROOT_MISSING). Present: watch the folder it leads to and scan it against what is published.
   */
  rootChanged(present: boolean): void {
    if (this.closed) return;
    this.hold.repointed();
    const { log, articlesDir, onRecovering } = this.options;
    onRecovering?.(true);
    if (!present) {
      log.warn('watch.root-gone', { folder: articlesDir, reason: 'articles folder gone or unreadable; serving the last good stories' });
      this.schedule(0);
      return;
    }
    log.warn('watch.root-replaced', {
      folder: articlesDir,
      reason: 'the path leads to a folder again (another, or the same one readable again): scanning it, then watching it',
    });
    void this.options.queue
      .run(async () => {
        // Judged before it is watched: chokidar walks a new folder on this thread, and a link
        // re-pointed at /usr (132,000 files) held serving for up to 3 s, ROOT_FOREIGN said 25 s
        // later (attack trial). Another site's folder is watched once a scan finds this one's.
        await this.scan(false);
        if (this.closed) return;
        if (this.hold.holdingForeign) this.watchWaiting = true;
        else await this.watchAgain();
      })
      .catch(() => undefined);
  }

  /** Watch the folder the path leads to now, then scan it: whatever changed while the watch started, the scan catches. */
  private async watchAgain(): Promise<void> {
    this.watchWaiting = false;
    await this.options.restartWatcher();
    if (this.closed) return;
    this.options.onRecovering?.(false);
    this.options.log.info('watch.root-back', { folder: this.options.articlesDir });
    await this.scan(false);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}

// The running site: its lifecycle (start, close) and status; each job is done by the part named for it.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileStat } from '../core/folder-diff.js';
import type { Site } from '../core/model.js';
import { matchRoute, siteUrls } from '../core/routes.js';
import { NO_EXTRA_HEADERS } from '../snapshot/headers.js';
import type { Snapshot, SnapshotItem } from '../snapshot/snapshot.js';
import { RollingBackup } from '../store/rolling-backup.js';
import { StateDb } from '../store/state-db.js';
import { ArticleWatcher } from '../watch/article-watcher.js';
import { RootGuard, type RootIdentity } from '../watch/root-guard.js';
import { type StoryParser, storyParser } from '../workers/story-parser.js';
import { FileApplier } from './apply-files.js';
import { ArchivePlaces } from './archive-places.js';
import { entriesFingerprint } from './entry-format.js';
import { Catalog } from './catalog.js';
import { ChangeQueue } from './change-queue.js';
import { changedWhileStopped } from './changed-while-stopped.js';
import { ProblemBook } from './problem-book.js';
import { ReleaseScheduler } from './scheduler.js';
import { StoreRetry, isStoreWriteError } from './store-retry.js';
import { Reconciler } from './reconciler.js';
import { SiteBuilder } from './site-builder.js';
import { type LiveSiteOptions, type SiteStatus, siteFromConfig } from './site-status.js';
import { feedIdFor } from './site-id.js';
import { WebSubNotifier } from './websub-notifier.js';
import type { DeskSource, SiteEvent } from './desk-state.js';
import { type DeskPreviewEntry, previewOf } from './desk-preview-source.js';

/**
 * How long a batch of saves waits for its last files to be parsed once no other has come in:
 * a slow or hostile file is published (or reported) when it ends, and the others go out now.
 */
const LATE_QUIET_MS = 1000;

/**
 * Watch first, then scan: a file saved during the scan is seen by one or the other. But chokidar
 * arms a folder's watch only after its first walk, which stats every file (1.4-2 s at 100,000
 * stories, on the main thread, the parse workers idle meanwhile). A walk not done by then: a
 * restart, which serves the stored stories at once, scans beside it; a first start, which serves
 * nothing until its scan ends, stops it, scans, serves, and walks again. Either way a scan after
 * both finds what was saved before the watch was armed (README, performance).
 */
const WATCH_HEAD_START_MS = 250;

/** How long the articles folder may take to answer before a restart serves its stored stories unlooked (rootAnswers). */
const ROOT_ANSWER_MS = 2000;

/** True when `promise` settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

export { type LiveSiteOptions, type SiteStatus, siteFromConfig } from './site-status.js';

/**
 * `start()` serves the stored stories (a restart), watches, scans the folder (with progress) and renders; from then
 * on watcher events go through the change queue to the file applier, and each batch that
 * changed the catalog rebuilds the snapshot once; the reconciler repairs what the watcher missed.
 */
export class LiveSite {
  private readonly store: StateDb;
  private readonly catalog = new Catalog();
  private readonly problems = new ProblemBook();
  private readonly site: Site;
  private readonly applier: FileApplier;
  private readonly queue: ChangeQueue;
  private readonly reconciler: Reconciler;
  private readonly builder: SiteBuilder;
  /** Pings hubs after a change; only while serving (watch) and when hubs are configured. */
  private readonly notifier: WebSubNotifier | undefined;
  private watcher: ArticleWatcher | undefined;
  private guard: RootGuard | undefined;
  private recovering = false;
  /** Stories are served (the stored ones, during a restart's first scan). */
  private serving = false;
  private scanned = false;
  /** Rebuilds so far: whether a first scan rebuilt. */
  private rebuilds = 0;
  private interrupted = false;
  private closing = false;
  private closed: Promise<void> | undefined;
  /** Folders where polling saw a new file since the last batch (goneBeside). */
  private readonly pollAdded = new Set<string>();
  private readonly parser: StoryParser;
  private readonly scheduler: ReleaseScheduler;
  private readonly listeners = new Set<(event: SiteEvent) => void>();
  private readonly backup: RollingBackup | undefined;
  private readonly storeRetry: StoreRetry;
  private readonly places: ArchivePlaces;

  // Long on purpose (about 90 lines): the one place where the parts are wired to each other, in
  // the order data flows through them; each part's own work lives in its module.
  constructor(private readonly options: LiveSiteOptions) {
    const { config, baseUrl, log } = options;
    const clock = options.clock ?? Date.now;
    this.store = options.store ?? new StateDb(options.ephemeral ? null : config.stateDir);
    if (options.backupEveryMs && !options.ephemeral) this.backup = new RollingBackup(this.store, options.backupEveryMs, log);
    this.site = siteFromConfig(config, baseUrl, feedIdFor(this.store, config.site.id, siteUrls(baseUrl).home, log));
    if (options.watch && config.websubHubs.length > 0) {
      this.notifier = new WebSubNotifier({
        hubs: config.websubHubs,
        log,
        retryBaseMs: options.websubRetryMs,
        onPing: (ping) => this.emit({ type: 'websub', ping }),
      });
    }
    const { boilerplateMarkers, timeZone, maxTitleLength, credits } = config;
    // A server leaves summaries to the renders that show them; a build makes them while it parses (core/ingest.ts).
    this.parser = storyParser({ boilerplateMarkers, timeZone, maxTitleLength, credits }, options.workers ?? true, !options.watch);
    this.scheduler = new ReleaseScheduler((paths) => {
      log.info('article.release', { files: paths.length });
      for (const p of paths) this.queue.enqueue(p);
    }, clock);
    this.applier = new FileApplier(
      {
        articlesDir: config.articlesDir,
        maxFileBytes: config.maxFileBytes,
        feedId: this.site.id,
        baseUrl,
        futureStories: config.futureStories,
        timeZone: config.timeZone,
        read: (file, before) => this.parser.read(file, before),
        hold: (p, at) => (at === undefined ? this.scheduler.drop(p) : this.scheduler.hold(p, at)),
        ...(options.watch
          ? { late: { quietMs: LATE_QUIET_MS, done: (p: string) => this.queue.enqueue(p), workersUp: () => this.parser.ready() } }
          : {}),
      },
      this.store,
      this.catalog,
      this.problems,
      log,
      clock,
    );
    this.places = new ArchivePlaces(this.store, log);
    this.builder = new SiteBuilder({
      site: this.site,
      timeZone: config.timeZone,
      policy: { maxAge: config.maxAge, hubs: config.websubHubs, extra: options.responseHeaders ?? NO_EXTRA_HEADERS },
      catalog: this.catalog,
      log,
      clock,
      tombstones: () =>
        config.tombstoneDays > 0 ? this.store.tombstones(clock() - config.tombstoneDays * 86_400_000, this.site.itemLimit) : [],
      newestDeletion: () => this.store.newestDeletion(),
      reportDocumentProblems: (problems) => this.problems.setDocuments(problems),
      entriesFingerprint: entriesFingerprint(config),
      archive: this.places,
    });
    this.storeRetry = new StoreRetry({
      apply: (paths, seen) => this.apply(paths, seen),
      run: (task) => this.queue.run(task),
      problems: this.problems,
      log,
      rebuild: () => this.rebuild(),
      held: () => this.reconciler.holding,
    });
    this.queue = new ChangeQueue({
      log,
      clock,
      onBatch: async (paths) => {
        // A held folder (ROOT_FOREIGN, ROOT_EMPTY): nothing of it is applied, and the batch says so.
        // An emptied one is judged again at once: its stories back (the share mounted), or another's.
        if (this.reconciler.holding) {
          if (!this.reconciler.holdingForeign) this.reconciler.schedule(0);
          return this.emit({ type: 'applied', paths, changed: false });
        }
        this.reconciler.afterEvents(paths.length);
        const gone = await this.goneBeside();
        if (await this.storeRetry.apply(gone.length > 0 ? [...new Set([...paths, ...gone])] : paths)) this.rebuild();
      },
      lookAgain: (paths) => this.reconciler.moved(paths),
    });
    this.reconciler = new Reconciler({
      articlesDir: config.articlesDir,
      log,
      clock,
      everySeconds: config.reconcileSeconds,
      periodic: options.reconcile ?? options.watch,
      catalog: this.catalog,
      problems: this.problems,
      queue: this.queue,
      apply: (paths, seen) => this.storeRetry.apply(paths, seen),
      storedPaths: () => this.store.livePaths(),
      adoptFolder: options.adoptFolder,
      knownHash: (hash) => this.store.hasHash(hash),
      storedStats: () => this.store.liveStats(),
      staleImages: () => this.applier.staleImages(),
      listedImages: (images) => this.applier.imagesListed(images),
      holdScan: () => this.applier.holdScan(),
      rebuild: () => this.rebuild(),
      // Serve keeps one worker warm for the next save; a build parses nothing more.
      onRead: () => this.parser.rest(options.watch ? 1 : 0),
      restartWatcher: async () => this.watcher?.restart(),
      ensureWatched: (folders) => this.watcher?.ensureWatched(folders) ?? 0,
      onRecovering: (on) => {
        this.recovering = on;
        this.emit({ type: 'watcher' });
      },
      onProgress: options.onProgress,
      step: options.scanStep,
    });
  }

  /**
   * Stories whose files are gone from the folders where polling saw a new file since the last
   * batch. Polling sees a new file when it lists the folder, and a file's deletion only at that
   * file's own poll, up to a second later and in another batch: a story renamed and edited at once
   * was then published under a new id before its old name was taken down (attack trial, 3 of 3
   * under --poll). Taken down in the new file's batch (or an earlier one), the old one goes first,
   * and the rename keeps its identity. One listing per folder and batch: a stat of every story of
   * the folder for each new file was 20,000 stats a file in a folder of 20,000, on a share.
   */
  private async goneBeside(): Promise<string[]> {
    if (this.pollAdded.size === 0) return [];
    const listed = new Map<string, Set<string>>();
    for (const folder of this.pollAdded) {
      const names = await readdir(path.join(this.options.config.articlesDir, folder)).catch(() => undefined);
      // A folder that cannot be listed now is the next scan's to judge.
      if (names) listed.set(folder, new Set(names));
    }
    this.pollAdded.clear();
    const gone: string[] = [];
    for (const known of this.catalog.knownStats().keys()) {
      const names = listed.get(path.posix.dirname(known));
      if (names && !names.has(path.posix.basename(known))) gone.push(known);
    }
    return gone;
  }

  /** What a static export writes beyond the snapshot (publish/site-builder.ts `buildOnly`). */
  buildOnly(): SnapshotItem[] {
    return this.builder.buildOnly();
  }

  /** What is served now: swapped whole on every rebuild. */
  get snapshot(): Snapshot {
    return this.builder.snapshot;
  }

  /**
   * True when a published story names or shows the image `rel` (in the articles folder): only then
   * is it served or built. An image of held or draft stories only, of a story not read yet (a
   * restart's scan), of a file that does not parse, or of none, is not public (attack trial: a
   * held story's image pasted as a full URL of the site, reached through a folder link, or added
   * while the server was down, was served). Nor is any while the folder is another site's
   * (ROOT_FOREIGN), holds no story (ROOT_EMPTY), or was just swapped and not yet scanned: a file
   * of the same name there is not this story's picture.
   */
  imagePublic(rel: string): boolean {
    return this.reconciler.imagesTrusted && this.catalog.imagePublished(rel);
  }

  /**
   * Whether the folder an image is read from now (`root`: the articles path followed, as the
   * request found it) is the one the site judged: a link re-pointed a moment ago, before the guard
   * looked, led to another site's images (attack trial: served, with an hour's cache-control).
   */
  imageRootIsCurrent(root: RootIdentity): boolean {
    return this.guard === undefined || this.guard.isCurrent(root);
  }

  /** Where an old story URL path leads now (301 or 410), from the state store. */
  urlFate(urlPath: string): { to: string } | { gone: true } | undefined {
    const fate = this.store.redirectFor(urlPath);
    if (!fate || 'gone' in fate) return fate;
    // A move leads only to a story that is out: the new name of one held or made a draft since is
    // as private as its story (attack trial: a 301 named an embargoed story's file), so 404 meanwhile.
    if (this.snapshot.get(fate.to) === undefined) return undefined;
    // And only to the story it was made for: its URL taken meanwhile by another (the story made a
    // draft, another given its slug) is not where the old link leads (attack trial).
    if (fate.id !== undefined && this.storyIdAt(fate.to) !== fate.id) return undefined;
    return { to: fate.to };
  }

  /** The id of the published story at `urlPath`, if one is there. */
  private storyIdAt(urlPath: string): string | undefined {
    const route = matchRoute(urlPath);
    if (route?.kind !== 'article') return undefined;
    const file = this.catalog.slugOwner(route.slug);
    return file === undefined ? undefined : this.catalog.get(file)?.id;
  }

  /** Stories are served (`status().ready`), cheaply: asked on every request express answers. */
  isServing(): boolean {
    return this.serving;
  }

  status(): SiteStatus {
    return {
      ready: this.serving,
      scanned: this.scanned,
      articles: this.catalog.size,
      drafts: this.catalog.draftCount,
      problems: this.problems.list(),
      lastRebuild: this.builder.last,
      lastScan: this.reconciler.last,
      watcher: this.watcherMode(),
      held: this.scheduler.list().map((h) => ({ path: h.path, until: new Date(h.at).toISOString() })),
      ...(this.notifier ? { websub: this.notifier.status() } : {}),
    };
  }

  /** `starting` until chokidar has walked the folder (a long first walk follows the scan), not `off`. */
  private watcherMode(): SiteStatus['watcher'] {
    if (this.recovering) return 'recovering';
    if (!this.options.watch || this.closing || this.interrupted) return 'off';
    return this.watcher?.armed ? this.watcher.mode : 'starting';
  }

  async start(): Promise<void> {
    const { config, log } = this.options;
    // A worker boots (a few hundred ms) while the store is read: the first changed file need not wait for it.
    this.parser.warm();
    const restored = this.applier.restore(entriesFingerprint(this.options.config));
    if (restored > 0) log.info('state.restored', { articles: restored });
    // A restart serves what a finished scan stored, at once, while the folder is compared with it,
    // unless a published story's file changed or went meanwhile: then, as a first start, once the
    // scan has read the folder (a story taken down while stopped was public again until then).
    let waited = false;
    if (restored > 0 && this.options.watch && this.store.wasScanned()) {
      const changed = (await this.rootAnswers()) ? this.changedWhileStopped() : undefined;
      if (changed === undefined) {
        this.rebuild();
        this.serving = true;
      } else {
        waited = true;
        log.info('state.changed', {
          path: changed,
          reason:
            'a published story changed or went while the server was stopped: the stories are served once the scan has read the folder',
        });
      }
    }
    // A restart serves the stored stories already: its walk goes on beside the scan, however long (WATCH_HEAD_START_MS).
    const restart = this.serving;
    let watching: Promise<void> | undefined;
    if (this.options.watch) {
      this.guard = new RootGuard({ root: config.articlesDir, onChange: (now) => this.reconciler.rootChanged(now !== undefined) });
      await this.guard.start();
      watching = this.armWatch();
    }
    const armedFirst = watching === undefined || (await settlesWithin(watching, WATCH_HEAD_START_MS));
    if (!armedFirst && !restart) {
      // A first start serves nothing until its scan ends, and a walk this long would compete with
      // it: the watch is armed again after the scan (then one scan catches up).
      await this.watcher?.close();
      this.watcher = undefined;
      watching = undefined;
    }
    const rebuilds = this.rebuilds;
    await this.queue.run(() => this.firstScan());
    if (this.interrupted || this.closing) return;
    // A scan that stopped (the folder emptied or another site's: held) rebuilt nothing: the stored stories are served, as before.
    if (waited && this.rebuilds === rebuilds) this.rebuild();
    this.serving = true;
    this.scanned = true;
    if (this.options.watch) {
      watching ??= this.armWatch();
      await watching;
    }
    // The first copy after the walk (both read the disk, and the walk holds back the watch); a stop
    // asked for during the walk makes only the copy at shutdown.
    const stopped = this.interrupted || this.closing;
    this.backup?.start(!stopped);
    if (stopped) return;
    // Saves made before the watch was armed, after the scan had read their files, are no event's: one scan finds them.
    if (this.options.watch && !armedFirst) this.reconciler.catchUp();
    if ((this.options.reconcile ?? this.options.watch) && config.reconcileSeconds > 0)
      this.reconciler.schedule(config.reconcileSeconds * 1000);
  }

  /** Starts the folder's watch; settles when chokidar has walked it (or the watch was closed or restarted first). */
  private armWatch(): Promise<void> {
    const { config, log } = this.options;
    this.watcher = new ArticleWatcher({
      root: config.articlesDir,
      poll: config.poll,
      log,
      onPath: (p, added) => {
        this.emit({ type: 'seen', path: p });
        this.queue.enqueue(p);
        if (added && this.watcher?.mode === 'polling') this.pollAdded.add(path.posix.dirname(p));
      },
      onFolder: (p, gone) => (p === '' ? void this.guard?.check() : this.reconciler.folderChanged(p, gone)),
      onRescan: () => this.reconciler.schedule(0),
      onImage: (rel) => {
        this.applier.imageEvent(rel);
        this.reconciler.imageSaved();
      },
      onArmed: () => this.emit({ type: 'watcher' }),
      // A second's grace gathers a burst of them (a folder of such names copied in) into one scan.
      onBadName: () => this.reconciler.schedule(1000),
    });
    const watching = this.watcher.start();
    // Rejected while the scan runs: awaited (and thrown) after it.
    watching.catch(() => undefined);
    return watching;
  }

  /** The first scan, written in bulk; marked done in the store only when it read the folder and stored all it found. */
  private async firstScan(): Promise<void> {
    this.store.bulkWrites(true);
    try {
      await this.reconciler.scan(true);
      if (!this.interrupted && this.reconciler.last && this.problems.storePaths().length === 0) this.markScanned();
    } finally {
      this.store.bulkWrites(false);
    }
  }

  private markScanned(): void {
    try {
      this.store.markScanned(Date.now());
    } catch (error) {
      // Unmarked, the next start reads the folder before it serves: slower, never wrong.
      if (!isStoreWriteError(error)) throw error;
    }
  }

  /** Asked to stop during `start()`: its first scan ends at its next batch, unmarked, or its watch's walk at once (close() follows). */
  interruptStart(): void {
    this.interrupted = true;
    this.reconciler.close();
    // A first start's walk comes after its scan (seconds at 100,000 stories): a stop asked for then need not wait for it.
    void this.watcher?.close();
  }

  /** Another process took the state folder over (a build's lock lost): nothing more is written to the store, and a first scan ends at its next batch. */
  stateTakenOver(): void {
    this.store.surrender();
    this.interruptStart();
  }

  /** The first published story whose file changed or went while the server was stopped (changed-while-stopped.ts). */
  private changedWhileStopped(): string | undefined {
    return changedWhileStopped(
      this.options.config.articlesDir,
      this.catalog.list().map((e) => e.path),
      this.catalog.knownStats(),
    );
  }

  /**
   * The articles folder is there as a folder and answers within ROOT_ANSWER_MS: a missing one (a
   * share not mounted yet) is the folder guard's to judge, and a share that hangs (its server down)
   * would hold this thread in lstat, serving nothing: either way the stored stories are served
   * meanwhile, as before the look at each file.
   */
  private async rootAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ROOT_ANSWER_MS);
    });
    const looked = stat(this.options.config.articlesDir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    try {
      return await Promise.race([looked, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stop everything; a second call (a stop asked for twice) waits for the first. */
  close(): Promise<void> {
    this.closed ??= this.closeOnce();
    return this.closed;
  }

  private async closeOnce(): Promise<void> {
    this.closing = true;
    // The queue stops taking events at once; the work already on it finishes before the store closes.
    const drained = this.queue.close();
    this.reconciler.close();
    this.guard?.close();
    this.storeRetry.close();
    this.notifier?.close();
    this.scheduler.close();
    await this.watcher?.close();
    await drained;
    await this.backup?.close();
    this.parser.close();
    // Places a locked or full store refused: written now, or the next start re-cut pages already served.
    this.places.saveWaiting();
    this.store.close();
  }

  private rebuild(): void {
    this.rebuilds++;
    const changedFeeds = this.builder.rebuild();
    this.notifier?.notify(changedFeeds);
    this.emit({ type: 'rebuilt' });
  }

  private async apply(paths: Iterable<string>, seen?: ReadonlyMap<string, FileStat>): Promise<boolean> {
    const list = [...paths];
    const changed = await this.applier.apply(list, seen);
    this.emit({ type: 'applied', paths: list, changed });
    return changed;
  }

  /** Hear of saves seen, batches applied, rebuilds and WebSub pings (the desk); returns the unsubscribe. */
  onEvent(listener: (event: SiteEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: SiteEvent): void {
    // Only while someone listens: without a desk open, a save costs nothing more.
    for (const listener of this.listeners) listener(event);
  }

  /** Read-only views of the parts the desk shows. */
  deskSource(): DeskSource {
    const { config, baseUrl } = this.options;
    return {
      site: { title: this.site.title, language: this.site.language, timeZone: config.timeZone },
      baseUrl,
      articlesDir: config.articlesDir,
      imagesTrusted: () => this.reconciler.imagesTrusted,
      imageRoot: (root) => this.imageRootIsCurrent(root),
      catalog: this.catalog,
      problems: this.problems,
      ignored: () => this.reconciler.ignored,
      watcher: () => {
        const mode = this.watcherMode();
        return mode === 'recovering' ? (this.watcher?.mode ?? 'off') : mode;
      },
      lastRebuild: () => this.builder.last,
    };
  }

  /** The story at `relPath` as a reader would see it: the published version, else (held, draft) the file read now. */
  preview(relPath: string): Promise<DeskPreviewEntry | undefined> {
    const { config, baseUrl } = this.options;
    return previewOf(relPath, {
      published: this.catalog.get(relPath),
      unpublished: this.catalog.isDraft(relPath) || this.catalog.heldFiles().has(relPath),
      articlesDir: config.articlesDir,
      maxFileBytes: config.maxFileBytes,
      baseUrl,
      ingest: (bytes) => this.parser.parse(relPath, bytes),
      sibling: this.applier.siblingImage(relPath),
      heldUntil: this.catalog.heldFiles().get(relPath),
    });
  }
}

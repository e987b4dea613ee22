// The one start-up path: serve (a site behind the front door), build (a site written to a folder), check, ping; used by the CLI and the tests.
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { ProblemCode } from './core/model.js';
import { siteUrls } from './core/routes.js';
import type { StatusReport } from './http/app.js';
import { publicStatus } from './http/public-status.js';
import { headersFor } from './http/security-headers.js';
import type { FrontDoorOptions } from './http/server.js';
import type { Logger } from './log.js';
import { LiveSite, type LiveSiteOptions, type SiteStatus } from './publish/live-site.js';
import { WebSubNotifier } from './publish/websub-notifier.js';
import { checkBuildTarget } from './publish/build-target.js';
import { checkFolderMatchesState } from './publish/folder-match.js';
import { archivesAside } from './publish/archives-aside.js';
import { type BuildResult, writeBuild } from './publish/write-build.js';
import { EMPTY_SNAPSHOT, snapshotItems } from './snapshot/snapshot.js';
import { StateDb } from './store/state-db.js';
import { stateForBuild } from './store/state-copy.js';
import { FOREIGN_WATCH_MS, type LockHolder, StateLockedError, makeStateDir, takeStateDir } from './store/state-lock.js';
import { cannotListen } from './http/listen-advice.js';
import { BACKUP_NAME, STATE_FILE, StateStoreError, livePathsOf, openError } from './store/state-errors.js';
import { undoUnsyncedFill } from './store/unsynced-fill.js';
import { ArchivePool } from './workers/archive-pool.js';

/** `http://HOST:PORT` as a browser would reach it (a wildcard host is shown as loopback). */
export function defaultBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** The public URL of every link: `--base-url`, else where the server listens (`port`: the bound one). */
export function publicBaseUrl(config: Readonly<Config>, port = config.port): string {
  return config.baseUrl ?? defaultBaseUrl(config.host, port);
}

/** Options of the site itself, as LiveSite takes them (config, base URL and log are given separately). */
type SiteOptions = Omit<LiveSiteOptions, 'config' | 'baseUrl' | 'log' | 'watch' | 'responseHeaders' | 'store'>;

/** A served store is copied for an hour's worth of changes at most: the rolling backup's period. */
const BACKUP_EVERY_MS = 3_600_000;

export interface ServeOptions extends SiteOptions, FrontDoorOptions {
  log: Logger;
  /** File events on (default) or off. */
  watch?: boolean;
  /** Called once the public port and the desk are bound, before the first scan (the CLI prints its "listening" line). */
  onListening?: (listening: { url: string; baseUrl: string }) => void;
  /** Called once the desk is bound (not when it is off or its default port was taken). */
  /** `movedFrom`: the default desk port was taken, and the desk is on another. */
  onDesk?: (deskUrl: string, movedFrom?: number) => void;
  /** Settles when the process is asked to stop: a first scan still running stops at its next batch. */
  stopping?: Promise<unknown>;
  /** The state folder's lock was taken over by another process (state-lock.ts onLost): the caller stops this server. */
  onLockLost?: () => void;
}

export interface RunningServer {
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  url: string;
  baseUrl: string;
  /** The editor's desk, e.g. http://127.0.0.1:8081 (undefined: off, or its default port was taken). */
  deskUrl: string | undefined;
  site: LiveSite;
  server: Server;
  /** Stop accepting, let requests in flight finish (`graceMs` at most), then close watcher and store. */
  close(graceMs?: number): Promise<void>;
}

/** A port could not be bound: the CLI reports it and exits with `exitCode` (1; 2 for an explicitly given desk port). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const NOT_STARTED: SiteStatus = {
  ready: false,
  scanned: false,
  articles: 0,
  drafts: 0,
  problems: [],
  lastRebuild: null,
  lastScan: null,
  watcher: 'off',
  held: [],
};

/**
 * Take the state folder (StateLockedError: another live server has it) and open its store
 * (StateStoreError: damaged, unreadable or too new), then bind the front door (snapshot first,
 * express behind) on `config.port` (0: a free one) and start the site: until it serves stories
 * (the stored ones at once on a restart, else after its first scan), /healthz says 503 and the
 * snapshot is empty. Nothing is printed as listening before the
 * state is known to be usable.
 */
export async function startServer(config: Readonly<Config>, options: ServeOptions): Promise<RunningServer> {
  makeStateDir(config.stateDir);
  const { log } = options;
  // Once open, the store writes nothing more after the lock is lost; once running, the site's first scan ends too.
  const takenOver = { act: (): void => undefined };
  const lock = await takeStateDir(config.stateDir, {
    onWatch: (holder, ms) =>
      log.warn('state.lock-foreign', {
        holder: `process ${holder.pid} on ${holder.host}`,
        since: holder.since,
        reason: `the state folder is locked from another host: watching ${ms / 1000} s for a sign that it is alive before taking it over`,
      }),
    onStale: (holder) =>
      log.warn('state.lock-taken', {
        holder: `process ${holder.pid} on ${holder.host}`,
        reason: `its lock did not change in ${FOREIGN_WATCH_MS / 1000} s: that process is gone (a container started anew under a new host name)`,
      }),
    onLost: (holder) => {
      log.error('state.lock-lost', {
        holder: holder ? `process ${holder.pid} on ${holder.host}` : 'gone again',
        reason:
          'another process took over the state folder (this one stalled, or its lock was handed on): this server writes nothing more there and stops',
      });
      takenOver.act();
      options.onLockLost?.();
    },
    onBeatFailed: (error) =>
      log.warn('state.lock-beat-failed', {
        reason: `${(error as NodeJS.ErrnoException).code ?? error.message}: the lock cannot say this server is alive; free space or make the state folder writable`,
      }),
  });
  let store: StateDb;
  try {
    undoInterruptedFill(config.stateDir, options.log);
    store = new StateDb(config.stateDir);
    const opened = store;
    takenOver.act = () => opened.surrender();
    saidUpgraded(store, options.log);
  } catch (error) {
    lock.release();
    throw error;
  }
  try {
    if (options.adoptFolder)
      options.log.warn('scan.folder-adopted', {
        folder: config.articlesDir,
        reason: "--adopt-folder: taken as this site's, whatever it holds",
      });
    else await checkFolderMatchesState(config.articlesDir, config.stateDir, folderState(store), backupOf(config.stateDir));
    return await serveWith(config, options, store, () => lock.release(), takenOver);
  } catch (error) {
    store.close();
    lock.release();
    throw error;
  }
}

async function serveWith(
  config: Readonly<Config>,
  options: ServeOptions,
  store: StateDb,
  release: () => void,
  takenOver: { act: () => void },
): Promise<RunningServer> {
  const { log, watch = true, onListening, onDesk, headersTimeout, requestTimeout, stopping, ...siteOptions } = options;
  // Loaded only to serve: `build` and `check` never pay for express.
  const [{ createApp }, { createFrontDoor }, { bindDesk, DeskPortError }] = await Promise.all([
    import('./http/app.js'),
    import('./http/server.js'),
    import('./http/desk-listen.js'),
  ]);
  let site: LiveSite | undefined;
  // The public port's /status is counts only; names and reasons are on the desk.
  const status = (): StatusReport => publicStatus(site?.status() ?? NOT_STARTED);
  const app = createApp({
    publicDir: config.publicDir,
    articlesDir: config.articlesDir,
    log,
    status,
    ready: () => site?.isServing() ?? false,
    language: config.site.language,
    imagePublic: (rel) => site?.imagePublic(rel) ?? false,
    imageRoot: (root) => site?.imageRootIsCurrent(root) ?? false,
  });
  let baseUrl = publicBaseUrl(config);
  const moved = { fateOf: (urlPath: string) => site?.urlFate(urlPath), baseUrl: () => baseUrl };
  const server = createFrontDoor(() => site?.snapshot ?? EMPTY_SNAPSHOT, app, { headersTimeout, requestTimeout, moved });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    throw new ListenError(cannotListen(config.host, config.port, error, '--port'), 2);
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  baseUrl = publicBaseUrl(config, port);
  const running = new LiveSite({
    backupEveryMs: BACKUP_EVERY_MS,
    ...siteOptions,
    config,
    baseUrl,
    log,
    watch,
    store,
    responseHeaders: headersFor,
  });
  site = running;
  // A first scan under way ends at its next batch: its stories could not be stored (attack trial: 4,000 more were logged as added).
  takenOver.act = () => running.stateTakenOver();
  let desk: Awaited<ReturnType<typeof bindDesk>>;
  try {
    desk = await bindDesk(config, { site: running, publicDir: config.publicDir, log });
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await running.close();
    throw error instanceof DeskPortError ? new ListenError(error.message, 2) : error;
  }
  // Said only now: a desk port that cannot be bound ends the start, and a supervisor waiting for
  // the "listening" line must not have seen it.
  onListening?.({ url, baseUrl });
  if (desk) onDesk?.(desk.url, desk.movedFrom);
  const close = async (graceMs = 10_000) => {
    desk?.close();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      if (graceMs > 0) log.warn('shutdown.forced', { reason: `requests still open after ${graceMs / 1000} s` });
      server.closeAllConnections();
    }, graceMs);
    await closed;
    clearTimeout(timer);
    await running.close();
    release();
  };
  void stopping?.then(() => running.interruptStart());
  try {
    await running.start();
  } catch (error) {
    await close();
    throw damagedStore(config.stateDir, error);
  }
  return { url, baseUrl, deskUrl: desk?.url, site: running, server, close };
}

/**
 * Read the folder once and write every document (all of the snapshot), the assets and the images
 * to `outDir`. A state folder that a live server holds is never written: the build works on a
 * copy of its store (same ids and dates) and throws the copy away.
 */
export async function buildSite(
  config: Readonly<Config>,
  outDir: string,
  options: SiteOptions & { log: Logger },
): Promise<{
  files: number;
  written: number;
  skipped: BuildResult['skipped'];
  clashes: BuildResult['clashes'];
  kept: BuildResult['kept'];
  replaced: BuildResult['replaced'];
  status: SiteStatus;
  copiedState: boolean;
}> {
  const { log, ...siteOptions } = options;
  // Refused before any work, and again at the swap (write-build): never over stories, state, the project or a system folder.
  const guards = {
    articlesDir: config.articlesDir,
    stateDir: config.stateDir,
    projectDirs: [process.cwd(), path.dirname(config.publicDir)],
  };
  checkBuildTarget(outDir, guards);
  let site: LiveSite | undefined;
  const state = await stateForBuild(config.stateDir, {
    onLost: () => site?.stateTakenOver(),
    onWatch: (holder, ms) =>
      log.warn('state.lock-foreign', {
        holder: `process ${holder.pid} on ${holder.host}`,
        since: holder.since,
        reason: `the state folder is locked from another host: watching ${ms / 1000} s for a sign that it is alive before taking it over (else the build works on a copy)`,
      }),
    onStale: (holder) =>
      log.warn('state.lock-taken', {
        holder: `process ${holder.pid} on ${holder.host}`,
        reason: `its lock did not change in ${FOREIGN_WATCH_MS / 1000} s: that process is gone`,
      }),
  });
  if (state.copied) log.info('build.state-copy', { folder: config.stateDir, reason: 'served by another process: working on a copy' });
  try {
    if (!state.copied) undoInterruptedFill(state.stateDir, log);
    if (siteOptions.adoptFolder)
      log.warn('scan.folder-adopted', { folder: config.articlesDir, reason: "--adopt-folder: taken as this site's, whatever it holds" });
    else await checkStoredFolder(config, state.stateDir, log);
    const built = new LiveSite({
      ...siteOptions,
      config: { ...config, stateDir: state.stateDir },
      baseUrl: publicBaseUrl(config),
      log,
      watch: false,
      responseHeaders: headersFor,
    });
    site = built;
    try {
      await built.start().catch((error: unknown) => {
        throw damagedStore(config.stateDir, error);
      });
      refuseTakenOver(state.lostTo(), config.stateDir, outDir);
      refuseUnstored(built.status(), state.stateDir, outDir);
      const archives = new ArchivePool(path.join(state.stateDir, STATE_FILE));
      try {
        const { files, written, skipped, clashes, kept, replaced } = await writeBuild(
          [...archivesAside(snapshotItems(built.snapshot), archives), ...built.buildOnly()],
          { publicDir: config.publicDir, articlesDir: config.articlesDir, outDir, imagePublic: (rel) => built.imagePublic(rel) },
          guards,
          config.precompress,
        );
        return { files, written, skipped, clashes, kept, replaced, status: built.status(), copiedState: state.copied };
      } finally {
        archives.close();
      }
    } finally {
      await built.close();
    }
  } finally {
    await state.release();
  }
}

/**
 * Another process took the state folder over while the build read the stories (the build stalled
 * past the lock's watch, or its lock was handed on): the build wrote nothing more to the store
 * from then on, and its stories may be half stored, so nothing is written to `outDir` either
 * (attack trial: it carried on writing the store beside the new server and exited 0).
 */
function refuseTakenOver(lost: { holder: LockHolder | undefined } | undefined, stateDir: string, outDir: string): void {
  if (!lost) return;
  const who = lost.holder ? `feedpub process ${lost.holder.pid} on ${lost.holder.host}` : 'another process';
  throw new StateLockedError(
    stateDir,
    lost.holder ?? { pid: 0, host: 'unknown', since: 'unknown' },
    `${who} took over the state folder ${stateDir} while this build read the stories; nothing was written to ${outDir}. Build again once it is done (a build beside a running server works on a copy of its store)`,
  );
}

/**
 * A story the store refused (a full disk, another program holding it) would be built from its
 * last stored version or left out, and its page then deleted from the site: the build stops
 * before writing anything. A server keeps retrying instead (publish/store-retry.ts).
 */
function refuseUnstored(status: SiteStatus, stateDir: string, outDir: string): void {
  const unstored = status.problems.filter((p) => p.code === ProblemCode.StoreWrite);
  const first = unstored[0];
  if (!first) return;
  // The problem's own words are a server's (it retries); a build only names the cause.
  const cause = /\b(SQLITE_[A-Z_]+|E[A-Z]+)\b/.exec(first.reason)?.[1];
  throw new StateStoreError(
    'STATE_UNWRITABLE',
    `the state store in ${stateDir} could not store ${unstored.length} story file(s) (${first.path}${cause ? `: ${cause}` : ''}); ` +
      `free space on its disk, or stop the program holding it, then build again. Nothing was written to ${outDir}`,
    path.join(stateDir, STATE_FILE),
  );
}

/** Read every article without keeping state; the status lists every problem. */
export async function checkFolder(config: Readonly<Config>, log: Logger): Promise<SiteStatus> {
  const site = new LiveSite({ config, baseUrl: publicBaseUrl(config), log, watch: false, ephemeral: true });
  try {
    await site.start();
    return site.status();
  } finally {
    await site.close();
  }
}

/** Tell every configured hub that the three feeds at the public URL changed; resolves with the number of hubs that never accepted. */
export async function pingHubs(config: Readonly<Config>, log: Logger): Promise<number> {
  const notifier = new WebSubNotifier({ hubs: config.websubHubs, log });
  notifier.notify(siteUrls(publicBaseUrl(config)).feeds());
  await notifier.idle();
  const { failed } = notifier.status();
  notifier.close();
  return failed;
}

/** Start again a first fill of `stateDir`'s store that never reached its sync (store/unsynced-fill.ts): only by the holder of its lock. */
function undoInterruptedFill(stateDir: string, log: Logger): void {
  const file = path.join(stateDir, STATE_FILE);
  if (undoUnsyncedFill(file) === 'undone') {
    log.warn('state.refill', {
      file,
      reason: 'the first scan into this new store stopped before it was synced; it starts again (no story had been served from it)',
    });
  }
}

/** Say where the copy of an older feedpub's store went, made as this open upgraded it: the way back (README, State). */
function saidUpgraded(store: StateDb, log: Logger): void {
  if (store.olderCopy)
    log.info('state.upgraded', { copy: store.olderCopy, reason: 'the store as the older feedpub left it, kept: the way back to it' });
}

/**
 * A store damaged inside (a page zeroed, a file cut short beside its log) opens, and fails only
 * when the start reads that page: the same STATE_CORRUPT, with the restore, as one that will not
 * open at all, never a bare SQLite message.
 */
function damagedStore(stateDir: string, error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) return error;
  return openError(path.join(stateDir, STATE_FILE), error);
}

/** What checkFolderMatchesState compares a folder with: the store's live stories and the bytes it knows. */
function folderState(store: StateDb) {
  return { live: () => store.liveStats(), knownHash: (hash: string) => store.hasHash(hash) };
}

/** The rolling backup of the store in `stateDir`, as checkFolderMatchesState reads it: a thousand of its stories recognise its folder. */
function backupOf(stateDir: string): { file: string; livePaths: () => string[] } {
  const file = path.join(stateDir, BACKUP_NAME);
  return { file, livePaths: () => livePathsOf(file, 1000) };
}

/** checkFolderMatchesState against the store in `stateDir` (a build's own copy, or the served one). */
async function checkStoredFolder(config: Readonly<Config>, stateDir: string, log: Logger): Promise<void> {
  const store = new StateDb(stateDir);
  saidUpgraded(store, log);
  try {
    await checkFolderMatchesState(config.articlesDir, config.stateDir, folderState(store), backupOf(config.stateDir));
  } finally {
    store.close();
  }
}

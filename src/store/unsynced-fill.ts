// A new store's first fill, written without waiting for the disk, and started again if the machine stopped before it was synced.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsync, fsyncSync, openSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StateStoreError } from './state-errors.js';

/**
 * Beside `state.db` while its first fill is written unsynced. SQLite without syncs survives a
 * killed process but not a power cut or a kernel crash, which can leave the file torn. A store
 * that was empty when its fill began holds no id anyone has seen (nothing is served before the
 * first scan ends), so when the mark is found at open that store is started again.
 */
const MARK = '.filling';

/**
 * The setting, written and synced in the store before its unsynced fill begins, that names the
 * fill; the mark names it too. Only a store that still says so (or cannot be read) is the fill
 * the mark speaks of: a mark left beside a store restored from a backup, or made by hand, must
 * never cost a served store its ids (the attack trial: both did).
 */
export const FILL_SETTING = 'unsynced-fill';

/**
 * Waiting for the disk at each checkpoint (every 64 MB of log) took 1.3 s of the 100,000-story
 * first start, on the thread that stores; the first start now syncs once, at its end. `token`:
 * the name of the fill, already synced in the store. False when the mark cannot be written (a
 * full disk, no inode left): the fill is then written with syncs, as before.
 */
export function beginUnsyncedFill(file: string, token: string): boolean {
  const mark = file + MARK;
  try {
    writeFileSync(mark, `${token}\nfeedpub is writing the first fill of state.db without syncs; found at start, that fill is begun again\n`);
    // The mark must be on the disk before any unsynced page is.
    syncPath(mark);
    syncPath(path.dirname(file));
    return true;
  } catch {
    rmSync(mark, { force: true });
    return false;
  }
}

/** A new name for a fill. */
export const fillToken = (): string => randomUUID();

/**
 * Descriptors of the store's own files (state.db, its log), opened for the fill's syncs and
 * closed only after SQLite's connection is: closing any descriptor of a file drops every POSIX
 * lock this process holds on it, SQLite's among them. Opened and closed at each sync, they let
 * another program's sqlite3, opening the store meanwhile, take the log for its own and delete it
 * at its close; the server went on writing into the deleted log, and a kill -9 then lost those
 * writes (attack trial).
 */
export class HeldFiles {
  private readonly fds = new Map<string, number>();
  /** A sync in libuv's pool holds this descriptor: closed when it ends, not under it. */
  private syncing: number | undefined;
  private closed = false;

  /** A descriptor of `file`, opened once and kept; undefined when it cannot be opened (or after close). */
  fd(file: string): number | undefined {
    if (this.closed) return undefined;
    let fd = this.fds.get(file);
    if (fd === undefined) {
      try {
        fd = openSync(file, 'r');
      } catch {
        return undefined;
      }
      this.fds.set(file, fd);
    }
    return fd;
  }

  /** fsync `file` in the background; `done` when it ended (false when it could not start). */
  syncInBackground(file: string, done: () => void): boolean {
    const fd = this.fd(file);
    if (fd === undefined || this.syncing !== undefined) return false;
    this.syncing = fd;
    fsync(fd, () => {
      this.syncing = undefined;
      if (this.closed) closeSync(fd);
      done();
    });
    return true;
  }

  /** After SQLite's connection is closed (never before: see above). */
  close(): void {
    this.closed = true;
    for (const fd of this.fds.values()) if (fd !== this.syncing) closeSync(fd);
    this.fds.clear();
  }
}

/**
 * Start writing the store's pages to the disk in the background (libuv's pool), if that is not
 * under way: the kernel would otherwise hold them all (hundreds of MB at 100,000 stories) for
 * the one sync at the end, which the first start waited 1.2 s for. Only speed depends on it.
 */
export function flushAhead(file: string, held: HeldFiles, state: { flushing: boolean }): void {
  if (state.flushing) return;
  state.flushing = held.syncInBackground(file, () => {
    state.flushing = false;
  });
}

/** Make the fill durable (the store and its log, whatever the checkpoint managed), then drop the mark. */
export function endUnsyncedFill(file: string, held: HeldFiles): void {
  // SQLite keeps its log beside the file a link leads to.
  const real = realpathSync(file);
  for (const target of [real, `${real}-wal`]) {
    const fd = existsSync(target) ? held.fd(target) : undefined;
    if (fd !== undefined) fsyncSync(fd);
  }
  rmSync(file + MARK, { force: true });
  syncPath(path.dirname(file));
}

/**
 * At open, by the holder of the state folder's lock: undo a fill that never reached its end (the
 * process or the machine stopped during a first scan) when the store still names it: it is
 * deleted, and the next scan reads every file again, as it would have. A store that names no
 * fill or another, or cannot be read, is never deleted: the start is refused with what to do (a
 * backup copied back over a killed fill once took that fill's log as its own; a store another
 * program held, or damaged, was once taken for a torn fill: the second attack trial).
 */
export function undoUnsyncedFill(file: string): 'none' | 'undone' {
  const mark = file + MARK;
  if (!existsSync(mark)) return 'none';
  const token = readFileSync(mark, 'utf8').split('\n')[0] ?? '';
  if (!existsSync(file)) {
    for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
    rmSync(mark, { force: true });
    return 'undone';
  }
  const target = realpathSync(file);
  const named = fillNamed(target);
  if (token !== '' && 'token' in named && named.token === token) {
    for (const suffix of ['-wal', '-shm', '']) rmSync(target + suffix, { force: true });
    if (target !== file) rmSync(file, { force: true });
    rmSync(mark, { force: true });
    syncPath(path.dirname(file));
    return 'undone';
  }
  const why = 'token' in named ? 'is not the store of that fill (a copy put back over it, or the mark made by hand)' : `cannot be read (${named.error})`;
  throw new StateStoreError(
    'STATE_CORRUPT',
    `${mark} says a first scan into a new store stopped before it was synced, but ${file} ${why}. If that store is the one you want, remove the fill's leftovers (${file}-wal and ${file}-shm, if older than ${file}) and ${mark}, then start again; to start fresh, move ${file} aside as well`,
    file,
  );
}

/** The fill a store names ('' when none), read without merging a log that may not be its own into it. */
function fillNamed(file: string): { token: string } | { error: string } {
  let db: Database.Database | undefined;
  try {
    // Read-only when a log lies beside it, which a writer's close would copy in; without one, a
    // store in WAL mode copied back without its -shm opens only for a writer.
    db = new Database(file, { readonly: existsSync(`${file}-wal`), fileMustExist: true });
    const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(FILL_SETTING);
    return { token: row?.value ?? '' };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? (error as Error).message };
  } finally {
    db?.close();
  }
}

function syncPath(target: string): void {
  const fd = openSync(target, 'r');
  try {
    fsyncSync(fd);
  } catch (error) {
    // A folder some filesystems cannot sync (EINVAL): its entries are then as durable as it allows.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    closeSync(fd);
  }
}

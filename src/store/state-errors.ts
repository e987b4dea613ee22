// Why the state store cannot be used, in the words an operator needs: the file, the cause, and the ways out.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The state store cannot be used as it is: names the file and what the operator can do. */
export class StateStoreError extends Error {
  override readonly name = 'StateStoreError';
  constructor(
    readonly code: 'STATE_CORRUPT' | 'STATE_UNREADABLE' | 'STATE_TOO_NEW' | 'STATE_UNWRITABLE',
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The store's file in the state folder. */
export const STATE_FILE = 'state.db';
/** Rolling copy of the store, made with SQLite's online backup while the server runs. */
export const BACKUP_NAME = 'state.db.backup';

/** A store whose tables are not of the shape this feedpub reads: damaged for it, with the same two ways out. */
export function shapeError(file: string, error: unknown): StateStoreError {
  return new StateStoreError('STATE_CORRUPT', `state store ${file} does not have the tables feedpub reads (${(error as Error).message}): ${waysOut(file)}`, file, {
    cause: error,
  });
}

/** The two ways out of a store that cannot be used: its backup, or a fresh start. */
function waysOut(file: string): string {
  const backup = path.join(path.dirname(file), BACKUP_NAME);
  return `restore the backup (cp ${backup} ${file}), or move ${file} aside to start fresh (story ids and dates are then assigned anew)`;
}

/** What an operator reads when the store will not open: the file, the cause, and the two ways out. */
export function openError(file: string, error: unknown): StateStoreError {
  const code = (error as { code?: string }).code ?? '';
  const ways = waysOut(file);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StateStoreError('STATE_CORRUPT', `state store ${file} is damaged (${(error as Error).message}): ${ways}`, file, {
      cause: error,
    });
  }
  // Nothing is wrong with the file itself: restoring a backup over it would only lose what changed since.
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StateStoreError(
      'STATE_UNREADABLE',
      `state store ${file} is held by another program (${code}): stop it (a second feedpub, a backup tool, sqlite3), then start again`,
      file,
      { cause: error },
    );
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC') {
    return new StateStoreError(
      'STATE_UNREADABLE',
      `state store ${file} cannot be written (${code}): free space on its disk (df ${path.dirname(file)}), then start again`,
      file,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StateStoreError('STATE_UNWRITABLE', readOnlyAdvice(file, code), file, { cause: error });
  }
  const backupNote = existsSync(path.join(path.dirname(file), BACKUP_NAME)) ? ways : `move ${file} aside to start fresh (story ids and dates are then assigned anew)`;
  return new StateStoreError(
    'STATE_UNREADABLE',
    `state store ${file} cannot be opened (${code || (error as Error).message}): check the folder's permissions and free space, or ${backupNote}`,
    file,
    { cause: error },
  );
}

/**
 * SQLite makes its `-wal` and `-shm` files with the store's permissions: a store made read-only
 * while open leaves them read-only too, and making state.db writable again alone fails just the
 * same (the attack trial). Every one of the three that this user cannot write is named.
 */
export function readOnlyAdvice(file: string, code: string, writable = canWrite): string {
  const locked = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f) && !writable(f));
  const dir = path.dirname(file);
  const fix =
    locked.length > 0
      ? `make ${locked.length === 1 ? 'it' : 'them'} writable for the user feedpub runs as (chmod u+w ${locked.join(' ')})`
      : writable(dir)
        ? `check whether the disk of ${dir} is mounted read-only`
        : `make the state folder writable for the user feedpub runs as (chmod u+w ${dir})`;
  return `state store ${file} is read-only (${code}): ${fix}, then start again`;
}

function canWrite(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A store copy that cannot be read is taken to know stories when it is this large. */
const UNREADABLE_WITH_STORIES = 64 * 1024;

/**
 * Throw STATE_CORRUPT when `file` exists but is empty while its backup has content, or is missing
 * while its backup knows stories (`rm state.db`, a store moved aside): a new store would give
 * every story a new id and then replace that backup within the hour.
 */
export function refuseEmptyOverBackup(file: string): void {
  const backup = path.join(path.dirname(file), BACKUP_NAME);
  if (!existsSync(file) && existsSync(backup) && knowsStories(backup)) {
    throw new StateStoreError(
      'STATE_CORRUPT',
      `state store ${file} is missing but its backup ${backup} knows stories: restore it (cp ${backup} ${file}), or move the backup aside to start fresh (story ids and dates are then assigned anew)`,
      file,
    );
  }
  if (!existsSync(file) || statSync(file).size > 0 || !existsSync(backup) || statSync(backup).size === 0) return;
  throw new StateStoreError(
    'STATE_CORRUPT',
    `state store ${file} is empty but ${backup} is not: restore the backup (cp ${backup} ${file}), or move both aside to start fresh (story ids and dates are then assigned anew)`,
    file,
  );
}

/**
 * Throw STATE_CORRUPT when an opened store knows no story while its backup does: a store made
 * elsewhere (an empty sqlite file, one from an empty folder) copied over the real one would give
 * every story a new id, forget every taken-down story's 410, and then replace the backup. A store
 * that once held stories keeps their rows (taken down ones too), so this never refuses a real one.
 */
export function refuseStorylessOverBackup(file: string, storeKnowsStories: boolean): void {
  const backup = path.join(path.dirname(file), BACKUP_NAME);
  if (storeKnowsStories || !existsSync(backup) || !knowsStories(backup)) return;
  throw new StateStoreError(
    'STATE_CORRUPT',
    `state store ${file} knows no story but its backup ${backup} does: restore it (cp ${backup} ${file}), or move the backup aside to start fresh (story ids and dates are then assigned anew)`,
    file,
  );
}

/**
 * Throw STATE_CORRUPT rather than replace a backup that knows stories with a store that shares
 * none of them (neither one of its ids at the same path, nor one of its ids anywhere): another
 * site's store copied over this one. A store that continues the backup keeps its rows (taken-down
 * and renamed stories keep their ids), so this never refuses a real one.
 */
export function refuseForeignOverBackup(db: Database.Database, backup: string): void {
  let sample: { path: string; id: string }[];
  let copy: Database.Database | undefined;
  try {
    copy = new Database(backup, { readonly: true, fileMustExist: true });
    const rows = (order: string) => copy?.prepare(`SELECT path, id FROM articles ORDER BY rowid ${order} LIMIT 100`).all() ?? [];
    sample = [...rows('ASC'), ...rows('DESC')] as { path: string; id: string }[];
  } catch {
    return; // a backup that cannot be read is replaced (the start's checks judge a damaged store)
  } finally {
    copy?.close();
  }
  if (sample.length === 0) return;
  const idAt = db.prepare<[string], string>('SELECT id FROM articles WHERE path = ?').pluck();
  if (sample.some((r) => idAt.get(r.path) === r.id)) return;
  // Every sampled story renamed since: its id is elsewhere (no index on ids: a few lookups only).
  const known = db.prepare<[string], number>('SELECT 1 FROM articles WHERE id = ? LIMIT 1').pluck();
  if (sample.slice(0, 10).some((r) => known.get(r.id) !== undefined)) return;
  throw new StateStoreError(
    'STATE_CORRUPT',
    `not replacing the backup ${backup}: the store shares none of its stories (another site's store copied over this one?). The backup is kept; if the store is wrong, stop feedpub and restore it (cp ${backup} ${path.join(path.dirname(backup), STATE_FILE)})`,
    backup,
  );
}

/** Up to `limit` paths of live stories a store copy knows (none when it is missing or cannot be read). */
export function livePathsOf(file: string, limit: number): string[] {
  if (!existsSync(file)) return [];
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.prepare('SELECT path FROM articles WHERE deleted_at IS NULL LIMIT ?').pluck().all(limit) as string[];
  } catch {
    return [];
  } finally {
    db?.close();
  }
}

/**
 * Whether a store copy holds any story record (live or taken down); one that cannot be read
 * counts by its size. A store that knows none never replaces it (StateDb.backup), nor starts beside it.
 */
export function knowsStories(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.prepare('SELECT 1 FROM articles LIMIT 1').get() !== undefined;
  } catch {
    return statSync(file).size > UNREADABLE_WITH_STORIES;
  } finally {
    db?.close();
  }
}

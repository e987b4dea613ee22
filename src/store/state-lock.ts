// One serving process per state folder: a lock file naming its holder, taken at start and released at exit.
import { existsSync, linkSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StateStoreError } from './state-errors.js';

/** Another live process holds the state folder. */
export class StateLockedError extends Error {
  override readonly name = 'StateLockedError';
  readonly code = 'STATE_LOCKED';
  constructor(
    readonly stateDir: string,
    readonly holder: LockHolder,
    message?: string,
  ) {
    super(
      message ??
        `state folder ${stateDir} is in use by feedpub process ${holder.pid} on ${holder.host} (since ${holder.since}); ` +
          `stop that server first, or give this one its own --state folder` +
          (holder.host === os.hostname()
            ? ''
            : `; it said it was alive within the last ${Math.ceil(FOREIGN_WATCH_MS / 1000)} s (a lock of another host is taken over once it stops saying so)`),
    );
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  /** When the holder last said it was alive (BEAT_MS): a lock of another host is judged by whether this moves. */
  beat?: string;
}

export interface StateLock {
  release(): void;
}

export interface LockOptions {
  /**
   * The lock no longer names this process (another start took it over after this one stalled
   * past FOREIGN_WATCH_MS, or a person gave it to another): two processes must not write one
   * store, so the caller stops. A lock file deleted by hand is put back, not lost.
   */
  onLost?: (holder: LockHolder | undefined) => void;
  /** How often the holder rewrites its lock's `beat` (default BEAT_MS; tests make it short). */
  beatMs?: number;
  /** A beat could not be written (a full or read-only disk): said once until one is written again. */
  onBeatFailed?: (error: Error) => void;
  /** A gap between two beats this long means this process was stopped long enough to be taken over (default FOREIGN_WATCH_MS - BEAT_MS; tests make it short). */
  stalledAfterMs?: number;
}

/**
 * A holder rewrites its lock this often. On this host a lock is judged by its pid; a pid of
 * another host cannot be asked, so there the lock's beat tells: a container started anew under a
 * new host name after its predecessor was killed waited for someone to delete the lock (exit 2
 * in a loop). Written into the file, not its mtime: a shared folder's client caches attributes,
 * but reads a file's text anew on each open.
 */
export const BEAT_MS = 5_000;
/** How long a start watches another host's lock for a beat before it takes the lock over. */
export const FOREIGN_WATCH_MS = 3 * BEAT_MS + 1_000;

export const LOCK_FILE = 'serve.lock';
/** A break lock older than this was left by a process that died holding it. */
const BREAK_MS = 5_000;

/** Why a folder could not be made, in the operator's words. */
const CANNOT_MAKE: Record<string, string> = {
  ENOTDIR: 'a part of that path is a file, not a folder',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'this user may not create it there',
  EPERM: 'this user may not create it there',
  EROFS: 'its disk is mounted read-only',
  ENOSPC: 'its disk is full',
  EDQUOT: "this user's disk quota is used up",
};

/**
 * Make the state folder (and the folders above it) if missing. One that cannot be made is the
 * operator's to fix, said so with exit 2 before anything starts (the attack trial: a path
 * through a file ended `build` with a stack trace, and `serve` with exit 1).
 */
export function makeStateDir(stateDir: string): void {
  try {
    makeFolders(stateDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new StateStoreError(
      'STATE_UNWRITABLE',
      `the state folder ${stateDir} cannot be made (${code || (error as Error).message}${CANNOT_MAKE[code] ? `: ${CANNOT_MAKE[code]}` : ''}); ` +
        'give --state (or "state" in the config) a folder this user can write',
      stateDir,
      { cause: error },
    );
  }
}

/**
 * mkdir -p, one folder at a time: Node's recursive mkdir says ENOENT for a read-only disk, and
 * never returns under /proc; made alone, the first folder that fails says why.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !existsSync(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is a file`), { code: 'EEXIST' });
}

/**
 * Take the state folder for this process. A lock left by a process that no longer runs on this
 * host (killed with -9, a crash) is taken over. The lock appears whole (written aside, then
 * hard-linked into place: a link fails when the name exists), so a reader never mistakes a lock
 * being written for a stale one; and a stale lock is removed only under a second lock,
 * `serve.lock.break`, by a process that checked it again there: two starts that both found it
 * stale once took it over both (the attack trial, 4 of 20 times).
 */
export function lockStateDir(stateDir: string, now: Date = new Date(), options: LockOptions = {}): StateLock {
  const file = path.join(stateDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), since: now.toISOString(), beat: now.toISOString() };
  refuseStrangeLock(file);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (placeOrExplain(stateDir, file, me)) {
      const beats = new Beats(file, me, options, () => clearInterval(beating));
      const beating = setInterval(() => beats.beat(), options.beatMs ?? BEAT_MS);
      beating.unref();
      return {
        release() {
          clearInterval(beating);
          // Only our own lock: a takeover after a stall must not be undone by the old holder, nor
          // another host's lock by a process of the same pid (a container's pid 1: attack trial).
          const now = readHolder(file);
          if (now?.pid !== me.pid || now.host !== me.host || now.since !== me.since) return;
          try {
            rmSync(file, { force: true });
          } catch (error) {
            // The folder became read-only while serving (a disk remounted after errors): the lock
            // stays, and the next start takes it over, its process being gone. A stop is no failure.
            process.emitWarning(`could not remove ${file} (${(error as NodeJS.ErrnoException).code ?? error}); the next start takes it over`);
          }
        },
      };
    }
    const holder = readHolder(file);
    // Our own pid on this host is a lock this process's predecessor left (a container's pid 1 again);
    // the same pid on another host is another container's, alive as far as anyone here can tell.
    const mine = holder?.pid === process.pid && holder.host === me.host;
    if (holder && !mine && isAlive(holder)) throw new StateLockedError(stateDir, holder);
    breakStale(file, holder, me);
  }
  throw new StateStoreError(
    'STATE_UNREADABLE',
    `cannot take the state folder ${stateDir}: its lock ${file} keeps changing hands; if no other feedpub runs there, delete ${file} and ${file}.break, then start again`,
    file,
  );
}

/**
 * A holder's beats: each rewrites the lock with a new beat while it names `me` (aside, then
 * renamed over it: a reader sees the old text or the new, never half). A lock that names another
 * holder is lost. A lock gone is placed again when it was deleted by hand, but is lost when this
 * process was stopped long enough to be taken over (SIGSTOP, a suspended machine): the taker may
 * have let go meanwhile, having written the store (attack trial: the first server put its lock
 * back and served on from stale memory). A beat that cannot be written is skipped, said once.
 */
class Beats {
  private last = Date.now();
  private failing = false;

  constructor(
    private readonly file: string,
    private readonly me: LockHolder,
    private readonly options: LockOptions,
    private readonly stop: () => void,
  ) {}

  beat(): void {
    const { file, me } = this;
    const stalled = Date.now() - this.last > (this.options.stalledAfterMs ?? FOREIGN_WATCH_MS - BEAT_MS);
    const now = readHolder(file);
    if (now === undefined && !existsSync(file)) {
      if (stalled) {
        this.lost(undefined);
        return;
      }
      try {
        if (placeWhole(file, { ...me, beat: new Date().toISOString() })) {
          this.wrote();
          return;
        }
      } catch (error) {
        this.failed(error as Error);
        return;
      }
    }
    const held = readHolder(file);
    // Unreadable: being written by a start on a folder without hard links; the next beat tells.
    if (held === undefined) return;
    if (!sameHolder(held, me)) {
      this.lost(held);
      return;
    }
    const aside = `${file}.${me.pid}-beat`;
    try {
      writeFileSync(aside, `${JSON.stringify({ ...me, beat: new Date().toISOString() })}\n`, { mode: 0o644 });
      renameSync(aside, file);
      this.wrote();
    } catch (error) {
      rmSync(aside, { force: true });
      this.failed(error as Error);
    }
  }

  private wrote(): void {
    this.last = Date.now();
    this.failing = false;
  }

  private failed(error: Error): void {
    if (!this.failing) this.options.onBeatFailed?.(error);
    this.failing = true;
  }

  private lost(holder: LockHolder | undefined): void {
    this.stop();
    this.options.onLost?.(holder);
  }
}

/**
 * A lock path that is no file of ours (a folder, a link, a device: feedpub only ever writes a
 * file there) cannot be read, replaced or removed as a lock: said as the operator's to fix. It
 * was taken for a lock changing hands ("keeps changing hands"), or ended a start with EISDIR.
 */
function refuseStrangeLock(file: string): void {
  let kind: string | undefined;
  try {
    const st = lstatSync(file);
    kind = st.isFile() ? undefined : st.isDirectory() ? 'a folder' : st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
  } catch {
    return;
  }
  if (kind === undefined) return;
  throw new StateStoreError(
    'STATE_UNREADABLE',
    `cannot take the state folder: its lock ${file} is ${kind}, which feedpub never makes; remove it (first make sure no feedpub serves that folder), then start again`,
    file,
  );
}

const sameHolder = (a: LockHolder, b: LockHolder) => a.pid === b.pid && a.host === b.host && a.since === b.since;

/**
 * lockStateDir, and a lock of another host watched for FOREIGN_WATCH_MS (`watchMs`) before it
 * is believed: if its beat moves, or its holder changes, the holder is alive (StateLockedError);
 * if its text stays the same, its holder is gone (a container killed and started anew under a new
 * host name) and the lock is taken over, with `onStale` told whose it was. A lock of a feedpub
 * older than beats never moves, and is taken over the same way.
 */
export async function takeStateDir(
  stateDir: string,
  options: LockOptions & { watchMs?: number; onWatch?: (holder: LockHolder, ms: number) => void; onStale?: (holder: LockHolder) => void } = {},
): Promise<StateLock> {
  const file = path.join(stateDir, LOCK_FILE);
  const watchMs = options.watchMs ?? FOREIGN_WATCH_MS;
  for (let attempt = 0; ; attempt++) {
    let refused: StateLockedError;
    try {
      return lockStateDir(stateDir, new Date(), options);
    } catch (error) {
      if (!(error instanceof StateLockedError) || error.holder.host === os.hostname() || attempt > 0) throw error;
      refused = error;
    }
    const first = readText(file);
    options.onWatch?.(refused.holder, watchMs);
    const end = Date.now() + watchMs;
    let moved = false;
    while (!moved && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, watchMs)));
      moved = readText(file) !== first;
    }
    if (moved) {
      // Released meanwhile: try again. Beating, or another holder now: alive.
      const now = readHolder(file);
      if (now === undefined && !existsSync(file)) continue;
      throw new StateLockedError(stateDir, now ?? refused.holder);
    }
    breakStale(file, refused.holder, { pid: process.pid, host: os.hostname(), since: new Date().toISOString() }, () => readText(file) === first);
    options.onStale?.(refused.holder);
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** placeWhole, with a folder this user cannot write (read-only, full) said as the operator's to fix. */
function placeOrExplain(stateDir: string, file: string, holder: LockHolder): boolean {
  try {
    return placeWhole(file, holder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT'].includes(code)) throw error;
    throw new StateStoreError(
      'STATE_UNWRITABLE',
      `cannot take the state folder ${stateDir} (${code}): feedpub writes its store there; make it writable by this user, free space, or give --state another folder`,
      file,
      { cause: error },
    );
  }
}

/** Write `holder` to `file` in one step; false when `file` exists. */
function placeWhole(file: string, holder: LockHolder): boolean {
  const aside = `${file}.${holder.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    // Inside: on a full disk the file is made and the write fails, and it was left behind (attack trial).
    writeFileSync(aside, `${JSON.stringify(holder)}\n`, { mode: 0o644 });
    linkSync(aside, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links (some shares): create-exclusive, then write.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createThenWrite(file, holder);
    throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

function createThenWrite(file: string, holder: LockHolder): boolean {
  try {
    writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Remove the lock at `file` if it is still the stale one `seen` (undefined: unreadable), under the
 * break lock. Nothing is removed unread: a lock found missing, then removed "as stale", was once
 * the lock another start had placed that instant (both then served; the trial under load).
 */
function breakStale(file: string, seen: LockHolder | undefined, me: LockHolder, stillStale?: () => boolean): void {
  const breaker = `${file}.break`;
  if (!placeWhole(breaker, me)) {
    const other = readHolder(breaker);
    // A break lock is held for microseconds. One that names a dead process, this process (a
    // container's pid 1 again after a crash in that moment) or is seconds old was left behind,
    // and must not block every later start. One that cannot be read is gone, or being written.
    const age = other ? Date.now() - Date.parse(other.since) : ageOf(breaker);
    const left = other ? other.pid === me.pid || !isAlive(other) || !(age < BREAK_MS) : age >= BREAK_MS;
    if (left) rmSync(breaker, { force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    return;
  }
  try {
    const now = readHolder(file);
    // Unreadable: missing (nothing to break), or a lock being written on a file system without
    // hard links; only one left unreadable for seconds is debris.
    if (now === undefined) {
      if (seen === undefined && ageOf(file) >= BREAK_MS) rmSync(file, { force: true });
      return;
    }
    const same = now.pid === seen?.pid && now.since === seen.since && now.host === seen.host;
    // This process's own earlier lock is taken over as before; another live one never is.
    const ours = now.pid === me.pid && now.host === me.host;
    if (same && (ours || (stillStale ? stillStale() : !isAlive(now)))) rmSync(file, { force: true });
  } finally {
    rmSync(breaker, { force: true });
  }
}

/** Milliseconds since `file` was last written (0 when it is missing). */
function ageOf(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The process holding `stateDir`, if a live one does. */
export function stateDirHolder(stateDir: string): LockHolder | undefined {
  const holder = readHolder(path.join(stateDir, LOCK_FILE));
  return holder && isAlive(holder) ? holder : undefined;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string')
      return { pid: value.pid, host: value.host, since: String(value.since), ...(typeof value.beat === 'string' ? { beat: value.beat } : {}) };
  } catch {
    // missing or half-written: treated as no holder
  }
  return undefined;
}

function isAlive(holder: LockHolder): boolean {
  // A lock from another host (a shared folder) cannot be checked here: believed, unless takeStateDir saw it stand still.
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: a process of another user, maybe a program that got the pid again.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !deadOrAnother(holder);
}

/**
 * Linux only (elsewhere: false): the holder's pid is a process that is dead but not yet reaped
 * (a zombie: a container's init reaps slowly, and a restart 0.3 s after kill -9 was refused:
 * new-user trial), or another program's (the pid used again after a reboot: a power cut left the
 * lock, and a service started at boot got its pid). A process's start time would tell a reused
 * pid too, but it is reckoned from the boot time, which moves when the clock is set (a machine
 * without a clock of its own sets it after boot): it could make a live holder look new.
 */
function deadOrAnother(holder: LockHolder): boolean {
  try {
    const stat = readFileSync(`/proc/${holder.pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return true;
    const command = readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8');
    // Empty: a kernel thread, or not readable to this user; then believed. Any way of running
    // feedpub counts (node, tsx, a renamed or bundled binary, a folder called feedpub).
    return command !== '' && !/node|feedpub|cli\.[jt]s|tsx|bun|deno/i.test(command);
  } catch {
    return false;
  }
}

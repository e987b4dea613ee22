// One serving process per state folder: a lock file naming its holder, taken at start and released at exit.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Another live process holds the state folder. */
export class StateLockedError extends Error {
  override readonly name = 'StateLockedError';
  readonly code = 'STATE_LOCKED';
  constructor(
    readonly stateDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `state folder ${stateDir} is in use by feedpub process ${holder.pid} on ${holder.host} (since ${holder.since}); ` +
        `stop that server first, or give this one its own --state folder; if no feedpub runs there any more ` +
        `(a crashed container, another host), delete ${stateDir}/serve.lock`,
    );
  }
}

export interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export interface StateLock {
  release(): void;
}

const LOCK_FILE = 'serve.lock';

/**
 * Take the state folder for this process. A lock left by a process that no longer runs on this
 * host (killed with -9, a crash) is taken over. `O_EXCL` creation makes two starts at the same
 * moment race safely: exactly one wins.
 */
export function lockStateDir(stateDir: string, now: Date = new Date()): StateLock {
  const file = path.join(stateDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), since: now.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      return {
        release() {
          // Only our own lock: a takeover after a stall must not be undone by the old holder.
          if (readHolder(file)?.pid === me.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && isAlive(holder)) throw new StateLockedError(stateDir, holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`cannot take the lock ${file}: it keeps reappearing`);
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
      return { pid: value.pid, host: value.host, since: String(value.since) };
  } catch {
    // missing or half-written: treated as no holder
  }
  return undefined;
}

function isAlive(holder: LockHolder): boolean {
  // A lock from another host (a shared folder) cannot be checked: believe it.
  if (holder.host !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

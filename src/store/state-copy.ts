// The state a one-off command (build) may use: the folder itself when no server holds it, else a private copy of its store.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LOCK_FILE, type LockHolder, StateLockedError, lockStateDir, makeStateDir, stateDirHolder, takeStateDir } from './state-lock.js';
import { STATE_FILE } from './state-errors.js';

export interface BuildState {
  /** The folder to open the store in. */
  stateDir: string;
  /** True when it is a copy (a live server holds the real one). */
  copied: boolean;
  /** Give the folder back (the lock) or delete the copy. */
  release(): Promise<void>;
  /** Who took the folder over while the build held it (state-lock.ts onLost), if anyone did: the build must not go on writing it. */
  lostTo(): { holder: LockHolder | undefined } | undefined;
}

export interface BuildLockEvents {
  /** Another process took the folder over: the build stops (its store writes nothing more). */
  onLost?: () => void;
  /** A lock of another host is watched before it is believed (takeStateDir). */
  onWatch?: (holder: LockHolder, ms: number) => void;
  onStale?: (holder: LockHolder) => void;
  /** The lock's beat (tests make it short). */
  beatMs?: number;
}

const COPY_PREFIX = 'feedpub-build-state-';

/**
 * Remove the copies that builds killed midway left behind (each the size of the store: the attack
 * trial found one per interrupted build): those whose build no longer runs, or, without a mark
 * yet, older than a minute.
 */
async function sweepCopies(): Promise<void> {
  const tmp = os.tmpdir();
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(COPY_PREFIX)) continue;
    const dir = path.join(tmp, name);
    if (stateDirHolder(dir)) continue;
    const marked = existsSync(path.join(dir, LOCK_FILE));
    const age = Date.now() - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? Date.now());
    // One this user cannot remove (another user's) is left: it is not ours to clean, and no reason to stop.
    if (marked || age > 60_000) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Take `stateDir` for the length of a build when it is free, so that no server starts on it
 * meanwhile. When a live server holds it, copy its store with SQLite's online backup through a
 * read-only connection (the server's writes go on; the copy is one consistent moment) into a
 * temporary folder: the build sees the same ids and dates and never writes the served file.
 */
export async function stateForBuild(stateDir: string, events: BuildLockEvents = {}): Promise<BuildState> {
  // A first build makes the folder, and holds it like any other, so no server starts on it meanwhile.
  makeStateDir(stateDir);
  try {
    // A lock of another host is watched as a start watches it: one left by a container gone is
    // taken over, where every build worked on a copy of the store and forgot its renames (attack trial).
    let lost: { holder: LockHolder | undefined } | undefined;
    const lock = await takeStateDir(stateDir, {
      onWatch: events.onWatch,
      onStale: events.onStale,
      beatMs: events.beatMs,
      onLost: (holder) => {
        lost = { holder };
        events.onLost?.();
      },
    });
    return { stateDir, copied: false, release: async () => lock.release(), lostTo: () => lost };
  } catch (error) {
    if (!(error instanceof StateLockedError)) throw error;
  }
  await sweepCopies();
  const copy = await mkdtemp(path.join(os.tmpdir(), COPY_PREFIX));
  // Marks the copy as this build's while it runs (sweepCopies leaves it alone).
  const mark = lockStateDir(copy);
  const release = async () => {
    mark.release();
    await rm(copy, { recursive: true, force: true });
  };
  const file = path.join(stateDir, STATE_FILE);
  const copied = { stateDir: copy, copied: true, release, lostTo: () => undefined };
  if (!existsSync(file)) return copied;
  try {
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(path.join(copy, STATE_FILE));
    } finally {
      source.close();
    }
  } catch (error) {
    await release();
    throw error;
  }
  return copied;
}

// The state a one-off command (build) may use: the folder itself when no server holds it, else a private copy of its store.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LOCK_FILE, StateLockedError, lockStateDir, makeStateDir, stateDirHolder } from './state-lock.js';
import { STATE_FILE } from './state-errors.js';
const COPY_PREFIX = 'feedpub-build-state-';
/**
 * Remove the copies that builds killed midway left behind (each the size of the store: the attack
 * trial found one per interrupted build): those whose build no longer runs, or, without a mark
 * yet, older than a minute.
 */
async function sweepCopies() {
    const tmp = os.tmpdir();
    for (const name of await readdir(tmp).catch(() => [])) {
        if (!name.startsWith(COPY_PREFIX))
            continue;
        const dir = path.join(tmp, name);
        if (stateDirHolder(dir))
            continue;
        const marked = existsSync(path.join(dir, LOCK_FILE));
        const age = Date.now() - ((await stat(dir).catch(() => undefined))?.mtimeMs ?? Date.now());
        // One this user cannot remove (another user's) is left: it is not ours to clean, and no reason to stop.
        if (marked || age > 60_000)
            await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
}
/**
 * Take `stateDir` for the length of a build when it is free, so that no server starts on it
 * meanwhile. When a live server holds it, copy its store with SQLite's online backup through a
 * read-only connection (the server's writes go on; the copy is one consistent moment) into a
 * temporary folder: the build sees the same ids and dates and never writes the served file.
 */
export async function stateForBuild(stateDir) {
    // A first build makes the folder, and holds it like any other, so no server starts on it meanwhile.
    makeStateDir(stateDir);
    try {
        const lock = lockStateDir(stateDir);
        return { stateDir, copied: false, release: async () => lock.release() };
    }
    catch (error) {
        if (!(error instanceof StateLockedError))
            throw error;
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
    if (!existsSync(file))
        return { stateDir: copy, copied: true, release };
    try {
        const source = new Database(file, { readonly: true, fileMustExist: true });
        try {
            await source.backup(path.join(copy, STATE_FILE));
        }
        finally {
            source.close();
        }
    }
    catch (error) {
        await release();
        throw error;
    }
    return { stateDir: copy, copied: true, release };
}
//# sourceMappingURL=state-copy.js.map
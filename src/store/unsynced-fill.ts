// A new store's first fill, written without waiting for the disk, and started again if the machine stopped before it was synced.
import { closeSync, existsSync, fsync, fsyncSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Beside `state.db` while its first fill is written unsynced. SQLite without syncs survives a
 * killed process but not a power cut or a kernel crash, which can leave the file torn. A store
 * that was empty when its fill began holds no id anyone has seen (nothing is served before the
 * first scan ends), so when the mark is found at open the store is simply started again.
 */
const MARK = '.filling';

/**
 * Waiting for the disk at each checkpoint (every 64 MB of log) took 1.3 s of the 100,000-story
 * first start, on the thread that stores; the first start now syncs once, at its end.
 */
export function beginUnsyncedFill(file: string): void {
  const mark = file + MARK;
  writeFileSync(mark, 'feedpub is writing the first fill of state.db without syncs; found at start, the fill is begun again\n');
  // The mark must be on the disk before any unsynced page is.
  syncPath(mark);
  syncPath(path.dirname(file));
}

/**
 * Start writing the store's pages to the disk in the background (libuv's pool), if that is not
 * under way: the kernel would otherwise hold them all (hundreds of MB at 100,000 stories) for
 * the one sync at the end, which the first start waited 1.2 s for. Only speed depends on it.
 */
export function flushAhead(file: string, state: { flushing: boolean }): void {
  if (state.flushing) return;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return;
  }
  state.flushing = true;
  fsync(fd, () => {
    closeSync(fd);
    state.flushing = false;
  });
}

/** Make the fill durable (the store and its log, whatever the checkpoint managed), then drop the mark. */
export function endUnsyncedFill(file: string): void {
  syncPath(file);
  if (existsSync(`${file}-wal`)) syncPath(`${file}-wal`);
  rmSync(file + MARK, { force: true });
  syncPath(path.dirname(file));
}

/**
 * At open: undo a fill that never reached its end (the process or the machine stopped during a
 * first scan). True when one was undone: the next scan reads every file again, as it would have.
 */
export function undoUnsyncedFill(file: string): boolean {
  if (!existsSync(file + MARK)) return false;
  for (const suffix of ['-wal', '-shm', '']) rmSync(file + suffix, { force: true });
  rmSync(file + MARK, { force: true });
  syncPath(path.dirname(file));
  return true;
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

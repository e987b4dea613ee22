// File system faults for tests: a small tmpfs to fill, where the machine lets us mount one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A small tmpfs (3 MB unless said), where the machine lets us mount one (root, no container veto); else undefined. */
export function smallTmpfs(size = '3m'): string | undefined {
  const dir = path.join(os.tmpdir(), `feedpub-full-${process.pid}-${Date.now()}`);
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    rmdirSync(dir);
    return undefined;
  }
}
export const CAN_MOUNT = (() => {
  const dir = smallTmpfs();
  if (dir) {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  }
  return dir !== undefined;
})();

/** Fill the file system holding `dir` to the last byte. */
export async function fill(dir: string): Promise<string> {
  const file = path.join(dir, 'filler');
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // Byte by byte for the last partial block.
  try {
    for (;;) await handle.write(Buffer.alloc(1024, 1));
  } catch {
    // full
  } finally {
    await handle.close();
  }
  return file;
}

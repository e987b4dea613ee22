// A file of the user's where a build now writes (a page, its .gz, an image): kept under `.feedpub-replaced/<build time>/`, never overwritten.
import { lstatSync } from 'node:fs';
import { copyFile, link, lstat, mkdir, readlink, rename, symlink } from 'node:fs/promises';
import path from 'node:path';

/** The folder, in the build folder, where files of the user's that a page now replaces are kept. */
export const REPLACED_FOLDER = '.feedpub-replaced';

/** A file no build wrote, at a path this build writes, and where it was kept (relative to the build folder). */
export interface Replaced {
  file: string;
  /** Undefined when it could not be kept (the new tree is written without it). */
  keptAt?: string;
}

/**
 * The user's files that this build replaces: `build.replaced-other` names each and where it went.
 * Before, a build in place wrote over such a file without a word, and a new tree dropped it (attack
 * trial). Kept in the build folder (one rename, the same file system; the file was public there
 * already), under this build's time, so two builds never write over each other's.
 */
export class OthersAside {
  readonly replaced: Replaced[] = [];
  private readonly stamp = new Date().toISOString().replace(/[:.]/g, '-');

  keptAt(rel: string): string {
    return `${REPLACED_FOLDER}/${this.stamp}/${rel}`;
  }

  /**
   * In place, before a document or copied file is written at `rels` (its files, relative to
   * `outDir`; none of them this build's, by its manifest or pending list): move away those that are
   * there. A move that fails throws, so the document is reported and not written, and the file stays.
   */
  async moveAside(outDir: string, rels: readonly string[]): Promise<void> {
    for (const rel of rels.filter((r) => isFileOrLink(path.join(outDir, r)))) {
      const keptAt = this.keptAt(rel);
      await folderIn(outDir, path.dirname(keptAt));
      await rename(path.join(outDir, rel), path.join(outDir, keptAt));
      this.replaced.push({ file: rel, keptAt });
    }
  }

  /**
   * In a new tree (`temp`), where `rel` of the old tree (`from`) cannot go: linked (a link made
   * again, a copy where a hard link is refused) under REPLACED_FOLDER. Throws when it cannot be:
   * the build then stops before the swap, and the old tree stays whole.
   */
  async linkAside(from: string, temp: string, rel: string): Promise<void> {
    const keptAt = this.keptAt(rel);
    const to = path.join(temp, keptAt);
    await folderIn(temp, path.dirname(keptAt));
    if ((await lstat(from)).isSymbolicLink()) await symlink(await readlink(from), to);
    else await link(from, to).catch(() => copyFile(from, to));
    this.replaced.push({ file: rel, keptAt });
  }
}

/**
 * Make the folder `rel` in `base`, one level at a time, through no link: a `.feedpub-replaced`
 * that is a link of the user's would have the build write where it points (attack trial).
 */
async function folderIn(base: string, rel: string): Promise<void> {
  let dir = base;
  for (const part of rel.split('/')) {
    dir = path.join(dir, part);
    try {
      await mkdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const st = await lstat(dir);
      if (!st.isDirectory()) throw new Error(`${path.relative(base, dir)} in the build folder is not a folder (a link, or a file): files are never kept through it`);
    }
  }
}

function isFileOrLink(file: string): boolean {
  try {
    const st = lstatSync(file);
    return st.isFile() || st.isSymbolicLink();
  } catch {
    return false;
  }
}

// The files a build copies as they are: the public assets, and the images saved beside the stories.
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { imageType } from '../core/media.js';
import { DESK_ASSETS, buildFile, paths } from '../core/routes.js';
import { MAX_DEPTH, isIgnoredName } from '../watch/ignore-rules.js';

/** A file to copy: where it is, and a stamp (size and time) that changes when it does. */
export interface CopiedFile {
  from: string;
  stamp: string;
}

/**
 * Every file to copy, by its path inside the build folder: `publicDir`'s assets at the top, each
 * image under `articlesDir` at its URL path (never through a symbolic link, no hidden names, only
 * those a published story names or shows: `isPublic`).
 */
export async function filesToCopy(
  publicDir: string,
  articlesDir: string,
  isPublic: (relPath: string) => boolean = () => true,
): Promise<Map<string, CopiedFile>> {
  const files = new Map<string, CopiedFile>();
  await walk(publicDir, '', 0, async (from, rel) => {
    if (!DESK_ASSETS.has(`/${rel}`)) files.set(rel, { from, stamp: await stampOf(from) });
  });
  await walk(articlesDir, '', 0, async (from, rel) => {
    if (imageType(rel) === undefined || !isPublic(rel)) return;
    files.set(buildFile(paths.image(rel), 'file'), { from, stamp: await stampOf(from) });
  });
  return files;
}

async function stampOf(file: string): Promise<string> {
  // ctime and inode too: a copy that keeps size and time (cp --preserve) still changes the ctime.
  const s = await stat(file);
  return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
}

/** Call `found` for each regular file under `dir` with its `/`-separated path relative to the walk's start. */
async function walk(dir: string, rel: string, depth: number, found: (from: string, rel: string) => Promise<unknown>): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (isIgnoredName(entry.name)) continue;
    const from = path.join(dir, entry.name);
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory() && depth < MAX_DEPTH) await walk(from, childRel, depth + 1, found);
    else if (entry.isFile()) await found(from, childRel);
  }
}

// Write a snapshot to a folder for nginx or a CDN: every document with .gz and .br beside it, swapped in atomically.
import type { Dirent } from 'node:fs';
import { copyFile, cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { imageType } from '../core/media.js';
import { buildFile, paths } from '../core/routes.js';
import type { SnapshotDoc } from '../snapshot/snapshot.js';
import { MAX_DEPTH, isIgnoredName } from '../watch/ignore-rules.js';
import { BUILD_MARK } from './build-target.js';

export interface BuildFolders {
  /** Static assets copied first (style.css, feed.xsl, robots.txt). */
  publicDir: string;
  /** The articles folder: the images saved beside the stories are copied to `articles/`. */
  articlesDir: string;
  outDir: string;
}

/**
 * Write every document (with its .gz and .br), `publicDir`'s assets and the stories' images
 * into `outDir`, each at the path core/routes.ts gives it. The new tree is built in a temporary
 * sibling folder and renamed into place, so a reader never sees half a build.
 */
export async function writeBuild(documents: Iterable<SnapshotDoc>, folders: BuildFolders): Promise<number> {
  const { publicDir, articlesDir, outDir } = folders;
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(outDir);
  const temp = path.join(parent, `.${base}.tmp-${process.pid}`);
  const old = path.join(parent, `.${base}.old-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  await cp(publicDir, temp, { recursive: true });
  await writeFile(path.join(temp, BUILD_MARK), 'Written by feedpub build: a later build replaces this folder whole.\n');
  let files = 0;
  for (const doc of documents) {
    const file = path.join(temp, buildFile(doc.path));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, doc.identity.body);
    await writeFile(`${file}.gz`, doc.gzip.body);
    await writeFile(`${file}.br`, doc.br.body);
    files += 3;
  }
  files += await copyImages(articlesDir, temp, '');
  let hadOld = false;
  try {
    await rename(outDir, old);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(temp, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
  return files;
}

/** Copy the images saved beside the stories to their URL paths (never through a symbolic link, no hidden names). */
async function copyImages(fromDir: string, outDir: string, rel: string, depth = 0): Promise<number> {
  let copied = 0;
  let entries: Dirent[];
  try {
    entries = await readdir(fromDir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (isIgnoredName(entry.name)) continue;
    const from = path.join(fromDir, entry.name);
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory() && depth < MAX_DEPTH) copied += await copyImages(from, outDir, childRel, depth + 1);
    else if (entry.isFile() && imageType(entry.name) !== undefined) {
      const to = path.join(outDir, buildFile(paths.image(childRel), 'file'));
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(from, to);
      copied++;
    }
  }
  return copied;
}

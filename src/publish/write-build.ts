// Write a snapshot to a folder for nginx or a CDN: every document with .gz and .br beside it, swapped in atomically.
import type { Dirent } from 'node:fs';
import { copyFile, cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { imageType } from '../core/media.js';
import { MAX_DEPTH, isIgnoredName } from '../watch/ignore-rules.js';
import { BUILD_MARK } from './build-target.js';
import type { SnapshotDoc } from './snapshot.js';

/** File path (relative) for a URL path: `/` → `index.html`, `/articles/a%20b` → `articles/a b.html`, `/categories/x/` → `categories/x/index.html`. */
export function filePathForUrl(urlPath: string): string {
  if (urlPath === '/') return 'index.html';
  if (urlPath.endsWith('/')) return `${filePathForUrl(urlPath.slice(0, -1)).replace(/\.html$/, '')}/index.html`;
  const segments = urlPath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  if (segments.some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))) {
    throw new Error(`refusing to write unsafe path ${urlPath}`);
  }
  const file = segments.join('/');
  return path.extname(file) === '' || segments[0] === 'articles' ? `${file}.html` : file;
}

/**
 * Write every document (plus `publicDir`'s assets) into `outDir`. The new tree is built in a
 * temporary sibling folder and renamed into place, so a reader never sees half a build.
 */
export async function writeBuild(
  documents: Iterable<SnapshotDoc>,
  publicDir: string,
  outDir: string,
  articlesDir?: string,
): Promise<number> {
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
    const file = path.join(temp, filePathForUrl(doc.path));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, doc.identity.body);
    await writeFile(`${file}.gz`, doc.gzip.body);
    await writeFile(`${file}.br`, doc.br.body);
    files += 3;
  }
  if (articlesDir) files += await copyImages(articlesDir, path.join(temp, 'articles'));
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

/** Copy the images saved beside the stories (never through a symbolic link, no hidden names). */
async function copyImages(fromDir: string, toDir: string, depth = 0): Promise<number> {
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
    const to = path.join(toDir, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) copied += await copyImages(from, to, depth + 1);
    else if (entry.isFile() && imageType(entry.name) !== undefined) {
      await mkdir(toDir, { recursive: true });
      await copyFile(from, to);
      copied++;
    }
  }
  return copied;
}

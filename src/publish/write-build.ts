// Write a snapshot to a folder for nginx or a CDN: every document with .gz and .br beside it, unchanged ones linked from the last build, swapped in atomically.
import type { Dirent } from 'node:fs';
import { chmod, copyFile, cp, link, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { imageType } from '../core/media.js';
import { buildFile, paths } from '../core/routes.js';
import { compressForBuild } from '../snapshot/encode.js';
import type { SnapshotDoc } from '../snapshot/snapshot.js';
import { MAX_DEPTH, isIgnoredName } from '../watch/ignore-rules.js';
import { BUILD_MARK, type BuildGuards, checkBuildTarget } from './build-target.js';

export interface BuildFolders {
  /** Static assets copied first (style.css, feed.xsl, robots.txt). */
  publicDir: string;
  /** The articles folder: the images saved beside the stories are copied to `articles/`. */
  articlesDir: string;
  outDir: string;
}

/** The previous build's documents by URL path: their ETag value (a hash of the bytes). Written into every build. */
export const BUILD_MANIFEST = '.feedpub-manifest.json';
/** Documents in flight: zlib has four threads; more only queues buffers (each brotli stream holds megabytes). */
const WRITE_PARALLEL = 4;

/**
 * Write every document (with its .gz and .br), `publicDir`'s assets and the stories' images
 * into `outDir`, each at the path core/routes.ts gives it. The new tree is built in a temporary
 * sibling folder and renamed into place, so a reader never sees half a build.
 *
 * A document whose bytes are those of the previous build (same tag in its BUILD_MANIFEST) is
 * hard-linked from it, not compressed or written again: after one story changed, only its page
 * and the documents that list it are new bytes. Files keep their time, so nginx's ETags hold.
 */
export async function writeBuild(documents: Iterable<SnapshotDoc>, folders: BuildFolders, guards?: BuildGuards): Promise<number> {
  const { publicDir, articlesDir, outDir } = folders;
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(outDir);
  const temp = path.join(parent, `.${base}.tmp-${process.pid}`);
  const old = path.join(parent, `.${base}.old-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  await cp(publicDir, temp, { recursive: true });
  await writeFile(path.join(temp, BUILD_MARK), 'Written by feedpub build: a later build replaces this folder whole.\n');
  const before = await readManifest(outDir);
  const manifest: Record<string, string> = {};
  const made = new Map<string, Promise<unknown>>();
  let files = 0;
  const write = async (doc: SnapshotDoc) => {
    const rel = buildFile(doc.path);
    const file = path.join(temp, rel);
    const dir = path.dirname(file);
    // One mkdir per folder, awaited by every document in it (they are written concurrently).
    let folder = made.get(dir);
    if (!folder) {
      folder = mkdir(dir, { recursive: true });
      made.set(dir, folder);
    }
    await folder;
    manifest[doc.path] = doc.tag;
    if (before[doc.path] === doc.tag && (await linkAll(path.join(outDir, rel), file))) return;
    const body = doc.identity.body;
    const { gzip, br } = await compressForBuild(body);
    await Promise.all([writeFile(file, body), writeFile(`${file}.gz`, gzip), writeFile(`${file}.br`, br)]);
  };
  const running = new Set<Promise<void>>();
  for (const doc of documents) {
    const job = write(doc).finally(() => running.delete(job));
    running.add(job);
    files += 3;
    if (running.size >= WRITE_PARALLEL) await Promise.race(running);
  }
  await Promise.all(running);
  await writeFile(path.join(temp, BUILD_MANIFEST), `${JSON.stringify(manifest)}\n`);
  files += await copyImages(articlesDir, temp, '');
  // Checked again at the swap: the folder may have changed during the minutes a large build takes.
  if (guards) checkBuildTarget(outDir, guards);
  let hadOld = false;
  try {
    // The new folder keeps the permissions of the one it replaces.
    await chmod(temp, (await stat(outDir)).mode & 0o7777);
    await rename(outDir, old);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(temp, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
  return files;
}

/** The last build's manifest, or nothing (no build yet, an older feedpub's, or unreadable: everything is written). */
async function readManifest(outDir: string): Promise<Record<string, string>> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, BUILD_MANIFEST), 'utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Hard-link a document's three files from the last build; false (and nothing left half-done) when any is missing. */
async function linkAll(from: string, to: string): Promise<boolean> {
  const suffixes = ['', '.gz', '.br'];
  try {
    for (const s of suffixes) await link(from + s, to + s);
    return true;
  } catch {
    await Promise.all(suffixes.map((s) => rm(to + s, { force: true })));
    return false;
  }
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

// Write a snapshot to a folder for nginx or a CDN: every document with .gz and .br beside it, as a new tree swapped in whole, or only what changed replaced in place.
import { existsSync } from 'node:fs';
import { chmod, copyFile, link, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildFile } from '../core/routes.js';
import type { SnapshotItem } from '../snapshot/snapshot.js';
import { WritePool } from '../workers/write-pool.js';
import { type CopiedFile, filesToCopy } from './build-files.js';
import {
  FolderMaker,
  foldersAreReal,
  inParallel,
  isFile,
  lockBuildFolder,
  removeEmptyFolders,
  removeLeftovers,
  throughLink,
} from './build-folder.js';
import { type BuildManifest, type BuiltDocument, emptyManifest, readManifest, writeManifest } from './build-manifest.js';
import { BUILD_MARK, type BuildGuards, checkBuildTarget } from './build-target.js';

export { BUILD_MANIFEST } from './build-manifest.js';

export interface BuildFolders {
  /** Static assets copied first (style.css, feed.xsl, desk files). */
  publicDir: string;
  /** The articles folder: the images saved beside the stories are copied to `articles/`. */
  articlesDir: string;
  outDir: string;
}

/**
 * Documents in flight: enough that the write pool's workers always have the next one while the
 * main thread renders, few enough that the rendered bodies waiting are a few megabytes.
 */
const WRITE_PARALLEL = 32;
const ENCODINGS = ['', '.gz', '.br'] as const;

/**
 * Write every document (with its .gz and .br), `publicDir`'s assets and the stories' images into
 * `outDir`, each at the path core/routes.ts gives it. Returns the number of files in the build.
 *
 * A document made from the same sources as in the previous build (same key in its manifest) is
 * left as it is without being rendered. When most of the previous build stays (one story
 * edited), only what changed is replaced in place: each file whole, pages before the feeds and
 * lists that link them, removals last. Otherwise (first build, new settings or feedpub) a new
 * tree is built beside it and swapped in, so a reader never sees half of it.
 */
export async function writeBuild(documents: Iterable<SnapshotItem>, given: BuildFolders, guards?: BuildGuards): Promise<BuildResult> {
  // A link to the web server's folder stays a link: the build goes where it points.
  const folders = { ...given, outDir: throughLink(given.outDir) };
  const release = lockBuildFolder(folders.outDir);
  try {
    return await writeLocked(documents, folders, guards);
  } finally {
    release();
  }
}

/** What a build wrote: files in the folder, documents written this time, and the documents it could not write (with why). */
export interface BuildResult {
  files: number;
  /** Documents rendered and written by this build (the others were kept, or linked from the last tree). */
  written: number;
  skipped: { path: string; reason: string }[];
}

async function writeLocked(documents: Iterable<SnapshotItem>, folders: BuildFolders, guards?: BuildGuards): Promise<BuildResult> {
  const { publicDir, articlesDir, outDir } = folders;
  await removeLeftovers(outDir);
  const items = [...documents];
  const files = await filesToCopy(publicDir, articlesDir);
  const before = await readManifest(outDir);
  let keyed = 0;
  let stale = 0;
  for (const item of items) {
    if (item.key === undefined) continue;
    keyed++;
    if (before.documents.get(item.path)?.key !== item.key) stale++;
  }
  // Every file written or removed in place, old and new.
  const touched = () => [
    ...[...items.map((i) => i.path), ...before.documents.keys()].flatMap((p) => safeBuildFile(p) ?? []),
    ...files.keys(),
    ...before.files.keys(),
  ];
  const inPlace = keyed > 0 && stale * 2 < keyed && existsSync(path.join(outDir, BUILD_MARK)) && foldersAreReal(outDir, touched());
  // Checked again before writing: the folder may have changed during the minutes a large build takes.
  if (guards && inPlace) checkBuildTarget(outDir, guards);
  const skipped: BuildResult['skipped'] = [];
  // One document that cannot be written (a story whose page path is another story's folder) is
  // reported, never the end of the build.
  const guarded = (write: (item: SnapshotItem) => Promise<void>) => async (item: SnapshotItem) => {
    try {
      await write(item);
    } catch (error) {
      skipped.push({ path: item.path, reason: (error as Error).message });
    }
  };
  const pool = new WritePool();
  try {
    const manifest = inPlace
      ? await updateTree(items, files, before, { outDir, pool }, guarded)
      : await replaceTree(items, files, before, { outDir, pool }, guarded, guards);
    return { files: manifest.documents.size * ENCODINGS.length + manifest.files.size, written: pool.written, skipped };
  } finally {
    pool.close();
  }
}

/** Where a build writes: its folder, and the workers that compress and write each document. */
interface Target {
  outDir: string;
  pool: WritePool;
}

/** Where a document goes, or undefined for a path that cannot be a file (reported when it is written). */
function safeBuildFile(urlPath: string): string | undefined {
  try {
    return buildFile(urlPath);
  } catch {
    return undefined;
  }
}

type Guarded = (write: (item: SnapshotItem) => Promise<void>) => (item: SnapshotItem) => Promise<void>;

/** Build a new tree beside `outDir` and rename it into place; documents whose bytes are unchanged are hard-linked from the old one. */
async function replaceTree(
  items: SnapshotItem[],
  files: Map<string, CopiedFile>,
  before: BuildManifest,
  { outDir, pool }: Target,
  guarded: Guarded,
  guards?: BuildGuards,
): Promise<BuildManifest> {
  // Files are linked from the old tree only when no folder of it is a link out of it.
  const linkable = foldersAreReal(
    outDir,
    [...before.documents.keys()].map((p) => buildFile(p)),
  );
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(outDir);
  const temp = path.join(parent, `.${base}.tmp-${process.pid}`);
  const old = path.join(parent, `.${base}.old-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  await writeFile(path.join(temp, BUILD_MARK), 'Written by feedpub build: a later build updates or replaces this folder.\n');
  const manifest = emptyManifest();
  const dirs = new FolderMaker();
  for (const [rel, file] of files) {
    await dirs.make(path.dirname(path.join(temp, rel)));
    await copyFile(file.from, path.join(temp, rel));
    manifest.files.set(rel, file.stamp);
  }
  await inParallel(
    WRITE_PARALLEL,
    items,
    guarded(async (item) => {
      const rel = buildFile(item.path);
      const to = path.join(temp, rel);
      await dirs.make(path.dirname(to));
      const from = path.join(outDir, rel);
      await placeDocument(
        item,
        { last: before.documents.get(item.path), into: manifest },
        () => linkable && linkAll(from, to),
        (body) => pool.write(body, [to, `${to}.gz`, `${to}.br`]),
      );
    }),
  );
  await writeManifest(temp, manifest);
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
  return manifest;
}

/**
 * Replace in `outDir` only the files whose sources changed, each written beside it and renamed
 * over it. Copied files and story pages first, then the documents that link them (keyed lists,
 * then the feeds, home page and sitemaps), then removals, then the manifest: a reader never
 * follows a link to a page not yet written, and an interrupted build is finished by the next.
 */
async function updateTree(
  items: SnapshotItem[],
  files: Map<string, CopiedFile>,
  before: BuildManifest,
  { outDir, pool }: Target,
  guarded: Guarded,
): Promise<BuildManifest> {
  const staging = path.join(outDir, `.feedpub-staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  const manifest = emptyManifest();
  const dirs = new FolderMaker();
  let n = 0;
  const temp = () => path.join(staging, String(n++));
  const moveInto = async (from: string, to: string) => {
    try {
      await rename(from, to);
    } catch (error) {
      // A folder where the file goes (made by hand, or left by something else): a first build has none.
      if (!['EISDIR', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await rm(to, { recursive: true, force: true });
      await rename(from, to);
    }
  };
  try {
    for (const [rel, file] of files) {
      const to = path.join(outDir, rel);
      if (before.files.get(rel) !== file.stamp || !isFile(to)) {
        await dirs.make(path.dirname(to));
        const copied = temp();
        await copyFile(file.from, copied);
        await moveInto(copied, to);
      }
      manifest.files.set(rel, file.stamp);
    }
    const update = async (item: SnapshotItem) => {
      const to = path.join(outDir, buildFile(item.path));
      const last = before.documents.get(item.path);
      await placeDocument(
        item,
        { last, into: manifest },
        () => last !== undefined && isFile(to),
        async (body) => {
          await dirs.make(path.dirname(to));
          const written = [temp(), temp(), temp()] as const;
          await pool.write(body, written);
          // Each file whole, the page before its compressed copies (a server may prefer those).
          await moveInto(written[0], to);
          await moveInto(written[1], `${to}.gz`);
          await moveInto(written[2], `${to}.br`);
        },
      );
    };
    // Keyed documents (story pages, then the facet and archive lists) are all written before the front feeds and sitemaps start.
    await inParallel(
      WRITE_PARALLEL,
      items.filter((i) => i.key !== undefined),
      guarded(update),
    );
    await inParallel(
      WRITE_PARALLEL,
      items.filter((i) => i.key === undefined),
      guarded(update),
    );
    const emptied = new Set<string>();
    for (const docPath of before.documents.keys()) {
      if (manifest.documents.has(docPath)) continue;
      const gone = path.join(outDir, buildFile(docPath));
      await Promise.all(ENCODINGS.map((suffix) => rm(gone + suffix, { force: true })));
      emptied.add(path.dirname(gone));
    }
    for (const rel of before.files.keys()) {
      if (manifest.files.has(rel)) continue;
      await rm(path.join(outDir, rel), { force: true });
      emptied.add(path.dirname(path.join(outDir, rel)));
    }
    await removeEmptyFolders(outDir, emptied);
    await writeManifest(outDir, manifest);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return manifest;
}

/**
 * One document, in a new tree or in place: kept as it is, not even rendered, when its key is the
 * last build's and `keep` can keep its files; else rendered, and kept when its bytes are the
 * same; else its body is `put` (with its gzip and brotli, by the write pool's workers: creating
 * a file can take milliseconds on a busy disk, and compressing as long as rendering). It enters the manifest only once its files are in place, so a write
 * that failed is tried again by the next build.
 */
async function placeDocument(
  item: SnapshotItem,
  manifest: { last: BuiltDocument | undefined; into: BuildManifest },
  keep: () => boolean | Promise<boolean>,
  put: (body: Buffer) => Promise<unknown>,
): Promise<void> {
  const { last, into } = manifest;
  if (item.key !== undefined && last?.key === item.key && (await keep())) {
    into.documents.set(item.path, last);
    return;
  }
  const doc = item.doc();
  if (!doc) return;
  if (!(last?.tag === doc.tag && (await keep()))) await put(doc.identity.body);
  into.documents.set(item.path, { tag: doc.tag, ...(item.key === undefined ? {} : { key: item.key }) });
}

/** Hard-link a document's three files from the last build; false (and nothing left half-done) when any is missing. */
async function linkAll(from: string, to: string): Promise<boolean> {
  // Never a link: a hard link to a symbolic link would carry it, and what it points to, into the new tree.
  if (!ENCODINGS.every((s) => isFile(from + s))) return false;
  try {
    for (const s of ENCODINGS) await link(from + s, to + s);
    return true;
  } catch {
    await Promise.all(ENCODINGS.map((s) => rm(to + s, { force: true })));
    return false;
  }
}

// Write a snapshot to a folder for nginx or a CDN: every document (the polled ones with .gz and .br beside them), as a new tree swapped in whole, or only what changed replaced in place.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SnapshotItem } from '../snapshot/snapshot.js';
import { WritePool } from '../workers/write-pool.js';
import { filesToCopy } from './build-files.js';
import { foldersAreReal, lockBuildFolder, removeLeftovers, throughLink } from './build-folder.js';
import { updateTree } from './build-in-place.js';
import { readManifest, readPending } from './build-manifest.js';
import { documentFile, forgetDocumentFiles } from './build-paths.js';
import { replaceTree } from './build-new-tree.js';
import { BUILD_MARK, type BuildGuards, BuildTargetError, checkBuildTarget } from './build-target.js';
import { type Precompress, writtenPlain } from './build-precompress.js';
import { OthersAside, type Replaced } from './others-aside.js';
import { BuildFailures, suffixesOf } from './place-document.js';

export { BUILD_MANIFEST } from './build-manifest.js';

export interface BuildFolders {
  /** Static assets copied first (style.css, feed.xsl, desk files). */
  publicDir: string;
  /** The articles folder: the images saved beside the stories are copied to `articles/`. */
  articlesDir: string;
  /** An image a published story names or shows: only those are copied. */
  imagePublic?: (relPath: string) => boolean;
  outDir: string;
}

/**
 * Write every document (with its .gz and .br as `precompress` says), `publicDir`'s assets and the stories' images into
 * `outDir`, each at the path core/routes.ts gives it. Returns the number of files in the build.
 *
 * A document made from the same sources as in the previous build (same key in its manifest) is
 * left as it is without being rendered. When most of the previous build stays (one story
 * edited), only what changed is replaced in place: each file whole, pages before the feeds and
 * lists that link them, removals last. Otherwise (first build, new settings or feedpub) a new
 * tree is built beside it and swapped in, so a reader never sees half of it.
 */
export async function writeBuild(
  documents: Iterable<SnapshotItem>,
  given: BuildFolders,
  guards?: BuildGuards,
  precompress: Precompress = 'feeds',
): Promise<BuildResult> {
  // A link to the web server's folder stays a link: the build goes where it points.
  const folders = { ...given, outDir: throughLink(given.outDir) };
  const release = lockBuildFolder(folders.outDir);
  try {
    return await writeLocked(documents, folders, precompress, guards);
  } catch (error) {
    // A folder the build cannot write at all (read-only, full) is the operator's to fix: said plainly.
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT'].includes(code)) throw error;
    throw new BuildTargetError(`cannot write the build into ${folders.outDir}: ${(error as Error).message}`, { cause: error });
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
  /** Files whose paths differ only by letter case or Unicode form: one file on macOS or Windows (caseClashes). */
  clashes: string[][];
  /** Files in the folder that no build wrote, carried into a replaced tree (build-new-tree.ts keepOthers). */
  kept: string[];
  /** Such files where this build now writes, and where they were kept (publish/others-aside.ts). */
  replaced: Replaced[];
}

/**
 * Paths (relative, as written) that a file system blind to case and to Unicode forms (macOS,
 * Windows, a sync through them) takes for one: `categories/AFP/` and `categories/afp/`. There
 * the second overwrites the first (attack trial: no word of it). At most `limit` groups.
 */
export function caseClashes(paths: Iterable<string>, limit = 20): string[][] {
  const byKey = new Map<string, string[]>();
  for (const p of paths) {
    const key = p.normalize('NFC').toLowerCase();
    const group = byKey.get(key);
    if (group) group.push(p);
    else byKey.set(key, [p]);
  }
  return [...byKey.values()].filter((g) => g.length > 1).slice(0, limit);
}

async function writeLocked(
  documents: Iterable<SnapshotItem>,
  folders: BuildFolders,
  precompress: Precompress,
  guards?: BuildGuards,
): Promise<BuildResult> {
  const pool = new WritePool();
  pool.warm();
  try {
    return await writeWith(pool, documents, folders, precompress, guards);
  } finally {
    pool.close();
    forgetDocumentFiles();
  }
}

async function writeWith(
  pool: WritePool,
  documents: Iterable<SnapshotItem>,
  folders: BuildFolders,
  precompress: Precompress,
  guards?: BuildGuards,
): Promise<BuildResult> {
  const { publicDir, articlesDir, outDir } = folders;
  await removeLeftovers(outDir);
  const items = [...documents];
  const files = await filesToCopy(publicDir, articlesDir, folders.imagePublic);
  const before = await readManifest(outDir);
  const pending = await readPending(outDir);
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
    // A killed build's files are removed in place too: never through a link (the list is in the folder, anyone's to edit).
    ...pending,
  ];
  const inPlace = keyed > 0 && stale * 2 < keyed && existsSync(path.join(outDir, BUILD_MARK)) && foldersAreReal(outDir, touched());
  // Checked again before writing: the folder may have changed during the minutes a large build takes.
  if (guards && inPlace) checkBuildTarget(outDir, guards);
  const failures = new BuildFailures();
  const target = { outDir, pool, plain: (urlPath: string) => writtenPlain(urlPath, precompress), aside: new OthersAside() };
  const kept: string[] = [];
  const manifest = inPlace
    ? await updateTree(items, files, { ...before, pending }, target, failures)
    : await replaceTree(items, files, before, target, failures, guards, kept);
  const { written, skipped } = failures;
  let count = manifest.files.size;
  for (const doc of manifest.documents.values()) count += suffixesOf(doc).length;
  const clashes = caseClashes([...[...manifest.documents.keys()].flatMap((p) => safeBuildFile(p) ?? []), ...manifest.files.keys()]);
  return { files: count, written, skipped, clashes, kept, replaced: target.aside.replaced };
}

/** Where a document goes, or undefined for a path that cannot be a file (reported when it is written). */
function safeBuildFile(urlPath: string): string | undefined {
  try {
    return documentFile(urlPath);
  } catch {
    return undefined;
  }
}

// A build that replaces, in the folder, only the files whose sources changed: each file whole, in an order no reader can trip on.
import { copyFile, mkdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { SnapshotItem } from '../snapshot/snapshot.js';
import type { CopiedFile } from './build-files.js';
import { FileListing, FolderMaker, inParallel, isFile, removeEmptyFolders } from './build-folder.js';
import { documentFile } from './build-paths.js';
import {
  BUILD_MANIFEST,
  type BuildManifest,
  emptyManifest,
  removePending,
  writeManifest,
  writePending,
} from './build-manifest.js';
import type { OthersAside } from './others-aside.js';
import { type BuildFailures, ENCODINGS, type Target, WRITE_PARALLEL, keptAsItWas, placeDocument, suffixesOf } from './place-document.js';

/**
 * Replace in `outDir` only the files whose sources changed, each written beside it and renamed
 * over it. Copied files and story pages first, then the documents that link them (keyed lists,
 * then the feeds, home page and sitemaps), then removals, then the manifest: a reader never
 * follows a link to a page not yet written, and an interrupted build is finished by the next.
 * A document that could not be replaced keeps its last files, and one that could not be removed
 * stays in the manifest: the next build tries both again.
 */
export async function updateTree(
  items: SnapshotItem[],
  files: Map<string, CopiedFile>,
  /** The last build's manifest, and the files a killed build may have written (BUILD_PENDING). */
  before: BuildManifest & { pending: ReadonlySet<string> },
  { outDir, pool, plain, aside }: Target,
  failures: BuildFailures,
): Promise<BuildManifest> {
  const staging = path.join(outDir, `.feedpub-staging-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging);
  const manifest = emptyManifest();
  const dirs = new FolderMaker();
  let n = 0;
  const temp = () => path.join(staging, String(n++));
  const { pending } = before;
  try {
    const blocked = await clearNewPaths(items, files, before, pending, outDir, aside, failures);
    for (const [rel, file] of files) {
      const to = path.join(outDir, rel);
      if (blocked.has(rel)) continue;
      if (before.files.get(rel) !== file.stamp || !isFile(to)) {
        await dirs.make(path.dirname(to));
        const copied = temp();
        await copyFile(file.from, copied);
        await moveInto(copied, to);
      }
      manifest.files.set(rel, file.stamp);
    }
    const listed = new FileListing();
    const update = async (item: SnapshotItem) => {
      if (blocked.has(item.path)) return;
      const to = path.join(outDir, documentFile(item.path));
      const last = before.documents.get(item.path);
      const uncompressed = plain(item.path);
      const wrote = await placeDocument(
        item,
        { last, into: manifest, plain: uncompressed },
        // Kept only when every file of it is there (a build killed midway may have removed a .gz).
        () => last !== undefined && suffixesOf(last).every((suffix) => listed.has(to + suffix)),
        async (body, owned) => {
          await dirs.make(path.dirname(to));
          if (uncompressed) {
            const written = temp();
            await pool.write(body, [written], owned);
            // The last build's compressed copies go first: a server that prefers them would serve the old page.
            await Promise.all(['.gz', '.br'].map((suffix) => rm(to + suffix, { force: true })));
            await moveInto(written, to);
            return;
          }
          const written = [temp(), temp(), temp()] as const;
          await pool.write(body, written, owned);
          // Each file whole, the page before its compressed copies (a server may prefer those).
          await moveInto(written[0], to);
          await moveInto(written[1], `${to}.gz`);
          await moveInto(written[2], `${to}.br`);
        },
      );
      if (wrote) failures.written++;
    };
    const keepLast = async (item: SnapshotItem) => keptAsItWas(manifest, item.path, before.documents.get(item.path));
    // Keyed documents (story pages, then the facet and archive lists) are all written before the front feeds and sitemaps start.
    for (const keyed of [true, false]) {
      await inParallel(
        WRITE_PARALLEL,
        items.filter((i) => (i.key !== undefined) === keyed),
        failures.guard(update, keepLast),
      );
    }
    await removeGone(outDir, before, manifest, failures, pending);
    // Unwritten (a full disk), the last manifest stays: the next build renders what changed since it again.
    const wrote = await writeManifest(outDir, manifest).then(
      () => true,
      (error: unknown) => failures.report(BUILD_MANIFEST, error),
    );
    if (wrote === true) await removePending(outDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return manifest;
}

/**
 * Before anything is written: the files this build writes where the last manifest lists none. One
 * there is the user's (moved aside: it was written over without a word), unless a killed build of
 * ours wrote it (`pending`). Then all of them are named pending, before the first is written.
 * Returns the documents and files not to write: a file of the user's that could not be moved.
 */
async function clearNewPaths(
  items: readonly SnapshotItem[],
  files: Map<string, CopiedFile>,
  before: BuildManifest,
  pending: ReadonlySet<string>,
  outDir: string,
  aside: OthersAside,
  failures: BuildFailures,
): Promise<Set<string>> {
  const blocked = new Set<string>();
  const fresh: string[] = [];
  const clear = async (key: string, rels: string[]) => {
    try {
      await aside.moveAside(
        outDir,
        rels.filter((rel) => !pending.has(rel)),
      );
      fresh.push(...rels);
    } catch (error) {
      failures.report(key, error);
      blocked.add(key);
    }
  };
  for (const rel of files.keys()) if (!before.files.has(rel)) await clear(rel, [rel]);
  for (const item of items) {
    if (!before.documents.has(item.path))
      await clear(
        item.path,
        ENCODINGS.map((suffix) => documentFile(item.path) + suffix),
      );
  }
  if (fresh.length > 0 || pending.size > 0) await writePending(outDir, [...pending, ...fresh]);
  return blocked;
}

/** Documents and copied files of the last build (or of a killed one: `pending`) that this one has not: removed, and their folders when emptied. */
async function removeGone(
  outDir: string,
  before: BuildManifest,
  manifest: BuildManifest,
  failures: BuildFailures,
  pending: ReadonlySet<string>,
): Promise<void> {
  const emptied = new Set<string>();
  const built = new Set<string>(manifest.files.keys());
  for (const [docPath, doc] of manifest.documents) for (const suffix of suffixesOf(doc)) built.add(documentFile(docPath) + suffix);
  for (const rel of pending) {
    if (built.has(rel)) continue;
    try {
      await rm(path.join(outDir, rel), { force: true });
      emptied.add(path.dirname(path.join(outDir, rel)));
    } catch (error) {
      failures.report(rel, error);
    }
  }
  for (const [docPath, last] of before.documents) {
    if (manifest.documents.has(docPath)) continue;
    const gone = path.join(outDir, documentFile(docPath));
    try {
      await Promise.all(ENCODINGS.map((suffix) => rm(gone + suffix, { force: true })));
      emptied.add(path.dirname(gone));
    } catch (error) {
      failures.report(docPath, error);
      manifest.documents.set(docPath, last);
    }
  }
  for (const [rel, stamp] of before.files) {
    if (manifest.files.has(rel)) continue;
    try {
      await rm(path.join(outDir, rel), { force: true });
      emptied.add(path.dirname(path.join(outDir, rel)));
    } catch (error) {
      failures.report(rel, error);
      manifest.files.set(rel, stamp);
    }
  }
  await removeEmptyFolders(outDir, emptied);
}

/**
 * Rename `from` over `to`. An empty folder where the file goes (made by hand) is removed first;
 * a folder with anything in it (another story's pages) is never: the document is reported.
 */
async function moveInto(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if (!['EISDIR', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
    await rmdir(to).catch(() => {
      throw error;
    });
    await rename(from, to);
  }
}

// A build written as a new tree beside the folder and renamed over it whole: a reader never sees half of it.
import { type Dirent, constants } from 'node:fs';
import { chmod, copyFile, link, mkdir, readdir, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { matchRoute } from '../core/routes.js';
import { documentFile } from './build-paths.js';
import type { SnapshotItem } from '../snapshot/snapshot.js';
import type { CopiedFile } from './build-files.js';
import { FolderMaker, foldersAreReal, inParallel } from './build-folder.js';
import { BUILD_MANIFEST, BUILD_PENDING, type BuildManifest, emptyManifest, readPending, writeManifest } from './build-manifest.js';
import { BUILD_MARK, type BuildGuards, BuildTargetError, checkBuildTarget } from './build-target.js';
import type { OthersAside } from './others-aside.js';
import {
  type BuildFailures,
  ENCODINGS,
  type Target,
  WRITE_PARALLEL,
  keptAsItWas,
  linkAll,
  placeDocument,
  suffixesOf,
} from './place-document.js';

/**
 * Build a new tree beside `outDir` and rename it into place; documents whose bytes are unchanged
 * are hard-linked from the old one, and so is a document that could not be written this time.
 */
export async function replaceTree(
  items: SnapshotItem[],
  files: Map<string, CopiedFile>,
  before: BuildManifest,
  { outDir, pool, plain, aside }: Target,
  failures: BuildFailures,
  guards?: BuildGuards,
  /** Files of the folder that no build wrote, carried into the new tree (said in the log). */
  kept: string[] = [],
): Promise<BuildManifest> {
  // Files are linked from the old tree only when no folder of it is a link out of it.
  const linkable = foldersAreReal(
    outDir,
    [...before.documents.keys()].map((p) => documentFile(p)),
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
  const places = (item: SnapshotItem) => {
    const rel = documentFile(item.path);
    return { to: path.join(temp, rel), from: path.join(outDir, rel), last: before.documents.get(item.path) };
  };
  await inParallel(
    WRITE_PARALLEL,
    mixedForWriting(items),
    failures.guard(
      async (item) => {
        const { to, from, last } = places(item);
        await dirs.make(path.dirname(to));
        const uncompressed = plain(item.path);
        const wrote = await placeDocument(
          item,
          { last, into: manifest, plain: uncompressed },
          () => linkable && linkAll(from, to, suffixesOf(last)),
          (body, owned) => pool.write(body, uncompressed ? [to] : [to, `${to}.gz`, `${to}.br`], owned),
        );
        if (wrote) failures.written++;
      },
      async (item) => {
        const { to, from, last } = places(item);
        // What a failed write left of the new files goes first (a page cut short on a full disk
        // would be served empty, even with no last build to link): the last build's take their place.
        await Promise.all(ENCODINGS.map((suffix) => rm(to + suffix, { force: true })));
        if (!last || !linkable) return;
        if (await linkAll(from, to, suffixesOf(last))) keptAsItWas(manifest, item.path, last);
      },
    ),
  );
  await writeManifest(temp, manifest);
  try {
    kept.push(...(await keepOthers(outDir, temp, before, aside)));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  if (guards) checkBuildTarget(outDir, guards);
  let hadOld = false;
  try {
    // The new folder keeps the permissions of the one it replaces.
    await chmod(temp, (await stat(outDir)).mode & 0o7777);
    await rename(outDir, old);
    hadOld = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EXDEV') {
      // A mount point (a container's volume): it cannot be renamed (re-attack trial: a stack trace on every build).
      await rm(temp, { recursive: true, force: true });
      throw new BuildTargetError(
        `cannot replace ${outDir} as a whole (${code}: a mount point?): give --out a folder inside it (such as ${path.join(outDir, 'site')}) and serve that one`,
        { cause: error },
      );
    }
    if (code !== 'ENOENT') throw error;
  }
  await rename(temp, outDir);
  // The new tree is in place: an old one that cannot be removed whole is a leftover, not a failed
  // build; named apart, so that it is never taken for a killed build's folder to put back.
  if (hadOld) await rm(old, { recursive: true, force: true }).catch(() => rename(old, `${old.replace(/\.old-(\d+)$/, '.stale-$1')}`).catch(() => undefined));
  return manifest;
}

/**
 * The documents in an order where the main thread and the writer work at once: story pages are
 * cheap to render and dear to write (a file creation took 80-150 µs here), the archive, facet
 * and front documents the other way round. In the snapshot's order (pages first) a cold build of
 * 10,000 had the main thread wait 2 s for the writer, then the writer wait 3 s for the renders;
 * with the others spread evenly among the pages, 6.6-6.9 s against 7.2-7.6 s. A new tree is
 * renamed into place whole, so the order in which it is written is nobody else's concern.
 */
function mixedForWriting(items: readonly SnapshotItem[]): SnapshotItem[] {
  const pages: SnapshotItem[] = [];
  const others: SnapshotItem[] = [];
  for (const item of items) (matchRoute(item.path)?.kind === 'article' ? pages : others).push(item);
  if (pages.length === 0 || others.length === 0) return [...items];
  const mixed: SnapshotItem[] = [];
  let next = 0;
  for (let i = 0; i < pages.length; i++) {
    mixed.push(pages[i] as SnapshotItem);
    // The i-th page's share of the others, so both lists end together.
    const due = Math.floor(((i + 1) * others.length) / pages.length);
    while (next < due) mixed.push(others[next++] as SnapshotItem);
  }
  return mixed;
}

/**
 * Files in the folder that the last build did not write (a `.htaccess`, an upload, a note, a link
 * of the user's): each is hard-linked (a link made again) into the new tree where this build writes
 * nothing, so a build that replaces the tree keeps them as a build in place does (attack trial: a
 * new base URL deleted them). One where this build writes now is kept under REPLACED_FOLDER. One
 * that cannot be kept either way (unreadable to the build, a folder it cannot list) stops the build
 * before the swap, naming it: the old tree stays whole (attack trial: such files went with it).
 */
async function keepOthers(outDir: string, temp: string, before: BuildManifest, aside: OthersAside): Promise<string[]> {
  // A killed build's own files (its pending list) are not the user's: they go with the old tree.
  const ours = new Set<string>([BUILD_MANIFEST, BUILD_MARK, BUILD_PENDING, ...before.files.keys(), ...(await readPending(outDir))]);
  for (const doc of before.documents.keys()) for (const suffix of ENCODINGS) ours.add(documentFile(doc) + suffix);
  let found: Dirent[];
  try {
    // Not through links to folders (Node's recursive readdir does not follow them).
    found = await readdir(outDir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    const where = (error as NodeJS.ErrnoException).path;
    throw cannotKeep(outDir, where === undefined || path.resolve(where) === path.resolve(outDir) ? 'its files' : `the folder ${path.relative(outDir, where)}`, error);
  }
  const kept: string[] = [];
  for (const entry of found) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    const rel = path.relative(outDir, full).split(path.sep).join('/');
    if (ours.has(rel)) continue;
    const to = path.join(temp, rel);
    try {
      await mkdir(path.dirname(to), { recursive: true });
      if (entry.isSymbolicLink()) await symlink(await readlink(full), to);
      // A copy where a hard link is refused (a file of another user's, with protected_hardlinks); never over this build's file.
      else await link(full, to).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? Promise.reject(error) : copyFile(full, to, constants.COPYFILE_EXCL)));
      kept.push(rel);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // deleted meanwhile
      // This build writes that path, or a file where a folder of it goes (or the reverse): kept aside.
      if (!['EEXIST', 'ENOTDIR', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) throw cannotKeep(outDir, rel, error);
      await aside.linkAside(full, temp, rel).catch((aError: unknown) => {
        throw cannotKeep(outDir, rel, aError);
      });
    }
  }
  return kept;
}

function cannotKeep(outDir: string, what: string, error: unknown): BuildTargetError {
  const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new BuildTargetError(
    `cannot keep ${what} in ${outDir} (no build wrote it) in the new tree the build writes: ${why}; nothing was replaced. Make it readable to the build, or move it out of the folder, and build again`,
    { cause: error },
  );
}

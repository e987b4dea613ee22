// Walk the articles folder: every article file with its size and mtime, without following links.
import { type Dirent, constants, lstatSync } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { imageType } from '../core/media.js';
import { type Problem, ProblemCode } from '../core/model.js';
import { MAX_DEPTH, isArticleFile, isIgnoredName } from './ignore-rules.js';

export interface ScannedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface ScanResult {
  files: ScannedFile[];
  /** Links and too-deep folders found on the way. */
  problems: Problem[];
  /** False when the articles folder itself is missing or unreadable. */
  rootOk: boolean;
  rootError?: string;
  /** Files never read (editor debris, hidden or non-article names; images excepted), at most IGNORED_LIMIT: the desk lists them. */
  ignored: string[];
  /** Every folder listed (relative; '' is the root): those the watcher missed can be watched. */
  folders: string[];
  /** Image files (by extension) beside the stories: a story's picture may be the one of its name (publish/sibling-images.ts). */
  images: string[];
  /**
   * Each listed sub-folder's identity (device, inode, birth time) as it was just before it was
   * listed: a folder at the same path with the same identity is the same folder, moved away and
   * back at most, whose files are what they were (publish/reconciler.ts settles the folders a scan read whole by it).
   */
  folderIds: Map<string, string>;
  /**
   * Folders that could not be listed or entered (permissions, a share's lost credentials): the
   * stories in them are not known to be gone, so no folder-wide judgement (ROOT_EMPTY,
   * ROOT_FOREIGN, a start refused) may count them as missing.
   */
  unreadable: string[];
}

/**
 * Files stat'ed between two turns of the event loop: a scan's lstat calls are synchronous, and a
 * folder of 40,000 held every request for half a second, every 5 s while it was held as another
 * site's (attack trial). About 2 ms of work per turn.
 */
const FILES_PER_TURN = 1000;

/** Ignored files listed per scan: the desk shows them so an editor sees why a save did nothing; a bound keeps a junk folder cheap. */
export const IGNORED_LIMIT = 500;

/**
 * List the article files under `root` (paths relative, `/`-separated, sorted). Symbolic links
 * to article names are reported, never followed; unreadable sub-folders are reported and skipped.
 */
export async function scanFolder(root: string): Promise<ScanResult> {
  const files: ScannedFile[] = [];
  const problems: Problem[] = [];
  const ignored: string[] = [];
  const folders: string[] = [];
  const images: string[] = [];
  const folderIds = new Map<string, string>();
  const unreadable: string[] = [];
  try {
    // The root itself may be a link (a deploy's `current`): followed; links inside it never are.
    const st = await stat(root);
    if (!st.isDirectory()) return { files, problems, ignored, folders, images, folderIds, unreadable, rootOk: false, rootError: 'not a folder' };
    // Listed but not entered (chmod a-x): its names read, no file of it can be, and it looked
    // empty (ROOT_EMPTY, "is the share mounted?") where the cause is its permissions.
    await access(root, constants.R_OK | constants.X_OK);
  } catch (cause) {
    return { files, problems, ignored, folders, images, folderIds, unreadable, rootOk: false, rootError: (cause as NodeJS.ErrnoException).code ?? String(cause) };
  }
  try {
    await walk(root, '', 0, { files, problems, ignored, folders, images, folderIds, unreadable, statted: 0 });
  } catch (cause) {
    return { files, problems, ignored, folders, images, folderIds, unreadable, rootOk: false, rootError: (cause as NodeJS.ErrnoException).code ?? String(cause) };
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  ignored.sort();
  return { files, problems, ignored, folders, images, folderIds, unreadable, rootOk: true };
}

/** List `dir` (at `rel`, `depth` levels down) into `out`, recursively. An unreadable sub-folder is a problem; an unreadable root throws. */
async function walk(
  dir: string,
  rel: string,
  depth: number,
  out: {
    files: ScannedFile[];
    problems: Problem[];
    ignored: string[];
    folders: string[];
    images: string[];
    folderIds: Map<string, string>;
    unreadable: string[];
    statted: number;
  },
): Promise<void> {
  const { files, problems, ignored, folders, unreadable } = out;
  let entries: Dirent[];
  let id: string | undefined;
  try {
    // Before the listing: a folder swapped after this look is listed under its old identity, which the next scan finds changed.
    if (rel !== '') id = folderIdentity(lstatSync(dir));
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    if (rel === '') throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      problems.push({ path: rel, code: ProblemCode.Unreadable, reason: `cannot list folder: ${code}`, severity: 'error' });
      unreadable.push(rel);
    }
    return;
  }
  folders.push(rel);
  if (id !== undefined) out.folderIds.set(rel, id);
  for (const entry of entries) {
    const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isFile() && !isArticleFile(entry.name) && imageType(entry.name) === undefined && ignored.length < IGNORED_LIMIT)
      ignored.push(childRel);
    else if (entry.isFile() && imageType(entry.name) !== undefined && !isIgnoredName(entry.name)) out.images.push(childRel);
    if (isIgnoredName(entry.name)) continue;
    const childAbs = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      if (isArticleFile(entry.name)) {
        problems.push({
          path: childRel,
          code: ProblemCode.Symlink,
          reason: 'symbolic link: not followed (copy the file instead)',
          severity: 'error',
        });
      }
    } else if (entry.isDirectory()) {
      if (depth >= MAX_DEPTH) {
        problems.push({
          path: childRel,
          code: ProblemCode.NotAFile,
          reason: `folder nested deeper than ${MAX_DEPTH} levels: not read`,
          severity: 'error',
        });
      } else {
        await walk(childAbs, childRel, depth + 1, out);
      }
    } else if (!entry.isFile()) {
      // A named pipe, socket or device under a story's name: reported as the watcher reports it
      // when one appears while serving, never opened (a pipe would block the read).
      if (isArticleFile(entry.name))
        problems.push({ path: childRel, code: ProblemCode.NotAFile, reason: 'not a regular file', severity: 'error' });
    } else if (isArticleFile(entry.name)) {
      if (++out.statted % FILES_PER_TURN === 0) await new Promise(setImmediate);
      try {
        // Synchronous: one direct syscall (~2 µs) instead of a thread-pool round trip (~40 µs) per file.
        const st = lstatSync(childAbs);
        files.push({ path: childRel, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A folder that can be listed but not entered (chmod a-x): none of its files can be
        // reached; said once for the folder (attack trial: they vanished from the scan, and a
        // start took the folder for another site's).
        if (code === 'EACCES' || code === 'EPERM') {
          if (unreadable.at(-1) !== rel) {
            unreadable.push(rel);
            problems.push({ path: rel, code: ProblemCode.Unreadable, reason: `cannot enter folder: ${code}`, severity: 'error' });
          }
          continue;
        }
        // Node reads names as UTF-8: bytes that are not (a name written in TIS-620 or Latin-1)
        // come back with U+FFFD in their place, a name no call can open. Otherwise the file went
        // between readdir and lstat, and the watcher reports the deletion.
        if (entry.name.includes('\uFFFD') && code === 'ENOENT') {
          problems.push({
            path: childRel,
            code: ProblemCode.Unreadable,
            reason: 'its file name is not valid UTF-8 (a legacy encoding?): rename it, then it is read',
            severity: 'error',
          });
        }
      }
    }
  }
}

/** Device, inode and birth time: the same for a folder renamed or moved within its disk, different for another folder. */
function folderIdentity(st: { dev: number; ino: number; birthtimeMs: number }): string {
  return `${st.dev}:${st.ino}:${st.birthtimeMs}`;
}

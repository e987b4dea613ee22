// Whether a published story's file changed or went while the server was stopped: a restart then serves nothing stored until its scan has read the folder.
import { type Stats, lstatSync } from 'node:fs';
import path from 'node:path';
import type { FileStat } from '../core/folder-diff.js';

/**
 * The first of `published` (paths in `articlesDir`) whose file is gone or has another size or
 * modification time than `known` says it had when it was read, or undefined when none has.
 *
 * Why before serving: a restart used to serve the stored stories at once and correct them as its
 * scan reached each file, so a story taken down while the server was stopped (an embargo line
 * added, `draft: true`, the file deleted: a deploy's `git pull` between stop and start) was
 * public again until then. One lstat a story: about 0.45 s at 100,000 here, against the
 * listing's 0.7-0.9 s, which the scan does anyway.
 */
export function changedWhileStopped(
  articlesDir: string,
  published: Iterable<string>,
  known: ReadonlyMap<string, FileStat>,
): string | undefined {
  for (const relPath of published) {
    const stat = known.get(relPath);
    const now = lstatOrGone(path.join(articlesDir, relPath));
    // Whole milliseconds, as the scan lists them (watch/scan-folder.ts).
    if (stat === undefined || now === undefined || now.size !== stat.size || Math.trunc(now.mtimeMs) !== stat.mtimeMs) return relPath;
  }
  return undefined;
}

/** The file's lstat; undefined when it is gone or cannot be looked at (a folder made unreadable): the scan judges it. */
function lstatOrGone(file: string): Stats | undefined {
  try {
    return lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

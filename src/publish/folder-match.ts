// A start refused when the articles folder holds none of the state's stories but other ones: a wrong --articles or --state.
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../core/entry-meta.js';
import { STATE_FILE, StateStoreError } from '../store/state-errors.js';
import { type ScannedFile, scanFolder } from '../watch/scan-folder.js';

/** The folder and the state folder do not belong together; starting would retire every story the state published. */
export class ForeignFolderError extends Error {
  override readonly name = 'ForeignFolderError';
  readonly code = 'FOREIGN_FOLDER';
}

/**
 * Below this many stories, a folder holding none of them is as likely a small site's real change
 * (its one story replaced while the server was down) as a mistake.
 */
export const MIN_STORIES = 2;

/** Files read for their bytes when no stored path is in the folder: enough to recognise a renamed folder, cheap at any size. */
const CONTENT_SAMPLE = 16;
/** A sampled file larger than this is skipped (no story is; a hostile one must not be read whole). */
const SAMPLE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * True when some of `files` (a scan's, evenly spread) have the bytes of a story the store knows
 * (`known`: a content hash, live or deleted): this site's stories under other names, as after
 * `mv world intl` of a folder that held them all, not another site's. Judged by names alone, such
 * a rename froze a running site (ROOT_FOREIGN) and refused a start.
 */
export function holdsKnownContent(articlesDir: string, files: readonly ScannedFile[], known: (hash: string) => boolean): boolean {
  const count = Math.min(CONTENT_SAMPLE, files.length);
  for (let k = 0; k < count; k++) {
    const file = files[Math.floor((k * files.length) / count)] as ScannedFile;
    const bytes = readSample(path.join(articlesDir, file.path));
    if (bytes && known(contentHash(bytes))) return true;
  }
  return false;
}

/** A regular file's bytes (never through a link, never a pipe, never a large one), or undefined. */
function readSample(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    return st.isFile() && st.size <= SAMPLE_MAX_BYTES ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Throws ForeignFolderError when the state has published at least MIN_STORIES stories, not one
 * of their files is in `articlesDir`, and the folder holds other story files, none of which (of
 * a sample) has the bytes of a story the state knows (`knownHash`). A folder that is
 * missing or empty is not refused: the scan keeps the stories published and says so (ROOT_MISSING,
 * ROOT_EMPTY), as an unmounted share needs. One existing file ends the check: a normal start
 * reads one stored path and pays for one `stat`.
 */
export async function checkFolderMatchesState(
  articlesDir: string,
  stateDir: string,
  livePaths: Iterable<string>,
  backup?: { file: string; livePaths: () => Iterable<string> },
  knownHash?: (hash: string) => boolean,
): Promise<void> {
  let count = 0;
  let example: string | undefined;
  for (const p of livePaths) {
    if (existsSync(path.join(articlesDir, p))) return;
    example ??= p;
    count++;
  }
  if (count === 0) return;
  // None of the store's stories is here, but its backup's are: the store is another site's
  // (copied over this one), whatever its size. Starting would give every story a new id.
  for (const p of backup?.livePaths() ?? []) {
    if (!existsSync(path.join(articlesDir, p))) continue;
    throw new StateStoreError(
      'STATE_CORRUPT',
      `state store in ${stateDir} knows none of the stories in ${articlesDir} (it knows ${example}), but its backup ${backup?.file} does (such as ${p}): ` +
        `the store is not this site's. Restore the backup (cp ${backup?.file} ${path.join(stateDir, STATE_FILE)}), or, if --articles is wrong, correct it`,
      path.join(stateDir, STATE_FILE),
    );
  }
  if (count < MIN_STORIES) return;
  const scan = await scanFolder(articlesDir);
  if (!scan.rootOk || scan.files.length === 0) return;
  if (knownHash && holdsKnownContent(articlesDir, scan.files, knownHash)) return;
  throw new ForeignFolderError(
    `articles folder ${articlesDir} holds none of the ${count} stories published from state folder ${stateDir} ` +
      `(such as ${example}), but ${scan.files.length} other story file(s) (such as ${scan.files[0]?.path}). ` +
      'Starting would take every one of those stories down (410, and a deletion in the feeds). Is --articles or --state wrong? ' +
      'If this folder is right and its stories are a new site, start with a new --state folder.',
  );
}

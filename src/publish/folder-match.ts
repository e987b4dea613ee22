// A start refused when the articles folder holds none of the state's stories but other ones: a wrong --articles or --state.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { STATE_FILE, StateStoreError } from '../store/state-errors.js';
import { scanFolder } from '../watch/scan-folder.js';

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

/**
 * Throws ForeignFolderError when the state has published at least MIN_STORIES stories, not one
 * of their files is in `articlesDir`, and the folder holds other story files. A folder that is
 * missing or empty is not refused: the scan keeps the stories published and says so (ROOT_MISSING,
 * ROOT_EMPTY), as an unmounted share needs. One existing file ends the check: a normal start
 * reads one stored path and pays for one `stat`.
 */
export async function checkFolderMatchesState(
  articlesDir: string,
  stateDir: string,
  livePaths: Iterable<string>,
  backup?: { file: string; livePaths: () => Iterable<string> },
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
  throw new ForeignFolderError(
    `articles folder ${articlesDir} holds none of the ${count} stories published from state folder ${stateDir} ` +
      `(such as ${example}), but ${scan.files.length} other story file(s) (such as ${scan.files[0]?.path}). ` +
      'Starting would take every one of those stories down (410, and a deletion in the feeds). Is --articles or --state wrong? ' +
      'If this folder is right and its stories are a new site, start with a new --state folder.',
  );
}

// Whether an articles folder is this site's (its stories by name, or by their bytes): a start refused when it is another's, a wrong --articles or --state.
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
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

/**
 * A folder holding at least this share of the published stories by name is this site's, changed
 * (stories edited, deleted or added while feedpub was not looking), and is followed.
 */
const NAME_SHARE = 1 / 4;
/** ... or holding this many of them unchanged (their stored size): a rolling folder that kept a few. */
const UNCHANGED_STORIES = 3;
/** Stored stories looked for by name at a start, spread over all of them: a normal start pays for this many `lstat`s. */
const NAME_SAMPLE = 64;
/** Files read for their bytes when too few stories are there by name: enough to recognise a renamed folder, cheap at any size. */
const CONTENT_SAMPLE = 16;
/** A sampled file larger than this is skipped (no story is; a hostile one must not be read whole). */
const SAMPLE_MAX_BYTES = 4 * 1024 * 1024;

/** What a folder holds of the stories a state published. */
export interface NameEvidence {
  /** Stories looked for (all of them, or a spread sample) whose presence can be known. */
  published: number;
  /** Of those, present by name. */
  present: number;
  /**
   * Stories in a folder that cannot be listed or entered: neither there nor gone, so out of the
   * judgement (attack trial: counted as there, another site's folder with an unreadable folder
   * of the same name was taken for this site's; counted as gone, this site's was refused).
   */
  unknown: number;
  /** Of the present, with the size the state knows: unchanged, most likely. */
  unchanged: number;
  /** A story looked for and not found, for messages. */
  missing?: string;
}

/**
 * Whether the stories there by name make the folder this site's. One name alone did: another
 * site's folder holding one file of the same name (an about.txt, the same wire story), or one
 * copy of a story, took this site down and published that one's (attack trial). A small site's
 * folder still needs only one of its few stories.
 */
export function ownByName(e: NameEvidence): boolean {
  if (e.present === 0) return false;
  return e.present >= Math.ceil(e.published * NAME_SHARE) || e.unchanged >= Math.min(UNCHANGED_STORIES, e.published);
}

/** A sample of a folder's files read for their bytes: how many have the bytes of a story the state knows. */
export interface ContentEvidence {
  sampled: number;
  matched: number;
}

/**
 * Read up to CONTENT_SAMPLE of `files` (a scan's, evenly spread) and count those with the bytes
 * of a story the store knows (`known`: a content hash, live or deleted): this site's stories
 * under other names, as after `mv world intl` of the folder that held them all. Judged by names
 * alone, such a rename froze a running site (ROOT_FOREIGN) and refused a start.
 */
export function knownContent(articlesDir: string, files: readonly ScannedFile[], known: (hash: string) => boolean): ContentEvidence {
  const sampled = Math.min(CONTENT_SAMPLE, files.length);
  let matched = 0;
  for (let k = 0; k < sampled; k++) {
    const file = files[Math.floor((k * files.length) / sampled)] as ScannedFile;
    const hash = fileHash(path.join(articlesDir, file.path));
    if (hash !== undefined && known(hash)) matched++;
  }
  return { sampled, matched };
}

/**
 * At least half the files sampled, and two, are known stories: one known copy among another site's
 * files is not enough, however few they are (attack trial: a folder of two files, one a copy of a
 * wire story of this site, was taken for this site's, and every other story taken down).
 */
export function ownByContent(e: ContentEvidence): boolean {
  return e.matched >= 2 && e.matched >= Math.ceil(e.sampled / 2);
}

/** What a judgement says of the folders it could not read (a start's refusal, ROOT_FOREIGN): the first thing to mend. */
export function unreadNote(unreadable: readonly string[]): string {
  return `It cannot read ${unreadable.map((f) => `${f}/`).join(', ')} (permissions, or a share's credentials?): if this site's stories are there, make it readable`;
}

/** Whether `file` (a stored story path) lies in one of the folders a scan could not read. */
function inUnreadable(file: string, unreadable: readonly string[]): boolean {
  return unreadable.some((folder) => folder === '' || file.startsWith(`${folder}/`));
}

/**
 * What a scan's listing holds of the `stored` stories by name; a story in a folder it could not
 * read is neither (`unknown`). Stops at UNCHANGED_STORIES unchanged ones, which settle it: a
 * normal scan tells this site's folder by its first few stories, not by reading 100,000 rows.
 */
export function namesInScan(
  stored: Iterable<StoredStat>,
  scan: { files: readonly ScannedFile[]; unreadable: readonly string[] },
): NameEvidence {
  const sizes = new Map(scan.files.map((f) => [f.path, f.size]));
  const e: NameEvidence = { published: 0, present: 0, unchanged: 0, unknown: 0 };
  for (const { path: file, size } of stored) {
    const there = sizes.get(file);
    if (there === undefined && inUnreadable(file, scan.unreadable)) {
      e.unknown++;
      continue;
    }
    e.published++;
    if (there === undefined) {
      e.missing ??= file;
      continue;
    }
    e.present++;
    if (there === size) e.unchanged++;
    if (e.unchanged >= UNCHANGED_STORIES) break;
  }
  return e;
}

/** The content hash of a regular file's bytes (never through a link, never a pipe, never a large one), or undefined. */
export function fileHash(file: string): string | undefined {
  const bytes = readSample(file);
  return bytes && contentHash(bytes);
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

/** Every `step`-th of `items`, `count` in all, spread over them (all when fewer). */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, k) => items[Math.floor((k * items.length) / count)] as T);
}

/** Name evidence of `stories` in `articlesDir`, by lstat (no link followed). */
function lookFor(articlesDir: string, stories: readonly StoredStat[]): NameEvidence {
  const e: NameEvidence = { published: stories.length, present: 0, unchanged: 0, unknown: 0 };
  for (const story of stories) {
    let size: number | undefined;
    try {
      size = lstatSync(path.join(articlesDir, story.path)).size;
    } catch (error) {
      // In a folder that cannot be entered (chmod a-x): neither there nor gone.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM') {
        e.published--;
        e.unknown++;
      } else e.missing ??= story.path;
      continue;
    }
    e.present++;
    if (size === story.size) e.unchanged++;
  }
  return e;
}

/** A stored story's path and the size its file had. */
export interface StoredStat {
  path: string;
  size: number;
}

/**
 * Throws ForeignFolderError when the state has published at least MIN_STORIES stories, too few
 * of their files are in `articlesDir` by name (ownByName, from a spread sample) and too few of a
 * sample of its files have the bytes of a story it knows (ownByContent). Stories in folders it
 * cannot read are out of the judgement, and such folders are named first. A folder that is
 * missing or empty is not refused: the scan keeps the stories published and says so
 * (ROOT_MISSING, ROOT_EMPTY), as an unmounted share needs.
 */
export async function checkFolderMatchesState(
  articlesDir: string,
  stateDir: string,
  state: { live: () => Iterable<StoredStat>; knownHash?: (hash: string) => boolean },
  backup?: { file: string; livePaths: () => Iterable<string> },
): Promise<void> {
  // A normal start: this site's folder is told by its first few stories, without reading every
  // row (100,000 of them made a restart 0.4-1.3 s slower).
  const head: StoredStat[] = [];
  for (const story of state.live()) if (head.push(story) >= NAME_SAMPLE / 8) break;
  if (head.length === 0) return;
  if (lookFor(articlesDir, head).unchanged >= UNCHANGED_STORIES) return;
  const live = head.length < NAME_SAMPLE / 8 ? head : [...state.live()];
  let names = lookFor(articlesDir, spread(live, NAME_SAMPLE));
  // None of the sample: all of them, before anything is said about the folder.
  if (names.present === 0 && live.length > names.published + names.unknown) names = lookFor(articlesDir, live);
  // None whose presence can be known (all in folders it cannot read): the scan says UNREADABLE.
  if (names.published === 0 || ownByName(names)) return;
  const example = names.missing ?? live[0]?.path;
  // None of the store's stories is here, but its backup's are: the store is another site's
  // (copied over this one), whatever its size. Starting would give every story a new id.
  if (names.present === 0) {
    for (const p of backup?.livePaths() ?? []) {
      if (!existsSync(path.join(articlesDir, p))) continue;
      throw new StateStoreError(
        'STATE_CORRUPT',
        `state store in ${stateDir} knows none of the stories in ${articlesDir} (it knows ${example}), but its backup ${backup?.file} does (such as ${p}): ` +
          `the store is not this site's. Restore the backup (cp ${backup?.file} ${path.join(stateDir, STATE_FILE)}), or, if --articles is wrong, correct it`,
        path.join(stateDir, STATE_FILE),
      );
    }
  }
  if (live.length < MIN_STORIES) return;
  const scan = await scanFolder(articlesDir);
  if (!scan.rootOk || scan.files.length === 0) return;
  if (state.knownHash && ownByContent(knownContent(articlesDir, scan.files, state.knownHash))) return;
  // Part of it unread: that is said first, and is what to mend (a permission, a share's credentials).
  const unread = scan.unreadable.length > 0 ? `${unreadNote(scan.unreadable)} and start again. ` : '';
  const holds =
    names.present === 0
      ? `none of the ${live.length} stories published from state folder ${stateDir} (such as ${example})`
      : `few of the ${live.length} stories published from state folder ${stateDir} (${names.present} of the ${names.published} looked for; not ${example})`;
  throw new ForeignFolderError(
    `articles folder ${articlesDir} holds ${holds}, but ${scan.files.length} other story file(s) (such as ${scan.files[0]?.path}). ${unread}` +
      'Starting would take every one of those stories down (410, and a deletion in the feeds). Is --articles or --state wrong? ' +
      'If this folder is right (its stories renamed and edited at once), start once with --adopt-folder: the stories not found go (410), ' +
      'and a story renamed and edited keeps its id when its title and written date did not change. ' +
      'If its stories are a new site, start with a new --state folder.',
  );
}

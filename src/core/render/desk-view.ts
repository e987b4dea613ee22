// What the desk shows, as data the server fills in: DeskView, its files' order, and the state/name filter.

/** A file's state on the desk, in the order the desk lists them and offers them as filters. */
export const DESK_STATES = ['problem', 'kept', 'held', 'draft', 'published', 'ignored'] as const;
export type DeskFileState = (typeof DESK_STATES)[number];

export interface DeskProblem {
  /** A `ProblemCode` (core/model.ts) or a code another stage adds (`TOO_COMPLEX`, `IMAGE_MISMATCH`). */
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** 1-based line of the file. */
  line?: number;
  /** The technical reason as the parser wrote it; shown under the plain-words explanation. */
  reason: string;
}

/** One file in the articles folder as the desk sees it. */
export interface DeskFile {
  /** Path relative to the articles folder, `/`-separated: the row's identity. */
  path: string;
  /** `kept`: the latest save has a problem and readers still get the last good version. */
  state: DeskFileState;
  /** When a held story publishes itself. */
  releaseAt?: Date;
  problems: readonly DeskProblem[];
  /** What the parser took as title, dateline (as written), credit and language (`Story.reading`). */
  title?: string;
  dateline?: string;
  /** The instant the dateline was read as (ISO 8601): the desk shows it beside the words, in its time zone. */
  datelineAt?: string;
  credit?: string;
  language?: string;
  /** Absolute URL of the public story page (published and kept files). */
  publicUrl?: string;
  /** The desk's preview of the entry (see `deskPreviewHref`). */
  previewUrl?: string;
  /** When the file was last written (its mtime) and when that version went out. */
  savedAt?: Date;
  publishedAt?: Date;
  /** Milliseconds from the save being seen to the snapshot that carries it. */
  latencyMs?: number;
}

export interface DeskView {
  site: { title: string; language: string; timeZone: string };
  /** Public origin (and path prefix) readers use, without a trailing slash. */
  publicBaseUrl: string;
  watcher: { mode: 'native' | 'polling' | 'stopped' | 'starting'; healthy: boolean; detail?: string };
  /**
   * A problem of the articles folder itself (ROOT_MISSING, ROOT_EMPTY, ROOT_FOREIGN): no file's, so
   * in no count; shown above the list, where an editor looks (new-user trial: the desk said
   * "Problem 0" while the site was held).
   */
  folder?: { code: string; reason: string };
  /** Absent until the first rebuild. */
  lastRebuild?: { at: Date; ms: number; documents: number };
  /** Latest ping per hub, newest first. */
  websub: readonly { hub: string; at: Date; ok: boolean; detail?: string }[];
  counts: Readonly<Record<DeskFileState, number>>;
  files: readonly DeskFile[];
}

/** What `?state=` and `?q=` ask for; both optional. */
export interface DeskFilter {
  state?: DeskFileState;
  q?: string;
}

/**
 * Sort key: problems (and kept-with-a-problem) first, then held stories, then everything else;
 * within a rank the newest save first (what an editor just saved is at the top, on a page of
 * the first 500 too: new-user trial), then files never saved (ignored, unread) by path. Paths
 * compare by UTF-16 code unit (as `<` does in desk.js), not by locale, so the server and the
 * script agree on where a new row goes and the same view gives the same bytes.
 */
export function deskRank(state: DeskFileState): number {
  return state === 'problem' ? 0 : state === 'kept' ? 1 : state === 'held' ? 2 : 3;
}

export function compareDeskFiles(a: DeskFile, b: DeskFile): number {
  return deskRank(a.state) - deskRank(b.state) || deskSavedMs(b) - deskSavedMs(a) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** The row's `data-saved`: its save time in ms, -1 when it has none (sorted last in its rank). */
export function deskSavedMs(file: DeskFile): number {
  const ms = file.savedAt?.getTime();
  return ms === undefined || Number.isNaN(ms) ? -1 : ms;
}

/** A sorted copy; the input is not touched. */
export function sortDeskFiles(files: readonly DeskFile[]): DeskFile[] {
  return [...files].sort(compareDeskFiles);
}

/** Lower-cased NFC: the form both the server and desk.js search in, so Thai typed in either composition matches. */
export function searchKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** The text a name search looks in: the path and the title the parser took. */
export function searchText(file: DeskFile): string {
  return searchKey(file.title ? `${file.path} ${file.title}` : file.path);
}

export function matchesDeskFilter(file: DeskFile, filter: DeskFilter): boolean {
  if (filter.state && file.state !== filter.state) return false;
  const q = filter.q ? searchKey(filter.q.trim()) : '';
  return q === '' || searchText(file).includes(q);
}

/**
 * The most rows one desk page carries. Every row of 20,000 files made a 23 MB page that took the
 * server 1.5-2 s to render, on the thread that also serves the public port (new-user trial); no
 * editor reads that many by eye. Problems, kept and held files sort first, so they are the rows
 * a page keeps; a search or a state narrows to the rest.
 */
export const DESK_PAGE_ROWS = 500;

/** The rows of one desk page, and how many the filter matched in all. */
export interface DeskPage {
  /** Sorted (sortDeskFiles). Every file when they all fit, the ones outside the filter to be hidden; else only matching ones. */
  rows: DeskFile[];
  /** Files the filter matches, on the page or not. */
  matching: number;
  /**
   * More files than one page holds: the page carries only rows that match, so desk.js cannot
   * filter or search by itself and asks the server (a link, the form) instead.
   */
  partial: boolean;
}

/**
 * The page for `filter`: every file (the instant filter in desk.js hides and shows them) while
 * they number at most `limit`, else the first `limit` that match.
 */
export function deskPage(files: readonly DeskFile[], filter: DeskFilter, limit = DESK_PAGE_ROWS): DeskPage {
  if (files.length <= limit) {
    const rows = sortDeskFiles(files);
    return { rows, matching: rows.filter((f) => matchesDeskFilter(f, filter)).length, partial: false };
  }
  const matching = files.filter((f) => matchesDeskFilter(f, filter)).sort(compareDeskFiles);
  return { rows: matching.slice(0, limit), matching: matching.length, partial: true };
}

function isDeskState(value: string): value is DeskFileState {
  return (DESK_STATES as readonly string[]).includes(value);
}

/** The filter from a desk URL's query; an unknown state is ignored, the search is trimmed and capped at 200 characters. */
export function parseDeskQuery(query: URLSearchParams | string): DeskFilter {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const filter: DeskFilter = {};
  const state = params.get('state') ?? '';
  if (isDeskState(state)) filter.state = state;
  const q = (params.get('q') ?? '').trim().slice(0, 200);
  if (q) filter.q = q;
  return filter;
}

/** `?state=…&q=…` for a filter (empty parts left out), appended to the desk's path. */
export function deskQueryHref(deskPath: string, filter: DeskFilter): string {
  const params = new URLSearchParams();
  if (filter.state) params.set('state', filter.state);
  if (filter.q) params.set('q', filter.q);
  const query = params.toString();
  return query ? `${deskPath}?${query}` : deskPath;
}

/** The row's element id: injective in the path and free of white space, as HTML ids must be. desk.js makes the same. */
export function deskRowId(path: string): string {
  return `f-${encodeURIComponent(path)}`;
}

/** Where the desk serves a file's preview (a suggestion for the server; any URL in `previewUrl` works). */
export function deskPreviewHref(path: string, deskPath = '/'): string {
  return `${deskPath}preview?path=${encodeURIComponent(path)}`;
}

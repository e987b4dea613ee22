// The editor's desk as data: every file's state, problems, parse and timing, built from the live site's parts (no I/O).
import type { DeskFile, DeskFileState, DeskView } from '../core/render/desk-view.js';
import { DESK_STATES, deskPreviewHref, sortDeskFiles } from '../core/render/desk-view.js';
import type { Entry } from '../core/model.js';
import type { Catalog, ReadingSummary } from './catalog.js';
import { type ProblemBook, ROOT_PATH } from './problem-book.js';
import type { RebuildReport } from './site-builder.js';
import type { HubPing } from './websub-notifier.js';
import type { RootIdentity } from '../watch/root-guard.js';
import { StoredEntry } from './stored-entry.js';

/** What the live site lends the desk: read-only views of its parts. */
export interface DeskSource {
  site: { title: string; language: string; timeZone: string };
  baseUrl: string;
  /** Where the stories and their images are: a preview of a held story shows its images from the desk. */
  articlesDir: string;
  /** False while the folder is held (another site's, empty) or not yet judged: its images are not the stories'. */
  imagesTrusted?: () => boolean;
  /** Whether the folder an image is read from is the one judged (http/article-media.ts). */
  imageRoot?: (root: RootIdentity) => boolean;
  catalog: Catalog;
  problems: ProblemBook;
  /** Files the last scan did not read. */
  ignored: () => readonly string[];
  watcher: () => 'native' | 'polling' | 'starting' | 'off';
  lastRebuild: () => RebuildReport | null;
}

/** What happened in the live site, as the desk needs to hear of it (publish/live-site.ts emits these). */
export type SiteEvent =
  | { type: 'seen'; path: string }
  | { type: 'applied'; paths: readonly string[]; changed: boolean }
  | { type: 'rebuilt' }
  | { type: 'websub'; ping: HubPing }
  /** The watcher's mode changed (armed after a first start's walk, recovering, polling). */
  | { type: 'watcher' };

/** What the desk's open pages must be sent after an event: these files again, and maybe the summary. */
export interface DeskUpdate {
  paths: string[];
  summary: boolean;
}

/** Saves seen but not yet published are forgotten past this many (a folder of files that never parse). */
const SEEN_LIMIT = 10_000;

/**
 * Follows the site's events to time each save (seen by the watcher → in the snapshot) and keeps
 * the latest WebSub ping per hub; builds the DeskView and single rows on request.
 */
export class DeskState {
  private readonly seenAt = new Map<string, number>();
  private readonly published = new Map<string, { at: number; latencyMs?: number }>();
  private readonly pending = new Set<string>();
  private readonly pings = new Map<string, HubPing>();
  private ignoredList: readonly string[] = [];
  private ignoredSet = new Set<string>();

  constructor(
    private readonly source: DeskSource,
    private readonly clock: () => number,
  ) {}

  get site(): DeskSource['site'] {
    return this.source.site;
  }

  /** Take in one site event; returns what open desks must be sent (nothing while a rebuild is still to come). */
  handle(event: SiteEvent): DeskUpdate | undefined {
    switch (event.type) {
      case 'seen':
        if (!this.seenAt.has(event.path)) {
          if (this.seenAt.size >= SEEN_LIMIT) this.seenAt.clear();
          this.seenAt.set(event.path, this.clock());
        }
        return undefined;
      case 'applied':
        if (event.changed) {
          for (const p of event.paths) this.pending.add(p);
          return undefined;
        }
        for (const p of event.paths) this.seenAt.delete(p);
        return { paths: [...event.paths], summary: true };
      case 'rebuilt': {
        const now = this.clock();
        const paths = [...this.pending];
        this.pending.clear();
        for (const p of paths) {
          const seen = this.seenAt.get(p);
          this.seenAt.delete(p);
          // A save with an error left the last good version out ("kept"): that version's time stays,
          // never the broken save's (new-user trial: the row said the broken save was published).
          if (this.source.problems.forPath(p).some((x) => x.severity === 'error') && this.source.catalog.get(p)) continue;
          // Files read by a scan (start-up, reconcile) were not seen saved: no latency to show.
          if (this.source.catalog.get(p)) this.published.set(p, { at: now, latencyMs: seen === undefined ? undefined : now - seen });
          else this.published.delete(p);
        }
        return { paths, summary: true };
      }
      case 'websub':
        this.pings.set(event.ping.hub, event.ping);
        return { paths: [], summary: true };
      case 'watcher':
        return { paths: [], summary: true };
    }
  }

  /** The desk's row for `path`, or undefined when no such file is known (it was removed). */
  file(path: string): DeskFile | undefined {
    const { catalog, problems, baseUrl } = this.source;
    const entry = catalog.get(path);
    const fileProblems = problems.forPath(path);
    const releaseAt = catalog.heldFiles().get(path);
    const stat = catalog.knownStats().get(path);
    const state = this.stateOf(
      path,
      entry !== undefined,
      fileProblems.some((p) => p.severity === 'error'),
      releaseAt,
      stat !== undefined,
    );
    if (state === undefined) return undefined;
    const reading = catalog.reading(path) ?? (entry ? storedReading(entry) : {});
    const timing = this.published.get(path);
    const file: DeskFile = {
      path,
      state,
      problems: fileProblems.map((p) => ({ code: p.code, severity: p.severity, line: p.line, reason: p.reason })),
      ...reading,
    };
    if (state === 'held' && releaseAt !== undefined) file.releaseAt = new Date(releaseAt);
    if (entry && (state === 'published' || state === 'kept'))
      file.publicUrl = entry.url.startsWith('http') ? entry.url : baseUrl + entry.url;
    if (state !== 'ignored' && state !== 'problem') file.previewUrl = deskPreviewHref(path);
    if (stat) file.savedAt = new Date(stat.mtimeMs);
    if (timing && entry) {
      file.publishedAt = new Date(timing.at);
      if (timing.latencyMs !== undefined) file.latencyMs = timing.latencyMs;
    }
    return file;
  }

  private stateOf(
    path: string,
    published: boolean,
    error: boolean,
    releaseAt: number | undefined,
    read: boolean,
  ): DeskFileState | undefined {
    if (error) return published ? 'kept' : 'problem';
    if (releaseAt !== undefined) return 'held';
    if (this.source.catalog.isDraft(path)) return 'draft';
    if (published) return 'published';
    return read || this.ignored().has(path) ? 'ignored' : undefined;
  }

  private ignored(): ReadonlySet<string> {
    const list = this.source.ignored();
    if (list !== this.ignoredList) {
      this.ignoredList = list;
      this.ignoredSet = new Set(list);
    }
    return this.ignoredSet;
  }

  /** Every known file of the articles folder, problems first, with the watcher, the last rebuild and the pings. */
  view(): DeskView {
    const { catalog, problems, site, baseUrl } = this.source;
    const paths = new Set<string>([...catalog.knownStats().keys(), ...problems.paths(), ...catalog.heldFiles().keys(), ...this.ignored()]);
    const files: DeskFile[] = [];
    for (const p of paths) {
      const file = this.file(p);
      if (file) files.push(file);
    }
    const counts = Object.fromEntries(DESK_STATES.map((s) => [s, 0])) as Record<DeskFileState, number>;
    for (const f of files) counts[f.state]++;
    const rootProblem = problems.forPath(ROOT_PATH).find((p) => p.severity === 'error');
    const mode = this.source.watcher();
    const rebuild = this.source.lastRebuild();
    return {
      site,
      publicBaseUrl: baseUrl,
      watcher: { mode: mode === 'off' ? 'stopped' : mode, healthy: rootProblem === undefined },
      ...(rootProblem ? { folder: { code: rootProblem.code, reason: rootProblem.reason } } : {}),
      ...(rebuild ? { lastRebuild: { at: new Date(rebuild.at), ms: rebuild.ms, documents: rebuild.documents } } : {}),
      websub: [...this.pings.values()].sort((a, b) => b.at.getTime() - a.at.getTime()),
      counts,
      files: sortDeskFiles(files),
    };
  }
}

/** What the desk shows of a published story no parse of this run read (a restart's): what its stored metadata keeps. */
function storedReading(entry: Entry): ReadingSummary {
  const stored = entry instanceof StoredEntry ? entry : undefined;
  return {
    title: entry.title,
    credit: entry.author,
    language: entry.language,
    ...(stored?.dateline !== undefined ? { dateline: stored.dateline } : {}),
    ...(stored?.datelineAt !== undefined ? { datelineAt: stored.datelineAt } : {}),
  };
}

// Bring the catalog, the state store and the problem book in step with the files at some paths: read, ingest, admit, record.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ArticleError } from '../core/errors.js';
import { type IdentityRecord, resolveIdentity } from '../core/identity.js';
import { STORED_BASE, entryMeta } from '../core/entry-meta.js';
import { localMedia } from '../core/local-media.js';
import type { Ingested } from '../core/ingest.js';
import { type Entry, type Problem, ProblemCode, type Story } from '../core/model.js';
import { type FutureStories, releaseOf } from '../core/release.js';
import { paths, siteUrls } from '../core/routes.js';
import type { Logger } from '../log.js';
import type { StoredArticle } from '../store/article-row.js';
import type { StateDb } from '../store/state-db.js';
import { type FileJob, type FileOutcome, type FileStat, readError } from '../workers/read-story.js';
import { type Catalog, summarizeReading } from './catalog.js';
import { fileHash } from './folder-match.js';
import { isStoreWriteError } from './store-retry.js';
import type { ProblemBook } from './problem-book.js';
import { startBatch, untilQuiet } from './read-batches.js';
import { restoreEntries, storedNotes } from './restore-entries.js';
import { Copies } from './copies.js';
import { HeldMarks, skeleton } from './held-marks.js';
import { SiblingImages } from './sibling-images.js';
import { RENAME_WINDOW_MS, RecentRemovals } from './rename-rules.js';
import { MadeSummaries, type StoredEntry, storedEntries } from './stored-entry.js';
import { admitId, storyNotes } from './story-notes.js';
import { type StoryImage, imageChanged, readStoryImage } from './story-image.js';
import { UrlMoves } from './url-moves.js';

export interface ApplyOptions {
  articlesDir: string;
  maxFileBytes: number;
  feedId: string;
  /** The public base URL: stored entries are rebased onto it when read. */
  baseUrl: string;
  futureStories: FutureStories;
  /** The desk's time zone: a date too far ahead is said in it. */
  timeZone: string;
  /** Read, hash and parse one file (workers/read-story.ts: on the worker pool; in-line for `check`). */
  read: (file: FileJob, before: FileStat | undefined) => Promise<FileOutcome>;
  /** A story is held until `at` (epoch ms), or not any more (undefined): the scheduler's business. */
  hold: (relPath: string, at: number | undefined) => void;
  /**
   * Serving: a batch of saves waits for its reads only while they keep coming in. Once none has
   * for `quietMs` (from the batch's start when `workersUp`, else from the first read in), the
   * batch is applied without the ones still running, and never waits for them again (a slow or
   * hostile file must not hold every other save for up to the 10 s parse limit); `done` is called
   * as each of them ends, and the caller applies its path again (the read is not repeated).
   * Unset: wait for all (build, check).
   */
  late?: { quietMs: number; done: (relPath: string) => void; workersUp: () => boolean };
}

type Read = Exclude<FileOutcome, { error: unknown }> | { error: ArticleError };
type FileRead = { kind: 'file' } & FileStat;
/** What the parse made of a story besides the story: its URL, summary, and warnings and notes. */
type Made = { slug: string[]; summary: string | undefined; media: string[]; notes: Problem[] };
const stored = siteUrls(STORED_BASE);

/**
 * Live stories with a saved file's bytes whose own file is read to see whether the two changed
 * places (`mv a t; mv b a; mv t b`, or two folders swapped by name whose files share names): then
 * each story keeps its id at its new path, as in any rename. Before, the ids stayed with the paths,
 * and each entry a subscriber had read showed the other story's text. A few only: a folder of a
 * thousand copies of one file must not read a thousand files for each.
 */
const SWAP_LOOKS = 3;

/** Joins a replaced story's path and the time in the path of its record set aside (paths are unique; no file name holds a NUL). */
const REPLACED = '\u0000replaced@';
const isFolder = (dir: string) =>
  stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );

/**
 * For each path: publish the new version of its story, hold it until its date, retire it (file gone, or now a
 * folder), keep it a draft, or record a Problem while the last good version stays published. One `apply` at a time.
 */
export class FileApplier {
  private readonly moves: UrlMoves;
  private readonly toEntry: ReturnType<typeof storedEntries>;

  constructor(
    private readonly options: ApplyOptions,
    private readonly store: StateDb,
    private readonly catalog: Catalog,
    private readonly problems: ProblemBook,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {
    this.moves = new UrlMoves(store, log, now);
    this.toEntry = storedEntries(store, options.baseUrl, this.madeSummaries);
    this.held = new HeldMarks(store, now());
    this.copies = new Copies(catalog, problems);
  }

  /** Held stories by their text, until their release (held-marks.ts). */
  private readonly held: HeldMarks;
  /** Published copies of published stories (copies.ts). */
  private readonly copies: Copies;
  /**
   * Stories with no date of their own that this apply published (none was out before it), with
   * the held marks' version then: a held story they are, read in a later batch, holds them too
   * before anything of the apply is served (recheck).
   */
  private readonly freshUndated = new Map<string, number>();
  /** Those read again because a held story came after them: their text may take them down. */
  private rechecking = new Set<string>();
  /** How deep apply() is (it applies slug losers and swap partners itself): the recheck is the outermost's. */
  private depth = 0;
  /** Scans under way (holdScan): their steps are applies of their own, and the recheck is the scan's. */
  private scans = 0;
  /** This start reads every stored story again (new parse settings or entry format): none is restored. */
  private rereading = false;

  /** Stories the batch applied now took down: logged after it, unless a rename in it moved them (then only renamed). */
  private readonly removed = new Set<string>();
  /** Files whose story moved to a path of this batch while they took that path's story (previousIdentity): applied before apply() returns. */
  private swapPartners: string[] = [];
  private readonly lately = new RecentRemovals();
  /** Summaries a render made (a server parses without them): stored with the next batch. */
  private readonly madeSummaries = new MadeSummaries();
  /** The pictures saved beside the stories under their names, as the last scan listed them. */
  private readonly siblings = new SiblingImages();

  /** Entries published by the batch whose transaction runs now: their bodies are in memory until it commits. */
  private unsettled: StoredEntry[] = [];
  /** Reads a batch went on without (options.late), and their outcome once in: the next apply of the path takes it. */
  private readonly lateReads = new Map<string, { read: Promise<Read>; done?: Read }>();

  /**
   * Load the entries published by the last run (metadata; bodies stay in the store): a restart re-reads only
   * files whose size or mtime changed. A new `fingerprint` (entry-format.ts) drops them: all are re-read.
   */
  restore(fingerprint: string): number {
    const kept = this.store.checkFingerprint(fingerprint);
    this.rereading = kept === 'changed';
    if (kept === 'changed') this.log.info('state.reparse', { reason: 'parse settings or entry format changed: every file is read again' });
    if (kept !== 'kept') return 0;
    const rows = restoreEntries(this.store, this.toEntry, this.log, this.now());
    this.catalog.restore(rows);
    for (const { entry, notes } of rows) if (notes.length > 0) this.problems.setFile(entry.path, notes);
    return rows.length;
  }

  /**
   * Apply the current state of `paths` (relative, `/`-separated). True when the published set changed.
   * `seen`: the size and mtime a scan just listed them with (read-batches.ts).
   */
  async apply(paths: Iterable<string>, seen?: ReadonlyMap<string, FileStat>): Promise<boolean> {
    this.depth++;
    try {
      let changed = await this.applyAll(paths, seen);
      if (this.depth === 1 && this.scans === 0) {
        // A batch of saves reads its own late copies again; a scan's are this apply's paths (holdScan).
        const late = this.rechecking.size > 0 ? [] : this.lateCopies();
        if (late.length > 0 && (await this.applyAll(late))) changed = true;
        this.rechecking = new Set();
        this.freshUndated.clear();
      }
      return changed;
    } finally {
      this.depth--;
    }
  }

  /**
   * Whether the story at `relPath` was out when the server last stopped, though not restored now:
   * a start that reads every file again (a new entry format) took published stories down with
   * no warning (re-attack trial). Its record says so: live, and dated at or before now.
   */
  private outBeforeRestart(relPath: string): boolean {
    if (!this.rereading || this.rechecking.has(relPath)) return false;
    const known = this.store.get(relPath);
    return known !== undefined && known.deletedAt === null && known.published <= this.now() && !this.catalog.heldFiles().has(relPath);
  }

  /**
   * A held story and an undated copy of it in different batches, the copy's first: the copy went
   * out (its held story was not known yet when it was applied; attack trial). Nothing of an apply,
   * or of a scan's steps, is served before it ends (the rebuild follows), so the copies published
   * before a held story came are read again then, and held by its text as if it had come first.
   */
  private lateCopies(): string[] {
    const late = [...this.freshUndated].filter(([p, version]) => version < this.held.version && this.catalog.get(p)).map(([p]) => p);
    this.freshUndated.clear();
    this.rechecking = new Set(late);
    return late;
  }

  private async applyAll(paths: Iterable<string>, seen?: ReadonlyMap<string, FileStat>): Promise<boolean> {
    const list = [...new Set(paths)];
    let changed = false;
    const missing = (r: Read) => 'result' in r && r.result.kind === 'missing';
    const undated = (r: Read) => {
      const ingested = 'ingested' in r ? r.ingested : undefined;
      return ingested?.ok === true && (ingested.story.date === undefined || ingested.story.dateSource?.lede === true);
    };
    let cursor = 0;
    const prepare = async () => {
      const files = startBatch(this.options.articlesDir, list, cursor, (relPath, before) => this.read(relPath, before), seen);
      cursor += files.length;
      const jobs = await this.readsInTime(files, seen === undefined ? this.options.late : undefined);
      const reads = jobs.map((j) => j.read);
      const rootGone = reads.some((r) => 'rootGone' in r) || (reads.some(missing) && !(await isFolder(this.options.articlesDir)));
      return { rootGone, jobs };
    };
    // The workers parse the batches ahead (each path is in one batch only) while one is applied here, in one transaction.
    const ahead = [prepare()];
    if (cursor < list.length) ahead.push(prepare());
    let refused: Error | undefined;
    for (let first = true, next = ahead.shift(); next; first = false, next = ahead.shift()) {
      const { rootGone, jobs } = await next;
      if (cursor < list.length) ahead.push(prepare());
      // Yield between batches so requests are answered during a long first scan.
      if (!first) await new Promise((resolve) => setImmediate(resolve));
      // Removals first: in a rename batch the old path is retired before the new one claims its
      // identity. Then stories dated in the file before those with no date of their own: a held
      // story is known before an undated copy of it in the same batch (re-attack trial: the copy,
      // its name first, went out).
      jobs.sort((a, b) => Number(missing(b.read)) - Number(missing(a.read)) || Number(undated(a.read)) - Number(undated(b.read)));
      const freed: string[] = [];
      const unsettled: StoredEntry[] = [];
      this.unsettled = unsettled;
      this.removed.clear();
      this.moves.begin();
      let applied = 0;
      const run = () => {
        if (applied === 0) this.store.putSummaries(this.madeSummaries.take());
        for (; applied < jobs.length; applied++) {
          const job = jobs[applied] as { path: string; read: Read };
          if (this.applyRead(job.path, job.read, rootGone, freed)) changed = true;
        }
        this.moves.flush();
      };
      try {
        if (refused) this.store.withoutWrites(run);
        else this.store.transaction(run);
      } catch (error) {
        if (!isStoreWriteError(error)) throw error;
        // The disk refused the batch (rolled back in the store): what it had applied stays in
        // memory, and the rest of it and every batch after it are published from memory too. The
        // caller marks them all STORE_WRITE and retries (publish/store-retry.ts). The attack
        // trial: a disk that filled during a first scan left half the stories unpublished.
        refused = error;
        this.moves.rolledBack();
        this.store.withoutWrites(run);
      }
      for (const file of this.removed) this.log.info('article.removed', { file });
      // Bodies not stored stay in memory, served from there until a retry stores them.
      if (!refused) for (const entry of unsettled) entry.stored();
      // A slug freed by this batch goes to a file that lost a clash for it.
      const losers = freed.length > 0 ? this.problems.pathsWithCode(ProblemCode.SlugCollision) : [];
      if (losers.length > 0 && (await this.apply(losers))) changed = true;
      // The other halves of swaps that no batch of this apply holds: before, the rebuild after a
      // folder swap seen in two scans showed the first folder's stories only, and tombstones for the rest.
      const listed = new Set(list);
      const partners = this.swapPartners.filter((p) => !listed.has(p));
      this.swapPartners = [];
      if (partners.length > 0 && (await this.apply(partners))) changed = true;
    }
    if (refused) throw refused;
    return changed;
  }

  /**
   * The batch's reads: all of them, or (`late`: a batch of saves, not a scan, whose store must
   * stand for the folder) those done once none has come in for `quietMs`; the others are left
   * to finish in `lateReads`.
   */
  private async readsInTime(
    all: { relPath: string; started: Promise<Read> }[],
    late: ApplyOptions['late'],
  ): Promise<{ path: string; read: Read }[]> {
    // A path whose late read still runs (its save seen again, the settling look) is awaited
    // already (goLate): a batch of saves does not wait for it a second time. Four hostile files
    // re-applied so held every save after them to the time limit.
    const stillLate = (relPath: string) => {
      const pending = this.lateReads.get(relPath);
      return pending !== undefined && pending.done === undefined;
    };
    const files = late ? all.filter(({ relPath }) => !stillLate(relPath)) : all;
    const started = files.map((f) => f.started);
    const reads = late ? await untilQuiet(started, late.quietMs, late.workersUp()) : await Promise.all(started);
    const jobs: { path: string; read: Read }[] = [];
    for (const [k, { relPath, started }] of files.entries()) {
      const read = reads[k];
      if (read) {
        jobs.push({ path: relPath, read });
        this.lateReads.delete(relPath);
      } else if (late) this.goLate(relPath, started, late);
    }
    return jobs;
  }

  private goLate(relPath: string, started: Promise<Read>, late: NonNullable<ApplyOptions['late']>): void {
    // Late again (its path was applied again before it ended): it is already awaited.
    if (this.lateReads.has(relPath)) return;
    const entry: { read: Promise<Read>; done?: Read } = { read: started };
    this.lateReads.set(relPath, entry);
    this.log.info('article.late', {
      file: relPath,
      reason: `still parsing ${late.quietMs / 1000} s after the others: applied when it ends`,
    });
    void started.then((read) => {
      entry.done = read;
      if (this.lateReads.get(relPath) === entry) late.done(relPath);
    });
  }

  /** Read `relPath` where it is parsed; the parse is skipped when its bytes are those of its published version. */
  private async read(relPath: string, before: FileStat | undefined): Promise<Read> {
    const late = this.lateReads.get(relPath);
    if (late) return late.done ?? late.read;
    const { articlesDir, maxFileBytes } = this.options;
    const job: FileJob = { root: articlesDir, absPath: path.join(articlesDir, relPath), relPath, maxBytes: maxFileBytes };
    // Parsed again whatever its bytes: a story that last failed, or whose image changed.
    const current = this.catalog.get(relPath);
    const again = current && !this.problems.hasError(relPath) && !this.rechecking.has(relPath) && this.staleImages([current]).length === 0;
    if (again) job.knownHash = current.hash;
    const outcome = await this.options.read(job, before);
    return 'error' in outcome ? { error: readError(relPath, outcome.error) } : outcome;
  }

  /**
   * A scan applying in steps: its removals stay matchable to its additions (rename-rules.ts), and
   * its undated stories are checked against the held stories of all its steps, until the release,
   * which gives the files to apply again (lateCopies).
   */
  holdScan(): () => string[] {
    const releaseRemovals = this.lately.hold();
    this.scans++;
    return () => {
      releaseRemovals();
      this.scans--;
      return this.scans === 0 && this.depth === 0 ? this.lateCopies() : [];
    };
  }

  /**
   * Published stories whose image file changed since they were read (all by default), or with no
   * picture and one of their name beside them now: a scan reads them again.
   */
  staleImages(entries: readonly Entry[] = this.catalog.list()): string[] {
    const mismatched = new Set(this.problems.pathsWithCode(ProblemCode.ImageMismatch));
    const urls = siteUrls(this.options.baseUrl);
    return entries
      .filter((e) =>
        e.image === undefined
          ? this.siblings.of(e.path) !== undefined
          : imageChanged(this.options.articlesDir, e, urls, mismatched.has(e.path)),
      )
      .map((e) => e.path);
  }

  /** The images a scan listed beside the stories (before it reads): a story's picture may be the one of its name. */
  imagesListed(images: readonly string[]): void {
    this.siblings.replace(images);
  }

  /** The image beside the story at `relPath` under its name, as last listed (a held story's desk preview shows it). */
  siblingImage(relPath: string): string | undefined {
    return this.siblings.of(relPath);
  }

  /** An image's event (saved or deleted): the story of its name may be read with it. */
  imageEvent(relPath: string): void {
    if (existsSync(path.join(this.options.articlesDir, relPath))) this.siblings.saved(relPath);
    else this.siblings.deleted(relPath);
  }

  private applyRead(relPath: string, read: Read, rootGone: boolean, freed: string[]): boolean {
    if ('error' in read) return this.fail(relPath, read.error);
    const { result } = read;
    // A vanished articles folder (unmounted share, a sync tool mid-swap) is not a mass deletion.
    if (result.kind === 'missing') return rootGone ? false : this.remove(relPath, freed);
    // A story file replaced by a folder of the same name is gone as a story.
    if (result.kind === 'directory') return this.remove(relPath, freed);
    return 'hash' in read ? this.applyFile(relPath, result, read.hash, read.ingested, freed) : false;
  }

  /** Returns true when the published set changed. */
  private applyFile(relPath: string, file: FileRead, hash: string, ingested: Ingested | undefined, freed: string[]): boolean {
    const stat = { size: file.size, mtimeMs: file.mtimeMs };
    this.catalog.setStat(relPath, stat);
    const current = this.catalog.get(relPath);
    if (!ingested) {
      const known = this.store.get(relPath);
      if (known && (known.size !== file.size || known.mtimeMs !== file.mtimeMs)) this.store.put({ ...known, ...stat });
      return false; // touched or re-saved without change
    }
    if (!ingested.ok) {
      const f = ingested.failure;
      if (f.reading) this.catalog.setReading(relPath, summarizeReading(f.reading));
      // An embargo line added that does not read (a story pulled back in a hurry): the version that
      // is out goes down with it, where another problem keeps it up (re-attack trial: before the
      // line was refused it held the story, and refused it stayed public).
      const withdrawn = f.withholds === true && this.unpublish(relPath, freed);
      const message = withdrawn ? `${f.message} (the version that was out is taken down until then)` : f.message;
      this.fail(relPath, new ArticleError(f.code, message, relPath, { line: f.line, reading: f.reading }));
      return withdrawn;
    }
    const { slug } = ingested;
    const { story, conflict } = admitId(relPath, ingested.story, (id) => this.catalog.idOwner(id));
    const dateless = story.date === undefined || story.dateSource?.lede === true;
    // Published by this very apply and read again (recheck): never served, so not yet out.
    const out = this.rechecking.has(relPath) ? undefined : current;
    // A story that names no picture has the one saved beside it under its name (`flood.txt`, `flood.jpg`).
    const sibling = story.image === undefined ? this.siblings.of(relPath) : undefined;
    if (sibling !== undefined) story.image = STORED_BASE + paths.image(sibling);
    this.catalog.setReading(relPath, summarizeReading(story.reading, story));
    const owner = this.catalog.slugOwner(slug) ?? this.catalog.heldSlugOwner(slug);
    if (owner !== undefined && owner !== relPath) {
      const until = this.catalog.get(owner) ? undefined : this.catalog.heldFiles().get(owner);
      const held = until === undefined ? '' : `, held until ${new Date(until).toISOString()}, which will take it then`;
      return this.fail(
        relPath,
        new ArticleError(
          ProblemCode.SlugCollision,
          `its URL /${slug.join('/')} is already used by ${owner}${held}; rename one of them, or give one a \`slug:\``,
          relPath,
        ),
      );
    }
    this.keepLostDate(relPath, hash, story);
    const release = releaseOf(story, this.now(), this.options.futureStories, this.options.timeZone);
    if (release.kind === 'too-far') {
      // An embargo line that far ahead is a typo or "indefinitely": either way it says not yet, and a
      // version that is out goes down with it (new-user trial: pulled back so, the story stayed out).
      const withdrawn = story.reading?.dateline?.release === true && this.unpublish(relPath, freed);
      const reason = withdrawn ? `${release.reason} (the version that was out is taken down until then)` : release.reason;
      this.fail(relPath, new ArticleError(ProblemCode.FarFuture, reason, relPath, { line: release.line }));
      return withdrawn;
    }
    // Held after it was out: a date edited into the future (a typo, often) takes a published story down. Said loudly.
    const withdrawn = release.kind === 'held' && !story.draft && (out !== undefined || this.outBeforeRestart(relPath));
    // Held by a held story's text (HELD_TEXT says so), not by a date of its own.
    if (withdrawn && !story.warnings.some((w) => w.code === ProblemCode.HeldText))
      story.warnings.push({
        code: ProblemCode.HeldAfterPublished,
        message: `its date ${release.until.toISOString()} is in the future: the story was published and is now held, out of every feed and page, until then; if the date is a typo, correct it`,
      });
    if (release.kind === 'now-undated') {
      story.date = undefined;
      story.warnings.push({ code: ProblemCode.FutureDate, message: release.warning });
    }
    if (story.updated && story.updated.getTime() > this.now()) {
      // An update time ahead of now would date the feed after the response that serves it.
      story.warnings.push({
        code: ProblemCode.FutureDate,
        message: `updated: ${story.updated.toISOString()} is in the future; the time of this save is used`,
      });
      story.updated = undefined;
    }
    const previous = this.previousIdentity(relPath, hash, story, freed);
    // A second file with a published or held story's very bytes (a backup copy, a sync tool's
    // conflicted copy) is a second entry, now or at the release: readers see the story twice
    // (new-user trials). Said, held or not.
    if (previous.twin !== undefined && !story.draft)
      story.warnings.push({
        code: ProblemCode.DuplicateText,
        message: `the same bytes as ${previous.twin}, which is ${this.catalog.get(previous.twin) ? 'published' : 'held'} too: readers get the story twice; if this file is a copy (a backup, a sync tool's conflicted copy), delete it or move it out of the articles folder`,
      });
    const record = resolveIdentity(previous.record, {
      idInUse: (id) => this.catalog.idOwner(id) !== undefined || this.store.idInUse(id),
      path: relPath,
      hash,
      story,
      seenAt: Math.min(file.mtimeMs, this.now()),
      feedId: this.options.feedId,
    });
    // Taken down after it was out, a story keeps the time it first went out while held: deleted
    // before its new date, it is a deletion its readers must hear of (an Atom tombstone), as any
    // other's; released, it is dated anew by resolveIdentity (attack trial: no tombstone).
    // Held and read again after a restart, it is no longer `withdrawn` (its hold was remembered): a record
    // dated before now is one that went out (re-attack trial: the restart's read dated it anew, and no tombstone).
    const first = previous.record?.published;
    const wentOut = withdrawn || (release.kind === 'held' && !story.draft && first !== undefined && first <= this.now());
    this.store.put({ ...record, ...(wentOut && first !== undefined && first < record.published ? { published: first } : {}), ...stat });
    const image = story.image === undefined ? {} : readStoryImage(this.options.articlesDir, relPath, story.image, stored);
    const notes = [...(conflict ? [conflict] : []), ...storyNotes(relPath, story), ...(image.problem ? [image.problem] : [])];
    this.problems.setFile(relPath, notes);
    if (release.kind === 'held' || story.draft) {
      const wasPublished = this.unpublish(relPath, freed);
      this.catalog.setDraft(relPath, story.draft);
      // A URL it kept and keeps no more (a draft now, renamed by `slug:`) goes to a file that lost it.
      if (this.catalog.setHeld(relPath, release.kind === 'held' && !story.draft ? release.until.getTime() : undefined, slug))
        freed.push(relPath);
      // A draft keeps the marks of what was held at its file: its text is no more public than before.
      if (release.kind === 'held' && !story.draft) this.held.hold(relPath, release.until.getTime(), story);
      this.options.hold(relPath, release.kind === 'held' && !story.draft ? release.until.getTime() : undefined);
      this.log[withdrawn ? 'warn' : 'info'](story.draft ? 'article.draft' : 'article.held', {
        file: relPath,
        until: release.kind === 'held' ? release.until.toISOString() : undefined,
        was: out ? 'published' : undefined,
      });
      return wasPublished;
    }
    this.options.hold(relPath, undefined);
    this.held.published(relPath, story);
    // Out again: renamed from a removed story, or its own file back after a removal.
    const returning = previous.renamed === true || (previous.record !== undefined && previous.record.deletedAt !== null);
    this.moves.published(previous.oldUrl ?? (current ? paths.article(current.slug) : undefined), paths.article(slug), record.id, returning);
    // A rename was logged as such (article.renamed): not as a new story. The same bytes read again
    // (a file readable again, a folder that reappeared) are no update (new-user trial).
    const said = previous.renamed || current?.hash === hash ? undefined : current !== undefined ? 'article.updated' : 'article.added';
    this.publish(story, { slug, summary: ingested.summary, media: this.imagesOf(story, ingested.media), notes }, record, said, image);
    this.copies.published(relPath, previous.twin);
    if (dateless && current === undefined && !story.draft) this.freshUndated.set(relPath, this.held.version);
    return true;
  }

  /**
   * A file dated as written before (its record's date is not the time it was first seen) and saved
   * with no date that reads (a misspelt month, a deleted `date:`) keeps that date, published or
   * held, and the editor hears why (DATE_LOST). Before, a published story was re-dated to when it
   * was first seen (new-user trial), and a held one went out at once with its secret text (attack
   * trial, on the first version of this, which kept the date after the release was decided). Or,
   * a new undated file that is a held story by its text (held-marks.ts) is held until its release.
   */
  private keepLostDate(relPath: string, hash: string, story: Story): void {
    // A wire lede's date is no date of its own either: its embargo line deleted, a held story went
    // out at once, dated ahead in every feed (re-attack trial; identity kept the held date).
    const lede = story.date !== undefined && story.dateSource?.lede === true;
    if (story.date !== undefined && !lede) return;
    // Or the same bytes under another name: the file renamed (or copied) after its date broke. A
    // held story renamed then went out at once with its secret text (attack trial).
    const dated = (r: IdentityRecord | undefined) => r !== undefined && r.published !== r.firstSeen;
    const mine = this.store.get(relPath);
    const own =
      mine?.deletedAt === null && dated(mine) ? mine : this.store.withHash(hash, relPath).find((r) => this.stillKnown(r) && dated(r));
    // A held story's text, whose release is later than the date it would have: the later. So a
    // copy held by a story whose embargo moved later follows it (re-attack trial: it went out at
    // the first time). A story that is out is never taken down by another's embargo while it is
    // the same story, by its headline: a published file saved over with a held story's text and
    // headline is that story now (attack trial: it went out, secret text and all).
    const out = this.rechecking.has(relPath) ? undefined : this.catalog.get(relPath);
    // A story that went out, pulled back by an embargo line and saved without it, is out again as
    // it was: its own mark is no other held story (new-user trial: held "as the held story
    // floods.txt", itself, until the time the line had). A line that does not read still withholds.
    const wasOut = mine !== undefined && mine.deletedAt === null && mine.published <= this.now();
    const twin =
      out !== undefined && skeleton(out.title) === skeleton(story.title)
        ? undefined
        : this.held.twin(story, this.now(), wasOut ? relPath : undefined);
    // At the very time of another held story it is, that story's copy still (a restart: its own
    // record has that time; new-user trial: the desk said DATE_LOST, "the date line may be
    // misspelt", of a copy that never had one). Not its own mark: a held story is no copy of itself.
    const same = twin !== undefined && own !== undefined && twin.until === own.published && twin.path !== relPath;
    const later = twin !== undefined && (own === undefined || twin.until > own.published || same) ? twin : undefined;
    const published = later?.until ?? own?.published;
    if (published === undefined) return;
    // A lede's date stands when it is the later, or the story is out already: a wire story whose
    // lede moved its embargo later was held to the earlier one (re-attack trial).
    if (lede && (published <= (story.date?.getTime() ?? 0) || published <= this.now())) return;
    story.date = new Date(published);
    const kept = story.date.toISOString();
    story.warnings.push(
      later
        ? {
            code: ProblemCode.HeldText,
            message: `it has no date of its own, and its text is the held story ${later.path}'s (${later.by}): it is held until that story's release, ${kept}; if it is another story, give it a date line of its own to publish it now`,
          }
        : {
            code: ProblemCode.DateLost,
            message:
              published > this.now()
                ? `no date of its own could be read in this save, so the first lines may show as text; the story stays held until the date it had, ${kept}`
                : `no date of its own could be read in this save, so the first lines may show as text; the story keeps the date it was published with, ${kept}`,
          },
    );
  }

  /**
   * Every image beside the stories that a story names (`image:`) or whose text shows or links it,
   * written against the stored origin or the public base URL (pasted from the live site): only
   * these are served and built (LiveSite.imagePublic).
   */
  private imagesOf(story: Story, media: readonly string[]): string[] {
    const site = siteUrls(this.options.baseUrl);
    const own = story.image === undefined ? undefined : (stored.localImage(story.image) ?? site.localImage(story.image));
    return [...new Set([...(own === undefined ? [] : [own]), ...media, ...localMedia(story.contentHtml, this.options.baseUrl)])];
  }

  private publish(story: Story, made: Made, record: IdentityRecord, said: string | undefined, image: StoryImage): void {
    const meta = entryMeta(story, made.slug, record, image.enclosure, made.media);
    this.store.putEntry(record.path, JSON.stringify(meta), story.contentHtml, made.summary, storedNotes(made.notes));
    const entry = this.toEntry(meta, { body: story.contentHtml, summary: made.summary });
    this.unsettled.push(entry);
    this.catalog.publish(entry);
    // A first scan into an empty store adds every story: one line each was 100,000 lines of log (new-user
    // trial); scan.done counts them.
    if (said)
      this.log[said === 'article.added' && this.store.filling ? 'debug' : 'info'](said, {
        file: record.path,
        id: entry.id,
        title: entry.title,
      });
    // Published, but with something an editor should know (a legacy encoding, characters removed): the log says so too.
    for (const note of made.notes) {
      if (note.severity === 'warning')
        this.log.warn('article.warning', { file: record.path, code: note.code, reason: note.reason, line: note.line });
    }
  }

  /**
   * The remembered identity of `relPath`. Unless the path holds a live story with these bytes, a
   * rename: the identity of a story with the same bytes whose file is gone, which then moves to
   * this path (its old path's record, stats and problems dropped and its story unpublished). This
   * holds even when the path's own story was deleted in the same moment and its deletion not yet
   * seen (`rm b; mv a b`): the moved story keeps its own id, and the replaced one gets a tombstone.
   * Or a story renamed and edited at once, as publish/rename-rules.ts tells.
   */
  private previousIdentity(
    relPath: string,
    hash: string,
    story: Story,
    freed: string[],
  ): { record: IdentityRecord | undefined; oldUrl?: string; renamed?: boolean; twin?: string } {
    const own = this.store.get(relPath);
    const ownLive = own !== undefined && own.deletedAt === null;
    if (ownLive && own.hash === hash) return { record: own };
    const byHash = this.store.withHash(hash, relPath);
    const edited = own === undefined && byHash.length === 0 ? this.lately.match(story, this.now()) : undefined;
    const editedRecord = edited === undefined ? undefined : this.store.get(edited);
    let looked = 0;
    let twin: string | undefined;
    for (const candidate of editedRecord ? [editedRecord] : byHash) {
      // A live record is a rename source only if its file is really gone (the unlink event may
      // come later), or if the two stories changed places (a swap, below).
      const file = path.join(this.options.articlesDir, candidate.path);
      const moved = candidate.deletedAt !== null || !existsSync(file);
      const swapped = !moved && (ownLive || own === undefined) && looked++ < SWAP_LOOKS && this.movedOn(file, candidate, own);
      const gone = moved || swapped;
      // Over a live story, only a move of this very moment: not a story deleted long ago whose text was pasted in.
      const recent = candidate.deletedAt === null || this.now() - candidate.deletedAt < RENAME_WINDOW_MS;
      // A published or held story with these very bytes that stays where it is: this file is a copy of it.
      const shown = this.catalog.get(candidate.path) !== undefined || this.catalog.heldFiles().has(candidate.path);
      if (!gone && twin === undefined && candidate !== editedRecord && shown) twin = candidate.path;
      if (!gone || (ownLive && !recent)) continue;
      // The replaced story is deleted: its row moves aside (paths are unique) and keeps its id for the tombstone.
      if (ownLive) this.store.put({ ...own, path: `${relPath}${REPLACED}${this.now()}`, deletedAt: this.now() });
      // So does another story deleted from this path before (re-attack trial: its tombstone went when the first story's bytes came back).
      else if (own && own.id !== candidate.id) this.store.put({ ...own, path: `${relPath}${REPLACED}${this.now()}` });
      const live = this.catalog.get(candidate.path);
      const retired = this.moves.takeRetired(candidate.path, candidate.id);
      const oldUrl = live ? paths.article(live.slug) : retired;
      this.store.remove(candidate.path);
      // A held story renamed frees the URL it kept at its old name for a file that lost it.
      if (this.catalog.forget(candidate.path)) freed.push(candidate.path);
      this.problems.setFile(candidate.path, []);
      this.unpublish(candidate.path, []);
      this.removed.delete(candidate.path);
      this.lately.drop(candidate.path);
      // Its file holds the other story now: read in this apply, so no rebuild shows it gone (a swap of two folders, seen apart).
      if (swapped) this.swapPartners.push(candidate.path);
      // A record set aside for a replaced story keeps its file's name before the mark (REPLACED).
      this.log.info('article.renamed', { from: candidate.path.split(REPLACED)[0], file: relPath });
      return { record: { ...candidate, path: relPath, deletedAt: null }, oldUrl, renamed: true };
    }
    // Another story saved, later, under a deleted story's file name is a new story: it took the
    // deleted one's id, date and archive place, and readers who held that id never saw it (attack
    // trial). The same bytes back (a restore), or a save moments after the deletion (an editor
    // that deletes and writes), is the same story. The deleted row moves aside and keeps its tombstone.
    if (own && own.deletedAt !== null && own.hash !== hash && this.now() - own.deletedAt >= RENAME_WINDOW_MS) {
      this.store.put({ ...own, path: `${relPath}${REPLACED}${this.now()}` });
      this.store.remove(relPath);
      return { record: undefined, twin };
    }
    return { record: own, twin };
  }

  /** A record live, or deleted within the rename window (a move's other half may still come). */
  private stillKnown(r: IdentityRecord): boolean {
    return r.deletedAt === null || this.now() - r.deletedAt < RENAME_WINDOW_MS;
  }

  /**
   * Whether `candidate`'s story left its file, which now holds another known story: this path's
   * own (two changed places), or another live one's (three or more in a ring: `mv f t; mv h f;
   * mv g h; mv t g` kept every id with its path, each entry showing another's text). Bytes no
   * record knows are an edit of the candidate in place, which stays (`cp b a` then b edited).
   */
  private movedOn(file: string, candidate: StoredArticle, own: StoredArticle | undefined): boolean {
    const bytes = fileHash(file);
    if (bytes === undefined || bytes === candidate.hash) return false;
    if (bytes === own?.hash) return true;
    // Live, or set aside by this very ring a moment ago (a replaced story's record).
    return this.store.withHash(bytes, candidate.path).some((r) => r.path !== own?.path && this.stillKnown(r));
  }

  private remove(relPath: string, freed: string[]): boolean {
    // A story taken down after it was out (held, its record keeping when it went out): its deletion is a tombstone's news.
    const known = this.catalog.heldFiles().has(relPath) ? this.store.get(relPath) : undefined;
    const takenDown = known !== undefined && known.deletedAt === null && known.published <= this.now();
    if (this.catalog.forget(relPath)) freed.push(relPath);
    this.options.hold(relPath, undefined);
    this.problems.setFile(relPath, []);
    this.store.markDeleted(relPath, this.now());
    const entry = this.catalog.get(relPath);
    const removed = this.unpublish(relPath, freed);
    // Unpublished already, in memory, by a batch the disk refused: its stored entry goes now, or a restart published it again.
    if (!removed) this.store.deleteEntry(relPath);
    if (removed && entry) {
      // Gone (410) until a rename of the same bytes turns it into a 301; held and draft stories were never public.
      this.moves.deleted(relPath, paths.article(entry.slug), entry.id);
      this.removed.add(relPath);
      this.lately.add(relPath, { title: entry.title, publishedMs: entry.published.getTime() }, this.now());
    }
    return removed || takenDown;
  }

  private unpublish(relPath: string, freed: string[]): boolean {
    if (!this.catalog.unpublish(relPath)) return false;
    this.copies.settle(relPath);
    this.store.deleteEntry(relPath);
    freed.push(relPath);
    return true;
  }

  private fail(relPath: string, error: ArticleError): boolean {
    if (error.fileStat) this.catalog.setStat(relPath, error.fileStat);
    const kept = this.catalog.get(relPath) ? 'last good version' : undefined;
    // The parser speaks of the story; with a version out, it is this save that is not published
    // (second re-attack trial: the desk said "not published" of a story readers still had).
    const reason = kept
      ? error.message.replace('so the story is not published', 'so this save is not published (the version that was out stays published)')
      : error.message;
    const news = this.problems.setFile(relPath, [{ path: relPath, code: error.code, reason, severity: 'error', line: error.line }]);
    this.log[news ? 'warn' : 'debug']('article.problem', { file: relPath, code: error.code, reason, line: error.line, kept });
    return false;
  }
}

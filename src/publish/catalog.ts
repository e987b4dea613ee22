// The one writer: applies file changes to the set of published entries, their identities and problems.
// crypto.hash: one-shot, no Hash object per file (Node 20.12+).
import { hash as hashBytes } from 'node:crypto';
import { existsSync, lstatSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { decodeArticle } from '../core/decode.js';
import { ArticleError } from '../core/errors.js';
import { resolveIdentity } from '../core/identity.js';
import { type Enclosure, imageType, localImagePath } from '../core/media.js';
import { type Entry, type Problem, ProblemCode, type Story } from '../core/model.js';
import { parseStory } from '../core/parse-story.js';
import { articleUrlPath, categoriesFromPath, slugFromPath, slugKey } from '../core/paths.js';
import type { Logger } from '../log.js';
import type { StateDb } from '../store/state-db.js';
import { EntryOrder, compareEntries } from './entry-order.js';
import { type EntryMeta, StoredEntry } from './stored-entry.js';
import { type ReadResult, readArticle } from '../watch/read-article.js';

export interface CatalogOptions {
  articlesDir: string;
  baseUrl: string;
  feedId: string;
  maxFileBytes: number;
  boilerplateMarkers: readonly string[];
  timeZone: string;
  maxTitleLength: number;
}

export interface ApplyResult {
  /** True when any entry was added, changed or removed. */
  changed: boolean;
  read: number;
}

/** Bump when what a parse produces changes: stored entries of another format are re-read. */
const ENTRY_FORMAT = 2;

/** Files read and applied between two yields to the event loop. */
const READ_BATCH = 256;

/**
 * Holds the last good Entry of every article and the Problems of every bad file. `apply` is
 * the only way in: it reads the given paths, and for each one either publishes the new version,
 * removes the story (file gone), or records a Problem while the last good version stays.
 * Calls are queued, so batches never interleave.
 */
export class Catalog {
  private readonly entries = new Map<string, Entry>();
  private readonly order = new EntryOrder();
  private changed = new Set<string>();
  private readonly problems = new Map<string, Problem[]>();
  private readonly slugOwners = new Map<string, string>();
  /** Size and mtime of each file as last read: lets a reconcile skip unchanged files. */
  private readonly stats = new Map<string, { size: number; mtimeMs: number }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly drafts = new Set<string>();
  /** Stories per category and per author, kept as entries come and go (the home page lists them). */
  private readonly facetCounts = { categories: new Map<string, number>(), authors: new Map<string, number>() };

  constructor(
    private readonly options: CatalogOptions,
    private readonly store: StateDb,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /**
   * Load the entries published by the last run (their metadata; bodies stay in the store), so
   * that a restart re-reads only files whose size or mtime changed since. `fingerprint` names
   * the settings those entries were made with; when it differs they are dropped and re-read.
   */
  restore(fingerprint: string): number {
    if (!this.store.checkFingerprint(`${ENTRY_FORMAT}:${fingerprint}`)) return 0;
    const restored: StoredEntry[] = [];
    for (const row of this.store.storedEntries()) {
      const entry = this.toEntry(JSON.parse(row.meta) as EntryMeta);
      restored.push(entry);
      this.count(entry, 1);
      this.entries.set(row.path, entry);
      this.slugOwners.set(slugKey(entry.slug), row.path);
      this.stats.set(row.path, { size: row.size, mtimeMs: row.mtime });
      this.changed.add(row.path);
    }
    // One sort beats 100,000 binary-search inserts into a growing array.
    this.order.reset(restored.sort(compareEntries));
    return restored.length;
  }

  /** The site's own image file as an enclosure (type and length from the file), else undefined. */
  private enclosureFor(url: string): Enclosure | undefined {
    const rel = localImagePath(url, this.options.baseUrl);
    const type = rel === undefined ? undefined : imageType(rel);
    if (rel === undefined || type === undefined) return undefined;
    try {
      const st = lstatSync(path.join(this.options.articlesDir, rel));
      return st.isFile() ? { url, type, length: st.size } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Category or author names with their story counts (unordered). */
  facet(kind: 'categories' | 'authors'): ReadonlyMap<string, number> {
    return this.facetCounts[kind];
  }

  private count(entry: Entry, delta: 1 | -1): void {
    const bump = (map: Map<string, number>, key: string) => {
      const n = (map.get(key) ?? 0) + delta;
      if (n > 0) map.set(key, n);
      else map.delete(key);
    };
    for (const c of entry.categories) bump(this.facetCounts.categories, c);
    if (entry.author !== undefined) bump(this.facetCounts.authors, entry.author);
  }

  private toEntry(meta: EntryMeta): StoredEntry {
    return new StoredEntry(meta, this.options.baseUrl + articleUrlPath(meta.slug), (p) => this.store.body(p));
  }

  /** Apply the current state of `paths` (relative, `/`-separated). Queued behind earlier calls. */
  apply(paths: Iterable<string>): Promise<ApplyResult> {
    const list = [...new Set(paths)];
    const run = this.queue.then(() => this.applyNow(list));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Published entries, newest first (published, then path, so the order is total and stable). Valid until the next apply. */
  list(): readonly Entry[] {
    return this.order.all;
  }

  /** The published entry for a path. */
  get(relPath: string): Entry | undefined {
    return this.entries.get(relPath);
  }

  /** Paths whose published entry changed (added, edited, removed) since the last call. */
  drainChanged(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every current problem, errors first, then by path. */
  listProblems(): Problem[] {
    return [...this.problems.values()]
      .flat()
      .sort((a, b) => (a.severity === b.severity ? (a.path < b.path ? -1 : 1) : a.severity === 'error' ? -1 : 1));
  }

  get draftCount(): number {
    return this.drafts.size;
  }

  /** Stats of every file the catalog last looked at (published, draft or with a problem). */
  knownStats(): ReadonlyMap<string, { size: number; mtimeMs: number }> {
    return this.stats;
  }

  /** Paths that currently have a problem (a reconcile re-checks them even without stats). */
  problemPaths(): string[] {
    return [...this.problems.keys()].filter((p) => p !== '.');
  }

  /** Replace the problems found by a folder scan (links, unreadable or too-deep folders). */
  setScanProblems(found: readonly Problem[]): void {
    for (const [p, list] of this.problems) {
      const kept = list.filter((x) => !isScanProblem(x));
      if (kept.length === 0) this.problems.delete(p);
      else this.problems.set(p, kept);
    }
    for (const problem of found) this.addProblem(problem);
  }

  private async applyNow(paths: string[]): Promise<ApplyResult> {
    let changed = false;
    for (let i = 0; i < paths.length; i += READ_BATCH) {
      const chunk = paths.slice(i, i + READ_BATCH);
      // Yield between batches so requests are answered during a long first scan.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const reads = chunk.map((p) => ({ path: p, read: this.read(p) }));
      const rootGone = reads.some((r) => r.read.result?.kind === 'missing') && !(await this.rootExists());
      // Removals first: in a rename batch the old path is retired before the new one claims its identity.
      reads.sort((a, b) => Number(b.read.result?.kind === 'missing') - Number(a.read.result?.kind === 'missing'));
      this.store.transaction(() => {
        for (const { path: p, read } of reads) {
          if (this.applyOne(p, read, rootGone)) changed = true;
        }
      });
    }
    return { changed, read: paths.length };
  }

  private read(relPath: string): Read {
    try {
      return { result: readArticle(path.join(this.options.articlesDir, relPath), relPath, this.options.maxFileBytes) };
    } catch (error) {
      return {
        error: error instanceof ArticleError ? error : new ArticleError(ProblemCode.Unreadable, String(error), relPath, { cause: error }),
      };
    }
  }

  private async rootExists(): Promise<boolean> {
    try {
      return (await lstat(this.options.articlesDir)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Returns true when the published set changed. */
  private applyOne(relPath: string, read: Read, rootGone: boolean): boolean {
    const { result, error } = read;
    if (error) return this.fail(relPath, error);
    if (!result || result.kind === 'directory') return false;
    if (result.kind === 'missing') {
      // A vanished articles folder (unmounted share, a sync tool mid-swap) is not a mass deletion.
      if (rootGone) return false;
      return this.remove(relPath);
    }
    this.stats.set(relPath, { size: result.size, mtimeMs: result.mtimeMs });
    const hash = hashBytes('sha256', result.bytes, 'hex');
    const current = this.entries.get(relPath);
    const hasError = this.problems.get(relPath)?.some((p) => p.severity === 'error') ?? false;
    if (current && current.hash === hash && !hasError) {
      const stored = this.store.get(relPath);
      if (stored && (stored.size !== result.size || stored.mtimeMs !== result.mtimeMs)) {
        this.store.put({ ...stored, size: result.size, mtimeMs: result.mtimeMs });
      }
      return false; // touched or re-saved without change
    }

    let story: Story;
    const slug = slugFromPath(relPath);
    try {
      const decoded = decodeArticle(result.bytes, relPath);
      story = parseStory(decoded.text, relPath, {
        boilerplateMarkers: this.options.boilerplateMarkers,
        timeZone: this.options.timeZone,
        pageUrl: this.options.baseUrl + articleUrlPath(slug),
        maxTitleLength: this.options.maxTitleLength,
      });
      story.warnings.push(...decoded.warnings);
    } catch (e) {
      return this.fail(relPath, e instanceof ArticleError ? e : new ArticleError(ProblemCode.Unreadable, String(e), relPath, { cause: e }));
    }

    const finalSlug = story.slug ? slugFromPath(relPath, story.slug) : slug;
    const key = slugKey(finalSlug);
    const owner = this.slugOwners.get(key);
    if (owner !== undefined && owner !== relPath && this.entries.has(owner)) {
      return this.fail(
        relPath,
        new ArticleError(ProblemCode.SlugCollision, `its URL /${finalSlug.join('/')} is already used by ${owner}`, relPath),
      );
    }

    const record = resolveIdentity(this.previousIdentity(relPath, hash), {
      path: relPath,
      hash,
      story,
      seenAt: Math.min(result.mtimeMs, this.now()),
      feedId: this.options.feedId,
    });
    this.store.put({ ...record, size: result.size, mtimeMs: result.mtimeMs });

    this.problems.delete(relPath);
    for (const w of story.warnings) this.addProblem({ path: relPath, code: ProblemCode.Warning, reason: w, severity: 'warning' });

    if (story.draft) {
      const wasPublished = this.unpublish(relPath);
      this.drafts.add(relPath);
      this.log.info('article.draft', { file: relPath });
      return wasPublished;
    }
    this.drafts.delete(relPath);
    const previousSlug = current ? slugKey(current.slug) : undefined;
    if (previousSlug !== undefined && previousSlug !== key) this.slugOwners.delete(previousSlug);
    this.slugOwners.set(key, relPath);
    const meta: EntryMeta = {
      path: relPath,
      slug: finalSlug,
      id: record.id,
      published: record.published,
      updated: record.updated,
      hash,
      title: story.title,
      author: story.author,
      summary: story.summary,
      categories: [...new Set([...categoriesFromPath(relPath), ...story.tags])],
      image: story.image,
      enclosure: story.image === undefined ? undefined : this.enclosureFor(story.image),
      language: story.language,
    };
    this.store.putEntry(relPath, JSON.stringify(meta), story.contentHtml);
    const entry = this.toEntry(meta);
    if (current) {
      this.order.remove(current);
      this.count(current, -1);
    }
    this.count(entry, 1);
    this.entries.set(relPath, entry);
    this.order.insert(entry);
    this.changed.add(relPath);
    this.log.info(current ? 'article.updated' : 'article.added', { file: relPath, id: entry.id, title: entry.title });
    return true;
  }

  /**
   * The remembered identity for `relPath`; for a path never seen, the identity of a story with
   * the same bytes whose file is gone (a rename), so the renamed story keeps its id and dates.
   */
  private previousIdentity(relPath: string, hash: string) {
    const own = this.store.get(relPath);
    if (own) return own;
    for (const candidate of this.store.withHash(hash, relPath)) {
      // A live record is a rename source only if its file is really gone (the unlink event may come later).
      const gone = candidate.deletedAt !== null || !existsSync(path.join(this.options.articlesDir, candidate.path));
      if (!gone) continue;
      this.store.remove(candidate.path);
      this.stats.delete(candidate.path);
      this.problems.delete(candidate.path);
      this.unpublish(candidate.path);
      this.log.info('article.renamed', { from: candidate.path, file: relPath });
      return { ...candidate, path: relPath, deletedAt: null };
    }
    return undefined;
  }

  private remove(relPath: string): boolean {
    this.stats.delete(relPath);
    this.problems.delete(relPath);
    this.drafts.delete(relPath);
    this.store.markDeleted(relPath, this.now());
    const removed = this.unpublish(relPath);
    if (removed) this.log.info('article.removed', { file: relPath });
    return removed;
  }

  private unpublish(relPath: string): boolean {
    const entry = this.entries.get(relPath);
    if (!entry) return false;
    this.store.deleteEntry(relPath);
    this.entries.delete(relPath);
    this.order.remove(entry);
    this.count(entry, -1);
    this.changed.add(relPath);
    const key = slugKey(entry.slug);
    if (this.slugOwners.get(key) === relPath) this.slugOwners.delete(key);
    return true;
  }

  private fail(relPath: string, error: ArticleError): boolean {
    if (error.fileStat) this.stats.set(relPath, error.fileStat);
    const problem: Problem = { path: relPath, code: error.code, reason: error.message, severity: 'error' };
    this.problems.set(relPath, [problem]);
    const kept = this.entries.has(relPath);
    this.log.warn('article.problem', {
      file: relPath,
      code: error.code,
      reason: error.message,
      kept: kept ? 'last good version' : undefined,
    });
    return false;
  }

  private addProblem(problem: Problem): void {
    const list = this.problems.get(problem.path) ?? [];
    list.push(problem);
    this.problems.set(problem.path, list);
  }
}

interface Read {
  result?: ReadResult;
  error?: ArticleError;
}

function isScanProblem(p: Problem): boolean {
  return (
    p.code === ProblemCode.Symlink ||
    p.code === ProblemCode.RootMissing ||
    (p.code === ProblemCode.NotAFile && p.reason.startsWith('folder'))
  );
}

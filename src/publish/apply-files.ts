// Bring the catalog, the state store and the problem book in step with the files at some paths: read, ingest, identify, record.
import { existsSync, lstatSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { ArticleError } from '../core/errors.js';
import { type IdentityRecord, resolveIdentity } from '../core/identity.js';
import { type EntryMeta, type IngestOptions, contentHash, entryMeta, ingestStory } from '../core/ingest.js';
import { type Enclosure, imageType } from '../core/media.js';
import { type Problem, ProblemCode, type Story } from '../core/model.js';
import type { SiteUrls } from '../core/routes.js';
import type { Logger } from '../log.js';
import type { StateDb } from '../store/state-db.js';
import { type ReadResult, readArticle } from '../watch/read-article.js';
import type { Catalog } from './catalog.js';
import type { ProblemBook } from './problem-book.js';
import { StoredEntry } from './stored-entry.js';

export interface ApplyOptions {
  articlesDir: string;
  maxFileBytes: number;
  feedId: string;
  urls: SiteUrls;
  ingest: IngestOptions;
}

/** Bump when what a parse produces changes: stored entries of another format are re-read. */
const ENTRY_FORMAT = 2;

/** Files read and applied between two yields to the event loop. */
const READ_BATCH = 256;

type Read = { result: ReadResult } | { error: ArticleError };
type FileRead = Extract<ReadResult, { kind: 'file' }>;

/**
 * For each path: publish the new version of its story, retire the story (file gone), keep it a
 * draft, or record a Problem while the last good version stays published. Callers run one
 * `apply` at a time (publish/change-queue.ts is the one queue).
 */
export class FileApplier {
  constructor(
    private readonly options: ApplyOptions,
    private readonly store: StateDb,
    private readonly catalog: Catalog,
    private readonly problems: ProblemBook,
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
    const rows = [];
    for (const row of this.store.storedEntries()) {
      rows.push({ entry: this.toEntry(JSON.parse(row.meta) as EntryMeta), stat: { size: row.size, mtimeMs: row.mtime } });
    }
    this.catalog.restore(rows);
    return rows.length;
  }

  /** Apply the current state of `paths` (relative, `/`-separated). True when the published set changed. */
  async apply(paths: Iterable<string>): Promise<boolean> {
    const list = [...new Set(paths)];
    let changed = false;
    for (let i = 0; i < list.length; i += READ_BATCH) {
      // Yield between batches so requests are answered during a long first scan.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const reads = list.slice(i, i + READ_BATCH).map((p) => ({ path: p, read: this.read(p) }));
      const missing = (r: Read) => 'result' in r && r.result.kind === 'missing';
      const rootGone = reads.some((r) => missing(r.read)) && !(await this.rootExists());
      // Removals first: in a rename batch the old path is retired before the new one claims its identity.
      reads.sort((a, b) => Number(missing(b.read)) - Number(missing(a.read)));
      this.store.transaction(() => {
        for (const { path: p, read } of reads) if (this.applyRead(p, read, rootGone)) changed = true;
      });
    }
    return changed;
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

  private applyRead(relPath: string, read: Read, rootGone: boolean): boolean {
    if ('error' in read) return this.fail(relPath, read.error);
    const { result } = read;
    if (result.kind === 'directory') return false;
    // A vanished articles folder (unmounted share, a sync tool mid-swap) is not a mass deletion.
    if (result.kind === 'missing') return rootGone ? false : this.remove(relPath);
    return this.applyFile(relPath, result);
  }

  /** Returns true when the published set changed. */
  private applyFile(relPath: string, file: FileRead): boolean {
    const stat = { size: file.size, mtimeMs: file.mtimeMs };
    this.catalog.setStat(relPath, stat);
    const hash = contentHash(file.bytes);
    const current = this.catalog.get(relPath);
    if (current && current.hash === hash && !this.problems.hasError(relPath)) {
      const stored = this.store.get(relPath);
      if (stored && (stored.size !== file.size || stored.mtimeMs !== file.mtimeMs)) this.store.put({ ...stored, ...stat });
      return false; // touched or re-saved without change
    }
    const ingested = ingestStory(file.bytes, relPath, this.options.ingest);
    if (!ingested.ok) return this.fail(relPath, ingested.error);
    const { story, slug } = ingested;
    const owner = this.catalog.slugOwner(slug);
    if (owner !== undefined && owner !== relPath) {
      return this.fail(
        relPath,
        new ArticleError(ProblemCode.SlugCollision, `its URL /${slug.join('/')} is already used by ${owner}`, relPath),
      );
    }
    const record = resolveIdentity(this.previousIdentity(relPath, hash), {
      path: relPath,
      hash,
      story,
      seenAt: Math.min(file.mtimeMs, this.now()),
      feedId: this.options.feedId,
    });
    this.store.put({ ...record, ...stat });
    this.problems.setFile(relPath, warnings(relPath, story));
    if (story.draft) {
      const wasPublished = this.unpublish(relPath);
      this.catalog.setDraft(relPath, true);
      this.log.info('article.draft', { file: relPath });
      return wasPublished;
    }
    this.publish(story, slug, record, current !== undefined);
    return true;
  }

  private publish(story: Story, slug: string[], record: IdentityRecord, existed: boolean): void {
    const meta = entryMeta(story, slug, record, story.image === undefined ? undefined : this.enclosureFor(story.image));
    this.store.putEntry(record.path, JSON.stringify(meta), story.contentHtml);
    const entry = this.toEntry(meta);
    this.catalog.publish(entry);
    this.log.info(existed ? 'article.updated' : 'article.added', { file: record.path, id: entry.id, title: entry.title });
  }

  /**
   * The remembered identity of `relPath`. For a path never seen, a rename: the identity of a
   * story with the same bytes whose file is gone, which is then moved to this path (the old
   * path's record, stats and problems are dropped and its story unpublished), so the renamed
   * story keeps its id and dates.
   */
  private previousIdentity(relPath: string, hash: string): IdentityRecord | undefined {
    const own = this.store.get(relPath);
    if (own) return own;
    for (const candidate of this.store.withHash(hash, relPath)) {
      // A live record is a rename source only if its file is really gone (the unlink event may come later).
      const gone = candidate.deletedAt !== null || !existsSync(path.join(this.options.articlesDir, candidate.path));
      if (!gone) continue;
      this.store.remove(candidate.path);
      this.catalog.forget(candidate.path);
      this.problems.setFile(candidate.path, []);
      this.unpublish(candidate.path);
      this.log.info('article.renamed', { from: candidate.path, file: relPath });
      return { ...candidate, path: relPath, deletedAt: null };
    }
    return undefined;
  }

  private remove(relPath: string): boolean {
    this.catalog.forget(relPath);
    this.problems.setFile(relPath, []);
    this.store.markDeleted(relPath, this.now());
    const removed = this.unpublish(relPath);
    if (removed) this.log.info('article.removed', { file: relPath });
    return removed;
  }

  private unpublish(relPath: string): boolean {
    if (!this.catalog.unpublish(relPath)) return false;
    this.store.deleteEntry(relPath);
    return true;
  }

  private fail(relPath: string, error: ArticleError): boolean {
    if (error.fileStat) this.catalog.setStat(relPath, error.fileStat);
    this.problems.setFile(relPath, [{ path: relPath, code: error.code, reason: error.message, severity: 'error' }]);
    this.log.warn('article.problem', {
      file: relPath,
      code: error.code,
      reason: error.message,
      kept: this.catalog.get(relPath) ? 'last good version' : undefined,
    });
    return false;
  }

  /** The site's own image file as an enclosure (type and length from the file), else undefined. */
  private enclosureFor(url: string): Enclosure | undefined {
    const rel = this.options.urls.localImage(url);
    const type = rel === undefined ? undefined : imageType(rel);
    if (rel === undefined || type === undefined) return undefined;
    try {
      const st = lstatSync(path.join(this.options.articlesDir, rel));
      return st.isFile() ? { url, type, length: st.size } : undefined;
    } catch {
      return undefined;
    }
  }

  private toEntry(meta: EntryMeta): StoredEntry {
    return new StoredEntry(meta, this.options.urls.article(meta.slug), (p) => this.store.body(p));
  }
}

function warnings(relPath: string, story: Story): Problem[] {
  return story.warnings.map((reason) => ({ path: relPath, code: ProblemCode.Warning, reason, severity: 'warning' }));
}

// The embedded state store (SQLite): ids, dates, hashes and file stats that must survive restarts.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  BACKUP_NAME,
  STATE_FILE,
  knowsStories,
  openError,
  shapeError,
  refuseEmptyOverBackup,
  refuseForeignOverBackup,
  refuseStorylessOverBackup,
} from './state-errors.js';
import { FilledKeys } from './filled-keys.js';
import { ARTICLE_INDEXES, ARTICLE_INDEX_NAMES, writeSchema } from './state-schema.js';
import { FILL_SETTING, HeldFiles, beginUnsyncedFill, endUnsyncedFill, fillToken, flushAhead } from './unsynced-fill.js';
import { type StoredText, fromStored, toStored } from './stored-text.js';
import { ARTICLE_COLUMNS, type ArticleRow, type ArticleValues, type StoredArticle, articleValues, fromRow } from './article-row.js';

/** A held story as remembered (publish/held-marks.ts): its file, release time, and the digests of its headline ('' when too short) and paragraphs. */
export interface HeldMark {
  path: string;
  until: number;
  title: string;
  paragraphs: string[];
}

export type { StoredArticle } from './article-row.js';

export { BACKUP_NAME, StateStoreError } from './state-errors.js';

/**
 * A published story's last good parse, so a restart need not re-read unchanged files: path, JSON
 * of its metadata (core/entry-meta.ts), and size and mtime of the file when it was last read.
 * An array, not an object: a restart reads 100,000 of them before it serves.
 */
export type StoredEntryRow = [path: string, meta: string, size: number, mtime: number, notes: string | null];

/**
 * Open (creating if needed) `state.db` in `stateDir`. WAL journaling: a process killed at any
 * moment leaves the last committed transaction intact, and readers never see half a batch.
 */
/**
 * Records withHash gives: a rename finds its story among the first (the deleted ones come
 * first). Each live one costs its caller a look at its file, and every copy of a file saved
 * many times over (2,000 copies of one story: attack trial) looked at all the others, which
 * held serving 8-14 s.
 */
export const SAME_BYTES_LIMIT = 16;

/** The two lookups of withHash (hash, a path to leave out; then the count still wanted): each a walk down articles_hash_deleted (tests check its plan). */
export const SAME_BYTES_SQL = {
  deleted: `SELECT * FROM articles WHERE hash = ? AND deleted_at IS NOT NULL AND path <> ? ORDER BY deleted_at DESC LIMIT ${SAME_BYTES_LIMIT}`,
  live: 'SELECT * FROM articles WHERE hash = ? AND deleted_at IS NULL AND path <> ? LIMIT ?',
} as const;

export class StateDb {
  private readonly db: Database.Database;
  private readonly stmts;

  private readonly file: string;
  /** The copy of an older feedpub's store made at this open, before its upgrade (state-schema.ts). */
  readonly olderCopy: string | undefined;
  private unsynced = false;
  /** While a first scan fills a store that knew nothing: what it wrote (store/filled-keys.ts). */
  private written: FilledKeys | undefined;
  /** An unsynced fill writes without the articles' indexes: made again at its end, or at the first lookup that needs one. */
  private unindexed = false;
  /** Whether this fill dropped them (then a batch that rolled back may have taken the ones it made). */
  private unsyncedIndexes = false;
  /** Inside withoutWrites, or surrendered: every write method does nothing. */
  private writesHeld = false;
  /** Another process took the state folder over (surrender): nothing is written to it again. */
  private surrendered = false;
  /** Transactions of the unsynced fill, and whether its pages are being flushed ahead. */
  private filled = 0;
  private readonly flushing = { flushing: false };
  /** The fill's descriptors of state.db and its log: closed after the connection (unsynced-fill.ts HeldFiles). */
  private readonly held = new HeldFiles();

  /**
   * `stateDir` null: an in-memory store that forgets everything on close (for `check`).
   * Long on purpose (about 50 lines): every prepared statement in one place, so the SQL can be
   * read as a whole (the tables are in store/state-schema.ts).
   */
  constructor(stateDir: string | null) {
    if (stateDir !== null) mkdirSync(stateDir, { recursive: true });
    this.file = stateDir === null ? ':memory:' : path.join(stateDir, STATE_FILE);
    // An emptied state.db (a failed copy, `: > state.db`) would open as a new store and give every
    // story a new id, then overwrite the backup: refuse it while a backup with content exists.
    if (stateDir !== null) refuseEmptyOverBackup(this.file);
    let db: Database.Database | undefined;
    try {
      db = new Database(this.file);
      // A new store only (an existing one keeps its size): a story's row (about 4 KB of metadata,
      // body and summary) fits a 16 KB page whole, where 4 KB pages put most of it on an overflow
      // page. Measured at 100,000 stories: the first start's storing thread took 10.9 s of CPU
      // against 12.8 s, a restart 2.0 s against 3.3 s; 100,000 rows alone, 2.2 s against 3.1 s.
      db.pragma('page_size = 16384');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // One writer per folder (store/state-lock.ts): waiting long only stalls serving (better-sqlite3
      // is synchronous); a write still refused after 1 s is retried later (publish/store-retry.ts).
      db.pragma('busy_timeout = 1000');
    } catch (error) {
      // A handle left open would keep the file (and its filesystem) busy after the refusal.
      db?.close();
      throw openError(this.file, error);
    }
    this.db = db;
    try {
      this.olderCopy = writeSchema(this.db, this.file);
      if (stateDir !== null) refuseStorylessOverBackup(this.file, this.db.prepare('SELECT 1 FROM articles LIMIT 1').get() !== undefined);
    } catch (error) {
      this.db.close();
      throw error;
    }
    try {
      this.stmts = {
        get: this.db.prepare<[string], ArticleRow>('SELECT * FROM articles WHERE path = ?'),
        idInUse: this.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM articles WHERE id = ? LIMIT 1'),
        hasHash: this.db.prepare<[string], { one: number }>('SELECT 1 AS one FROM articles WHERE hash = ? LIMIT 1'),
        // Deleted first, newest deletion first, then live ones: two walks down articles_hash_deleted
        // that stop at the limit. One query ordered by `deleted_at IS NULL` read and sorted every row of
        // that content for each file: 10,000 identical files took a first start 33-43 s, 20,000 86 s (attack trial).
        deletedByHash: this.db.prepare<[string, string], ArticleRow>(SAME_BYTES_SQL.deleted),
        liveByHash: this.db.prepare<[string, string, number], ArticleRow>(SAME_BYTES_SQL.live),
        put: this.db.prepare<ArticleValues>(
          `INSERT INTO articles (${ARTICLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(path) DO UPDATE SET id = excluded.id, published = excluded.published, updated = excluded.updated,
             hash = excluded.hash, first_seen = excluded.first_seen, deleted_at = excluded.deleted_at,
             size = excluded.size, mtime = excluded.mtime`,
        ),
        remove: this.db.prepare<[string]>('DELETE FROM articles WHERE path = ?'),
        markDeleted: this.db.prepare<[number, string]>('UPDATE articles SET deleted_at = ? WHERE path = ? AND deleted_at IS NULL'),
        // Deletions of stories that were out: a held story (dated after its deletion) was no news to
        // readers, and its id and time are the desk's (new-user trial: tombstones in Atom of embargoed stories).
        // Walked down the deleted_at index, not MAX(...) WHERE: SQLite answered that by reading every
        // row (3 ms at 10,000 stories, asked once per archive page: 2.6 s of a 13.7 s build).
        newestDeletion: this.db.prepare<[], { at: number | null }>(
          'SELECT deleted_at AS at FROM articles WHERE deleted_at IS NOT NULL AND published <= deleted_at ORDER BY deleted_at DESC LIMIT 1',
        ),
        putEntry: this.db.prepare<[string, string, Buffer, Buffer | null, string | null]>(
          `INSERT INTO entries (path, meta, body, summary, notes) VALUES (?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE
           SET meta = excluded.meta, body = excluded.body, summary = excluded.summary, notes = excluded.notes`,
        ),
        deleteEntry: this.db.prepare<[string]>('DELETE FROM entries WHERE path = ?'),
        entries: this.db
          .prepare<[], StoredEntryRow>(
            'SELECT e.path, e.meta, a.size, a.mtime, e.notes FROM entries e JOIN articles a ON a.path = e.path WHERE a.deleted_at IS NULL',
          )
          .raw(),
        tombstones: this.db.prepare<[number, number], { id: string; deleted_at: number }>(
          'SELECT id, deleted_at FROM articles WHERE deleted_at >= ? AND published <= deleted_at ORDER BY deleted_at DESC, id LIMIT ?',
        ),
        livePaths: this.db.prepare<[], { path: string }>('SELECT path FROM articles WHERE deleted_at IS NULL'),
        liveStats: this.db.prepare<[], { path: string; size: number }>('SELECT path, size FROM articles WHERE deleted_at IS NULL'),
        body: this.db.prepare<[string], { body: StoredText }>('SELECT body FROM entries WHERE path = ?'),
        summary: this.db.prepare<[string], { summary: StoredText | null }>('SELECT summary FROM entries WHERE path = ?'),
        // Only into the row of the same story (its hash), and only where none is kept.
        putSummary: this.db.prepare<[Buffer, string, string]>(
          "UPDATE entries SET summary = ? WHERE path = ? AND summary IS NULL AND json_extract(meta, '$.hash') = ?",
        ),
        clearEntries: this.db.prepare('DELETE FROM entries'),
        empty: this.db.prepare(
          'SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM articles) AND NOT EXISTS (SELECT 1 FROM entries) AND NOT EXISTS (SELECT 1 FROM redirects)',
        ),
        redirect: this.db.prepare<[string], { to_path: string | null; id: string | null }>(
          'SELECT to_path, id FROM redirects WHERE from_path = ?',
        ),
        putRedirect: this.db.prepare<[string, string | null, number, string | null]>(
          'INSERT INTO redirects (from_path, to_path, at, id) VALUES (?, ?, ?, ?) ON CONFLICT(from_path) DO UPDATE SET to_path = excluded.to_path, at = excluded.at, id = excluded.id',
        ),
        retire: this.db.prepare<[string, number, string, string]>(
          'INSERT INTO redirects (from_path, to_path, at, file, id) VALUES (?, NULL, ?, ?, ?) ON CONFLICT(from_path) DO UPDATE SET to_path = NULL, at = excluded.at, file = excluded.file, id = excluded.id',
        ),
        retiredUrl: this.db
          .prepare<[string, string], string>(
            'SELECT from_path FROM redirects WHERE file = ? AND id = ? AND to_path IS NULL ORDER BY at DESC LIMIT 1',
          )
          .pluck(),
        revive: this.db.prepare<[string, string, string]>(
          'UPDATE redirects SET to_path = ? WHERE id = ? AND to_path IS NULL AND from_path != ?',
        ),
        retarget: this.db.prepare<[string | null, string | null, string]>(
          'UPDATE redirects SET to_path = ?, id = coalesce(?, id) WHERE to_path = ?',
        ),
        dropRedirect: this.db.prepare<[string]>('DELETE FROM redirects WHERE from_path = ?'),
        archiveRuns: this.db.prepare<[], [number, string]>('SELECT first, ids FROM archive_runs ORDER BY first').raw(),
        putArchiveRun: this.db.prepare<[number, string]>('INSERT OR IGNORE INTO archive_runs (first, ids) VALUES (?, ?)'),
        clearArchiveRuns: this.db.prepare('DELETE FROM archive_runs'),
        heldMarks: this.db.prepare<[], { path: string; until: number; title: string; paragraphs: string }>(
          'SELECT path, until, title, paragraphs FROM held_stories',
        ),
        putHeldMark: this.db.prepare<[string, string, number, string]>(
          'INSERT INTO held_stories (path, title, until, paragraphs) VALUES (?, ?, ?, ?) ON CONFLICT(path, title) DO UPDATE SET until = excluded.until, paragraphs = excluded.paragraphs',
        ),
        dropHeldMark: this.db.prepare<[string, string]>('DELETE FROM held_stories WHERE path = ? AND title = ?'),
        getSetting: this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
        dropSetting: this.db.prepare<[string]>('DELETE FROM settings WHERE key = ?'),
        putSetting: this.db.prepare<[string, string]>(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        ),
      };
    } catch (error) {
      // A table of another shape (a store edited by hand, or a newer feedpub's): said as such, with the ways out (attack trial: `no such column`, no advice).
      this.db.close();
      throw shapeError(this.file, error);
    }
  }

  get(filePath: string): StoredArticle | undefined {
    if (this.written && !this.written.hasPath(filePath)) return undefined;
    const row = this.stmts.get.get(filePath);
    return row ? fromRow(row) : undefined;
  }

  /** Whether any record (live or deleted: its tombstone names it) has this id. */
  idInUse(id: string): boolean {
    if (this.written && !this.written.hasId(id)) return false;
    this.indexed();
    return this.stmts.idInUse.get(id) !== undefined;
  }

  /** Whether any record (live or deleted) has this content hash. */
  hasHash(hash: string): boolean {
    if (this.written && !this.written.hasHash(hash)) return false;
    this.indexed();
    return this.stmts.hasHash.get(hash) !== undefined;
  }

  /** Other records with the same content, deleted ones first (newest deletion first), at most SAME_BYTES_LIMIT. */
  withHash(hash: string, exceptPath: string): StoredArticle[] {
    if (this.written && !this.written.hasHash(hash)) return [];
    this.indexed();
    const deleted = this.stmts.deletedByHash.all(hash, exceptPath);
    const live = deleted.length < SAME_BYTES_LIMIT ? this.stmts.liveByHash.all(hash, exceptPath, SAME_BYTES_LIMIT - deleted.length) : [];
    return [...deleted, ...live].map(fromRow);
  }

  put(record: StoredArticle): void {
    if (this.writesHeld) return;
    this.stmts.put.run(...articleValues(record));
    this.written?.add(record);
  }

  /** Forget a path entirely (its identity moved to another path). */
  remove(filePath: string): void {
    if (this.writesHeld) return;
    this.stmts.remove.run(filePath);
  }

  markDeleted(filePath: string, at: number): void {
    if (this.writesHeld) return;
    this.stmts.markDeleted.run(at, filePath);
  }

  newestDeletion(): number | undefined {
    return this.stmts.newestDeletion.get()?.at ?? undefined;
  }

  /** Held stories as remembered (publish/held-marks.ts); a row that does not read is skipped. */
  heldMarks(): HeldMark[] {
    const marks: HeldMark[] = [];
    for (const row of this.stmts.heldMarks.all()) {
      try {
        const paragraphs: unknown = JSON.parse(row.paragraphs);
        if (Array.isArray(paragraphs))
          marks.push({ path: row.path, until: row.until, title: row.title, paragraphs: paragraphs.map(String) });
      } catch {
        // Hand-edited: that story is remembered no more, the others are.
      }
    }
    return marks;
  }

  putHeldMark(mark: HeldMark): void {
    if (this.writesHeld) return;
    this.stmts.putHeldMark.run(mark.path, mark.title, mark.until, JSON.stringify(mark.paragraphs));
  }

  dropHeldMark(mark: Pick<HeldMark, 'path' | 'title'>): void {
    if (this.writesHeld) return;
    this.stmts.dropHeldMark.run(mark.path, mark.title);
  }

  /** Keep the last good parse of a published story (metadata JSON, sanitized HTML body, summary). */
  putEntry(filePath: string, meta: string, body: string, summary: string | undefined, notes: string | null = null): void {
    if (this.writesHeld) return;
    this.stmts.putEntry.run(filePath, meta, toStored(body), summary === undefined ? null : toStored(summary), notes);
  }

  /** Whether a first scan is filling a store that knew no story (bulkWrites). */
  get filling(): boolean {
    return this.written !== undefined;
  }

  /** False inside withoutWrites (a batch the disk refused, applied in memory) or once surrendered. */
  get writable(): boolean {
    return !this.writesHeld;
  }

  /** Keep summaries made when a render asked for them (publish/stored-entry.ts), in one transaction. */
  putSummaries(made: readonly { path: string; hash: string; summary: string }[]): void {
    if (this.writesHeld || made.length === 0) return;
    this.transaction(() => {
      for (const { path: filePath, hash, summary } of made) this.stmts.putSummary.run(toStored(summary), filePath, hash);
    });
  }

  deleteEntry(filePath: string): void {
    if (this.writesHeld) return;
    this.stmts.deleteEntry.run(filePath);
  }

  /** Every stored entry of a live article: metadata and file stats (bodies stay on disk until asked for). */
  storedEntries(): IterableIterator<StoredEntryRow> {
    return this.stmts.entries.iterate();
  }

  /** Stories deleted since `since` (epoch ms), newest first, at most `limit`. */
  tombstones(since: number, limit: number): { id: string; deleted: Date }[] {
    return this.stmts.tombstones.all(since, limit).map((r) => ({ id: r.id, deleted: new Date(r.deleted_at) }));
  }

  /** Paths of every article the store believes exists, read as iterated: a caller that stops early reads no more rows. */
  /** Each live record's path and the size its file had when last read. */
  *liveStats(): Generator<{ path: string; size: number }> {
    yield* this.stmts.liveStats.iterate();
  }

  *livePaths(): Generator<string> {
    for (const row of this.stmts.livePaths.iterate()) yield row.path;
  }

  /** The stored body of a published story ('' if none). */
  body(filePath: string): string {
    return fromStored(this.stmts.body.get(filePath)?.body) ?? '';
  }

  /** The stored summary of a published story (undefined: none, or stored by an older feedpub). */
  summary(filePath: string): string | undefined {
    return fromStored(this.stmts.summary.get(filePath)?.summary);
  }

  /**
   * Every story's place in the archive (publish/archive-places.ts), as runs: the ids at places
   * `first`, `first + 1`, ... A row that does not read as a list of ids has `ids` undefined, and
   * `most`: how many places it can have held (an id is at least `null,`), so that its places stay
   * empty and the runs after it keep theirs.
   */
  *archiveRuns(): Generator<{ first: number; ids: (string | null)[] | undefined; most?: number }> {
    for (const [first, json] of this.stmts.archiveRuns.iterate()) {
      let ids: unknown;
      try {
        ids = JSON.parse(json);
      } catch {
        // A damaged row must not stop a start.
      }
      if (Array.isArray(ids) && ids.every((id) => typeof id === 'string' || id === null)) yield { first, ids };
      else yield { first, ids: undefined, most: Math.ceil(String(json).length / 5) };
    }
  }

  /** Keep the ids given places `first`, `first + 1`, ... (a run already there keeps what it had; null: no story). */
  putArchiveRun(first: number, ids: readonly string[]): void {
    if (this.writesHeld || ids.length === 0) return;
    this.stmts.putArchiveRun.run(first, JSON.stringify(ids));
  }

  /** Replace every run with one: the places of `ids` from 1 (a restart folds a year's rebuilds into one row). */
  foldArchiveRuns(ids: readonly (string | null)[]): void {
    if (this.writesHeld) return;
    this.transaction(() => {
      this.stmts.clearArchiveRuns.run();
      this.stmts.putArchiveRun.run(1, JSON.stringify(ids));
    });
  }

  /** The feed's id as first published from this store (publish/site-id.ts), if one was kept. */
  feedId(): string | undefined {
    return this.stmts.getSetting.get('feed-id')?.value;
  }

  keepFeedId(id: string): void {
    if (this.writesHeld) return;
    this.stmts.putSetting.run('feed-id', id);
  }

  /** Stored entries hold only for the parse settings and entry format that made them: on another `fingerprint`, forget them all. */
  checkFingerprint(fingerprint: string): 'kept' | 'new' | 'changed' {
    const stored = this.stmts.getSetting.get('entries-fingerprint')?.value;
    if (stored === fingerprint) return 'kept';
    this.transaction(() => {
      this.stmts.clearEntries.run();
      this.stmts.putSetting.run('entries-fingerprint', fingerprint);
      this.stmts.dropSetting.run('scanned');
    });
    return stored === undefined ? 'new' : 'changed';
  }

  /**
   * A story's public URL path moved from `from` to `to` (a rename or a new slug), or was deleted
   * (`to` null: 410 Gone). Chains collapse: every older path that led to `from` now leads to
   * `to`, so a visitor is never sent through more than one redirect. `id`: the story's, kept with
   * each of its old paths (a 301 leads only to the story it was made for).
   */
  moveUrl(from: string, to: string | null, at: number, id: string | null = null): void {
    if (this.writesHeld) return;
    this.transaction(() => {
      this.stmts.retarget.run(to, id, from);
      this.stmts.putRedirect.run(from, to, at, id);
      if (to !== null) this.stmts.dropRedirect.run(to); // the new path is live again
    });
  }

  /** The story `id` of `file` at `urlPath` was deleted: 410 Gone, and older URLs that led to it too. */
  retireUrl(urlPath: string, file: string, id: string, at: number): void {
    if (this.writesHeld) return;
    this.transaction(() => {
      this.stmts.retarget.run(null, id, urlPath);
      this.stmts.retire.run(urlPath, at, file, id);
    });
  }

  /** The URL that the deleted story `id` of `file` last answered at (now 410), if a deletion recorded it. */
  retiredUrl(file: string, id: string): string | undefined {
    return this.stmts.retiredUrl.get(file, id);
  }

  /** The story `id` is out again at `urlPath`: each of its old URLs that answered 410 leads there. */
  reviveUrls(id: string, urlPath: string): void {
    if (this.writesHeld) return;
    this.stmts.revive.run(urlPath, id, urlPath);
  }

  /** A live story now answers at `urlPath`: forget any redirect from it. */
  claimUrl(urlPath: string): void {
    if (this.writesHeld) return;
    this.stmts.dropRedirect.run(urlPath);
  }

  /** Where an old URL path leads: another path (301, with the id of the story it was made for, when known), gone (410), or unknown. */
  redirectFor(urlPath: string): { to: string; id?: string } | { gone: true } | undefined {
    const row = this.stmts.redirect.get(urlPath);
    if (!row) return undefined;
    if (row.to_path === null) return { gone: true };
    return row.id === null ? { to: row.to_path } : { to: row.to_path, id: row.id };
  }

  /**
   * Run `fn` without writing anything to the store: the disk refused a batch (full, read-only),
   * and the batches after it are published from memory until a retry stores them
   * (publish/apply-files.ts). The store's reads go on as before.
   */
  withoutWrites<T>(fn: () => T): T {
    this.writesHeld = true;
    try {
      return fn();
    } finally {
      this.writesHeld = this.surrendered;
    }
  }

  /**
   * Another process took over the state folder (state-lock.ts onLost): from now on nothing is
   * written to the store, its log copied in, or its backup made, while this process stops. The
   * other writes it now (attack trial: a server that lost its lock made a backup at its stop).
   */
  surrender(): void {
    this.surrendered = true;
    this.writesHeld = true;
  }

  /** Run `fn` in one transaction: a batch is stored whole or not at all. */
  transaction<T>(fn: () => T): T {
    if (this.writesHeld) return fn();
    let result: T;
    try {
      result = this.db.transaction(fn)();
    } catch (error) {
      // Indexes made in a batch that rolled back are gone with it.
      if (this.unsyncedIndexes && !this.unindexed) this.unindexed = !this.hasIndexes();
      throw error;
    }
    if (this.unsynced && ++this.filled % 16 === 0) flushAhead(this.file, this.held, this.flushing);
    return result;
  }

  /**
   * A first scan copies the log into the database every 64 MB, not 4 MB (SQLite's default): 67 s
   * → 50 s for 100,000 stories. After it, 4 MB again and the log cut to nothing: a full disk
   * must not find the store behind a 64 MB log. Into a store that knows no story, the scan
   * writes without syncs (store/unsynced-fill.ts), synced once at its end.
   */
  bulkWrites(on: boolean): void {
    this.db.pragma(`wal_autocheckpoint = ${on ? 16_384 : 1000}`);
    const empty = on && this.stmts.empty.get() !== undefined;
    if (empty) this.written = new FilledKeys();
    if (!on) this.written = undefined;
    if (empty && this.file !== ':memory:' && !this.unsynced) this.beginFill();
    if (on && this.unsynced && !this.unindexed) this.dropIndexes();
    if (on || this.surrendered) return;
    this.indexed();
    this.unsyncedIndexes = false;
    if (this.unsynced) this.db.pragma('synchronous = NORMAL');
    this.checkpoint();
    if (this.unsynced) {
      endUnsyncedFill(this.file, this.held);
      // Synced and marked no more: no copy of this store (the backup) names the fill. On a full
      // disk the name stays, harmless without its mark (only a mark starts a fill again), and the
      // first scan's unstored stories are retried as any others (the attack trial: the start failed).
      try {
        this.stmts.dropSetting.run(FILL_SETTING);
      } catch (error) {
        if (!/^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED)/.test((error as { code?: string }).code ?? '')) throw error;
      }
    }
    this.unsynced = false;
  }

  /**
   * Three indexes on rows keyed by random hashes and ids cost a first scan more than the rows: each
   * batch rewrote pages all over them (100,000 stories: 2.9 s of 12.5 s in transactions on the main
   * thread, against 0.9 s to make them once at the end). Only in an unsynced fill, which a stop undoes
   * (store/unsynced-fill.ts); a lookup that needs them (a copy, an id taken) makes them first.
   */
  private dropIndexes(): void {
    this.db.exec(ARTICLE_INDEX_NAMES.map((name) => `DROP INDEX IF EXISTS ${name};`).join(''));
    this.unindexed = true;
    this.unsyncedIndexes = true;
  }

  private indexed(): void {
    if (!this.unindexed) return;
    this.db.exec(ARTICLE_INDEXES);
    this.unindexed = false;
  }

  private hasIndexes(): boolean {
    const found = this.db
      .prepare<string[], number>(
        `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (${ARTICLE_INDEX_NAMES.map(() => '?').join(', ')})`,
      )
      .pluck()
      .get(...ARTICLE_INDEX_NAMES);
    return found === ARTICLE_INDEX_NAMES.length;
  }

  /** Name the fill in the store, synced (the checkpoint syncs it), then in the mark; only then stop syncing. */
  private beginFill(): void {
    const token = fillToken();
    this.stmts.putSetting.run(FILL_SETTING, token);
    const [synced] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    // A reader holding the log (a build copying the store) left the name unsynced: fill with syncs.
    if (synced?.busy !== 0 || !beginUnsyncedFill(this.file, token)) {
      this.stmts.dropSetting.run(FILL_SETTING);
      return;
    }
    this.db.pragma('synchronous = OFF');
    this.unsynced = true;
  }

  /** Copy the log into the database and truncate it; on a full disk it fails quietly (the log stays as it was). */
  checkpoint(): void {
    if (this.surrendered) return;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {} // nothing lost: the log keeps every committed write until a checkpoint succeeds
  }

  /** Whether a whole scan was stored since these entries were made: only then do they stand for the folder. */
  wasScanned(): boolean {
    return this.stmts.getSetting.get('scanned') !== undefined;
  }

  markScanned(at: number): void {
    this.stmts.putSetting.run('scanned', String(at));
  }

  /**
   * Copy the store to `state.db.backup` beside it with SQLite's online backup (readers and the
   * writer carry on meanwhile); the copy replaces the previous one only once complete.
   */
  async backup(): Promise<string | undefined> {
    if (this.file === ':memory:' || this.surrendered) return undefined;
    const target = path.join(path.dirname(this.file), BACKUP_NAME);
    // Never replace a backup that knows stories with a store that knows none.
    if (this.stmts.livePaths.get() === undefined && existsSync(target) && knowsStories(target)) return undefined;
    if (existsSync(target)) refuseForeignOverBackup(this.db, target);
    const partial = `${target}.partial`;
    try {
      await this.db.backup(partial);
      // The copy inherits WAL mode, in which even a read-only open (knowsStories, sqlite3) leaves
      // -wal and -shm files beside it: a rollback-journal copy is read without writing anything.
      const copy = new Database(partial);
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
      renameSync(partial, target);
      // Left by a read of a backup an older feedpub wrote in WAL mode: they belong to no file now.
      for (const leftover of ['-wal', '-shm']) rmSync(`${target}${leftover}`, { force: true });
      return target;
    } finally {
      rmSync(partial, { force: true });
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
    this.held.close();
  }
}

// The embedded state store (SQLite): ids, dates, hashes and file stats that must survive restarts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { IdentityRecord } from '../core/identity.js';

/** An identity record plus the file stats last ingested, so a reconcile can skip unchanged files. */
export interface StoredArticle extends IdentityRecord {
  size: number;
  mtimeMs: number;
}

interface Row {
  path: string;
  id: string;
  published: number;
  updated: number;
  hash: string;
  first_seen: number;
  deleted_at: number | null;
  size: number;
  mtime: number;
}

const SCHEMA_VERSION = 2;

/** A published story's last good parse, so a restart need not re-read unchanged files. */
export interface StoredEntryRow {
  path: string;
  /** JSON of the entry's metadata (see publish/stored-entry.ts). */
  meta: string;
  /** Size and mtime of the file when it was last read. */
  size: number;
  mtime: number;
}

/**
 * Open (creating if needed) `state.db` in `stateDir`. WAL journaling: a process killed at any
 * moment leaves the last committed transaction intact, and readers never see half a batch.
 */
export class StateDb {
  private readonly db: Database.Database;
  private readonly stmts;

  /**
   * `stateDir` null: an in-memory store that forgets everything on close (for `check`).
   * Long on purpose (about 65 lines): the schema and every prepared statement in one place,
   * so the SQL can be read as a whole.
   */
  constructor(stateDir: string | null) {
    if (stateDir !== null) mkdirSync(stateDir, { recursive: true });
    this.db = new Database(stateDir === null ? ':memory:' : path.join(stateDir, 'state.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`state store ${stateDir} was written by a newer feedpub (schema ${version})`);
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS articles (
        path TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        published INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        hash TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        deleted_at INTEGER,
        size INTEGER NOT NULL DEFAULT -1,
        mtime INTEGER NOT NULL DEFAULT -1
      );
      CREATE INDEX IF NOT EXISTS articles_hash ON articles(hash);
      CREATE INDEX IF NOT EXISTS articles_deleted ON articles(deleted_at);
      CREATE TABLE IF NOT EXISTS entries (
        path TEXT PRIMARY KEY,
        meta TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
    this.stmts = {
      get: this.db.prepare<[string], Row>('SELECT * FROM articles WHERE path = ?'),
      byHash: this.db.prepare<[string, string], Row>(
        'SELECT * FROM articles WHERE hash = ? AND path <> ? ORDER BY deleted_at IS NULL, deleted_at DESC',
      ),
      put: this.db.prepare(
        `INSERT INTO articles (path, id, published, updated, hash, first_seen, deleted_at, size, mtime)
         VALUES (@path, @id, @published, @updated, @hash, @first_seen, @deleted_at, @size, @mtime)
         ON CONFLICT(path) DO UPDATE SET id = excluded.id, published = excluded.published, updated = excluded.updated,
           hash = excluded.hash, first_seen = excluded.first_seen, deleted_at = excluded.deleted_at,
           size = excluded.size, mtime = excluded.mtime`,
      ),
      remove: this.db.prepare<[string]>('DELETE FROM articles WHERE path = ?'),
      markDeleted: this.db.prepare<[number, string]>('UPDATE articles SET deleted_at = ? WHERE path = ? AND deleted_at IS NULL'),
      newestDeletion: this.db.prepare<[], { at: number | null }>('SELECT MAX(deleted_at) AS at FROM articles'),
      putEntry: this.db.prepare<[string, string, string]>(
        'INSERT INTO entries (path, meta, body) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET meta = excluded.meta, body = excluded.body',
      ),
      deleteEntry: this.db.prepare<[string]>('DELETE FROM entries WHERE path = ?'),
      entries: this.db.prepare<[], StoredEntryRow>(
        'SELECT e.path, e.meta, a.size, a.mtime FROM entries e JOIN articles a ON a.path = e.path WHERE a.deleted_at IS NULL',
      ),
      tombstones: this.db.prepare<[number, number], { id: string; deleted_at: number }>(
        'SELECT id, deleted_at FROM articles WHERE deleted_at >= ? ORDER BY deleted_at DESC, id LIMIT ?',
      ),
      livePaths: this.db.prepare<[], { path: string }>('SELECT path FROM articles WHERE deleted_at IS NULL'),
      body: this.db.prepare<[string], { body: string }>('SELECT body FROM entries WHERE path = ?'),
      clearEntries: this.db.prepare('DELETE FROM entries'),
      getSetting: this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      putSetting: this.db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  get(filePath: string): StoredArticle | undefined {
    const row = this.stmts.get.get(filePath);
    return row ? fromRow(row) : undefined;
  }

  /** Other records with the same content, deleted ones first (newest deletion first). */
  withHash(hash: string, exceptPath: string): StoredArticle[] {
    return this.stmts.byHash.all(hash, exceptPath).map(fromRow);
  }

  put(record: StoredArticle): void {
    this.stmts.put.run({
      path: record.path,
      id: record.id,
      published: record.published,
      updated: record.updated,
      hash: record.hash,
      first_seen: record.firstSeen,
      deleted_at: record.deletedAt,
      size: record.size,
      mtime: record.mtimeMs,
    });
  }

  /** Forget a path entirely (its identity moved to another path). */
  remove(filePath: string): void {
    this.stmts.remove.run(filePath);
  }

  markDeleted(filePath: string, at: number): void {
    this.stmts.markDeleted.run(at, filePath);
  }

  newestDeletion(): number | undefined {
    return this.stmts.newestDeletion.get()?.at ?? undefined;
  }

  /** Keep the last good parse of a published story (metadata JSON and sanitized HTML body). */
  putEntry(filePath: string, meta: string, body: string): void {
    this.stmts.putEntry.run(filePath, meta, body);
  }

  deleteEntry(filePath: string): void {
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

  /** Paths of every article the store believes exists. */
  livePaths(): string[] {
    return this.stmts.livePaths.all().map((r) => r.path);
  }

  /** The stored body of a published story ('' if none). */
  body(filePath: string): string {
    return this.stmts.body.get(filePath)?.body ?? '';
  }

  /**
   * Stored entries are valid only for the settings that produced them (base URL, parse options,
   * feedpub version): when `fingerprint` differs from the stored one, forget them all.
   */
  checkFingerprint(fingerprint: string): boolean {
    const stored = this.stmts.getSetting.get('entries-fingerprint')?.value;
    if (stored === fingerprint) return true;
    this.transaction(() => {
      this.stmts.clearEntries.run();
      this.stmts.putSetting.run('entries-fingerprint', fingerprint);
    });
    return false;
  }

  /** Run `fn` in one transaction: a batch is stored whole or not at all. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function fromRow(row: Row): StoredArticle {
  return {
    path: row.path,
    id: row.id,
    published: row.published,
    updated: row.updated,
    hash: row.hash,
    firstSeen: row.first_seen,
    deletedAt: row.deleted_at,
    size: row.size,
    mtimeMs: row.mtime,
  };
}

// The state store's tables, and the one step that brings a store of an older feedpub up to them.
import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { StateStoreError, openError } from './state-errors.js';

/**
 * 4: entries.summary (a summary made once, on the parse workers, not on every render).
 * 5: new bodies and summaries are UTF-8 BLOBs (store/stored-text.ts), and entries.notes keeps a
 * published story's warnings for the desk across restarts; TEXT rows of older stores
 * still read. An older feedpub would render a BLOB as bytes, so it must refuse this store.
 * 6: a body or summary whose UTF-16 is smaller than its UTF-8 (Thai) is kept as UTF-16
 * (store/stored-text.ts), which schema 5 would read as mojibake.
 */
const SCHEMA_VERSION = 6;

/**
 * A copy of a store as an older feedpub left it (`state.db.schema-4`), made once before this one
 * writes to it: the rolling backup is replaced by a new copy within minutes, and going back to
 * the older feedpub must not cost every story's id and date.
 */
function keepOlder(db: Database.Database, file: string, version: number): string | undefined {
  const copy = `${file}.schema-${version}`;
  if (existsSync(copy)) return undefined;
  try {
    db.exec(`VACUUM INTO '${copy.replaceAll("'", "''")}'`);
  } catch (error) {
    rmSync(copy, { force: true });
    throw openError(file, error);
  }
  return copy;
}

/**
 * Create the tables that are missing and add the columns an older store lacks; refuse a store
 * of a newer feedpub (STATE_TOO_NEW), which may hold data this one would lose or leave stale.
 */
/**
 * The articles' lookups by content (with deletions in order: state-db.ts withHash), by id, and of
 * deletions; `articles_hash`, by content alone, was the first's before it. A first scan into an empty store
 * writes without them and makes them at its end (state-db.ts bulkWrites); a store left without
 * them (a stop in between) has them again at its next open, here.
 */
export const ARTICLE_INDEXES = `
      DROP INDEX IF EXISTS articles_hash;
      CREATE INDEX IF NOT EXISTS articles_hash_deleted ON articles(hash, deleted_at);
      CREATE INDEX IF NOT EXISTS articles_id ON articles(id);
      CREATE INDEX IF NOT EXISTS articles_deleted ON articles(deleted_at);`;
export const ARTICLE_INDEX_NAMES = ['articles_hash_deleted', 'articles_id', 'articles_deleted'] as const;

export function writeSchema(db: Database.Database, file: string): string | undefined {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new StateStoreError(
      'STATE_TOO_NEW',
      `state store ${file} was written by a newer feedpub (schema ${version}); run that version, or restore the copy it kept from before its upgrade (${file}.schema-${SCHEMA_VERSION}, if there is one)`,
      file,
    );
  }
  const kept = version > 0 && version < SCHEMA_VERSION && file !== ':memory:' ? keepOlder(db, file, version) : undefined;
  try {
    db.exec(`
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
      ${ARTICLE_INDEXES}
      CREATE TABLE IF NOT EXISTS entries (
        path TEXT PRIMARY KEY,
        meta TEXT NOT NULL,
        body TEXT NOT NULL,
        summary TEXT,
        notes TEXT
      );
      CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS redirects (from_path TEXT PRIMARY KEY, to_path TEXT, at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS redirects_to ON redirects(to_path);
      -- Each story's place in the RFC 5005 archive, given once (publish/archive-places.ts): a run of
      -- places from \`first\`, their story ids as a JSON array. Rows, not one per story: a restart
      -- of 100,000 stories read them in 130 ms as (id, place) rows. An older feedpub ignores it.
      CREATE TABLE IF NOT EXISTS archive_runs (first INTEGER PRIMARY KEY, ids TEXT NOT NULL);
      -- Held (embargoed) stories by file, headline and paragraph digests, until their release
      -- (publish/held-marks.ts): one renamed and edited, even while stopped, stays held. An older feedpub ignores it.
      CREATE TABLE IF NOT EXISTS held_stories (path TEXT NOT NULL, title TEXT NOT NULL, until INTEGER NOT NULL, paragraphs TEXT NOT NULL, PRIMARY KEY (path, title));
    `);
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(entries)').all();
    // A store of schema 3 or older: its entries get a summary when next parsed, or one is made when read.
    if (!columns.some((c) => c.name === 'summary')) db.exec('ALTER TABLE entries ADD COLUMN summary TEXT');
    if (!columns.some((c) => c.name === 'notes')) db.exec('ALTER TABLE entries ADD COLUMN notes TEXT');
    // The story file whose URL a 410 retired: a rename found later (after 1,000 other deletions,
    // or a restart) still turns it into a 301. An older feedpub ignores the columns.
    const redirectColumns = db.prepare<[], { name: string }>('PRAGMA table_info(redirects)').all();
    if (!redirectColumns.some((c) => c.name === 'file')) db.exec('ALTER TABLE redirects ADD COLUMN file TEXT');
    // And the id of the story each old path was for: a 301 leads only to that story.
    if (!redirectColumns.some((c) => c.name === 'id')) db.exec('ALTER TABLE redirects ADD COLUMN id TEXT');
    db.exec('CREATE INDEX IF NOT EXISTS redirects_file ON redirects(file)');
    db.exec('CREATE INDEX IF NOT EXISTS redirects_id ON redirects(id)');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  } catch (error) {
    // The schema is written at open: a full disk or read-only file is the operator's to fix.
    throw openError(file, error);
  }
  return kept;
}

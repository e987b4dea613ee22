// A row of the articles table and the stored article it holds: SQLite's column names on one side, the code's on the other.
import type { IdentityRecord } from '../core/identity.js';

/** An identity record plus the file stats last ingested, so a reconcile can skip unchanged files. */
export interface StoredArticle extends IdentityRecord {
  size: number;
  mtimeMs: number;
}

export interface ArticleRow {
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

/** The columns in the order of articleValues. */
export const ARTICLE_COLUMNS = 'path, id, published, updated, hash, first_seen, deleted_at, size, mtime';

export type ArticleValues = [string, string, number, number, string, number, number | null, number, number];

/** A record as positional values: better-sqlite3 binds them faster than named ones (once per stored story). */
export function articleValues(record: StoredArticle): ArticleValues {
  const { path, id, published, updated, hash, firstSeen, deletedAt, size, mtimeMs } = record;
  return [path, id, published, updated, hash, firstSeen, deletedAt, size, mtimeMs];
}

export function fromRow(row: ArticleRow): StoredArticle {
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

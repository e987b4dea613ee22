/** The columns in the order of articleValues. */
export const ARTICLE_COLUMNS = 'path, id, published, updated, hash, first_seen, deleted_at, size, mtime';
/** A record as positional values: better-sqlite3 binds them faster than named ones (once per stored story). */
export function articleValues(record) {
    const { path, id, published, updated, hash, firstSeen, deletedAt, size, mtimeMs } = record;
    return [path, id, published, updated, hash, firstSeen, deletedAt, size, mtimeMs];
}
export function fromRow(row) {
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
//# sourceMappingURL=article-row.js.map
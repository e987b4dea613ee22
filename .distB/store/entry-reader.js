// A read-only view of the stored entries, for a worker thread that renders from the store while the main thread owns it.
import Database from 'better-sqlite3';
import { fromStored } from './stored-text.js';
/**
 * SQLite in WAL mode lets this connection read what the main thread's StateDb committed, without
 * locking it out. Opened read-only: it can never change the store, whatever it is asked.
 */
export class EntryReader {
    db;
    stmts;
    constructor(file) {
        this.db = new Database(file, { readonly: true, fileMustExist: true });
        this.stmts = {
            entry: this.db.prepare('SELECT meta, body, summary FROM entries WHERE path = ?'),
        };
    }
    /** Metadata JSON, body and summary of `filePath`'s story at once (one lookup, not three), or undefined. */
    entry(filePath) {
        const row = this.stmts.entry.get(filePath);
        return row && { meta: row.meta, body: fromStored(row.body) ?? '', summary: fromStored(row.summary) };
    }
    close() {
        this.db.close();
    }
}
//# sourceMappingURL=entry-reader.js.map
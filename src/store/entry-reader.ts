// A read-only view of the stored entries, for a worker thread that renders from the store while the main thread owns it.
import Database from 'better-sqlite3';
import { type StoredText, fromStored } from './stored-text.js';

/**
 * SQLite in WAL mode lets this connection read what the main thread's StateDb committed, without
 * locking it out. Opened read-only: it can never change the store, whatever it is asked.
 */
export class EntryReader {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.stmts = {
      meta: this.db.prepare<[string], { meta: string }>('SELECT meta FROM entries WHERE path = ?'),
      body: this.db.prepare<[string], { body: StoredText }>('SELECT body FROM entries WHERE path = ?'),
      summary: this.db.prepare<[string], { summary: StoredText | null }>('SELECT summary FROM entries WHERE path = ?'),
    };
  }

  /** The stored metadata JSON of `filePath`'s story, or undefined. */
  meta(filePath: string): string | undefined {
    return this.stmts.meta.get(filePath)?.meta;
  }

  body(filePath: string): string {
    return fromStored(this.stmts.body.get(filePath)?.body) ?? '';
  }

  summary(filePath: string): string | undefined {
    return fromStored(this.stmts.summary.get(filePath)?.summary);
  }

  close(): void {
    this.db.close();
  }
}

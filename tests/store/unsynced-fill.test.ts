// A new store's first fill is written without syncs and synced once at its end; a store that knows stories never is.
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateDb } from '../../src/store/state-db.js';
import { undoUnsyncedFill } from '../../src/store/unsynced-fill.js';
import { removeDir, tempDir } from '../helpers.js';

let dir = '';
beforeEach(async () => {
  dir = await tempDir('feedpub-state-');
});
afterEach(async () => {
  await removeDir(dir);
});

const mark = () => path.join(dir, 'state.db.filling');
const record = (p: string) => ({
  path: p,
  id: `urn:x:${p}`,
  published: 1,
  updated: 1,
  hash: `h-${p}`,
  firstSeen: 1,
  deletedAt: null,
  size: 5,
  mtimeMs: 1,
});
const synchronous = (db: StateDb) => (db as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });

describe('unsynced first fill', () => {
  it('fills a new store without syncs behind a mark, then syncs it and drops the mark', () => {
    const db = new StateDb(dir);
    db.bulkWrites(true);
    expect(existsSync(mark())).toBe(true);
    expect(synchronous(db)).toBe(0);
    db.put(record('a.txt'));
    db.putEntry('a.txt', '{}', '<p>เรื่อง</p>', 'เรื่อง');
    db.bulkWrites(false);
    expect(existsSync(mark())).toBe(false);
    expect(synchronous(db)).toBe(1);
    db.close();
    expect(undoUnsyncedFill(path.join(dir, 'state.db'))).toBe('none');
    const again = new StateDb(dir);
    expect(again.get('a.txt')?.id).toBe('urn:x:a.txt');
    expect(again.body('a.txt')).toBe('<p>เรื่อง</p>');
    again.close();
  });

  it('never writes a store that knows a story, a deletion or a moved URL without syncs', () => {
    const seeds: ((db: StateDb) => void)[] = [
      (db) => db.put(record('a.txt')),
      (db) => db.moveUrl('/articles/old', null, 1),
      (db) => db.putEntry('a.txt', '{}', '<p>a</p>', 'a'),
    ];
    for (const seed of seeds) {
      const db = new StateDb(dir);
      seed(db);
      db.bulkWrites(true);
      expect(existsSync(mark())).toBe(false);
      expect(synchronous(db)).toBe(1);
      db.bulkWrites(false);
      db.close();
      new Database(path.join(dir, 'state.db')).exec('DELETE FROM articles; DELETE FROM redirects; DELETE FROM entries').close();
    }
  });

  it('starts again a fill that never reached its end (the process killed during a first scan)', () => {
    const db = new StateDb(dir);
    db.bulkWrites(true);
    db.put(record('a.txt'));
    db.close(); // no bulkWrites(false): as kill -9 leaves it
    expect(existsSync(mark())).toBe(true);
    expect(undoUnsyncedFill(path.join(dir, 'state.db'))).toBe('undone');
    expect(existsSync(mark())).toBe(false);
    expect(existsSync(path.join(dir, 'state.db'))).toBe(false);
    const again = new StateDb(dir);
    expect(again.get('a.txt')).toBeUndefined();
    again.close();
  });

  it('never deletes a store the mark does not name or cannot read: the start is refused with what to do', () => {
    const served = new StateDb(dir);
    served.bulkWrites(true);
    served.put(record('served.txt'));
    served.bulkWrites(false);
    served.close();
    copyFileSync(path.join(dir, 'state.db'), path.join(dir, 'served.copy'));
    // A fill killed midway (its log left behind), then the copy of the served store put back over it.
    rmSync(path.join(dir, 'state.db'));
    const killed = new StateDb(dir);
    killed.bulkWrites(true);
    killed.put(record('other.txt'));
    copyFileSync(path.join(dir, 'state.db-wal'), path.join(dir, 'fill.wal'));
    killed.close();
    copyFileSync(path.join(dir, 'fill.wal'), path.join(dir, 'state.db-wal'));
    copyFileSync(path.join(dir, 'served.copy'), path.join(dir, 'state.db'));
    expect(existsSync(mark())).toBe(true);
    const file = path.join(dir, 'state.db');
    expect(() => undoUnsyncedFill(file)).toThrow(/is not the store of that fill .*remove the fill's leftovers/);
    writeFileSync(mark(), ''); // a mark made by hand
    expect(() => undoUnsyncedFill(file)).toThrow(/is not the store of that fill/);
    writeFileSync(file, Buffer.alloc(8192, 7)); // damaged: never taken for a torn fill
    // NOTADB, or CORRUPT when the fill's log holds the first page (the fill dropped indexes: state-db.ts).
    expect(() => undoUnsyncedFill(file)).toThrow(/cannot be read \(SQLITE_(?:NOTADB|CORRUPT)\)/);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(mark())).toBe(true);
    // What the message says: the leftovers and the mark removed, the copy kept.
    copyFileSync(path.join(dir, 'served.copy'), file);
    for (const f of ['state.db-wal', 'state.db-shm', 'state.db.filling']) rmSync(path.join(dir, f), { force: true });
    const again = new StateDb(dir);
    expect(again.get('served.txt')?.id).toBe('urn:x:served.txt');
    expect(again.get('other.txt')).toBeUndefined();
    again.close();
  });

  it('answers, while it fills an empty store, what it wrote and what it did not, as the store would (filled-keys.ts)', () => {
    const db = new StateDb(dir);
    db.bulkWrites(true);
    expect(db.get('a.txt')).toBeUndefined();
    expect(db.idInUse('urn:x:a.txt')).toBe(false);
    expect(db.hasHash('h-a.txt')).toBe(false);
    db.put(record('a.txt'));
    db.put({ ...record('b.txt'), hash: 'h-a.txt' });
    expect(db.get('a.txt')).toMatchObject({ id: 'urn:x:a.txt' });
    expect(db.idInUse('urn:x:a.txt')).toBe(true);
    expect(db.withHash('h-a.txt', 'a.txt').map((r) => r.path)).toEqual(['b.txt']);
    expect(db.get('c.txt')).toBeUndefined();
    db.bulkWrites(false);
    // After the fill, and in a store that knew stories, every answer is the store's.
    db.put(record('c.txt'));
    expect(db.get('c.txt')).toMatchObject({ id: 'urn:x:c.txt' });
    db.bulkWrites(true);
    db.put(record('d.txt'));
    expect(db.hasHash('h-c.txt')).toBe(true);
    db.close();
  });

  it('writes the fill without the articles indexes, and makes them at its end, at the first lookup that needs one, and at the next open', () => {
    const indexes = () => {
      const reader = new Database(path.join(dir, 'state.db'), { readonly: true });
      try {
        return reader.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'articles_%' ORDER BY name").pluck().all();
      } finally {
        reader.close();
      }
    };
    const all = ['articles_deleted', 'articles_hash_deleted', 'articles_id'];
    const db = new StateDb(dir);
    db.bulkWrites(true);
    expect(indexes()).toEqual([]);
    db.put(record('a.txt'));
    expect(db.hasHash('h-b.txt')).toBe(false); // answered without the store
    expect(indexes()).toEqual([]);
    expect(db.hasHash('h-a.txt')).toBe(true); // asked of the store: the indexes first
    expect(indexes()).toEqual(all);
    db.bulkWrites(false);
    expect(indexes()).toEqual(all);
    db.close();
    // A batch that made them and rolled back took them with it: made again at the end.
    rmSync(path.join(dir, 'state.db'));
    const second = new StateDb(dir);
    second.bulkWrites(true);
    second.put(record('a.txt'));
    expect(() =>
      second.transaction(() => {
        second.idInUse('urn:x:a.txt');
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(indexes()).toEqual([]);
    second.bulkWrites(false);
    expect(indexes()).toEqual(all);
    // A stop in between: the next open makes them.
    second.close();
    rmSync(path.join(dir, 'state.db'));
    const third = new StateDb(dir);
    third.bulkWrites(true);
    third.put(record('a.txt'));
    (third as unknown as { db: Database.Database }).db.pragma('wal_checkpoint(TRUNCATE)');
    expect(indexes()).toEqual([]);
    (third as unknown as { db: Database.Database }).db.close();
    rmSync(path.join(dir, 'state.db.filling'));
    new StateDb(dir).close();
    expect(indexes()).toEqual(all);
  });
});

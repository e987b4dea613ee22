// A store written by an older feedpub opens and keeps its stories; one written by a newer feedpub is refused.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { buildSite } from '../../src/runtime.js';
import { SAME_BYTES_LIMIT, SAME_BYTES_SQL, StateDb, StateStoreError } from '../../src/store/state-db.js';
import { put, removeDir, tempDir, testConfig } from '../helpers.js';

let dir = '';
beforeEach(async () => {
  dir = await tempDir('feedpub-state-');
});
afterEach(async () => {
  await removeDir(dir);
});

/** Rewrite a store as schema 3 wrote it: entries without a summary column, bodies as text. */
function downgradeToSchema3(file: string): void {
  const db = new Database(file);
  db.exec(`
    CREATE TABLE entries_old (path TEXT PRIMARY KEY, meta TEXT NOT NULL, body TEXT NOT NULL);
    INSERT INTO entries_old SELECT path, meta, CAST(body AS TEXT) FROM entries;
    DROP TABLE entries;
    ALTER TABLE entries_old RENAME TO entries;
  `);
  db.pragma('user_version = 3');
  db.close();
}

describe('state store schema', () => {
  it('gives at most SAME_BYTES_LIMIT records of the same bytes, the deleted ones first (2,000 copies of one file held serving 8-14 s)', () => {
    const db = new StateDb(dir);
    const record = (n: number, deletedAt: number | null) => ({
      path: `copy${n}.txt`,
      id: `urn:uuid:${n}`,
      published: 1,
      updated: 1,
      hash: 'same',
      firstSeen: 1,
      deletedAt,
      size: 10,
      mtimeMs: 1,
    });
    for (let n = 0; n < 40; n++) db.put(record(n, null));
    db.put(record(40, 5));
    db.put(record(41, 9));
    const found = db.withHash('same', 'copy0.txt');
    expect(found).toHaveLength(SAME_BYTES_LIMIT);
    expect(found.slice(0, 2).map((r) => r.path)).toEqual(['copy41.txt', 'copy40.txt']);
    expect(found.some((r) => r.path === 'copy0.txt')).toBe(false);
    db.close();
    // Each walk stops at the limit: no sort of every copy (attack trial: 20,000 identical files took a first start 86 s).
    const reader = new Database(path.join(dir, 'state.db'), { readonly: true });
    try {
      for (const [sql, params] of [
        [SAME_BYTES_SQL.deleted, ['same', 'x']],
        [SAME_BYTES_SQL.live, ['same', 'x', 16]],
      ] as const) {
        const plan = reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        expect(plan.map((p) => p.detail).join(' | '), sql).toMatch(
          /^SEARCH articles USING INDEX articles_hash_deleted \(hash=\? AND deleted_at[>=]\?\)$/,
        );
      }
    } finally {
      reader.close();
    }
  });

  it('replaces the index by content alone with one by content and deletion, at open', () => {
    new StateDb(dir).close();
    const old = new Database(path.join(dir, 'state.db'));
    old.exec('DROP INDEX articles_hash_deleted; CREATE INDEX articles_hash ON articles(hash)');
    old.close();
    new StateDb(dir).close();
    const reader = new Database(path.join(dir, 'state.db'), { readonly: true });
    const names = reader.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'articles_hash%'").pluck().all();
    reader.close();
    expect(names).toEqual(['articles_hash_deleted']);
  });

  it('names the newest deletion of a story that was out, passing over held stories deleted later', () => {
    const db = new StateDb(dir);
    const record = (n: number, published: number, deletedAt: number | null) => ({
      path: `s${n}.txt`,
      id: `urn:uuid:${n}`,
      published,
      updated: published,
      hash: `h${n}`,
      firstSeen: 1,
      deletedAt,
      size: 10,
      mtimeMs: 1,
    });
    expect(db.newestDeletion()).toBeUndefined();
    for (let n = 0; n < 50; n++) db.put(record(n, 100, null));
    db.put(record(50, 100, 300));
    db.put(record(51, 100, 200));
    // Held until 900, deleted at 400 and 500: never out, so no news to readers.
    db.put(record(52, 900, 400));
    db.put(record(53, 900, 500));
    expect(db.newestDeletion()).toBe(300);
    db.close();
  });

  it('stores the summary made when a story was parsed', () => {
    const db = new StateDb(dir);
    db.putEntry('a.txt', '{}', '<p>Body</p>', 'Body');
    expect(db.summary('a.txt')).toBe('Body');
    expect(db.summary('missing.txt')).toBeUndefined();
    db.close();
  });

  it('keeps Thai bodies as UTF-16 BLOBs and English as UTF-8, and reads the UTF-8 BLOBs and text older feedpubs stored', () => {
    const body = '<p>ผู้นำเกาหลีเหนือเดินทางเยือนรัสเซีย 🇹🇭 “quoted” &amp; ก่ี</p>';
    const summary = '\uFEFFสรุปข่าว';
    const english = '<p>The council met on Tuesday &amp; voted.</p>';
    const db = new StateDb(dir);
    db.putEntry('new.txt', '{}', body, summary);
    db.putEntry('en.txt', '{}', english, 'The council met');
    db.close();
    const raw = new Database(path.join(dir, 'state.db'));
    const stored = (p: string) =>
      raw.prepare<[string], { body: Buffer; summary: Buffer }>('SELECT body, summary FROM entries WHERE path = ?').get(p);
    // Thai: the smaller UTF-16, behind its mark; English: plain UTF-8, as schema 5 wrote every body.
    expect(stored('new.txt')?.body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]));
    expect(stored('new.txt')?.body.length).toBe(2 + 2 * body.length);
    expect(stored('new.txt')?.summary.length).toBeLessThan(Buffer.byteLength(summary));
    expect(stored('en.txt')?.body).toEqual(Buffer.from(english, 'utf8'));
    raw.prepare('INSERT INTO entries (path, meta, body, summary) VALUES (?, ?, ?, ?)').run('old.txt', '{}', body, 'สรุปเก่า');
    raw
      .prepare('INSERT INTO entries (path, meta, body, summary) VALUES (?, ?, ?, ?)')
      .run('five.txt', '{}', Buffer.from(body), Buffer.from(summary));
    raw.close();
    const again = new StateDb(dir);
    expect(again.body('new.txt')).toBe(body);
    expect(again.summary('new.txt')).toBe(summary);
    expect(again.body('en.txt')).toBe(english);
    expect(again.body('old.txt')).toBe(body);
    expect(again.summary('old.txt')).toBe('สรุปเก่า');
    expect(again.body('five.txt')).toBe(body);
    expect(again.summary('five.txt')).toBe(summary);
    again.close();
  });

  it('opens a schema 3 store: its stories stay, with summaries made from their text when read', async () => {
    const articles = await tempDir();
    const out = await tempDir('feedpub-build-');
    try {
      await put(articles, 'a.txt', 'Story A\n\n2026-01-02 09:00\n\nThe first paragraph of story A.\n');
      const { config, configDir } = await testConfig(articles, dir, { baseUrl: 'https://news.example' });
      await buildSite(config, path.join(out, 'one'), { log: silentLogger });
      downgradeToSchema3(path.join(dir, 'state.db'));

      const db = new StateDb(dir);
      // The copy made before the upgrade is named, for the log (state.upgraded): the way back.
      expect(db.olderCopy).toBe(path.join(dir, 'state.db.schema-3'));
      expect(db.summary('a.txt')).toBeUndefined();
      expect(db.body('a.txt')).toContain('The first paragraph of story A.');
      db.close();
      const { files } = await buildSite(config, path.join(out, 'two'), { log: silentLogger });
      expect(files).toBeGreaterThan(0);
      const { readFile } = await import('node:fs/promises');
      const feed = JSON.parse(await readFile(path.join(out, 'two', 'feed.json'), 'utf8')) as { items: { summary?: string }[] };
      expect(feed.items[0]?.summary).toContain('The first paragraph of story A.');
      const reopened = new StateDb(dir);
      expect(reopened.olderCopy).toBeUndefined(); // made once
      reopened.close();
      const check = new Database(path.join(dir, 'state.db'), { readonly: true });
      expect(check.pragma('user_version', { simple: true })).toBe(6);
      check.close();
      // The store as the older feedpub left it, kept before the upgrade: the way back to it.
      const older = new Database(path.join(dir, 'state.db.schema-3'), { readonly: true });
      expect(older.pragma('user_version', { simple: true })).toBe(3);
      expect(older.prepare("SELECT typeof(body) AS t FROM entries WHERE path = 'a.txt'").get()).toEqual({ t: 'text' });
      older.close();
      await removeDir(configDir);
    } finally {
      await removeDir(articles);
      await removeDir(out);
    }
  });

  it("adds the story file and id to an older store's redirects: its 410s stay, and new ones name their file and story", () => {
    const db = new StateDb(dir);
    db.moveUrl('/articles/old', null, 1);
    db.moveUrl('/articles/was', '/articles/now', 2);
    db.close();
    const raw = new Database(path.join(dir, 'state.db'));
    raw.exec(`
      DROP INDEX redirects_file;
      DROP INDEX redirects_id;
      CREATE TABLE redirects_old (from_path TEXT PRIMARY KEY, to_path TEXT, at INTEGER NOT NULL);
      INSERT INTO redirects_old SELECT from_path, to_path, at FROM redirects;
      DROP TABLE redirects;
      ALTER TABLE redirects_old RENAME TO redirects;
    `);
    raw.close();
    const reopened = new StateDb(dir);
    expect(reopened.redirectFor('/articles/old')).toEqual({ gone: true });
    expect(reopened.redirectFor('/articles/was')).toEqual({ to: '/articles/now' });
    expect(reopened.retiredUrl('old.txt', 'urn:x')).toBeUndefined();
    reopened.retireUrl('/articles/now', 'now.txt', 'urn:x', 3);
    // Retired with its file and story id; the URL that led to it is gone too, and both come back to where the story goes.
    expect(reopened.retiredUrl('now.txt', 'urn:x')).toBe('/articles/now');
    expect(reopened.retiredUrl('now.txt', 'urn:y')).toBeUndefined();
    expect(reopened.redirectFor('/articles/was')).toEqual({ gone: true });
    reopened.moveUrl('/articles/now', '/articles/later', 4, 'urn:x');
    reopened.reviveUrls('urn:x', '/articles/later');
    expect(reopened.redirectFor('/articles/was')).toEqual({ to: '/articles/later', id: 'urn:x' });
    expect(reopened.redirectFor('/articles/now')).toEqual({ to: '/articles/later', id: 'urn:x' });
    reopened.close();
  });

  it('refuses a store of a newer feedpub, naming it and the way out', () => {
    const db = new Database(path.join(dir, 'state.db'));
    db.pragma('user_version = 99');
    db.close();
    let error: unknown;
    try {
      new StateDb(dir).close();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as StateStoreError).code).toBe('STATE_TOO_NEW');
    expect((error as Error).message).toMatch(/newer feedpub \(schema 99\).*restore/);
  });
});

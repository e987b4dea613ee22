import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateDb, StateStoreError } from '../../src/store/state-db.js';
import { stateForBuild } from '../../src/store/state-copy.js';
import { knowsStories, openError, readOnlyAdvice } from '../../src/store/state-errors.js';
import { type LockHolder, StateLockedError, lockStateDir, stateDirHolder, takeStateDir } from '../../src/store/state-lock.js';
import { CAN_MOUNT } from '../fs-faults.js';
import { removeDir, tempDir, waitFor } from '../helpers.js';

let dir = '';
let other: ChildProcess | undefined;
beforeEach(async () => {
  dir = await tempDir('feedpub-state-');
});
afterEach(async () => {
  other?.kill('SIGKILL');
  other = undefined;
  await removeDir(dir);
});

function holdBy(pid: number): void {
  writeFileSync(path.join(dir, 'serve.lock'), JSON.stringify({ pid, host: os.hostname(), since: '2026-11-25T00:00:00Z' }));
}

describe('state folder lock', () => {
  it('refuses a second holder while the first process lives, naming its pid', async () => {
    other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => other?.once('spawn', resolve));
    holdBy(other.pid as number);
    let error: unknown;
    try {
      lockStateDir(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateLockedError);
    expect((error as Error).message).toContain(`process ${other.pid}`);
    expect(stateDirHolder(dir)?.pid).toBe(other.pid);
  });

  it("refuses another host's lock of this very pid (two containers' pid 1), and never releases it (attack trial)", () => {
    const file = path.join(dir, 'serve.lock');
    const theirs = JSON.stringify({ pid: process.pid, host: 'pod-other-7f9c', since: '2026-11-25T00:00:00Z' });
    writeFileSync(file, theirs);
    // Before: 50 tries, then "keeps changing hands ... delete serve.lock", a live server's lock.
    expect(() => lockStateDir(dir)).toThrow(StateLockedError);
    rmSync(file);
    const lock = lockStateDir(dir);
    writeFileSync(file, theirs);
    lock.release();
    expect(readFileSync(file, 'utf8')).toBe(theirs);
  });

  it("takes over another host's lock that stands still: a container started anew under a new host name (it exited 2 until someone deleted the lock)", async () => {
    const file = path.join(dir, 'serve.lock');
    // As a feedpub before beats wrote it, and as one killed with its container leaves it.
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'feedpub-7c9f2d', since: '2026-11-25T00:00:00Z' }));
    const watched: number[] = [];
    const stale: LockHolder[] = [];
    const lock = await takeStateDir(dir, { watchMs: 400, onWatch: (_, ms) => watched.push(ms), onStale: (h) => stale.push(h) });
    expect(watched).toEqual([400]);
    expect(stale.map((h) => h.host)).toEqual(['feedpub-7c9f2d']);
    expect(stateDirHolder(dir)?.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it("refuses another host's lock whose beat moves while it watches: that server is alive", async () => {
    const file = path.join(dir, 'serve.lock');
    const theirs = { pid: 1, host: 'feedpub-live-1', since: '2026-11-25T00:00:00Z' };
    let n = 0;
    const beat = () => writeFileSync(file, JSON.stringify({ ...theirs, beat: `2026-11-25T00:00:${String(n++ % 60).padStart(2, '0')}Z` }));
    beat();
    const beating = setInterval(beat, 50);
    try {
      const taking = takeStateDir(dir, { watchMs: 2_000 });
      await expect(taking).rejects.toThrow(StateLockedError);
      await expect(taking).rejects.toThrow(/on feedpub-live-1 .*it said it was alive within the last 16 s/);
    } finally {
      clearInterval(beating);
    }
    expect(JSON.parse(readFileSync(file, 'utf8')).host).toBe('feedpub-live-1');
  });

  it('takes the folder at once when a watched lock of another host is released meanwhile', async () => {
    const file = path.join(dir, 'serve.lock');
    writeFileSync(file, JSON.stringify({ pid: 1, host: 'feedpub-stopping', since: 'then' }));
    const lock = await takeStateDir(dir, { watchMs: 10_000, onWatch: () => rmSync(file) });
    expect(stateDirHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('beats while held, puts back a lock deleted by hand, and says when another took it over', async () => {
    const file = path.join(dir, 'serve.lock');
    let lost: (holder: LockHolder | undefined) => void = () => undefined;
    const lostTo = new Promise<LockHolder | undefined>((resolve) => (lost = resolve));
    const lock = lockStateDir(dir, new Date(), { beatMs: 20, onLost: lost });
    const first = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    expect(first.pid).toBe(process.pid);
    await waitFor(() => (JSON.parse(readFileSync(file, 'utf8')) as LockHolder).beat !== first.beat, 5_000, 'a beat');
    rmSync(file);
    await waitFor(() => existsSync(file) && stateDirHolder(dir)?.pid === process.pid, 5_000, 'the lock put back');
    const other = { pid: 4242, host: 'feedpub-other', since: 'now' };
    writeFileSync(file, JSON.stringify(other));
    expect((await lostTo)?.host).toBe('feedpub-other');
    // Not ours any more: neither rewritten by a beat nor removed by the release.
    lock.release();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(other);
  });

  it('says the lock is lost, not puts it back, when it is gone after this process was stopped long enough to be taken over', async () => {
    const file = path.join(dir, 'serve.lock');
    let lost: (holder: LockHolder | undefined) => void = () => undefined;
    const lostTo = new Promise<LockHolder | undefined>((resolve) => (lost = resolve));
    const lock = lockStateDir(dir, new Date(), { beatMs: 20, stalledAfterMs: 300, onLost: lost });
    // Taken over and let go while this process was stopped (SIGSTOP): the store may have been written meanwhile.
    rmSync(file);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 600);
    expect(await lostTo).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    lock.release();
  });

  it('refuses a lock path that is a folder or a link, naming it: no feedpub makes one (it said "keeps changing hands", or EISDIR)', () => {
    const file = path.join(dir, 'serve.lock');
    mkdirSync(file);
    expect(() => lockStateDir(dir)).toThrow(/its lock .*serve\.lock is a folder, which feedpub never makes; remove it/);
    rmSync(file, { recursive: true });
    symlinkSync(path.join(dir, 'nowhere'), file);
    expect(() => lockStateDir(dir)).toThrow(StateStoreError);
    expect(() => lockStateDir(dir)).toThrow(/is a symbolic link/);
  });

  it('tells a build whose lock another process took over, so that it stops', async () => {
    const state = await stateForBuild(dir, { beatMs: 20 });
    expect(state.copied).toBe(false);
    writeFileSync(path.join(dir, 'serve.lock'), JSON.stringify({ pid: 7, host: 'feedpub-server-2', since: 'now' }));
    const lost = await waitFor(() => state.lostTo(), 5_000, 'the lock lost');
    expect(lost.holder?.host).toBe('feedpub-server-2');
    await state.release();
    expect(JSON.parse(readFileSync(path.join(dir, 'serve.lock'), 'utf8')).host).toBe('feedpub-server-2');
  });

  it.skipIf(process.platform !== 'linux')('takes over a lock whose pid is a zombie (killed, not yet reaped) or another program (the pid used again after a reboot) [/proc]', async () => {
    // `sleep 0` exits, and its parent (the shell, now sleep 5) never reaps it.
    other = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const zombie = Number(await new Promise<string>((resolve) => other?.stdout?.once('data', (d) => resolve(String(d)))));
    await waitFor(() => readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z'), 5_000, 'a zombie');
    holdBy(zombie);
    let lock = lockStateDir(dir);
    expect(stateDirHolder(dir)?.pid).toBe(process.pid);
    lock.release();
    // A live process, but not feedpub's: its pid is in the lock by chance.
    holdBy(other.pid as number);
    lock = lockStateDir(dir);
    expect(stateDirHolder(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose process is gone (kill -9), and releases only its own', async () => {
    other = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const pid = other.pid as number;
    await new Promise((resolve) => other?.once('exit', resolve));
    holdBy(pid);
    const lock = lockStateDir(dir);
    expect(stateDirHolder(dir)?.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(dir, 'serve.lock'))).toBe(false);
  });

  it.skipIf(!CAN_MOUNT)('explains a state folder it cannot write (a read-only mount), without a stack [needs mount: root]', () => {
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro]);
    try {
      expect(() => lockStateDir(ro)).toThrow(/cannot take the state folder .*ro \(EROFS\): .*make it writable/);
      expect(() => lockStateDir(ro)).toThrow(StateStoreError);
    } finally {
      execFileSync('umount', [ro]);
    }
  });

  it('takes over past a break lock left behind: by this very pid (a container restarted), or seconds old', async () => {
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => dead.once('exit', resolve));
    other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => other?.once('spawn', resolve));
    const breaker = path.join(dir, 'serve.lock.break');
    for (const left of [
      { pid: process.pid, host: os.hostname(), since: new Date().toISOString() },
      { pid: other.pid, host: os.hostname(), since: '2026-11-25T00:00:00Z' },
    ]) {
      holdBy(dead.pid as number);
      writeFileSync(breaker, JSON.stringify(left));
      const lock = lockStateDir(dir);
      expect(stateDirHolder(dir)?.pid).toBe(process.pid);
      expect(existsSync(breaker)).toBe(false);
      lock.release();
    }
  });

  it('takes over an unreadable lock or break lock only once it is seconds old: a younger one may be being written', () => {
    const file = path.join(dir, 'serve.lock');
    const breaker = `${file}.break`;
    const old = new Date(Date.now() - 60_000);
    for (const left of [file, breaker]) {
      writeFileSync(left, '');
      if (left === breaker) writeFileSync(file, JSON.stringify({ pid: 999_999_999, host: os.hostname(), since: 'then' }));
      expect(() => lockStateDir(dir)).toThrow(/keeps changing hands/);
      expect(existsSync(left)).toBe(true);
      utimesSync(left, old, old);
      const lock = lockStateDir(dir);
      expect(stateDirHolder(dir)?.pid).toBe(process.pid);
      expect(existsSync(breaker)).toBe(false);
      lock.release();
    }
  });

  it('takes a state folder a first build makes, so that no server starts on it meanwhile', async () => {
    const fresh = path.join(dir, 'new', 'state');
    const state = await stateForBuild(fresh);
    expect(state.copied).toBe(false);
    expect(stateDirHolder(fresh)?.pid).toBe(process.pid);
    await state.release();
    expect(stateDirHolder(fresh)).toBeUndefined();
  });

  it('lets exactly one of several processes starting at the same instant take over a stale lock', async () => {
    // The source compiled for this run (tests/global-setup.ts), else through tsx.
    const compiled = process.env.FEEDPUB_TEST_BUILD;
    const lockModule = compiled
      ? pathToFileURL(path.join(compiled, 'store', 'state-lock.js')).href
      : new URL('../../src/store/state-lock.ts', import.meta.url).href;
    const register = compiled ? '' : `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register();`;
    // Each waits for the same wall-clock instant, then tries; a winner holds the lock until every one has answered,
    // then is killed (its lock goes stale again for the next round).
    const script = (at: number) =>
      `${register}
       const { lockStateDir } = await import(${JSON.stringify(lockModule)});
       while (Date.now() < ${at}) {}
       try { lockStateDir(${JSON.stringify(dir)}); console.log('won'); setInterval(() => {}, 1000); }
       catch (e) { console.log(e.code ?? e.message); }`;
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => dead.once('exit', resolve));
    for (let round = 0; round < 6; round++) {
      holdBy(dead.pid as number);
      const at = Date.now() + 1500;
      const children = Array.from({ length: 4 }, () =>
        spawn(process.execPath, ['--input-type=module', '-e', script(at)], { stdio: ['ignore', 'pipe', 'inherit'] }),
      );
      const said = await Promise.all(
        children.map((child) => {
          let out = '';
          return new Promise<string>((resolve) => {
            child.stdout.on('data', (d) => {
              out += d;
              if (out.includes('\n')) resolve(out.trim());
            });
            child.once('exit', () => resolve(out.trim()));
          });
        }),
      );
      const ended = (child: ChildProcess) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(undefined);
          child.once('exit', resolve);
          child.kill('SIGKILL');
        });
      await Promise.all(children.map(ended));
      expect(said.filter((s) => s === 'won'), `round ${round}: ${said.join(', ')}`).toHaveLength(1);
      expect(said.filter((s) => s !== 'won').every((s) => s === 'STATE_LOCKED')).toBe(true);
    }
  }, 60_000);
});

describe('a build on a served state', () => {
  it('works on a marked copy, and removes the copies of builds killed midway, not those of running ones', async () => {
    other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => other?.once('spawn', resolve));
    holdBy(other.pid as number);
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => dead.once('exit', resolve));
    const left = mkdtempSync(path.join(os.tmpdir(), 'feedpub-build-state-'));
    writeFileSync(path.join(left, 'serve.lock'), JSON.stringify({ pid: dead.pid, host: os.hostname(), since: 'then' }));
    writeFileSync(path.join(left, 'state.db'), 'a big copy');
    const running = mkdtempSync(path.join(os.tmpdir(), 'feedpub-build-state-'));
    writeFileSync(path.join(running, 'serve.lock'), JSON.stringify({ pid: other.pid, host: os.hostname(), since: 'now' }));
    const starting = mkdtempSync(path.join(os.tmpdir(), 'feedpub-build-state-'));
    try {
      const state = await stateForBuild(dir);
      expect(state.copied).toBe(true);
      expect(stateDirHolder(state.stateDir)?.pid).toBe(process.pid);
      expect(existsSync(left)).toBe(false);
      expect(existsSync(running)).toBe(true);
      expect(existsSync(starting)).toBe(true);
      await state.release();
      expect(existsSync(state.stateDir)).toBe(false);
    } finally {
      for (const d of [left, running, starting]) await removeDir(d);
    }
  });
});

describe('state store that will not open', () => {
  it('gives the way out that fits the cause: never a restore for a lock or a full disk', () => {
    const file = path.join(dir, 'state.db');
    const say = (code: string) => openError(file, Object.assign(new Error('x'), { code })).message;
    expect(say('SQLITE_BUSY')).toMatch(/held by another program \(SQLITE_BUSY\): stop it/);
    expect(say('SQLITE_BUSY')).not.toMatch(/restore|aside/);
    expect(say('SQLITE_IOERR_SHMSIZE')).toMatch(/cannot be written \(SQLITE_IOERR_SHMSIZE\): free space/);
    expect(say('SQLITE_FULL')).not.toMatch(/restore/);
    // No backup to restore yet: only the way that exists.
    expect(say('SQLITE_CANTOPEN')).not.toMatch(/restore the backup/);
    writeFileSync(path.join(dir, 'state.db.backup'), 'x');
    expect(say('SQLITE_CANTOPEN')).toMatch(/restore the backup/);
  });


  it('names each of the store, its log and its index that this user cannot write, not the store alone (attack trial)', () => {
    const file = path.join(dir, 'state.db');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) writeFileSync(f, '');
    // SQLite made -shm with the store's mode: the store writable again, its index still read-only.
    const says = readOnlyAdvice(file, 'SQLITE_READONLY_CANTINIT', (f) => !f.endsWith('-shm'));
    expect(says).toBe(`state store ${file} is read-only (SQLITE_READONLY_CANTINIT): make it writable for the user feedpub runs as (chmod u+w ${file}-shm), then start again`);
    expect(readOnlyAdvice(file, 'SQLITE_READONLY', (f) => f === dir)).toContain(`(chmod u+w ${file} ${file}-wal ${file}-shm)`);
    // Every file writable, and still refused: the disk.
    expect(readOnlyAdvice(file, 'SQLITE_READONLY', () => true)).toContain(`whether the disk of ${dir} is mounted read-only`);
    expect(openError(file, Object.assign(new Error('x'), { code: 'SQLITE_READONLY' })).code).toBe('STATE_UNWRITABLE');
  });

  it('names a damaged file and both ways out', () => {
    writeFileSync(path.join(dir, 'state.db'), 'not a database '.repeat(500));
    let error: unknown;
    try {
      new StateDb(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateStoreError);
    expect((error as StateStoreError).code).toBe('STATE_CORRUPT');
    expect((error as Error).message).toMatch(/state\.db is damaged.*restore the backup \(cp .*state\.db\.backup.*move .* aside/);
  });

  it('names a table of another shape (edited by hand) as damaged, with both ways out, and leaves the file as it was (attack trial)', () => {
    const db = new StateDb(dir);
    db.close();
    const edited = new Database(path.join(dir, 'state.db'));
    edited.exec('drop table archive_runs; create table archive_runs(x)');
    edited.close();
    expect(() => new StateDb(dir)).toThrow(
      expect.objectContaining({ code: 'STATE_CORRUPT', message: expect.stringMatching(/does not have the tables feedpub reads \(no such column: first\): restore the backup/) }),
    );
  });

  it('keeps a rolling online backup that opens as a store with the same records', async () => {
    const db = new StateDb(dir);
    db.put({ path: 'a.txt', id: 'urn:x', published: 1, updated: 2, hash: 'h', firstSeen: 1, deletedAt: null, size: 3, mtimeMs: 4 });
    const file = await db.backup();
    db.close();
    expect(file).toBe(path.join(dir, 'state.db.backup'));
    // Reading the backup (a store with no live story asks it whether it knows stories) leaves nothing beside it.
    expect(knowsStories(file as string)).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('state.db.backup'))).toEqual(['state.db.backup']);
    const restoredDir = await tempDir('feedpub-restore-');
    const { copyFileSync } = await import('node:fs');
    copyFileSync(file as string, path.join(restoredDir, 'state.db'));
    const restored = new StateDb(restoredDir);
    expect(restored.get('a.txt')?.id).toBe('urn:x');
    restored.close();
    await removeDir(restoredDir);
  });

  it('never replaces a backup that knows stories, however small, with a store that knows none', async () => {
    const db = new StateDb(dir);
    const story = { path: 'a.txt', id: 'urn:x', published: 1, updated: 2, hash: 'h', firstSeen: 1, deletedAt: null, size: 3, mtimeMs: 4 };
    db.put(story);
    expect(await db.backup()).toBe(path.join(dir, 'state.db.backup'));
    // Its one story taken down: a one-story backup is far under 64 KB, and was once judged empty by its size.
    db.put({ ...story, deletedAt: 5 });
    expect(await db.backup()).toBeUndefined();
    db.close();
    const restoredDir = await tempDir('feedpub-restore-');
    const { copyFileSync } = await import('node:fs');
    copyFileSync(path.join(dir, 'state.db.backup'), path.join(restoredDir, 'state.db'));
    const copy = new StateDb(restoredDir);
    expect(copy.get('a.txt')?.deletedAt).toBeNull();
    copy.close();
    await removeDir(restoredDir);
  });
});

describe('redirects for moved and deleted story URLs', () => {
  it('collapses chains, answers gone for deletions, and forgets a path that is live again', () => {
    const db = new StateDb(dir);
    db.moveUrl('/articles/a', '/articles/b', 1);
    db.moveUrl('/articles/b', '/articles/c', 2);
    expect(db.redirectFor('/articles/a')).toEqual({ to: '/articles/c' });
    expect(db.redirectFor('/articles/b')).toEqual({ to: '/articles/c' });
    db.moveUrl('/articles/c', null, 3);
    expect(db.redirectFor('/articles/a')).toEqual({ gone: true });
    expect(db.redirectFor('/articles/c')).toEqual({ gone: true });
    db.claimUrl('/articles/c');
    expect(db.redirectFor('/articles/c')).toBeUndefined();
    db.moveUrl('/articles/x', '/articles/a', 4);
    expect(db.redirectFor('/articles/a')).toBeUndefined(); // /articles/a is live again
    db.close();
  });
});

describe('an emptied state.db beside a backup', () => {
  it('is refused with the way back, and a store with no stories never replaces a backup that has some', async () => {
    const db = new StateDb(dir);
    for (let i = 0; i < 400; i++) {
      db.put({
        path: `s${i}.txt`,
        id: `urn:x:${i}`,
        published: 1,
        updated: 2,
        hash: `h${i}`.repeat(20),
        firstSeen: 1,
        deletedAt: null,
        size: 3,
        mtimeMs: 4,
      });
      db.putEntry(`s${i}.txt`, JSON.stringify({ pad: 'x'.repeat(200) }), 'body '.repeat(50), 'summary');
    }
    await db.backup();
    db.close();
    writeFileSync(path.join(dir, 'state.db'), '');
    let error: unknown;
    try {
      new StateDb(dir);
    } catch (e) {
      error = e;
    }
    expect((error as StateStoreError).code).toBe('STATE_CORRUPT');
    expect((error as Error).message).toMatch(/is empty but .*state\.db\.backup is not: restore the backup/);
    // Missing altogether (`rm state.db`, moved aside): the same refusal, not a new store that gives every story a new id.
    rmSync(path.join(dir, 'state.db'));
    expect(() => new StateDb(dir)).toThrow(/is missing but its backup .*state\.db\.backup knows stories: restore it \(cp /);
    expect(existsSync(path.join(dir, 'state.db'))).toBe(false);
    renameSync(path.join(dir, 'state.db.backup'), path.join(dir, 'aside.db'));
    // A small site's backup (one story, under 64 KB) is read, not judged by its size.
    const small = new StateDb(dir);
    small.put({ path: 'a.txt', id: 'urn:x:a', published: 1, updated: 1, hash: 'h', firstSeen: 1, deletedAt: null, size: 1, mtimeMs: 1 });
    await small.backup();
    small.close();
    rmSync(path.join(dir, 'state.db'));
    expect(() => new StateDb(dir)).toThrow(/is missing but its backup/);
  });

  it('never replaces a backup with a store that shares none of its stories (another site’s), but follows renames', async () => {
    const record = (p: string, id: string) => ({ path: p, id, published: 1, updated: 1, hash: `h${id}`, firstSeen: 1, deletedAt: null, size: 1, mtimeMs: 1 });
    const db = new StateDb(dir);
    db.put(record('a.txt', 'urn:x:a'));
    db.put(record('b.txt', 'urn:x:b'));
    await db.backup();
    db.close();
    const backup = readFileSync(path.join(dir, 'state.db.backup'));
    // The same paths under other ids: the store of another site (or one that reassigned every id).
    const otherDir = await tempDir('feedpub-other-');
    const other = new StateDb(otherDir);
    other.put(record('a.txt', 'urn:y:1'));
    other.close();
    rmSync(path.join(dir, 'state.db'));
    copyFileSync(path.join(otherDir, 'state.db'), path.join(dir, 'state.db'));
    await removeDir(otherDir);
    const foreign = new StateDb(dir);
    await expect(foreign.backup()).rejects.toMatchObject({ code: 'STATE_CORRUPT', message: expect.stringMatching(/not replacing the backup .*shares none of its stories/) });
    expect(readFileSync(path.join(dir, 'state.db.backup')).equals(backup)).toBe(true);
    // Every story renamed since the backup: its ids are elsewhere, and the backup follows.
    foreign.remove('a.txt');
    foreign.put(record('renamed-a.txt', 'urn:x:a'));
    foreign.put(record('renamed-b.txt', 'urn:x:b'));
    expect(await foreign.backup()).toBe(path.join(dir, 'state.db.backup'));
    foreign.close();
  });

  it('refuses a valid store that knows no story (an empty sqlite file, a store from an empty folder) beside a backup that does', async () => {
    const db = new StateDb(dir);
    db.put({ path: 'a.txt', id: 'urn:x:a', published: 1, updated: 1, hash: 'h', firstSeen: 1, deletedAt: null, size: 1, mtimeMs: 1 });
    await db.backup();
    db.close();
    const backup = readFileSync(path.join(dir, 'state.db.backup'));
    const otherDir = await tempDir('feedpub-other-');
    // A store made by a server on an empty folder: a real schema, no story.
    new StateDb(otherDir).close();
    const foreign = [path.join(otherDir, 'state.db'), path.join(otherDir, 'plain.db')];
    execFileSync(process.execPath, ['-e', `new (require('better-sqlite3'))(${JSON.stringify(foreign[1])}).exec('CREATE TABLE t (x)')`]);
    for (const file of foreign) {
      for (const leftover of ['state.db', 'state.db-wal', 'state.db-shm']) rmSync(path.join(dir, leftover), { force: true });
      copyFileSync(file, path.join(dir, 'state.db'));
      let error: unknown;
      try {
        new StateDb(dir);
      } catch (e) {
        error = e;
      }
      expect((error as StateStoreError).code).toBe('STATE_CORRUPT');
      expect((error as Error).message).toMatch(/knows no story but its backup .*state\.db\.backup does: restore it \(cp /);
      expect(readFileSync(path.join(dir, 'state.db.backup')).equals(backup)).toBe(true);
    }
    await removeDir(otherDir);
    // A store whose stories were all taken down keeps their rows: it still opens beside its backup.
    copyFileSync(path.join(dir, 'state.db.backup'), path.join(dir, 'state.db'));
    const restored = new StateDb(dir);
    restored.markDeleted('a.txt', 2);
    restored.close();
    expect(new StateDb(dir).get('a.txt')?.deletedAt).toBe(2);
  });
});

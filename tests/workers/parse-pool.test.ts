import { readFileSync, statSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS } from '../../src/config.js';
import { contentHash } from '../../src/core/entry-meta.js';
import { ParsePool } from '../../src/workers/parse-pool.js';
import { tempDir } from '../helpers.js';

const parse = {
  boilerplateMarkers: DEFAULT_BOILERPLATE_MARKERS,
  timeZone: 'Asia/Bangkok',
  pageUrl: 'https://x.example/a',
  maxTitleLength: 300,
};
const seed = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt'));
let pool: ParsePool | undefined;
afterEach(async () => {
  pool?.close();
  pool = undefined;
});

describe('parse pool', () => {
  it('parses stories on worker threads with the same result as the core', async () => {
    pool = new ParsePool({ parse, size: 2 });
    const [thai, bad, md] = await Promise.all([
      pool.parse('kim-putin.txt', seed),
      pool.parse('bad.txt', new TextEncoder().encode('หัวข้อ\n\n31 ก.พ. 2569\n\nเนื้อหา')),
      pool.parse('a.md', new TextEncoder().encode('---\ntitle: Hello\ndate: 2026-11-24\n---\nBody')),
    ]);
    expect(thai && 'story' in thai ? [thai.story.title, thai.story.author] : thai).toEqual(["'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย", 'AFP']);
    expect(bad && 'failure' in bad ? [bad.failure.code, bad.failure.line] : bad).toEqual(['BAD_DATE', 3]);
    expect(md && 'story' in md ? md.story.date : md).toEqual(new Date('2026-11-23T17:00:00.000Z'));
  });

  it('keeps the event loop free while a heavy file parses', async () => {
    // The parse takes seconds; on a loaded machine more than the default 10 s limit, which is not under test here.
    pool = new ParsePool({ parse, size: 1, timeoutMs: 120_000 });
    await pool.parse('warm.md', new TextEncoder().encode('# Warm\n\nup'));
    const heavy = new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(100_000)}`);
    let worstGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const outcome = await pool.parse('heavy.md', heavy);
    const took = performance.now() - started;
    clearInterval(ticker);
    expect('story' in outcome ? outcome.story.title : outcome).toBe('Heavy');
    // The parse is long; the main thread's timers were never held for more than a fraction of it.
    expect(took).toBeGreaterThan(400);
    expect(worstGap).toBeLessThan(took / 2);
  });

  it('calls a file over the time limit TOO_COMPLEX, replaces the worker and goes on', async () => {
    pool = new ParsePool({ parse, size: 1, timeoutMs: 100 });
    const heavy = new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(100_000)}`);
    const outcome = await pool.parse('heavy.md', heavy);
    expect('failure' in outcome ? outcome.failure.code : 'parsed').toBe('TOO_COMPLEX');
    expect('failure' in outcome ? outcome.failure.message : '').toMatch(/longer than 0.1 s/);
    const after = await pool.parse('after.md', new TextEncoder().encode('# After\n\nok'));
    expect('story' in after ? after.story.title : after).toBe('After');
  });

  it("does not count loading Markdown's libraries as the first Markdown story's parse time", async () => {
    // markdown-it, yaml and sanitize-html load with a worker's first Markdown story (100-200 ms):
    // timed as its parse, a plain story under a tight limit was TOO_COMPLEX (the full suite, loaded).
    pool = new ParsePool({ parse, size: 1, timeoutMs: 60 });
    await pool.parse('warm.txt', new TextEncoder().encode('Warm\n\nup'));
    const first = await pool.parse('first.md', new TextEncoder().encode('---\ntitle: First\n---\nok <b>bold</b>'));
    expect('story' in first ? first.story.title : first).toBe('First');
  });

  it('calls a file whose parse outgrows the memory limit TOO_COMPLEX, naming the limit, and goes on', async () => {
    pool = new ParsePool({ parse, size: 1, timeoutMs: 120_000, memoryMb: 16 });
    const heavy = new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(300_000)}`);
    const outcome = await pool.parse('heavy.md', heavy);
    expect('failure' in outcome ? [outcome.failure.code, outcome.failure.message] : 'parsed').toEqual([
      'TOO_COMPLEX',
      'parsing needed more than the 16 MB of memory a file may take (the limit); the file is too complex',
    ]);
    const after = await pool.parse('after.md', new TextEncoder().encode('# After\n\nok'));
    expect('story' in after ? after.story.title : after).toBe('After');
  });

  it('parses the files sent ahead behind a file over the time limit, and fails only that one', async () => {
    // A limit the small files meet on a loaded machine (each one's time starts when it becomes its worker's first).
    pool = new ParsePool({ parse, size: 1, timeoutMs: 1500 });
    await pool.parse('warm.md', new TextEncoder().encode('# Warm\n\nup'));
    const heavy = new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(800_000)}`);
    const small = (i: number) => pool?.parse(`s${i}.md`, new TextEncoder().encode(`# Small ${i}\n\nok`));
    // All sent at once: the worker holds the small ones behind the heavy one.
    const outcomes = await Promise.all([pool.parse('heavy.md', heavy), small(1), small(2), small(3)]);
    expect(outcomes.map((o) => (o && 'story' in o ? o.story.title : o?.failure.code))).toEqual(['TOO_COMPLEX', 'Small 1', 'Small 2', 'Small 3']);
    expect(pool.pending).toBe(0);
  });

  it('fails the file over the limit, not the ones before it whose results it held back', async () => {
    pool = new ParsePool({ parse, size: 1, timeoutMs: 1500 });
    await pool.parse('warm.md', new TextEncoder().encode('# Warm\n\nup'));
    const heavy = new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(800_000)}`);
    const small = (i: number) => pool?.parse(`s${i}.md`, new TextEncoder().encode(`# Small ${i}\n\nok`));
    // One message to the worker: two small files, then the heavy one, then one more. The worker
    // sends results once a message's files are done, so the first two are parsed but not yet
    // sent back when the heavy one is stopped.
    const outcomes = await Promise.all([small(1), small(2), pool.parse('heavy.md', heavy), small(3)]);
    expect(outcomes.map((o) => (o && 'story' in o ? o.story.title : o?.failure.code))).toEqual(['Small 1', 'Small 2', 'TOO_COMPLEX', 'Small 3']);
    expect(pool.pending).toBe(0);
  });

  it('sends the files held behind one over the limit on alone, to idle workers: another hostile one among them holds no one', async () => {
    pool = new ParsePool({ parse, size: 2, timeoutMs: 3000 });
    // Both workers up; eight files shared out four a worker, in one message each: the first four
    // to the first. Each heavy one takes about 5 s here (longer under load), and all fit in what
    // is sent ahead (8 MB).
    await Promise.all([1, 2].map((n) => pool?.parse(`warm${n}.md`, new TextEncoder().encode('# Warm\n\nup'))));
    expect(pool.workers).toBe(2);
    const heavy = new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(250_000)}`);
    const order: string[] = [];
    const track = (name: string, bytes: Uint8Array) =>
      pool?.parse(`${name}.md`, bytes).then((o) => {
        order.push(`${name} ${'story' in o ? 'ok' : o.failure.code}`);
      });
    const small = new TextEncoder().encode('# Small\n\nok');
    const tracked = [track('h1', heavy), track('h2', heavy), track('s1', small), track('h3', heavy)];
    await Promise.all([...tracked, ...[2, 3, 4, 5].map((n) => pool?.parse(`s${n}.md`, small))]);
    // h1 holds its worker: what was sent behind it comes back, h2 goes alone to the other worker,
    // and the small file to a spare (or the fresh one after h1's limit) as soon as one is up, not
    // after h2 has run out of time too (sent together, it waited for it).
    expect(order.indexOf('s1 ok')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('s1 ok')).toBeLessThan(order.indexOf('h2 TOO_COMPLEX'));
    expect(order.filter((o) => o !== 's1 ok').sort()).toEqual(['h1 TOO_COMPLEX', 'h2 TOO_COMPLEX', 'h3 TOO_COMPLEX']);
    expect(pool.pending).toBe(0);
  });

  it('starts a spare worker for a file that waits while every worker is stuck on a slow one, and ends it once idle', async () => {
    pool = new ParsePool({ parse, size: 1, timeoutMs: 120_000 });
    await pool.parse('warm.md', new TextEncoder().encode('# Warm\n\nup'));
    const order: string[] = [];
    // Seconds of parsing (about 5 here, more under load): the one worker is stuck on it.
    const heavy = pool.parse('heavy.md', new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(250_000)}`)).then(() => order.push('heavy'));
    const small = pool.parse('small.md', new TextEncoder().encode('# Small\n\nok')).then((o) => {
      order.push('small');
      return o;
    });
    const outcome = await small;
    expect('story' in outcome && outcome.story.title).toBe('Small');
    expect(order).toEqual(['small']); // not behind the heavy file
    await heavy;
    expect(pool.workers).toBe(1); // the spare ended once idle
  }, 120_000);

  it('does not call a parse too long that finished while the main thread was held past the limit', async () => {
    pool = new ParsePool({ parse, size: 1, timeoutMs: 100 });
    await pool.parse('warm.md', new TextEncoder().encode('# Warm\n\nup'));
    // A long synchronous transaction after a yield (as a first scan stores a batch): the worker
    // answers within it, and the limit passes during it, so the timer is due before the answer is read.
    const outcome = await new Promise<ReturnType<ParsePool['parse']>>((resolve) =>
      setImmediate(() => {
        const parsing = pool?.parse('small.md', new TextEncoder().encode('# Small\n\nok')) as ReturnType<ParsePool['parse']>;
        const until = performance.now() + 1500;
        while (performance.now() < until);
        resolve(parsing);
      }),
    );
    const done = await outcome;
    expect('story' in done ? done.story.title : done.failure.code).toBe('Small');
  });
  it('ends its extra workers after a first scan, the busy one once it is done, and starts more for a burst', async () => {
    pool = new ParsePool({ parse, size: 2, timeoutMs: 120_000 });
    const story = (n: number) => new TextEncoder().encode(`# Story ${n}\n\nBody ${n}`);
    await Promise.all(Array.from({ length: 20 }, (_, n) => (pool as ParsePool).parse(`s${n}.md`, story(n))));
    expect(pool.workers).toBe(2);
    pool.rest(1);
    expect(pool.workers).toBe(1);
    const after = await pool.parse('after.md', story(99));
    expect('story' in after ? after.story.title : after).toBe('Story 99');

    // A worker still parsing when rest() is called ends when its file is done, not before.
    const heavy = pool.parse('heavy.md', new TextEncoder().encode(`# Heavy\n\n${'*a _b [c '.repeat(20_000)}`));
    pool.rest(0);
    expect(pool.workers).toBe(1);
    expect(await heavy).toMatchObject({ ok: true });
    expect(pool.workers).toBe(0);

    // Saves after that start workers again, and they stay (a burst ending is not a first scan).
    await Promise.all(Array.from({ length: 20 }, (_, n) => (pool as ParsePool).parse(`b${n}.md`, story(n))));
    expect(pool.workers).toBe(2);
  });
  it('reads, hashes and parses a file on the worker; skips the parse of known bytes; names a file it refuses', async () => {
    const dir = await tempDir();
    try {
      pool = new ParsePool({ parse, size: 1 });
      await writeFile(path.join(dir, 'a.md'), '# Read there\n\nBody');
      await symlink(path.join(dir, 'a.md'), path.join(dir, 'link.md'));
      const job = (relPath: string, knownHash?: string) => ({
        root: dir,
        absPath: path.join(dir, relPath),
        relPath,
        maxBytes: 1000,
        ...(knownHash ? { knownHash } : {}),
      });
      const read = await pool.read(job('a.md'));
      expect(read).toMatchObject({ result: { kind: 'file', size: 18 }, hash: contentHash(readFileSync(path.join(dir, 'a.md'))) });
      expect('ingested' in read && read.ingested?.ok ? read.ingested.story.title : read).toBe('Read there');
      const again = await pool.read(job('a.md', 'hash' in read ? read.hash : ''));
      expect(again).toMatchObject({ result: { kind: 'file' } });
      expect('ingested' in again).toBe(false);
      expect(await pool.read(job('link.md'))).toMatchObject({ error: { code: 'SYMLINK' } });
      expect(await pool.read(job('gone.md'))).toEqual({ result: { kind: 'missing' } });
      // Missing because the articles folder itself is away (a sync mid-swap): said at once, not deleted.
      expect(await pool.read({ ...job('gone.md'), root: path.join(dir, 'away'), absPath: path.join(dir, 'away', 'gone.md') })).toEqual({
        result: { kind: 'missing' },
        rootGone: true,
      });
      // A folder on the path swapped for a link to elsewhere is never followed.
      await mkdir(path.join(dir, 'elsewhere'));
      await writeFile(path.join(dir, 'elsewhere', 'secret.md'), '# Secret\n\nhunter2');
      await symlink(path.join(dir, 'elsewhere'), path.join(dir, 'sub'));
      expect(await pool.read(job('sub/secret.md'))).toMatchObject({ error: { code: 'SYMLINK', message: expect.stringContaining('the folder sub') } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("gives a file read over the time limit TOO_COMPLEX with its size and mtime (an unchanged file is not read again)", async () => {
    const dir = await tempDir();
    try {
      pool = new ParsePool({ parse, size: 1, timeoutMs: 1500 });
      await pool.parse('warm.md', new TextEncoder().encode('# Warm\n\nup'));
      const file = path.join(dir, 'heavy.md');
      await writeFile(file, `# Heavy\n\n${'*a _b [c '.repeat(800_000)}`);
      const st = statSync(file);
      const reading = pool.read({ root: dir, absPath: file, relPath: 'heavy.md', maxBytes: 10_000_000 });
      // Fixed while its parse runs out of time (the warm worker read it at once; nothing signals
      // that, hence the wait): the verdict is recorded under the version it was on.
      await new Promise((r) => setTimeout(r, 500));
      await writeFile(file, '# Fixed\n\nok');
      const outcome = await reading;
      expect(outcome).toMatchObject({ error: { code: 'TOO_COMPLEX', fileStat: { size: st.size, mtimeMs: Math.trunc(st.mtimeMs) } } });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

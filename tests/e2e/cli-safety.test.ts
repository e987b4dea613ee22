// The CLI refusing what would lose stories: build over the stories, state or project, two servers on one state, a damaged store.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CAN_MOUNT } from '../fs-faults.js';
import { cliArgs, cliEnv, put, removeDir, tempDir, waitFor } from '../helpers.js';

const cleanup: string[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of cleanup.splice(0)) await removeDir(d);
});

async function dirs(): Promise<{ articles: string; state: string; cwd: string }> {
  // All three in one root of the test's own: the "contains the articles folder" case builds into
  // the root, so a regression of the guard can only ever replace this root, never the system's temp folder.
  const root = await tempDir('feedpub-safety-');
  const [articles, state, cwd] = ['articles', 'state', 'cwd'].map((d) => path.join(root, d)) as [string, string, string];
  await Promise.all([articles, state, cwd].map((d) => mkdir(d, { recursive: true })));
  cleanup.push(root);
  await put(articles, 'one.txt', 'One\n\nThe first story.\n');
  await put(articles, 'world/two.txt', 'Two\n\nThe second story.\n');
  return { articles, state, cwd };
}

interface Run {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  done: Promise<number | null>;
}

function run(args: string[], cwd: string): Run {
  const child = spawn(process.execPath, cliArgs(...args), {
    cwd,
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d) => (out.stdout += d));
  child.stderr?.on('data', (d) => (out.stderr += d));
  return { child, out, done: new Promise((resolve) => child.on('close', (code) => resolve(code))) };
}

/** Start `serve` and wait for it to be healthy; its URL. */
async function serve(articles: string, state: string, cwd: string, ...more: string[]): Promise<{ url: string; server: Run }> {
  const server = run(['serve', '--articles', articles, '--state', state, '--port', '0', ...more], cwd);
  // A lock of another host is watched for FOREIGN_WATCH_MS (16 s) before it is taken: the wait is on top of that.
  const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(server.out.stdout)?.[1], 45_000, 'listening');
  await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200, 20_000, 'healthy');
  return { url, server };
}

describe('a state folder that cannot be made', () => {
  it('ends serve and build with exit 2 and why, never a stack (attack trial: exit 1, and a stack on build)', async () => {
    const { articles, cwd } = await dirs();
    writeFileSync(path.join(cwd, 'a-file'), 'junk');
    const state = path.join(cwd, 'a-file', 'state');
    const runs = [
      run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd),
      run(['build', '--articles', articles, '--state', state, '--out', path.join(cwd, 'site')], cwd),
    ];
    for (const r of runs) {
      expect(await r.done, r.out.stderr).toBe(2);
      expect(r.out.stderr).toContain(`STATE_UNWRITABLE: the state folder ${state} cannot be made (ENOTDIR: a part of that path is a file, not a folder)`);
      expect(r.out.stderr).not.toMatch(/^\s+at /m);
      expect(r.out.stdout).not.toContain('listening');
    }
    expect(existsSync(path.join(cwd, 'site'))).toBe(false);
  });

  it.skipIf(!CAN_MOUNT)('says its disk is read-only (Node alone says ENOENT) [needs mount: root]', async () => {
    const { articles, cwd } = await dirs();
    const disk = path.join(cwd, 'ro');
    await mkdir(disk);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', disk]);
    try {
      const r = run(['build', '--articles', articles, '--state', path.join(disk, 'state'), '--out', path.join(cwd, 'site')], cwd);
      expect(await r.done, r.out.stderr).toBe(2);
      expect(r.out.stderr).toContain('(EROFS: its disk is mounted read-only)');
    } finally {
      execFileSync('umount', [disk]);
    }
  });
});

describe('build --out refuses to replace what is not its own', () => {
  it('refuses the articles folder, the state folder, the project folder and a foreign folder, with exit 2', async () => {
    const { articles, state, cwd } = await dirs();
    await put(cwd, 'notes/keep.txt', 'mine');
    const base = ['--articles', articles, '--state', state];
    const cases: [string, RegExp][] = [
      [articles, /it is the articles folder/],
      [state, /it is the state folder/],
      [cwd, /it is the project folder/],
      [path.dirname(articles), /it contains the articles folder/],
      [path.join(cwd, 'notes'), /did not write/],
    ];
    const runs = cases.map(([out]) => run(['build', '--out', out, ...base], cwd));
    for (const [k, [out, reason]] of cases.entries()) {
      const r = runs[k] as Run;
      expect(await r.done, out).toBe(2);
      expect(r.out.stderr).toMatch(reason);
      expect(r.out.stderr).not.toMatch(/\n\s+at /); // no stack
    }
    expect(readdirSync(articles).sort()).toEqual(['one.txt', 'world']);
    expect(await readFile(path.join(cwd, 'notes/keep.txt'), 'utf8')).toBe('mine');
    // Its own earlier output is replaced.
    const site = path.join(cwd, 'site');
    for (let i = 0; i < 2; i++) expect(await run(['build', '--out', site, ...base], cwd).done).toBe(0);
    expect(existsSync(path.join(site, 'feed.xml'))).toBe(true);
  }, 120_000);
});

describe('one server per state folder', () => {
  it('refuses a second serve naming the folder and the holder pid; build uses a copy of the served store', async () => {
    const { articles, state, cwd } = await dirs();
    const { url, server } = await serve(articles, state, cwd);
    const second = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    expect(await second.done).toBe(2);
    expect(second.out.stderr).toContain(`feedpub: STATE_LOCKED: state folder ${state} is in use by feedpub process ${server.child.pid}`);
    expect(second.out.stdout).not.toContain('listening');

    // The served store keeps a rolling backup from the first scan on.
    await waitFor(() => existsSync(path.join(state, 'state.db.backup')), 10_000, 'backup after the first scan');

    const out = path.join(cwd, 'site');
    const build = run(['build', '--out', out, '--articles', articles, '--state', state], cwd);
    expect(await build.done).toBe(0);
    expect(build.out.stderr).toContain('build.state-copy');
    const ids = (xml: string) => [...xml.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1]).sort();
    const served = await (await fetch(`${url}/feed.xml`)).text();
    expect(ids(await readFile(path.join(out, 'feed.xml'), 'utf8'))).toEqual(ids(served));
    expect(ids(served)).toHaveLength(2);
    // The server still works and still owns its store.
    await put(articles, 'three.txt', 'Three\n\nA later story.\n');
    await waitFor(async () => (await (await fetch(`${url}/feed.xml`)).text()).includes('Three'), 10_000, 'a later story');
    server.child.kill('SIGTERM');
    expect(await server.done).toBe(0);
    expect(existsSync(path.join(state, 'serve.lock'))).toBe(false);
  }, 120_000);
});

describe('a lock of another host', () => {
  it('is watched, then taken over when it stands still: a container started anew under a new host name serves (it exited 2 in a loop)', async () => {
    const { articles, state, cwd } = await dirs();
    writeFileSync(path.join(state, 'serve.lock'), JSON.stringify({ pid: 1, host: 'feedpub-killed-7c9f', since: '2026-11-25T00:00:00Z' }));
    const { url, server } = await serve(articles, state, cwd);
    expect(server.out.stderr).toContain('state.lock-foreign');
    expect(server.out.stderr).toMatch(/state\.lock-taken holder="process 1 on feedpub-killed-7c9f"/);
    expect((await fetch(`${url}/feed.xml`)).status).toBe(200);
    expect(JSON.parse(readFileSync(path.join(state, 'serve.lock'), 'utf8')).pid).toBe(server.child.pid);
    server.child.kill('SIGTERM');
    expect(await server.done).toBe(0);
  }, 90_000);

  it('ends a server whose lock another process took over with exit 1, saying why; it never takes the lock back', async () => {
    const { articles, state, cwd } = await dirs();
    const { server } = await serve(articles, state, cwd);
    const theirs = JSON.stringify({ pid: 1, host: 'feedpub-other-host', since: new Date().toISOString() });
    writeFileSync(path.join(state, 'serve.lock'), theirs);
    expect(await server.done).toBe(1);
    expect(server.out.stderr).toMatch(/ERROR state\.lock-lost holder="process 1 on feedpub-other-host"/);
    expect(readFileSync(path.join(state, 'serve.lock'), 'utf8')).toBe(theirs);
    // Nothing written to the folder after: its stop made a backup there (attack trial).
    expect(server.out.stderr.split('state.lock-lost')[1]).not.toContain('state.backup ');
  }, 60_000);
});

describe('a state store that will not open', () => {
  it('exits 2 before listening, naming the file and what to do, without a stack', async () => {
    const { articles, state, cwd } = await dirs();
    writeFileSync(path.join(state, 'state.db'), 'not a database '.repeat(500));
    const r = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    expect(await r.done).toBe(2);
    expect(r.out.stdout).not.toContain('listening');
    expect(r.out.stderr).toContain(`state store ${path.join(state, 'state.db')} is damaged`);
    expect(r.out.stderr).toContain('restore the backup');
    expect(r.out.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(state, 'serve.lock'))).toBe(false);
  });

  it('exits 2 the same way when a page inside the store is damaged, found only as the start reads it (attack trial)', async () => {
    const { articles, state, cwd } = await dirs();
    for (let i = 0; i < 200; i++) await put(articles, `s${i}.txt`, `Story ${i}\n\n${'Body text. '.repeat(20)}\n`);
    const built = run(['build', '--out', path.join(cwd, 'site'), '--articles', articles, '--state', state], cwd);
    expect(await built.done).toBe(0);
    const file = path.join(state, 'state.db');
    // Everything in the file itself, none in a log beside it.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    const page = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(9 * page);
    bytes.fill(0, 8 * page, 9 * page); // one page, as a bad sector or a torn copy leaves it
    writeFileSync(file, bytes);
    const r = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    expect(await r.done).toBe(2);
    expect(r.out.stderr).toContain(`feedpub: STATE_CORRUPT: state store ${file} is damaged`);
    expect(r.out.stderr).toContain('restore the backup');
    expect(r.out.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(state, 'serve.lock'))).toBe(false);
  }, 60_000);
});

describe('an articles folder that is not the state folder’s', () => {
  it('refuses serve and build, exit 2 before listening, when the folder holds none of the stories but others; the right folder still serves them', async () => {
    const { articles, state, cwd } = await dirs();
    const first = await serve(articles, state, cwd);
    const ids = ((await (await fetch(`${first.url}/feed.json`)).json()) as { items: { id: string }[] }).items.map((i) => i.id).sort();
    expect(ids).toHaveLength(2);
    first.server.child.kill('SIGTERM');
    expect(await first.server.done).toBe(0);

    // The mistake: another newsroom's folder (or the wrong --state) on restart.
    const wrong = path.join(path.dirname(articles), 'other');
    await put(wrong, 'other.txt', 'Other\n\nAnother site’s story.\n');
    const refused = run(['serve', '--articles', wrong, '--state', state, '--port', '0'], cwd);
    expect(await refused.done).toBe(2);
    expect(refused.out.stdout).not.toContain('listening');
    expect(refused.out.stderr).toMatch(/holds none of the 2 stories published from state folder .*such as one\.txt.*other\.txt.*new --state folder/s);
    expect(refused.out.stderr).not.toMatch(/\n\s+at /);
    const build = run(['build', '--out', path.join(cwd, 'site'), '--articles', wrong, '--state', state], cwd);
    expect(await build.done).toBe(2);
    expect(build.out.stderr).toContain('holds none of the 2 stories');
    expect(existsSync(path.join(cwd, 'site'))).toBe(false);
    // The two folders swapped: refused before a store is made among the stories.
    const swapped = run(['serve', '--articles', state, '--state', articles, '--port', '0'], cwd);
    expect(await swapped.done).toBe(2);
    expect(swapped.out.stderr).toContain(`feedpub: BAD_CONFIG: invalid configuration: articles: ${state} holds state.db, a feedpub state store`);
    expect(swapped.out.stderr).toContain('are --articles and --state swapped?');
    expect(existsSync(path.join(articles, 'state.db'))).toBe(false);

    // Nothing was retired: the right folder serves both stories with their ids, and nothing is gone.
    const again = await serve(articles, state, cwd);
    const after = ((await (await fetch(`${again.url}/feed.json`)).json()) as { items: { id: string }[] }).items.map((i) => i.id).sort();
    expect(after).toEqual(ids);
    expect(again.server.out.stderr).not.toContain('article.removed');
    // An empty folder is not refused (an unmounted share): the scan keeps the stories published and says so.
    again.server.child.kill('SIGTERM');
    expect(await again.server.done).toBe(0);
    const empty = path.join(path.dirname(articles), 'empty');
    await mkdir(empty);
    const held = await serve(empty, state, cwd);
    expect(((await (await fetch(`${held.url}/feed.json`)).json()) as { items: unknown[] }).items).toHaveLength(2);
  });
});

describe('a state folder that cannot be one', () => {
  it('serves a folder renamed and edited at once with --adopt-folder, after refusing it without: ids kept by title and date', async () => {
    const { articles, state, cwd } = await dirs();
    for (const n of ['a', 'b', 'c']) await put(articles, `desk/${n}.txt`, `Story ${n}\n\n2026-01-0${n === 'a' ? 1 : n === 'b' ? 2 : 3} 09:00\n\nThe text of ${n}.\n`);
    const feedIds = async (url: string) =>
      ((await (await fetch(`${url}/feed.json`)).json()) as { items: { id: string; title: string }[] }).items
        .map((i) => `${i.title} ${i.id}`)
        .sort();
    const first = await serve(articles, state, cwd);
    const before = await feedIds(first.url);
    first.server.child.kill('SIGTERM');
    expect(await first.server.done).toBe(0);
    // Renamed, and every story edited (a git pull of both): neither names nor bytes tell the folder.
    await rm(path.join(articles, 'one.txt'));
    await rm(path.join(articles, 'world'), { recursive: true });
    await rename(path.join(articles, 'desk'), path.join(articles, 'news'));
    for (const n of ['a', 'b', 'c']) await writeFile(path.join(articles, 'news', `${n}.txt`), `${readFileSync(path.join(articles, 'news', `${n}.txt`), 'utf8')}A correction.\n`);
    const refused = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    expect(await refused.done).toBe(2);
    expect(refused.out.stderr).toContain('start once with --adopt-folder');
    const adopted = await serve(articles, state, cwd, '--adopt-folder');
    expect(adopted.server.out.stderr).toContain('scan.folder-adopted');
    await waitFor(async () => (await feedIds(adopted.url)).length === 3, 10_000, 'the three stories');
    expect(await feedIds(adopted.url)).toEqual(before.filter((line) => line.startsWith('Story')));
    const moved = await fetch(`${adopted.url}/articles/desk/b`, { redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([301, `${adopted.url}/articles/news/b`]);
  });

  it('refuses a file, the articles folder and a folder inside it, with exit 2 and the field named', async () => {
    const { articles, cwd } = await dirs();
    const file = path.join(cwd, 'state-file');
    writeFileSync(file, 'junk');
    const cases: [string, RegExp][] = [
      [file, /invalid configuration: .*state.*is a file, not a folder/],
      [articles, /invalid configuration: .*state.*is the articles folder or inside it/],
      [path.join(articles, 'world', 'st'), /invalid configuration: .*state.*is the articles folder or inside it/],
    ];
    const runs = cases.map(([state]) => run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd));
    for (const [k, [state, reason]] of cases.entries()) {
      const r = runs[k] as Run;
      expect(await r.done, state).toBe(2);
      expect(r.out.stderr).toMatch(reason);
      expect(r.out.stdout).not.toContain('listening');
    }
    expect(readdirSync(articles).sort()).toEqual(['one.txt', 'world']);
    expect(readdirSync(path.join(articles, 'world'))).toEqual(['two.txt']);
    // A hidden folder inside is never read as stories (the default `.feedpub` when run from the articles folder).
    const hidden = run(['build', '--out', path.join(cwd, 'site'), '--articles', articles, '--state', path.join(articles, '.feedpub')], cwd);
    expect(await hidden.done, hidden.out.stderr).toBe(0);
  });
});

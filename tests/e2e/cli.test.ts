// The CLI as a user runs it: a real process, real flags, signals and exit codes.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertWellFormed, cliArgs, cliEnv, getText, put, removeDir, tempDir } from '../helpers.js';

const seed = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt'));
const cleanup: string[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of cleanup.splice(0)) await removeDir(d);
});

async function dirs(): Promise<{ articles: string; state: string; cwd: string }> {
  const articles = await tempDir();
  const state = await tempDir('feedpub-state-');
  const cwd = await tempDir('feedpub-cwd-');
  cleanup.push(articles, state, cwd);
  return { articles, state, cwd };
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, cliArgs(...args), {
    cwd,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves once the child's stderr has contained `text` (its log line was written). */
function saidOnStderr(child: ChildProcess, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d) => {
      err += d;
      if (err.includes(text)) resolve();
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before writing ${text}`)));
  });
}

/** Serve again over `state`; resolves once /healthz says the first scan is done, having checked that all `count` stories are there. */
async function restartedWithAll(articles: string, state: string, cwd: string, count: number) {
  const again = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
  const stopped = finished(again);
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(await firstLine(again))?.[1];
  let health: Response | undefined;
  for (let i = 0; i < 1500 && health?.status !== 200; i++) {
    health = await fetch(`${url}/healthz`);
    if (health.status !== 200) await new Promise((r) => setTimeout(r, 20));
  }
  expect(await health?.json()).toEqual({ status: 'ok', scan: 'done' });
  expect(((await (await fetch(`${url}/status`)).json()) as { articles: number }).articles).toBe(count);
  return { again, stopped };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('close', (code) => reject(new Error(`exited ${code} before printing a line`)));
  });
}

describe('feedpub CLI', () => {
  it('serves on the port given, becomes healthy, and exits 0 on SIGTERM', async () => {
    const { articles, state, cwd } = await dirs();
    await put(articles, 'kim-putin.txt', seed);
    const child = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    const done = finished(child);
    const line = await firstLine(child);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(line)?.[1];
    expect(url).toBeDefined();
    let health = 0;
    for (let i = 0; i < 500 && health !== 200; i++) {
      health = (await fetch(`${url}/healthz`)).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 20));
    }
    expect(health).toBe(200);
    const rss = await getText(`${url}/feed.xml`);
    assertWellFormed(rss.text);
    expect(rss.text).toContain('เตรียมพบ');
    child.kill('SIGTERM');
    const { code, stderr } = await done;
    expect(code).toBe(0);
    expect(stderr).toContain('shutdown signal=SIGTERM');
  });

  it('shuts down cleanly on Ctrl-C under npm start (two SIGINTs), with every log line written', async () => {
    const { articles, state, cwd } = await dirs();
    await put(articles, 'kim-putin.txt', seed);
    const child = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    const done = finished(child);
    // Serving and watching (`ready` comes once the watch is armed, after /healthz turns 200).
    const ready = saidOnStderr(child, ' ready ');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(await firstLine(child))?.[1];
    await ready;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // A request half sent holds the shutdown open (it waits for requests in flight) while the second SIGINT comes.
    const port = Number(new URL(url ?? '').port);
    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('GET /feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    socket.on('data', () => undefined);
    // npm passes on the terminal's SIGINT, which the server got too, a moment later.
    const shuttingDown = saidOnStderr(child, 'shutdown signal=SIGINT');
    child.kill('SIGINT');
    await shuttingDown;
    child.kill('SIGINT');
    // An ignored signal leaves no trace to await: give it time to arrive before the shutdown may end.
    await new Promise((r) => setTimeout(r, 200));
    socket.end('\r\n');
    const { code, stderr } = await done;
    expect(code).toBe(0);
    expect(stderr).toMatch(/scan\.done[\s\S]*ready[\s\S]*shutdown signal=SIGINT[\s\S]*state\.backup/);
  });

  it('stops a long first scan at its next batch on SIGTERM, and the restart reads the folder again', async () => {
    const { articles, state, cwd } = await dirs();
    await Promise.all(Array.from({ length: 5000 }, (_, i) => put(articles, `s${i}.txt`, `Story ${i}\n\nBody of story ${i}.\n`)));
    const child = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    const done = finished(child);
    await saidOnStderr(child, 'scan.start');
    child.kill('SIGTERM');
    const { code, stderr } = await done;
    expect(code).toBe(0);
    expect(stderr).toContain('shutdown signal=SIGTERM');
    // Stopped before the end: no scan.done, no ready; the store is not marked as scanned.
    expect(stderr).not.toContain('scan.done');
    expect(stderr).not.toMatch(/ ready /);
    // The store it began was synced on the way out: the restart keeps it.
    expect(existsSync(path.join(state, 'state.db.filling'))).toBe(false);

    // The restart does not take that partial store for the site: /healthz says 200 only with the scan done.
    const { again, stopped } = await restartedWithAll(articles, state, cwd, 5000);
    again.kill('SIGTERM');
    expect((await stopped).code).toBe(0);
  });

  it('starts a new store again when its first scan was killed before the store was synced', async () => {
    const { articles, state, cwd } = await dirs();
    await Promise.all(Array.from({ length: 5000 }, (_, i) => put(articles, `s${i}.txt`, `Story ${i}\n\nBody of story ${i}.\n`)));
    const child = run(['serve', '--articles', articles, '--state', state, '--port', '0'], cwd);
    const done = finished(child);
    const scanning = saidOnStderr(child, 'scan.start');
    const first = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(await firstLine(child))?.[1];
    await scanning;
    // Nothing is served yet, and nothing is said to be missing: 503 with a time to come back, never 404.
    const early = await fetch(`${first}/feed.xml`);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('5');
    expect((await fetch(`${first}/articles/s1`)).status).toBe(503);
    // The store is filled without syncs (a power cut could tear it); kill -9 leaves the mark that says so.
    child.kill('SIGKILL');
    await done;
    expect(existsSync(path.join(state, 'state.db.filling'))).toBe(true);

    const { again, stopped } = await restartedWithAll(articles, state, cwd, 5000);
    expect(existsSync(path.join(state, 'state.db.filling'))).toBe(false);
    again.kill('SIGTERM');
    const { code, stderr } = await stopped;
    expect(code).toBe(0);
    expect(stderr).toMatch(/WARN {2}state\.refill /);
  });

  it('writes the summary of a failed build after the lines it refers to', async () => {
    const { articles, state, cwd } = await dirs();
    await put(articles, 'kim-putin.txt', seed);
    await put(articles, 'back\\slash.txt', seed.toString().replace('คิม', 'อีกเรื่อง'));
    const out = path.join(cwd, 'site');
    const { code, stderr } = await finished(run(['build', '--articles', articles, '--state', state, '--out', out], cwd));
    expect(code).toBe(1);
    const order = ['scan.done', 'build.skipped', 'build.done', 'document(s) could not be written'].map((s) => stderr.indexOf(s));
    // A first scan into an empty store counts its stories in scan.done, not a line each (new-user trial: 20,000 lines).
    expect(stderr).not.toContain('article.added');
    expect(stderr).toMatch(/INFO {2}scan\.done files=2 articles=2 /);
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Counted as `check` counts them: errors, warnings and notes apart (new-user trial: notes were `problems=`).
    expect(stderr).toMatch(/build\.done .*articles=2 errors=0 warnings=\d+ notes=\d+ skipped=1/);
    // Built without --base-url: said once, before the work, with the address every link got.
    expect(stderr.match(/WARN {2}build\.base-url url=http:\/\/127\.0\.0\.1:8080 /g)).toHaveLength(1);
    expect(stderr.indexOf('build.base-url')).toBeLessThan(stderr.indexOf('scan.start'));
    const withUrl = await finished(
      run(['build', '--articles', articles, '--state', state, '--out', out, '--base-url', 'https://news.example'], cwd),
    );
    expect(withUrl.stderr).not.toContain('build.base-url');
  });

  it('warns that links name this machine when it listens for others without --base-url', async () => {
    const { articles, state, cwd } = await dirs();
    await put(articles, 'kim-putin.txt', seed);
    const child = run(['serve', '--articles', articles, '--state', state, '--host', '0.0.0.0', '--port', '0', '--admin-port', 'off'], cwd);
    const done = finished(child);
    await saidOnStderr(child, 'serve.base-url');
    child.kill('SIGTERM');
    const { stderr } = await done;
    expect(stderr).toMatch(
      /WARN\s+serve\.base-url host=0\.0\.0\.0 url=http:\/\/127\.0\.0\.1:0 reason="listening on 0\.0\.0\.0 for other machines/,
    );
    // On loopback, or with --base-url, nothing is said.
    const local = run(['serve', '--articles', articles, '--state', `${state}-2`, '--port', '0', '--admin-port', 'off'], cwd);
    const localDone = finished(local);
    await saidOnStderr(local, 'ready');
    local.kill('SIGTERM');
    expect((await localDone).stderr).not.toContain('serve.base-url');
    cleanup.push(`${state}-2`);
  });

  it('prints the desk on a second line, and exits 2 when a desk port given explicitly is taken', async () => {
    const { articles, state, cwd } = await dirs();
    await put(articles, 'kim-putin.txt', seed);
    const child = run(['serve', '--articles', articles, '--state', state, '--port', '0', '--admin-port', '0'], cwd);
    const done = finished(child);
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    for (let i = 0; i < 500 && !out.includes('feedpub desk on'); i++) await new Promise((r) => setTimeout(r, 20));
    const desk = /^feedpub desk on (http:\/\/127\.0\.0\.1:(\d+))\/$/m.exec(out);
    expect(out.split('\n')[0]).toMatch(/^feedpub listening on /);
    expect(desk).not.toBeNull();
    const deskPort = desk?.[2] ?? '';

    // The desk's port is now taken: given explicitly, that is an error (the default port taken is not: tests/e2e/desk.test.ts).
    const explicit = await finished(
      run(['serve', '--articles', articles, '--state', `${state}-2`, '--port', '0', '--admin-port', deskPort], cwd),
    );
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toContain(
      `PORT_UNAVAILABLE: desk cannot listen on 127.0.0.1:${deskPort} (EADDRINUSE: another program, or another feedpub, is using that port); stop it, or give --admin-port another port (0: any free port)`,
    );
    // A supervisor waiting for the "listening" line must not see it from a start that fails.
    expect(explicit.stdout).not.toContain('listening');
    cleanup.push(`${state}-2`);
    // The public port taken is the operator's to fix as well: exit 2, what to do (new-user trial: exit 1, no advice).
    const publicPort = /^feedpub listening on http:\/\/127\.0\.0\.1:(\d+)\//m.exec(out)?.[1] ?? '';
    const taken = await finished(
      run(['serve', '--articles', articles, '--state', `${state}-3`, '--port', publicPort, '--admin-port', 'off'], cwd),
    );
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(`feedpub: PORT_UNAVAILABLE: cannot listen on 127.0.0.1:${publicPort} (EADDRINUSE`);
    expect(taken.stderr).toContain('give --port another port');
    cleanup.push(`${state}-3`);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('rejects a bad option, a bad config field and a missing folder with a clear message', async () => {
    const { articles, state, cwd } = await dirs();
    const badPort = await finished(run(['--port', 'eighty', '--articles', articles, '--state', state], cwd));
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('port: "eighty" is not a port number');

    await put(cwd, 'feedpub.config.json', JSON.stringify({ itemLimit: 0 }));
    const badConfig = await finished(run(['--articles', articles, '--state', state], cwd));
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('feedpub: BAD_CONFIG: invalid configuration: itemLimit: must be a whole number');
    // Every bad field at once (new-user trial: one per start).
    await put(cwd, 'feedpub.config.json', JSON.stringify({ itemLimit: 0, futureStories: 'hold-it', language: 'Thai' }));
    const badFields = await finished(run(['--articles', articles, '--state', state], cwd));
    expect(badFields.code).toBe(2);
    expect(badFields.stderr).toContain(
      'feedpub: BAD_CONFIG: invalid configuration: language: "Thai" is not a language tag such as th or en-US; futureStories: must be one of "hold", "publish"; itemLimit: must be a whole number from 1 to 10000',
    );

    const missing = await finished(run(['check', '--articles', path.join(articles, 'nope')], articles));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^feedpub: BAD_CONFIG: invalid configuration: articles: cannot read folder .*nope: there is no such folder \(give --articles/,
    );

    const positional = await finished(run(['check', articles], cwd));
    expect(positional.code).toBe(2);
    expect(positional.stderr).toContain(`unexpected "${articles}" after check: give folders with --articles`);

    const unknown = await finished(run(['--frobnicate'], cwd));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^feedpub: unknown option --frobnicate\n/);
    // A slip gets the option it is likely for (new-user trial: parseArgs' message spoke of positionals).
    const slip = await finished(run(['--verison'], cwd));
    expect(slip.code).toBe(2);
    expect(slip.stderr).toMatch(/^feedpub: unknown option --verison \(did you mean --version\?\)/);
    const twice = await finished(run(['check', '--explain', 'a.txt', '--explain', 'b.txt'], cwd));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('check --explain reads one file: run it once for each file');

    // A configuration that is a FIFO or a device is refused at once (reading one waited for ever, or grew without end).
    const fifo = path.join(cwd, 'config.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const config of [fifo, '/dev/zero']) {
      const odd = await finished(run(['check', '--articles', articles, '--config', config], cwd));
      expect(odd.code, config).toBe(2);
      expect(odd.stderr, config).toContain(`cannot read ${config}: not a regular file`);
    }
    // Unknown fields are said with the others, all at once; a UTF-16 file is named as such.
    await put(cwd, 'feedpub.config.json', JSON.stringify({ itemLimit: 0, bogus: 1, other: 2 }));
    const unknownFields = await finished(run(['check', '--articles', articles], cwd));
    expect(unknownFields.code).toBe(2);
    expect(unknownFields.stderr).toMatch(
      /invalid configuration: bogus, other: unknown fields \(known: .*\); itemLimit: must be a whole number/,
    );
    await put(cwd, 'feedpub.config.json', Buffer.from(`\uFEFF${JSON.stringify({ itemLimit: 5 })}`, 'utf16le'));
    const utf16 = await finished(run(['check', '--articles', articles], cwd));
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toContain('it is UTF-16; save it as UTF-8');
    // A byte order mark before the JSON is no error.
    await put(cwd, 'feedpub.config.json', `\uFEFF${JSON.stringify({ itemLimit: 5 })}`);
    const bom = await finished(run(['check', '--articles', articles], cwd));
    expect(bom.stderr).not.toContain('BAD_CONFIG');
    expect(bom.code).toBe(0);
  });

  it('check lists each problem with file and reason and exits 1', async () => {
    const { articles, cwd } = await dirs();
    await put(articles, 'good.txt', 'Good\n\nbody\n');
    await put(articles, 'bad.md', '---\ndate: not a date\ntitle: x\n---\nbody\n');
    await put(articles, 'empty.txt', '');
    const result = await finished(run(['check', '--articles', articles], cwd));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('bad.md: error BAD_DATE: date: "not a date" is not a date');
    expect(result.stdout).toContain('empty.txt: error EMPTY: file is empty or white space only');
    expect(result.stdout).toContain('1 article(s) publishable');

    // A held story's release time is said in the desk's time zone (Asia/Bangkok by default), as it is written.
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Bangkok', dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(Date.now() + 30 * 86_400_000),
    );
    await put(articles, 'later.txt', `Later\n\n${wall}\n\nbody\n`);
    const held = await finished(run(['check', '--articles', articles], cwd));
    expect(held.stdout).toMatch(
      new RegExp(`later\\.txt: held until ${wall} Asia/Bangkok \\(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00\\.000Z\\) \\(embargo\\)`),
    );
    await removeDir(path.join(articles, 'later.txt'));

    await removeDir(path.join(articles, 'bad.md'));
    await removeDir(path.join(articles, 'empty.txt'));
    expect((await finished(run(['check', '--articles', articles], cwd))).code).toBe(0);
  });

  it('build writes the same documents with .gz and .br, ids stable across builds', async () => {
    const { articles, state, cwd } = await dirs();
    await put(articles, 'kim-putin.txt', seed);
    await put(articles, 'world/ข่าว ไทย.txt', 'ข่าวไทย\n\nเนื้อหา\n');
    const out = path.join(cwd, 'site');
    const args = ['build', '--out', out, '--articles', articles, '--state', state, '--base-url', 'https://news.example'];
    const first = await finished(run(args, cwd));
    expect(first.code).toBe(0);
    for (const f of [
      'index.html',
      'feed.xml',
      'atom.xml',
      'feed.json',
      'style.css',
      'articles/kim-putin.html',
      'articles/world/ข่าว ไทย.html',
      'categories/world/index.html',
      'categories/world/atom.xml',
      'authors/AFP/feed.xml',
    ]) {
      expect(existsSync(path.join(out, f)), f).toBe(true);
    }
    expect(existsSync(path.join(out, 'feed.xml.gz'))).toBe(true);
    expect(existsSync(path.join(out, 'feed.xml.br'))).toBe(true);
    const atom = await readFile(path.join(out, 'atom.xml'), 'utf8');
    assertWellFormed(atom);
    expect(atom).toContain('<link rel="self" href="https://news.example/atom.xml"/>');
    expect(atom).toContain('https://news.example/articles/world/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7%20%E0%B9%84%E0%B8%97%E0%B8%A2');

    // A second build, with no state at all, gives the same ids (name-based UUIDs).
    const state2 = await tempDir('feedpub-state-');
    cleanup.push(state2);
    expect(
      (await finished(run(['build', '--out', out, '--articles', articles, '--state', state2, '--base-url', 'https://news.example'], cwd)))
        .code,
    ).toBe(0);
    const ids = (xml: string) => [...xml.matchAll(/<id>(urn:uuid:[^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids(await readFile(path.join(out, 'atom.xml'), 'utf8'))).toEqual(ids(atom));
  });

  it('build with a story in error writes the rest and exits 0, or 1 with --strict (a deploy gate); --strict elsewhere is refused', async () => {
    const { articles, state, cwd } = await dirs();
    await put(articles, 'good.txt', 'Good story\n\nbody\n');
    await put(articles, 'bad.txt', 'Merger agreed\n\nEmbargoed until further notice\n\nAlpha will buy Beta.\n');
    const out = path.join(cwd, 'site');
    const args = ['build', '--out', out, '--articles', articles, '--state', state, '--base-url', 'https://news.example'];
    expect((await finished(run(args, cwd))).code).toBe(0);
    const strict = await finished(run([...args, '--strict'], cwd));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('1 story could not be published (--strict): listed above as article.problem');
    expect(strict.stderr).toMatch(/WARN {2}article.problem file=bad.txt code=BAD_DATE/);
    const feed = await readFile(path.join(out, 'feed.xml'), 'utf8');
    expect(feed).toContain('Good story');
    expect(feed).not.toContain('Merger agreed');
    await removeDir(path.join(articles, 'bad.txt'));
    expect((await finished(run([...args, '--strict'], cwd))).code).toBe(0);
    const misplaced = await finished(run(['check', '--strict', '--articles', articles], cwd));
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('--strict is for build');
    // A folder is no file to explain (attack trial: "ignored", exit 0).
    const folder = await finished(run(['check', '--explain', articles, '--articles', articles], cwd));
    expect([folder.code, folder.stderr]).toEqual([2, expect.stringContaining('is a folder: check --articles FOLDER lists')]);
  });
});

// The articles folder made unreadable under a running server (chmod 000, a share's lost credentials): said at once, never a blind "native" watch; watched and scanned again once readable.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmod, chown, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, cliArgs, cliEnv, getText, parseRssFeed, put, removeDir, tempDir, waitFor } from '../helpers.js';

const NOBODY = 65534;
const AS_ROOT = process.getuid?.() === 0;
// Root reads every folder whatever its mode bits: the server then runs as nobody, for whom they hold.
const CAN_RUN =
  !AS_ROOT || spawnSync('/usr/bin/env', ['test', '-r', path.join(ROOT, 'package.json')], { uid: NOBODY, gid: NOBODY }).status === 0;

const made: string[] = [];
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  for (const dir of made.splice(0)) {
    await chmod(dir, 0o755).catch(() => undefined);
    await removeDir(dir);
  }
});

async function folder(prefix: string): Promise<string> {
  const dir = await tempDir(prefix);
  made.push(dir);
  if (AS_ROOT) await chown(dir, NOBODY, NOBODY);
  return dir;
}

/** A test's folders (nobody's under root), `stories` by path and a sub-folder `sub/`; `config` in the working folder. */
async function newsroom(stories: Record<string, string>, config?: object) {
  const [articles, state, cwd] = [await folder('feedpub-articles-'), await folder('feedpub-state-'), await folder('feedpub-cwd-')];
  if (config) await put(cwd, 'feedpub.config.json', JSON.stringify(config));
  for (const [file, text] of Object.entries(stories)) await put(articles, file, text);
  const sub = path.join(articles, 'sub');
  made.push(sub);
  return { articles, state, cwd, sub };
}

const ONE = { 'one.txt': 'One\n\nThe first story.\n', 'sub/two.txt': 'Two\n\nThe second story.\n' };

/** `feedpub serve` (as nobody under root); resolves with its public and desk URLs once both are bound. */
function serve(
  articles: string,
  state: string,
  cwd: string,
): Promise<{ url: string; desk: string; exited: Promise<number | null>; log: () => string }> {
  const proc = spawn(
    process.execPath,
    cliArgs('serve', '--articles', articles, '--state', state, '--port', '0', '--admin-port', '0'),
    {
      cwd,
      env: cliEnv({ HOME: cwd }),
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
    },
  );
  child = proc;
  const exited = new Promise<number | null>((resolve) => proc.on('close', resolve));
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (d) => {
      out += d;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      const desk = /desk on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1];
      if (url && desk) resolve({ url, desk, exited, log: () => err });
    });
    proc.on('close', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

const titles = async (url: string) => (parseRssFeed((await getText(`${url}/feed.xml`)).text).items ?? []).map((i) => i.title ?? '').sort();
const watcher = async (url: string) => ((await (await fetch(`${url}/status`)).json()) as { watcher: string }).watcher;
const problems = async (desk: string) =>
  ((await (await fetch(`${desk}/status`)).json()) as { problems: { code: string; reason: string; path?: string }[] }).problems;

describe('the articles folder made unreadable while serving', () => {
  it.skipIf(!CAN_RUN)(
    `says so and keeps the stories, then watches and scans it again once readable (attack trial)${CAN_RUN ? '' : ' (skipped: running as root, and user nobody cannot read the project folder)'}`,
    async () => {
      const articles = await folder('feedpub-articles-');
      const state = await folder('feedpub-state-');
      const cwd = await folder('feedpub-cwd-');
      await put(articles, 'one.txt', 'One\n\nThe first story.\n');
      const { url, desk, exited } = await serve(articles, state, cwd);
      await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200, 20_000, 'served');
      await waitFor(async () => (await watcher(url)) === 'native', 20_000, 'the watch armed');
      expect(await titles(url)).toEqual(['One']);

      await chmod(articles, 0o000);
      // Edited while feedpub's user cannot read it (root can write it): read, and published, once readable again.
      if (AS_ROOT) await put(articles, 'one.txt', 'One, edited\n\nThe first story, edited while its folder was locked.\n');
      const one = AS_ROOT ? 'One, edited' : 'One';
      // Before, /status said "native" while no event or scan could read the folder.
      await waitFor(async () => (await watcher(url)) === 'recovering', 10_000, 'the watcher to say recovering');
      const missing = await waitFor(async () => (await problems(desk)).find((p) => p.code === 'ROOT_MISSING'), 10_000, 'ROOT_MISSING');
      expect(missing.reason).toContain('EACCES');
      expect(await titles(url)).toEqual(['One']);

      await chmod(articles, 0o755);
      await waitFor(async () => (await watcher(url)) === 'native', 10_000, 'the watch armed again');
      await put(articles, 'two.txt', 'Two\n\nA story saved once the folder was readable again.\n');
      await waitFor(
        async () => JSON.stringify(await titles(url)) === JSON.stringify([one, 'Two']),
        10_000,
        'the new save and the edit published',
      );
      expect(await problems(desk)).toEqual([]);
      child?.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
  it.skipIf(!CAN_RUN)(
    `reads again, at its next scan, files a sub-folder's permissions kept from it, once they are readable (attack trial)${CAN_RUN ? '' : ' (skipped: running as root, and user nobody cannot read the project folder)'}`,
    async () => {
      const { articles, state, cwd, sub } = await newsroom(ONE, { reconcileSeconds: 1 });
      const { url, desk, exited, log } = await serve(articles, state, cwd);
      await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200, 20_000, 'served');
      expect(await titles(url)).toEqual(['One', 'Two']);

      await chmod(sub, 0o000);
      await waitFor(async () => (await problems(desk)).some((p) => p.code === 'UNREADABLE'), 10_000, 'UNREADABLE');
      expect(await titles(url)).toEqual(['One', 'Two']);
      // Readable again, with the size and time it had: before, UNREADABLE stayed until the file was saved.
      await chmod(sub, 0o755);
      await waitFor(async () => (await problems(desk)).length === 0, 10_000, 'the problem gone');
      expect(await titles(url)).toEqual(['One', 'Two']);
      // Its bytes read again are no update (the log said article.updated).
      expect(log()).not.toContain('article.updated');
      child?.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
  it.skipIf(!CAN_RUN)(
    `watches a sub-folder unreadable at start-up once it is readable again, and reads its files at once (new-user trial)${CAN_RUN ? '' : ' (skipped: running as root, and user nobody cannot read the project folder)'}`,
    async () => {
      const { articles, state, cwd, sub } = await newsroom(ONE);
      const first = await serve(articles, state, cwd);
      await waitFor(async () => (await fetch(`${first.url}/healthz`)).status === 200, 20_000, 'served');
      child?.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      await chmod(sub, 0o000);
      const { url, desk, exited } = await serve(articles, state, cwd);
      await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200, 20_000, 'served again');
      await waitFor(async () => (await problems(desk)).some((p) => p.code === 'UNREADABLE'), 10_000, 'UNREADABLE');
      expect(await titles(url)).toEqual(['One', 'Two']);
      // Readable again: before, nothing looked until the periodic scan (reconcileSeconds, 300 s).
      await chmod(sub, 0o755);
      await waitFor(async () => (await problems(desk)).length === 0, 10_000, 'the problems gone');
      await put(articles, 'sub/three.txt', 'Three\n\nA story saved in it once readable.\n');
      await waitFor(async () => JSON.stringify(await titles(url)) === JSON.stringify(['One', 'Three', 'Two']), 10_000, 'its save seen');
      child?.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
  it.skipIf(!CAN_RUN)(
    `keeps the stories of a folder that can be listed but not entered (chmod a-x), and says so; the root too (attack trial)${CAN_RUN ? '' : ' (skipped: running as root, and user nobody cannot read the project folder)'}`,
    async () => {
      const { articles, state, cwd, sub } = await newsroom({ ...ONE, 'three.txt': 'Three\n\nThe third story.\n' }, { reconcileSeconds: 1 });
      const { url, desk, exited } = await serve(articles, state, cwd);
      await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200, 20_000, 'served');
      expect(await titles(url)).toEqual(['One', 'Three', 'Two']);

      // Its names can be listed, its files not reached: its stories stay, each file UNREADABLE.
      await chmod(sub, 0o644);
      const unreadable = await waitFor(async () => (await problems(desk)).find((p) => p.code === 'UNREADABLE'), 10_000, 'UNREADABLE');
      expect(unreadable.reason).toContain('EACCES');
      expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
      expect((await getText(`${url}/articles/sub/two`)).status).toBe(200);
      await chmod(sub, 0o755);
      await waitFor(async () => (await problems(desk)).length === 0, 10_000, 'the problem gone');
      expect(await titles(url)).toEqual(['One', 'Three', 'Two']);

      // The root so: before, ROOT_EMPTY asked whether the share was mounted.
      await chmod(articles, 0o644);
      const missing = await waitFor(async () => (await problems(desk)).find((p) => p.code === 'ROOT_MISSING'), 10_000, 'ROOT_MISSING');
      expect(missing.reason).toContain('EACCES');
      expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
      await chmod(articles, 0o755);
      await waitFor(async () => (await problems(desk)).length === 0, 10_000, 'the root problem gone');
      expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
      child?.kill('SIGTERM');
      expect(await exited).toBe(0);

      // Stopped, the sub-folder locked so, the others replaced: what the start can see holds none of
      // the stories, and the refusal says first what it cannot read (attack trial: it advised only a
      // new state folder, which gives new ids; counting the unread as there adopted another site's).
      await chmod(sub, 0o644);
      await rm(path.join(articles, 'one.txt'));
      await rm(path.join(articles, 'three.txt'));
      await put(articles, 'four.txt', 'Four\n\nA story saved while feedpub was stopped.\n');
      await expect(serve(articles, state, cwd)).rejects.toThrow(/serve exited 2: .*It cannot read sub\/ \(permissions/s);
      await chmod(sub, 0o755);
      const again = await serve(articles, state, cwd);
      await waitFor(async () => (await fetch(`${again.url}/healthz`)).status === 200, 20_000, 'served again');
      await waitFor(async () => JSON.stringify(await titles(again.url)) === JSON.stringify(['Four', 'Two']), 10_000, 'Four, and Two kept');
      // Locked again while serving: its story stays, the folder said UNREADABLE.
      await chmod(sub, 0o644);
      await put(articles, 'five.txt', 'Five\n\nA story saved to make a scan look.\n');
      await waitFor(async () => (await problems(again.desk)).find((p) => p.path === 'sub')?.reason.includes('cannot enter folder: EACCES') ?? false, 10_000, 'sub UNREADABLE');
      await waitFor(async () => JSON.stringify(await titles(again.url)) === JSON.stringify(['Five', 'Four', 'Two']), 10_000, 'Five out, Two kept');
      child?.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    },
  );
});

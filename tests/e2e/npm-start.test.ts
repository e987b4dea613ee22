// `npm start` as the README gives it: quick on a built tree, rebuilt only when sources changed, stopped with the npm process.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, put, removeDir, tempDir, waitFor } from '../helpers.js';

const cleanup: string[] = [];
let npm: ChildProcess | undefined;
afterEach(async () => {
  if (npm?.exitCode === null) npm.kill('SIGKILL');
  for (const d of cleanup.splice(0)) await removeDir(d);
});

beforeAll(() => {
  // Bring dist/ up to date first, so the test measures the start of a built tree.
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
  expect(built.status).toBe(0);
}, 180_000);

/** True when nothing accepts connections on `port` any more. */
function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

describe('npm start', () => {
  it('answers /healthz soon on a built tree without recompiling, and stops with the npm process', async () => {
    const articles = await tempDir();
    const state = await tempDir('feedpub-state-');
    cleanup.push(articles, state);
    await put(articles, 'one.txt', 'One\n\nbody\n');
    const builtBefore = statSync(path.join(ROOT, 'dist', 'cli.js')).mtimeMs;
    const started = Date.now();
    npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', FEEDPUB_ARTICLES: articles, FEEDPUB_STATE: state, FEEDPUB_BASE_URL: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout?.on('data', (d) => (out += d));
    npm.stderr?.on('data', (d) => (out += d));
    const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1], 20_000, 'listening');
    await waitFor(async () => (await fetch(`${url}/healthz`)).status === 200, 20_000, 'healthy');
    const ms = Date.now() - started;
    console.log(`npm start: /healthz 200 after ${ms} ms`);
    expect(out).not.toContain('compiling');
    expect(statSync(path.join(ROOT, 'dist', 'cli.js')).mtimeMs).toBe(builtBefore);
    // No compile on a built tree is the point (asserted above); the time itself is printed. A few
    // hundred ms on an idle machine, seconds on a 2-core box at load 12: bounded loosely.
    expect(ms).toBeLessThan(30_000);

    const port = Number(new URL(url).port);
    const exited = new Promise((resolve) => npm?.on('exit', resolve));
    npm.kill('SIGTERM');
    await exited;
    await waitFor(() => portClosed(port), 10_000, 'the server to stop with npm');
  }, 90_000);
});

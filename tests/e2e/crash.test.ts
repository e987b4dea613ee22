// Crash safety: kill -9 the real process at random moments during a save storm, restart, and check that
// no published story changed identity and the feeds converge on the folder. `npm run stress` runs 20 kills.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliArgs, cliEnv, getText, parseAtomFeed, put, removeDir, tempDir, waitFor } from '../helpers.js';

const KILLS = Number(process.env.FEEDPUB_STRESS_KILLS ?? 3);
const cleanup: string[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of cleanup.splice(0)) await removeDir(d);
});

/** Start `feedpub serve` and resolve with its URL once its first scan is done (/healthz says 200 earlier on a restart). */
async function serve(articles: string, state: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    cliArgs('serve', '--articles', articles, '--state', state, '--port', '0', '--quiet'),
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: cliEnv({ FEEDPUB_CONFIG: path.join(state, '..', `${path.basename(state)}.json`) }),
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.on('close', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  await waitFor(async () => ((await (await fetch(`${url}/status`)).json()) as { scanned: boolean }).scanned, 20_000, 'first scan');
  return { child, url };
}

interface Seen {
  id: string;
  published: string;
}

async function entries(url: string): Promise<Map<string, Seen & { title: string }>> {
  const feed = parseAtomFeed((await getText(`${url}/atom.xml`)).text);
  return new Map(
    (feed.entries ?? []).map((e) => [
      new URL(e.links?.[0]?.href ?? '').pathname,
      { id: e.id ?? '', published: e.published ?? '', title: e.title?.value ?? '' },
    ]),
  );
}

describe('crash safety', () => {
  it(`keeps every published story's id and date through ${KILLS} kill -9 restarts`, async () => {
    const articles = await tempDir();
    const state = await tempDir('feedpub-state-');
    cleanup.push(articles, state, `${state}.json`);
    await writeFile(`${state}.json`, JSON.stringify({ itemLimit: 1000, reconcileSeconds: 0 }));
    for (let i = 0; i < 100; i++) await put(articles, `a${i}.txt`, `Story ${i} v0\n\nbody\n`);

    const seen = new Map<string, Seen>();
    const check = (current: Map<string, Seen>) => {
      for (const [link, e] of current) {
        const first = seen.get(link);
        if (first) {
          expect(e.id, link).toBe(first.id);
          expect(e.published, link).toBe(first.published);
        } else {
          seen.set(link, { id: e.id, published: e.published });
        }
      }
    };

    let round = 0;
    for (let k = 0; k < KILLS; k++) {
      const { child, url } = await serve(articles, state);
      check(await entries(url));
      // A storm of edits, new files and deletions, killed at a random moment.
      round++;
      const storm = (async () => {
        for (let i = 0; i < 150; i++) {
          const n = Math.floor(Math.random() * 140);
          const file = path.join(articles, `a${n}.txt`);
          if (Math.random() < 0.1) await rm(file, { force: true });
          else await writeFile(file, `Story ${n} v${round}.${i}\n\nbody ${i}\n`);
          if (i % 10 === 0) check(await entries(url).catch(() => new Map()));
        }
      })();
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 400));
      child.kill('SIGKILL');
      await storm;
      await new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('close', () => r())));
    }

    // A last start: the store opens, and the feeds converge on exactly what the folder holds.
    const { url } = await serve(articles, state);
    const files = (await readdir(articles)).filter((f) => f.endsWith('.txt'));
    const wantLinks = files.map((f) => `/articles/${f.replace(/\.txt$/, '')}`).sort();
    const final = await waitFor(
      async () => {
        const current = await entries(url);
        return JSON.stringify([...current.keys()].sort()) === JSON.stringify(wantLinks) ? current : undefined;
      },
      20_000,
      'convergence after the last restart',
    );
    check(final);
    expect(final.size).toBe(files.length);
    console.log(`crash: ${KILLS} kill -9 restarts survived, ${seen.size} stories tracked, 0 changed identity`);
    // Each restart spawns a process (tsx) that boots its parse workers from TypeScript source: slow on a loaded 2-core machine.
  }, 120_000);
});

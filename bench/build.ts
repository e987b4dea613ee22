// Build and start-up figures: `feedpub build` cold and after one story changed, first start and restart, each with peak memory.
// Run alone with `tsx bench/build.ts [--quick] [--runs N]`; `npm run bench` calls `buildRows` and `startRows`.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileName, story, writeCorpus } from './corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface Measured {
  seconds: number;
  peakMb: number;
}

/** Peak resident size of a running process (VmHWM), in MB; 0 once it has exited. */
function peakMb(pid: number | undefined): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Watch a child's peak memory until it exits (VmHWM only grows, so the last reading is the peak). */
function trackPeak(child: ChildProcess): () => number {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, peakMb(child.pid))), 25);
  child.once('exit', () => clearInterval(timer));
  return () => peak;
}

/** `feedpub build` of `articles` into `out` with the state in `state`: wall-clock seconds and peak RSS. */
export async function timeBuild(articles: string, state: string, out: string): Promise<Measured> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'build', '--quiet', '--articles', articles, '--state', state, '--out', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
  const peak = trackPeak(child);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`build exited ${code}: ${err}`);
  return { seconds: (performance.now() - t0) / 1000, peakMb: peak() };
}

/** `feedpub serve` until /healthz answers 200, then stopped: seconds and peak RSS. */
export async function timeStart(articles: string, state: string): Promise<Measured> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--quiet', '--articles', articles, '--state', state, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const peak = trackPeak(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  for (;;) {
    if ((await fetch(`${url}/healthz`).catch(() => undefined))?.status === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  const measured = { seconds, peakMb: Math.max(peak(), peakMb(child.pid)) };
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return measured;
}

const fmt = (m: Measured) => `${m.seconds.toFixed(2)} s · ${m.peakMb.toFixed(0)} MB`;

/** Rows of `| stories | build cold | build after one change |`, written into a fresh temporary folder. */
export async function buildRows(sizes: readonly number[], say: (line: string) => void): Promise<void> {
  say('| stories | build, cold (time · peak RSS) | build again after one story changed |');
  say('|---|---|---|');
  for (const n of sizes) {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'feedpub-bench-build-'));
    try {
      const articles = path.join(tmp, 'articles');
      await writeCorpus(articles, n);
      const cold = await timeBuild(articles, path.join(tmp, 'state'), path.join(tmp, 'site'));
      await writeFile(path.join(articles, fileName(7)), story(7, `ข่าวแก้ไข ${Date.now()}`));
      const again = await timeBuild(articles, path.join(tmp, 'state'), path.join(tmp, 'site'));
      say(`| ${n.toLocaleString('en')} | ${fmt(cold)} | ${fmt(again)} |`);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}

/** Rows of `| stories | first start | restart with the state kept |` (to /healthz 200). */
export async function startRows(sizes: readonly number[], say: (line: string) => void): Promise<void> {
  say('| stories | first start to /healthz (time · peak RSS) | restart with the state kept |');
  say('|---|---|---|');
  for (const n of sizes) {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'feedpub-bench-start-'));
    try {
      const articles = path.join(tmp, 'articles');
      await writeCorpus(articles, n);
      const first = await timeStart(articles, path.join(tmp, 'state'));
      const again = await timeStart(articles, path.join(tmp, 'state'));
      say(`| ${n.toLocaleString('en')} | ${fmt(first)} | ${fmt(again)} |`);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  await buildRows(quick ? [1000] : [1000, 10_000], say);
  say('');
  await startRows(quick ? [1000] : [1000, 10_000], say);
}

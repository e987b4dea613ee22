// Build and start-up figures: `feedpub build` cold and after one story changed, first start and restart, each with peak memory.
// Run alone with `tsx bench/build.ts [--quick] [--runs N]`; `npm run bench` calls `buildRows` and `startRows`.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileName, hugoStory, story, writeCorpus } from './corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = process.env.FEEDPUB_CLI ?? path.join(ROOT, 'dist', 'cli.js');

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

/** `command` run to its end: wall-clock seconds and peak RSS (a failure throws with its last stderr). */
async function timeRun(command: string, args: string[]): Promise<Measured> {
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
  const peak = trackPeak(child);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${path.basename(command)} ${args[0]} exited ${code}: ${err}`);
  return { seconds: (performance.now() - t0) / 1000, peakMb: peak() };
}

/** `feedpub build` of `articles` into `out` with the state in `state`. */
export function timeBuild(articles: string, state: string, out: string): Promise<Measured> {
  return timeRun(process.execPath, [CLI, 'build', '--quiet', '--articles', articles, '--state', state, '--out', out]);
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

/** Whether `hugo` is on the PATH (Debian package `hugo`). */
export const hasHugo = () => spawnSync('sh', ['-c', 'command -v hugo']).status === 0;

/**
 * A Hugo site of the same `n` stories: each a page (title, date, author, paragraphs), a home page
 * listing the newest 50, an RSS feed of 50 (rssLimit; Hugo's default is every page) and the
 * sitemap, with Hugo's own templates for RSS and sitemap and four lines of HTML layout.
 */
async function writeHugoSite(dir: string, n: number): Promise<void> {
  await writeCorpus(path.join(dir, 'content', 'posts'), n, 'hugo');
  await writeFile(
    path.join(dir, 'config.toml'),
    'baseURL = "https://bench.example/"\ntitle = "Bench"\nlanguageCode = "th"\nrssLimit = 50\n[taxonomies]\nauthor = "authors"\n',
  );
  const layouts = path.join(dir, 'layouts', '_default');
  await mkdir(layouts, { recursive: true });
  const head = '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>';
  await writeFile(
    path.join(layouts, 'single.html'),
    `${head}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02 15:04" }}</time><p>{{ .Params.author }}</p>{{ .Content }}</article></body></html>\n`,
  );
  const list = `${head}<h1>{{ .Title }}</h1><ul>{{ range first 50 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul></body></html>\n`;
  await writeFile(path.join(layouts, 'list.html'), list);
  await writeFile(path.join(dir, 'layouts', 'index.html'), list);
}

/** `hugo` building the site in `dir` into `out`. */
function timeHugo(dir: string, out: string): Promise<Measured> {
  return timeRun('hugo', ['--quiet', '--source', dir, '--destination', out]);
}

const fmt = (m: Measured) => `${m.seconds.toFixed(2)} s · ${m.peakMb.toFixed(0)} MB`;

/**
 * Rows of `| stories | build cold | build after one change | Hugo, cold | Hugo again |`, each in a
 * fresh temporary folder; `runs` of each, reported as the median with the range beside it.
 */
export async function buildRows(sizes: readonly number[], say: (line: string) => void, runs = 1): Promise<void> {
  const hugo = hasHugo();
  say(
    '| stories | `build`, cold (time · peak RSS) | `build` again after one story changed | Hugo, cold | Hugo again after one story changed |',
  );
  say('|---|---|---|---|---|');
  for (const n of sizes) {
    const cold: Measured[] = [];
    const again: Measured[] = [];
    const hugoCold: Measured[] = [];
    const hugoAgain: Measured[] = [];
    for (let r = 0; r < runs; r++) {
      const tmp = await mkdtemp(path.join(os.tmpdir(), 'feedpub-bench-build-'));
      try {
        const articles = path.join(tmp, 'articles');
        await writeCorpus(articles, n);
        cold.push(await timeBuild(articles, path.join(tmp, 'state'), path.join(tmp, 'site')));
        await writeFile(path.join(articles, fileName(7)), story(7, `ข่าวแก้ไข ${Date.now()}`));
        again.push(await timeBuild(articles, path.join(tmp, 'state'), path.join(tmp, 'site')));
        if (hugo) {
          const site = path.join(tmp, 'hugo');
          await writeHugoSite(site, n);
          hugoCold.push(await timeHugo(site, path.join(tmp, 'hugo-out')));
          await writeFile(path.join(site, 'content', 'posts', 'story-000007.md'), hugoStory(7, `ข่าวแก้ไข ${Date.now()}`));
          hugoAgain.push(await timeHugo(site, path.join(tmp, 'hugo-out')));
        }
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    }
    const cell = (ms: Measured[]) => (ms.length === 0 ? 'not installed' : spread(ms));
    say(`| ${n.toLocaleString('en')} | ${spread(cold)} | ${spread(again)} | ${cell(hugoCold)} | ${cell(hugoAgain)} |`);
  }
}

/**
 * The median run (by time) with its peak RSS, and with more than one run the range of times and
 * of peaks (a target on peak memory is met only if every run's peak meets it).
 */
function spread(ms: Measured[]): string {
  const sorted = [...ms].sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)] as Measured;
  if (sorted.length < 2) return fmt(mid);
  const peaks = ms.map((m) => m.peakMb);
  const times = `${(sorted[0] as Measured).seconds.toFixed(2)}–${(sorted.at(-1) as Measured).seconds.toFixed(2)}`;
  return `${fmt(mid)} (${times} s; ${Math.min(...peaks).toFixed(0)}–${Math.max(...peaks).toFixed(0)} MB)`;
}

/** Rows of `| stories | first start | restart with the state kept |` (to /healthz 200), `runs` of each: median (range). */
export async function startRows(sizes: readonly number[], say: (line: string) => void, runs = 1): Promise<void> {
  say('| stories | first start to /healthz (time · peak RSS) | restart with the state kept |');
  say('|---|---|---|');
  for (const n of sizes) {
    const first: Measured[] = [];
    const again: Measured[] = [];
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'feedpub-bench-start-'));
    try {
      const articles = path.join(tmp, 'articles');
      await writeCorpus(articles, n);
      for (let r = 0; r < runs; r++) {
        const state = path.join(tmp, `state-${r}`);
        first.push(await timeStart(articles, state));
        again.push(await timeStart(articles, state));
      }
      say(`| ${n.toLocaleString('en')} | ${spread(first)} | ${spread(again)} |`);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  }
}

// `--quick`: 1,000 only; `--large`: 100,000 too (start-up); `--runs N`; `--only build|start`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const runs = Number(argv[argv.indexOf('--runs') + 1] ?? 1) || 1;
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const say = (line: string) => process.stdout.write(`${line}\n`);
  if (only !== 'start') await buildRows(quick ? [1000] : [1000, 10_000], say, runs);
  say('');
  if (only !== 'build') await startRows(quick ? [1000] : argv.includes('--large') ? [1000, 10_000, 100_000] : [1000, 10_000], say, runs);
}

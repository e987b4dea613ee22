// npm run bench: feed GET and 304 against node:http and nginx, save-to-visible, cold start, regeneration, start-up and build.
// Every figure is a median of several runs; every ratio is against a baseline measured in this run.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { watch } from 'chokidar';
import { buildRows, startRows } from './build.js';
import { fileName, story, writeCorpus } from './corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick'); // skips the 100,000-story runs
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 4);
const RUNS = 5;
const SAVES = 20;

const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

interface Server {
  url: string;
  child: ChildProcess;
  startedMs: number;
  /** The private desk, where the full /status (with lastRebuild) is. */
  deskUrl: string;
}

/** Start the built CLI (`node dist/cli.js serve`) and wait for /healthz. */
async function startFeedpub(articles: string, state: string, config: object): Promise<Server> {
  const configFile = path.join(state, '..', `${path.basename(state)}.json`);
  await writeFile(configFile, JSON.stringify({ language: 'th', ...config }));
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'dist', 'cli.js'),
      'serve',
      '--articles',
      articles,
      '--state',
      state,
      '--port',
      '0',
      '--admin-port',
      '0',
      '--config',
      configFile,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
    if (err.length > 100_000) err = err.slice(-50_000);
  });
  const [url, deskUrl] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^/\s]+)\//.exec(out);
      const desk = /desk on (http:\/\/[^/\s]+)\//.exec(out);
      if (m && desk) resolve([m[1] as string, desk[1] as string]);
    });
    child.on('close', (code) => reject(new Error(`feedpub exited ${code}: ${err.slice(-2000)}`)));
  });
  for (;;) {
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    if (res?.status === 200) break;
    await sleep(20);
  }
  return { url, child, startedMs: performance.now() - t0, deskUrl };
}

function peakRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('close', r));
  child.kill('SIGTERM');
  await done;
}

interface WrkResult {
  rps: number;
  p99ms: number;
}

function wrk(url: string, headers: Record<string, string>): WrkResult {
  const h = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const out = execFileSync('wrk', ['-t2', '-c64', `-d${WRK_SECONDS}s`, '--latency', ...h, url]).toString();
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const m = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const unit = m?.[2] === 'us' ? 0.001 : m?.[2] === 's' ? 1000 : 1;
  return { rps, p99ms: Number(m?.[1]) * unit };
}

/** Rename a new story over a temp name, then poll the feed until it shows; milliseconds. */
async function saveToVisible(url: string, articles: string, k: number): Promise<number> {
  const title = `BENCH-SAVE-${k}-${Date.now()}`;
  const temp = path.join(articles, `.bench-${k}.tmp`);
  await writeFile(temp, story(900_000 + k, title, -1000 - k));
  let etag = (await fetch(`${url}/feed.xml`, { method: 'HEAD' })).headers.get('etag') ?? '';
  const t0 = performance.now();
  await rename(temp, path.join(articles, `bench-${k}.txt`));
  for (;;) {
    const res = await fetch(`${url}/feed.xml`, { headers: { 'if-none-match': etag, 'accept-encoding': 'identity' } });
    if (res.status === 200) {
      etag = res.headers.get('etag') ?? '';
      if ((await res.text()).includes(title)) return performance.now() - t0;
    } else {
      await res.arrayBuffer();
    }
    if (performance.now() - t0 > 10_000) return Number.POSITIVE_INFINITY; // lost
    await sleep(2);
  }
}

async function saves(url: string, articles: string, n: number): Promise<{ p50: number; p99: number; lost: number }> {
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    times.push(await saveToVisible(url, articles, k));
    await sleep(50);
  }
  const seen = times.filter(Number.isFinite);
  return { p50: median(seen), p99: percentile(seen, 99), lost: times.length - seen.length };
}

/** chokidar alone on the same folder: write (rename-over) to its `add` event. The floor for save-to-visible. */
async function chokidarAlone(articles: string, n: number): Promise<number> {
  const w = watch(articles, { ignoreInitial: true, followSymlinks: false });
  let failed: unknown;
  w.on('error', (e) => (failed = e));
  await new Promise<void>((r) => w.once('ready', () => r()));
  if (failed) {
    await w.close();
    return Number.NaN; // e.g. ENOSPC: chokidar's one watch per file exceeds max_user_watches
  }
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const target = path.join(articles, `chokidar-${k}.txt`);
    const temp = path.join(articles, `.chokidar-${k}.tmp`);
    await writeFile(temp, 'x');
    const seen = new Promise<void>((resolve) => {
      const on = (p: string) => {
        if (p === target) {
          w.off('add', on);
          resolve();
        }
      };
      w.on('add', on);
    });
    const t0 = performance.now();
    await rename(temp, target);
    // chokidar alone loses events in very large folders: give up on a sample after 10 s.
    const timedOut = await Promise.race([seen.then(() => false), sleep(10_000).then(() => true)]);
    times.push(timedOut ? Number.POSITIVE_INFINITY : performance.now() - t0);
    await sleep(50);
  }
  await w.close();
  for (let k = 0; k < n; k++) await rm(path.join(articles, `chokidar-${k}.txt`), { force: true });
  const seen = times.filter(Number.isFinite);
  return seen.length > 0 ? median(seen) : Number.NaN;
}

/** `url`: the desk's, whose /status reports each rebuild (the public one has counts only). */
async function regeneration(url: string, articles: string, n: number): Promise<{ ms: number; renderMs: number; encodeMs: number }> {
  const runs: { ms: number; renderMs: number; encodeMs: number }[] = [];
  for (let k = 0; k < n; k++) {
    await writeFile(path.join(articles, fileName(k)), story(k, `ข่าวแก้ไข ${k} ${Date.now()}`));
    let status: { lastRebuild: { at: string; ms: number; renderMs: number; encodeMs: number } } | undefined;
    const before = (await (await fetch(`${url}/status`)).json()) as typeof status;
    for (;;) {
      status = (await (await fetch(`${url}/status`)).json()) as typeof status;
      if (status?.lastRebuild.at !== before?.lastRebuild.at) break;
      await sleep(5);
    }
    runs.push(status!.lastRebuild);
    await sleep(100);
  }
  return {
    ms: median(runs.map((r) => r.ms)),
    renderMs: median(runs.map((r) => r.renderMs)),
    encodeMs: median(runs.map((r) => r.encodeMs)),
  };
}

async function nginxServe(dir: string): Promise<{ url: string; stop: () => void } | undefined> {
  const nginx = ['/usr/sbin/nginx', 'nginx'].find((c) => has(c));
  if (!nginx) return undefined;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const conf = path.join(dir, 'nginx.conf');
  await mkdir(path.join(dir, 'logs'), { recursive: true });
  await writeFile(
    conf,
    `worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/logs/error.log; daemon off;
events { worker_connections 4096; }
http { access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
  types { application/rss+xml xml; }
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  server { listen 127.0.0.1:${port}; root ${dir}/static; gzip_static on; etag on; } }
`,
  );
  await mkdir(path.join(dir, 'tmp'), { recursive: true });
  const child = spawn(nginx, ['-c', conf, '-p', dir], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`http://127.0.0.1:${port}/feed.xml`).catch(() => undefined))?.status === 200) break;
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** One row of the scale table: write `n` stories, cold start, regeneration, saves, chokidar alone. */
async function largeRun(tmp: string, n: number): Promise<void> {
  const dir = path.join(tmp, `c${n}`);
  const tw = performance.now();
  await writeCorpus(dir, n);
  process.stderr.write(`wrote ${n} stories in ${((performance.now() - tw) / 1000).toFixed(1)} s\n`);
  const site = await startFeedpub(dir, path.join(tmp, `state${n}`), { reconcileSeconds: 0 });
  const rss = peakRssMb(site.child.pid);
  const regen = await regeneration(site.deskUrl, dir, 5);
  const sv = await saves(site.url, dir, SAVES);
  const ch = await chokidarAlone(dir, 10);
  say(
    `| ${n.toLocaleString('en')} | ${sv.p50.toFixed(0)} | ${sv.p99.toFixed(0)} | ${sv.lost}/${SAVES} | ${ch.toFixed(0)} | ${(site.startedMs / 1000).toFixed(2)} | ${rss.toFixed(0)} | ${regen.ms} (${regen.renderMs} / ${regen.encodeMs}) |`,
  );
  await stop(site.child);
  await rm(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'feedpub-bench-'));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  say(`# feedpub benchmark`);
  say();
  say(
    `${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · wrk -t2 -c64 -d${WRK_SECONDS}s, median of ${RUNS} (load generator on the same cores)`,
  );
  say();
  try {
    if (args.has('--large-only')) {
      say(
        '| stories | save→visible p50 ms | p99 ms | lost | chokidar alone p50 ms | cold start to /healthz s | peak RSS MB | regeneration ms (render / encode) |',
      );
      say('|---|---|---|---|---|---|---|---|');
      await largeRun(tmp, 100_000);
      return;
    }
    // 1. Feed GET against node:http and nginx, on a 1,000-story folder (a 50-entry feed).
    const c1k = path.join(tmp, 'c1k');
    await writeCorpus(c1k, 1000);
    const fp = await startFeedpub(c1k, path.join(tmp, 'state1k'), { reconcileSeconds: 0 });
    const feedRes = await fetch(`${fp.url}/feed.xml`, { headers: { 'accept-encoding': 'identity' } });
    const feedBytes = Buffer.from(await feedRes.arrayBuffer());
    const etag = feedRes.headers.get('etag') ?? '';
    await mkdir(path.join(tmp, 'static'), { recursive: true });
    await writeFile(path.join(tmp, 'static', 'feed.xml'), feedBytes);
    await writeFile(path.join(tmp, 'static', 'feed.xml.gz'), gzipSync(feedBytes, { level: 6 }));
    const base = spawn(process.execPath, [path.join(ROOT, 'bench', 'baseline-server.mjs'), path.join(tmp, 'static', 'feed.xml')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const basePort = await new Promise<string>((r) => base.stdout?.once('data', (d) => r(String(d).trim())));
    const baseUrl = `http://127.0.0.1:${basePort}`;
    const nginx = has('wrk') ? await nginxServe(tmp) : undefined;

    say(`## 1. Feed GET (${(feedBytes.length / 1024).toFixed(0)} KB RSS, 50 entries)`);
    say();
    if (!has('wrk')) {
      say('wrk is not installed (Debian package `wrk`): skipped.');
    } else {
      say('| request | feedpub req/s | p99 ms | node:http req/s | p99 ms | feedpub / node:http | nginx req/s | p99 ms |');
      say('|---|---|---|---|---|---|---|---|');
      const nginxEtag = nginx ? ((await fetch(`${nginx.url}/feed.xml`)).headers.get('etag') ?? '') : '';
      for (const [label, headers, baseHeaders, nginxHeaders] of [
        ['identity', {}, {}, {}],
        ['gzip', { 'accept-encoding': 'gzip' }, { 'accept-encoding': 'gzip' }, { 'accept-encoding': 'gzip' }],
        ['304', { 'if-none-match': etag }, { 'if-none-match': '"baseline"' }, { 'if-none-match': nginxEtag }],
      ] as const) {
        // Interleaved (feedpub, node:http, nginx, feedpub, ...): the machine's drift hits all three alike.
        const runs = { f: [] as WrkResult[], b: [] as WrkResult[], n: [] as WrkResult[] };
        for (let r = 0; r < RUNS; r++) {
          runs.f.push(wrk(`${fp.url}/feed.xml`, headers));
          runs.b.push(wrk(`${baseUrl}/feed.xml`, baseHeaders));
          if (nginx) runs.n.push(wrk(`${nginx.url}/feed.xml`, nginxHeaders));
        }
        const med = (xs: WrkResult[]) => ({ rps: median(xs.map((x) => x.rps)), p99ms: median(xs.map((x) => x.p99ms)) });
        const f = med(runs.f);
        const b = med(runs.b);
        const n = nginx ? med(runs.n) : undefined;
        say(
          `| ${label} | ${f.rps.toFixed(0)} | ${f.p99ms.toFixed(2)} | ${b.rps.toFixed(0)} | ${b.p99ms.toFixed(2)} | ${((f.rps / b.rps) * 100).toFixed(0)} % | ${n ? n.rps.toFixed(0) : 'n/a'} | ${n ? n.p99ms.toFixed(2) : ''} |`,
        );
      }
    }
    base.kill();
    nginx?.stop();
    say();

    // 2. Save-to-visible at 1,000 stories, then 10,000 and 100,000 with cold start and regeneration.
    say('## 2–4. Save-to-visible, cold start, regeneration (stories in one folder)');
    say();
    say(
      '| stories | save→visible p50 ms | p99 ms | lost | chokidar alone p50 ms | cold start to /healthz s | peak RSS MB | regeneration ms (render / encode) |',
    );
    say('|---|---|---|---|---|---|---|---|');
    const s1k = await saves(fp.url, c1k, SAVES);
    const r1k = await regeneration(fp.deskUrl, c1k, 5);
    const ch1k = await chokidarAlone(c1k, 10);
    say(
      `| 1,000 | ${s1k.p50.toFixed(0)} | ${s1k.p99.toFixed(0)} | ${s1k.lost}/${SAVES} | ${ch1k.toFixed(0)} | ${(fp.startedMs / 1000).toFixed(2)} | ${peakRssMb(fp.child.pid).toFixed(0)} | ${r1k.ms} (${r1k.renderMs} / ${r1k.encodeMs}) |`,
    );
    await stop(fp.child);
    await rm(c1k, { recursive: true, force: true });

    for (const n of QUICK ? [10_000] : [10_000, 100_000]) await largeRun(tmp, n);
    say();

    // 5. Start-up and static build, side by side: the built CLI, each in a fresh folder, with peak memory.
    const sizes = QUICK ? [1000, 10_000] : [1000, 10_000, 100_000];
    say('## 5. Start-up and `build` (stories in one folder)');
    say();
    await startRows(sizes, say);
    say();
    await buildRows(QUICK ? [1000, 10_000] : [1000, 10_000], say);
    if (!has('hugo')) {
      say();
      say('Hugo is not installed (Debian package `hugo`): the comparison with Hugo is skipped.');
    }
    say();
    say(
      'Targets: feed GET ≥ 90 % of node:http, 304 ≥ 90 %; save→visible p50 ≤ 150 ms, p99 ≤ 500 ms at 10,000; cold start of 100,000 ≤ 20 s and ≤ 400 MB; regeneration at 100,000 ≤ 50 ms; no save lost.',
    );
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await writeFile(path.join(ROOT, 'bench', args.has('--large-only') ? 'results-large.md' : 'results.md'), `${lines.join('\n')}\n`);
  }
}

await main();

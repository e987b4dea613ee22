// Test helpers: temporary folders, a real site on a real port, waiting on conditions, and feed oracles.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { FSWatcher } from 'chokidar';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { type Config, loadConfig } from '../src/config.js';
import { type Logger, silentLogger } from '../src/log.js';
import type { LiveSite } from '../src/publish/live-site.js';
import { startServer } from '../src/runtime.js';

export const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * The arguments that run the CLI from this source: compiled once for the run (tests/global-setup.ts),
 * else through tsx (`node --import tsx src/cli.ts ...args`). Tests run what they change.
 */
export function cliArgs(...args: string[]): string[] {
  const compiled = process.env.FEEDPUB_TEST_BUILD;
  if (compiled) return [path.join(compiled, 'cli.js'), ...args];
  return ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src', 'cli.ts'), ...args];
}

/** A spawned CLI's environment: this one and `more`, without PORT and FEEDPUB_BASE_URL, which would move its port and links. */
export function cliEnv(more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...more, PORT: undefined, FEEDPUB_BASE_URL: undefined };
}

export async function tempDir(prefix = 'feedpub-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Write a file, creating parent folders. */
export async function put(dir: string, rel: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

/** Poll `check` until it returns a truthy value or `timeoutMs` passes; return the value. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 10_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RunningSite {
  url: string;
  /** The editor's desk (tests bind it on a free port). */
  deskUrl: string;
  site: LiveSite;
  config: Readonly<Config>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** File events on (default) or off. */
  watch?: boolean;
  reconcile?: boolean;
  headersTimeout?: number;
  requestTimeout?: number;
  /** Public URL for links (default: the real http://127.0.0.1:PORT), as behind a proxy. */
  baseUrl?: string;
  websubRetryMs?: number;
  /** Where the site logs (default: nowhere). */
  log?: Logger;
  /** The public URL, as soon as the port is bound (before the first scan; startSite resolves after it). */
  onListening?: (url: string) => void;
  /** The desk's URL, as soon as its port is bound. */
  onDesk?: (url: string) => void;
  /** Settles when the process is asked to stop (a signal, in the CLI). */
  stopping?: Promise<string>;
  /** Files a scan applies in one step (default 4096). */
  scanStep?: number;
}

export interface SiteFolders {
  /** A fresh articles folder for each test. */
  articles: string;
  /** A fresh state folder for each test. */
  state: string;
  /** The site a test started, closed after it. */
  running: RunningSite | undefined;
}

/** Fresh articles and state folders for every test of the file, and the site closed and both removed after it. */
export function siteFolders(): SiteFolders {
  const ctx: SiteFolders = { articles: '', state: '', running: undefined };
  beforeEach(async () => {
    ctx.articles = await tempDir();
    ctx.state = await tempDir('feedpub-state-');
  });
  afterEach(async () => {
    await ctx.running?.close();
    ctx.running = undefined;
    await removeDir(ctx.articles);
    await removeDir(ctx.state);
  });
  return ctx;
}

/** Write a config file with the test defaults (and `overrides`) and load it as the CLI would. */
export async function testConfig(
  articlesDir: string,
  stateDir: string,
  overrides: Record<string, unknown> = {},
  port = '0',
): Promise<{ config: Readonly<Config>; configDir: string }> {
  const configDir = await tempDir('feedpub-config-');
  await writeFile(
    path.join(configDir, 'feedpub.config.json'),
    JSON.stringify({ title: 'Test desk', language: 'th', reconcileSeconds: 0, ...overrides }),
  );
  try {
    return { config: loadConfig({ articles: articlesDir, state: stateDir, port, adminPort: '0' }, {}, configDir, ROOT), configDir };
  } finally {
    // Read once, resolved against it: nothing reads the folder again (9 of 28 callers left it in /tmp).
    await removeDir(configDir);
  }
}

/** Start the real site (watcher, store, snapshot) behind the real front door on port 0, through runtime.ts as the CLI does. */
export async function startSite(
  articlesDir: string,
  stateDir: string,
  overrides: Record<string, unknown> = {},
  options: StartOptions = {},
): Promise<RunningSite> {
  const { config: loaded, configDir } = await testConfig(articlesDir, stateDir, overrides);
  // Tests bind loopback; `baseUrl` stands in for a public URL behind a proxy.
  const config = Object.freeze({ ...loaded, host: '127.0.0.1', baseUrl: options.baseUrl ?? loaded.baseUrl });
  const running = await startServer(config, {
    log: options.log ?? silentLogger,
    watch: options.watch ?? true,
    reconcile: options.reconcile,
    websubRetryMs: options.websubRetryMs,
    headersTimeout: options.headersTimeout,
    requestTimeout: options.requestTimeout,
    onListening: ({ url }) => options.onListening?.(url),
    stopping: options.stopping,
    onDesk: options.onDesk,
    scanStep: options.scanStep,
  });
  return {
    url: running.url,
    deskUrl: running.deskUrl ?? '',
    site: running.site,
    config,
    async close() {
      await running.close(0);
      await removeDir(configDir);
    },
  };
}

/** Assert well-formed XML with a strict parser (fast-xml-parser's validator). libxml2 is an oracle: see `xmllint`. */
export function assertWellFormed(xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) throw new Error(`not well-formed: ${JSON.stringify(result.err)}`);
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

const PYTHON = '/usr/bin/python3';

/**
 * Third-party consumers used as oracles. A test that needs one is `it.skipIf(!ORACLES.x)` with
 * `NEEDS.x` in its name, so a machine without it reports the test skipped and why, never passed.
 * `.ci/run` installs them all.
 */
export const ORACLES = {
  xmllint: hasCommand('xmllint'),
  jing: hasCommand('jing'),
  feedparser: spawnSync(PYTHON, ['-c', 'import feedparser']).status === 0,
  nginx: ['/usr/sbin/nginx', 'nginx'].find((c) => hasCommand(c)),
  chromium: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
} as const;

export const NEEDS = {
  xmllint: '[oracle: xmllint (libxml2-utils); skipped when not installed]',
  jing: "[oracle: jing with RFC 4287's RELAX NG schema; skipped when not installed]",
  feedparser: '[oracle: python3-feedparser; skipped when not installed]',
  nginx: '[oracle: Debian nginx; skipped when not installed]',
  chromium: '[oracle: /usr/bin/chromium; skipped when not installed]',
} as const;

function needs(oracle: keyof typeof ORACLES): void {
  if (!ORACLES[oracle]) throw new Error(`${oracle} is not installed: this test must be it.skipIf(!ORACLES.${oracle})`);
}

/** libxml2's verdict on `xml`: '' when well-formed, else its complaint. */
export function xmllint(xml: string): string {
  needs('xmllint');
  const run = spawnSync('xmllint', ['--noout', '-'], { input: xml });
  return run.status === 0 ? '' : run.stderr.toString();
}

/** Validate Atom against RFC 4287's RELAX NG schema with jing: 'valid' or the errors. */
export function jingAtom(xml: string): string {
  needs('jing');
  const schema = path.join(ROOT, 'tests', 'fixtures', 'atom.rnc');
  const run = spawnSync('sh', ['-c', 'f=$(mktemp) && cat > "$f" && jing -c "$1" "$f"; s=$?; rm -f "$f"; exit $s', 'sh', schema], {
    input: xml,
  });
  return run.status === 0 ? 'valid' : `invalid: ${run.stdout.toString()}${run.stderr.toString()}`;
}

/**
 * Atom documents a file's end-to-end tests fetch, validated with jing by one test registered
 * after them (`test(n)`), so the check is reported as skipped, with the reason, where jing is missing.
 */
export function atomOracle(what: string) {
  const docs: { xml: string; label: string }[] = [];
  return {
    docs,
    add(xml: string, label = ''): void {
      docs.push({ xml, label });
    },
    test(expected: number): void {
      it.skipIf(!ORACLES.jing)(`writes ${what} valid against RFC 4287 ${NEEDS.jing}`, () => {
        expect(docs.length).toBe(expected);
        for (const { xml, label } of docs) expect(jingAtom(xml), label).toBe('valid');
      });
    },
  };
}

/** Parse with Debian's python3-feedparser: bozo flag, version, entry titles and ids. */
export function pythonFeedparser(xml: string): { bozo: boolean; version: string; titles: string[]; ids: string[]; authors: string[][] } {
  needs('feedparser');
  const out = execFileSync(
    PYTHON,
    [
      '-c',
      'import sys,json,feedparser; d=feedparser.parse(sys.stdin.buffer.read()); print(json.dumps({"bozo": bool(d.bozo), "version": d.version, "titles": [e.get("title") for e in d.entries], "ids": [e.get("id") for e in d.entries], "authors": [[a.get("name") for a in e.get("authors", [])] for e in d.entries]}))',
    ],
    { input: xml },
  );
  return JSON.parse(out.toString()) as { bozo: boolean; version: string; titles: string[]; ids: string[]; authors: string[][] };
}

export { parseAtomFeed, parseJsonFeed, parseRssFeed };

export async function getText(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/**
 * chokidar's walks held: the "ready" of the first `count` watchers made is withheld until
 * `release()` (walking 100,000 files takes seconds). A first start whose walk is not done within
 * its head start stops that watcher and makes another after its scan: two walks before serving.
 */
export function holdWalks(count: number): { release: () => void; held: () => number; restore: () => void } {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const once = FSWatcher.prototype.once;
  let held = 0;
  const spy = vi.spyOn(FSWatcher.prototype, 'once').mockImplementation(function (this: FSWatcher, event, listener) {
    if (event !== 'ready' || held >= count) return once.call(this, event, listener);
    held++;
    void gate.then(() => (listener as () => void)());
    return this;
  });
  return { release, held: () => held, restore: () => spy.mockRestore() };
}

#!/usr/bin/env node
// Commands: serve, build, check. Argument parsing, start-up checks, signals and exit codes.
import { accessSync, constants, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, type ConfigInput, loadConfig } from './config.js';
import { ConfigError } from './core/errors.js';
import { createApp } from './http/app.js';
import { headersFor } from './http/security-headers.js';
import { createFrontDoor } from './http/server.js';
import { type Logger, createLogger, silentLogger } from './log.js';
import { LiveSite } from './publish/live-site.js';
import { EMPTY_SNAPSHOT } from './publish/snapshot.js';
import { WebSubNotifier } from './publish/websub-notifier.js';
import { writeBuild } from './publish/write-build.js';
import { FEED_PATHS } from './core/render-site.js';
import { createProgress } from './progress.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `Usage: feedpub <command> [options]

Commands:
  serve            watch the articles folder and serve the feeds over HTTP (default)
  build --out DIR  write the feeds, pages and assets to DIR (with .gz and .br), for nginx or a CDN
  check            read every article and list each problem; exit 1 if any file cannot be published
  ping             tell the configured WebSub hubs that the feeds at --base-url changed (after a deploy)

Options (environment fallback in brackets):
  --articles DIR   articles folder (default ./articles) [FEEDPUB_ARTICLES]
  --port N         port, 0 picks a free one (default 8080) [PORT]
  --host H         interface to bind (default 127.0.0.1) [HOST]
  --base-url URL   public URL used in every link (default http://HOST:PORT) [FEEDPUB_BASE_URL]
  --state DIR      state folder: ids and dates (default ./.feedpub) [FEEDPUB_STATE]
  --config FILE    JSON configuration (default ./feedpub.config.json when present) [FEEDPUB_CONFIG]
  --poll           poll the folder instead of using file events (network filesystems)
  --out DIR        build output folder
  --quiet          log warnings and errors only
  -h, --help       this help
  -v, --version    print the version
`;

const OPTIONS = {
  articles: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'base-url': { type: 'string' },
  state: { type: 'string' },
  config: { type: 'string' },
  poll: { type: 'boolean' },
  out: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    process.stderr.write(`feedpub: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }
  const command = positionals[0] ?? 'serve';
  if (positionals.length > 1 || !['serve', 'build', 'check', 'ping'].includes(command)) {
    process.stderr.write(`feedpub: unknown command "${positionals.join(' ')}"\n\n${USAGE}`);
    return 2;
  }
  const input: ConfigInput = {
    articles: values.articles,
    port: values.port,
    host: values.host,
    baseUrl: values['base-url'],
    state: values.state,
    config: values.config,
    poll: values.poll,
  };
  let config: Readonly<Config>;
  try {
    const loaded = loadConfig(input, process.env, process.cwd(), PACKAGE_DIR);
    // A symlinked articles folder is common in deployments: watch and scan the real folder.
    config = Object.freeze({ ...loaded, articlesDir: readableFolder(loaded.articlesDir) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`feedpub: invalid configuration: ${error.message}${error.file ? ` (${error.file})` : ''}\n`);
      return 2;
    }
    throw error;
  }
  const log = createLogger(process.stderr, values.quiet ? 'warn' : 'info');
  if (command === 'check') return check(config);
  if (command === 'ping') return ping(config, log);
  if (command === 'build') {
    if (!values.out) {
      process.stderr.write('feedpub: build needs --out DIR\n');
      return 2;
    }
    return build(config, values.out, log);
  }
  return serve(config, log);
}

/** The real path of a readable folder, or a ConfigError naming `articles`. */
function readableFolder(dir: string): string {
  try {
    if (!statSync(dir).isDirectory()) throw new ConfigError('articles', `${dir} is not a folder`);
    accessSync(dir, constants.R_OK | constants.X_OK);
    return realpathSync(dir);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('articles', `cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function defaultBaseUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

async function serve(config: Readonly<Config>, log: Logger): Promise<number> {
  let site: LiveSite | undefined;
  const app = createApp({
    publicDir: config.publicDir,
    articlesDir: config.articlesDir,
    log,
    status: () =>
      site?.status() ?? { ready: false, articles: 0, drafts: 0, problems: [], lastRebuild: null, lastScan: null, watcher: 'off' },
  });
  const server = createFrontDoor(() => site?.snapshot ?? EMPTY_SNAPSHOT, app);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    process.stderr.write(
      `feedpub: cannot listen on ${config.host}:${config.port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
    );
    return 1;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const baseUrl = config.baseUrl ?? defaultBaseUrl(config.host, port);
  process.stdout.write(
    `feedpub listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/ (public URL ${baseUrl}/)\n`,
  );

  site = new LiveSite({
    config,
    baseUrl,
    log,
    watch: true,
    responseHeaders: headersFor,
    onProgress: createProgress(process.stderr, log),
  });
  const stopping = waitForSignal();
  process.on('unhandledRejection', (reason) =>
    log.error('process.unhandled-rejection', { reason: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }),
  );
  try {
    await site.start();
  } catch (error) {
    log.error('start.failed', { reason: error instanceof Error ? error.message : String(error) });
    await shutdown(server, site, log);
    return 1;
  }
  log.info('ready', { url: `${baseUrl}/`, articles: site.status().articles });
  const signal = await stopping;
  log.info('shutdown', { signal });
  await shutdown(server, site, log);
  return 0;
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => resolve(signal));
  });
}

/** Stop accepting, let requests in flight finish (10 s at most), then close watcher and store. */
async function shutdown(server: Server, site: LiveSite | undefined, log: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => {
    log.warn('shutdown.forced', { reason: 'requests still open after 10 s' });
    server.closeAllConnections();
  }, 10_000);
  await closed;
  clearTimeout(timer);
  await site?.close();
}

async function build(config: Readonly<Config>, out: string, log: Logger): Promise<number> {
  const baseUrl = config.baseUrl ?? defaultBaseUrl(config.host, config.port);
  const site = new LiveSite({
    config,
    baseUrl,
    log,
    watch: false,
    responseHeaders: headersFor,
    onProgress: createProgress(process.stderr, log),
  });
  try {
    await site.start();
    const files = await writeBuild(site.allDocuments(), config.publicDir, path.resolve(out), config.articlesDir);
    const status = site.status();
    log.info('build.done', { out: path.resolve(out), files, articles: status.articles, problems: status.problems.length });
    return 0;
  } finally {
    await site.close();
  }
}

/** Notify every hub of the three feeds at the public URL; exit 1 if a hub never accepted. */
async function ping(config: Readonly<Config>, log: Logger): Promise<number> {
  if (config.websubHubs.length === 0) {
    process.stderr.write('feedpub: no WebSub hubs configured (websub.hubs in the config file)\n');
    return 2;
  }
  const baseUrl = config.baseUrl ?? defaultBaseUrl(config.host, config.port);
  const notifier = new WebSubNotifier({ hubs: config.websubHubs, log });
  notifier.notify(Object.values(FEED_PATHS).map((p) => baseUrl + p));
  await notifier.idle();
  const { failed } = notifier.status();
  notifier.close();
  return failed > 0 ? 1 : 0;
}

async function check(config: Readonly<Config>): Promise<number> {
  const baseUrl = config.baseUrl ?? defaultBaseUrl(config.host, config.port);
  const site = new LiveSite({ config, baseUrl, log: silentLogger, watch: false, ephemeral: true });
  try {
    await site.start();
    const { problems, articles, drafts } = site.status();
    for (const p of problems) process.stdout.write(`${p.path}: ${p.severity} ${p.code}: ${p.reason}\n`);
    const errors = problems.filter((p) => p.severity === 'error').length;
    process.stdout.write(
      `${articles} article(s) publishable, ${drafts} draft(s), ${errors} file(s) with errors, ${problems.length - errors} warning(s)\n`,
    );
    return errors > 0 ? 1 : 0;
  } finally {
    await site.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`feedpub: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

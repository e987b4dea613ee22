#!/usr/bin/env node
// Commands: serve, build, check, ping. Argument parsing, start-up checks, signals and exit codes (the work is in runtime.ts).
import { accessSync, constants, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, type ConfigInput, loadConfig } from './config.js';
import { ConfigError } from './core/errors.js';
import { type Logger, batchedWriter, createLogger, silentLogger } from './log.js';
import { createProgress } from './progress.js';
import { BuildTargetError, checkBuildTarget } from './publish/build-target.js';
import { lockBuildFolder } from './publish/build-folder.js';
import { ForeignFolderError } from './publish/folder-match.js';
import { StateStoreError } from './store/state-db.js';
import { BACKUP_NAME, STATE_FILE } from './store/state-errors.js';
import { StateLockedError } from './store/state-lock.js';
import { ListenError, type RunningServer, buildSite, checkFolder, pingHubs, publicBaseUrl, startServer } from './runtime.js';

const PACKAGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const USAGE = `Usage: feedpub <command> [options]

Commands:
  serve            watch the articles folder and serve the feeds over HTTP (default)
  build --out DIR  write the feeds, pages and assets to DIR (feeds with .gz and .br), for nginx or a CDN
  check            read every article and list each problem; exit 1 if any file cannot be published
  check --explain FILE
                   say line by line what was taken from FILE (title, dateline, credit, body, cut) and why
  ping             tell the configured WebSub hubs that the feeds at --base-url changed (after a deploy)

Options (environment fallback in brackets):
  --articles DIR   articles folder (default ./articles) [FEEDPUB_ARTICLES]
  --port N         port, 0 picks a free one (default 8080) [PORT]
  --host H         interface to bind (default 127.0.0.1) [HOST]
  --admin-port N   the editor's desk: port, 0 a free one, off (default 8081) [FEEDPUB_ADMIN_PORT]
  --admin-host H   the desk's interface (default 127.0.0.1: this machine only) [FEEDPUB_ADMIN_HOST]
  --base-url URL   public URL used in every link (default http://HOST:PORT) [FEEDPUB_BASE_URL]
  --state DIR      state folder: ids and dates (default ./.feedpub) [FEEDPUB_STATE]
  --config FILE    JSON configuration (default ./feedpub.config.json when present) [FEEDPUB_CONFIG]
  --poll           poll the folder instead of using file events (network filesystems)
  --adopt-folder   serve or build: take the articles folder as this site's even when it holds
                   too few of its stories (renamed and edited at once); stories not found go (410)
  --out DIR        build output folder
  --strict         with build: exit 1 when a story cannot be published (the build is still written)
  --explain FILE   with check: explain how one file is read
  --quiet          log warnings and errors only
  -h, --help       this help
  -v, --version    print the version
`;

const OPTIONS = {
  articles: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'admin-port': { type: 'string' },
  'admin-host': { type: 'string' },
  'base-url': { type: 'string' },
  state: { type: 'string' },
  config: { type: 'string' },
  poll: { type: 'boolean' },
  'adopt-folder': { type: 'boolean' },
  out: { type: 'string' },
  strict: { type: 'boolean' },
  explain: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Log lines, progress and the CLI's own messages, in the order they were written, in few writes (log.ts). */
const stderr = Object.assign(batchedWriter(), { isTTY: process.stderr.isTTY });

/**
 * An unknown option said plainly, with the known one it is likely a slip for (new-user trial:
 * parseArgs' own message spoke of positional arguments, with an unbalanced quote, for `--verison`).
 */
function optionError(error: Error & { code?: string }): string {
  const given = /'(-[^']*)'/.exec(error.message)?.[1];
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || given === undefined) return error.message;
  const name = given.replace(/^-+/, '').split('=')[0] ?? '';
  const wanted = name.toLowerCase().replace(/_/g, '-');
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of Object.keys(OPTIONS)) {
    const d = editDistance(wanted, known);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return `unknown option ${given.split('=')[0]}${best === undefined ? '' : ` (did you mean --${best}?)`}`;
}

/** Levenshtein distance: edits of one character. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length] ?? 0;
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    stderr.write(`feedpub: ${optionError(error as Error & { code?: string })}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  // parseArgs keeps the last of a repeated option silently (new-user trial: two --explain, one explained).
  const explains = argv.filter((a) => a === '--explain' || a.startsWith('--explain=')).length;
  if (explains > 1) {
    stderr.write('feedpub: check --explain reads one file: run it once for each file\n');
    return 2;
  }
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
  if (!['serve', 'build', 'check', 'ping'].includes(command)) {
    stderr.write(`feedpub: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  if (positionals.length > 1 && command === 'check' && values.explain !== undefined) {
    stderr.write(`feedpub: check --explain reads one file: explain "${positionals.slice(1).join(' ')}" with a --explain of its own\n`);
    return 2;
  }
  if (positionals.length > 1) {
    // `feedpub check articles/` is the commonest slip: the folder is an option, said so.
    stderr.write(
      `feedpub: unexpected "${positionals.slice(1).join(' ')}" after ${command}: give folders with --articles, --state or --out\n\n${USAGE}`,
    );
    return 2;
  }
  if (values.strict && command !== 'build') {
    stderr.write(`feedpub: --strict is for build${command === 'check' ? ' (check exits 1 on a story in error already)' : ''}\n`);
    return 2;
  }
  const input: ConfigInput = {
    articles: values.articles,
    port: values.port,
    host: values.host,
    adminPort: values['admin-port'],
    adminHost: values['admin-host'],
    baseUrl: values['base-url'],
    state: values.state,
    config: values.config,
    poll: values.poll,
  };
  let config: Readonly<Config>;
  try {
    const loaded = loadConfig(input, process.env, process.cwd(), PACKAGE_DIR);
    // Kept as given, not resolved: a linked articles folder that a deploy re-points is followed (watch/root-guard.ts).
    // `check --explain` of a file named by its own path needs no articles folder (new-user trial: refused without ./articles).
    const explainsAFile = command === 'check' && values.explain !== undefined && existsSync(path.resolve(values.explain));
    config = Object.freeze({ ...loaded, articlesDir: explainsAFile ? loaded.articlesDir : readableFolder(loaded.articlesDir) });
    if (command === 'serve' || command === 'build') checkStateFolder(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      stderr.write(`feedpub: ${error.code}: invalid configuration: ${error.message}${error.file ? ` (${error.file})` : ''}\n`);
      return 2;
    }
    throw error;
  }
  const log = createLogger(stderr, values.quiet ? 'warn' : 'info');
  if (command === 'check' && values.explain !== undefined) {
    // Loaded here: the parser is otherwise loaded only by the parse workers.
    const { explainFile, storyPath } = await import('./explain-file.js');
    // A name mistyped is the operator's slip, not a story's problem.
    if (!existsSync(storyPath(config.articlesDir, values.explain))) {
      stderr.write(`feedpub: check --explain: no such file: ${storyPath(config.articlesDir, values.explain)}\n`);
      return 2;
    }
    // A folder is no file to explain (attack trial: "ignored: not a story file", exit 0); `check` reads folders.
    if (statSync(storyPath(config.articlesDir, values.explain)).isDirectory()) {
      stderr.write(
        `feedpub: check --explain reads one file, and ${storyPath(config.articlesDir, values.explain)} is a folder: check --articles FOLDER lists the problems of all its stories\n`,
      );
      return 2;
    }
    const { text, ok } = explainFile(config, values.explain);
    process.stdout.write(text);
    return ok ? 0 : 1;
  }
  if (command === 'check') return check(config);
  if (command === 'ping') return ping(config, log);
  if (command === 'build') {
    if (!values.out) {
      stderr.write('feedpub: build needs --out DIR\n');
      return 2;
    }
    return build(config, values.out, log, values['adopt-folder'], values.strict);
  }
  return serve(config, log, values['adopt-folder']);
}

/**
 * The state folder is a folder (or not there yet), and apart from the stories: the store, its
 * backup and the lock among the articles would be one `rm` or sync away from the stories' ids.
 */
function checkStateFolder(config: Readonly<Config>): void {
  const state = path.resolve(config.stateDir);
  const articles = realOrResolved(config.articlesDir);
  if (existsSync(state) && !statSync(state).isDirectory()) throw new ConfigError('state', `${state} is a file, not a folder`);
  const real = realOrResolved(state);
  // A hidden folder inside (`articles/.feedpub`, the default when run from the articles folder) is never read as stories.
  const under = real.startsWith(articles + path.sep) ? real.slice(articles.length + 1) : undefined;
  if (real === articles || (under !== undefined && !under.startsWith('.')))
    throw new ConfigError('state', `${state} is the articles folder or inside it: keep the state folder apart from the stories`);
  // A state folder given as the articles folder (the two swapped): its store would be written among the stories.
  const store = [STATE_FILE, BACKUP_NAME].find((name) => existsSync(path.join(articles, name)));
  if (store)
    throw new ConfigError(
      'articles',
      `${articles} holds ${store}, a feedpub state store: it is a state folder, not the stories (are --articles and --state swapped?)`,
    );
}

function realOrResolved(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** The absolute path of a readable folder (or link to one), or a ConfigError naming `articles`. */
function readableFolder(dir: string): string {
  try {
    if (!statSync(dir).isDirectory()) throw new ConfigError('articles', `${dir} is not a folder`);
    accessSync(dir, constants.R_OK | constants.X_OK);
    return path.resolve(dir);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such folder' : code === 'EACCES' ? 'this user may not read it' : (code ?? String(error));
    throw new ConfigError(
      'articles',
      `cannot read folder ${path.resolve(dir)}: ${why} (give --articles, FEEDPUB_ARTICLES or "articles" in the config the folder the stories are saved in)`,
    );
  }
}

async function serve(config: Readonly<Config>, log: Logger, adoptFolder = false): Promise<number> {
  let lockLost: (reason: string) => void = () => undefined;
  const stopping = Promise.race([waitForSignal(log), new Promise<string>((resolve) => (lockLost = resolve))]);
  let stopAsked = false;
  void stopping.then(() => {
    stopAsked = true;
  });
  process.on('unhandledRejection', (reason) =>
    log.error('process.unhandled-rejection', { reason: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) }),
  );
  warnLocalLinks(config, log);
  let running: RunningServer;
  try {
    running = await startServer(config, {
      log,
      stopping,
      adoptFolder,
      onLockLost: () => lockLost('lock-lost'),
      onProgress: createProgress(stderr, log),
      onListening: ({ url, baseUrl }) => process.stdout.write(`feedpub listening on ${url}/ (public URL ${baseUrl}/)\n`),
      onDesk: (deskUrl, movedFrom) =>
        process.stdout.write(
          `feedpub desk on ${deskUrl}/${movedFrom === undefined ? '' : ` (port ${movedFrom} is another program's: this site's desk is here, not there)`}\n`,
        ),
    });
  } catch (error) {
    if (isOperatorError(error)) throw error;
    if (error instanceof ListenError) {
      stderr.write(`feedpub: PORT_UNAVAILABLE: ${error.message}\n`);
      return error.exitCode;
    }
    log.error('start.failed', { reason: error instanceof Error ? error.message : String(error) });
    return 1;
  }
  // Said once the site serves and watches, unless a stop came first (the start then ended early).
  if (!stopAsked && running.site.status().scanned)
    log.info('ready', { url: `${running.baseUrl}/`, articles: running.site.status().articles });
  const signal = await stopping;
  log.info('shutdown', { signal });
  await running.close();
  // Another process serves this state folder now: a supervisor restarting this one finds it locked.
  return signal === 'lock-lost' ? 1 : 0;
}

/**
 * Listening for other machines (0.0.0.0 in a container) without --base-url: every link names this
 * machine's loopback address, which no reader elsewhere can open (new-user trial: said by `build`,
 * not by `serve`). Said once, at the start.
 */
function warnLocalLinks(config: Readonly<Config>, log: Logger): void {
  if (config.baseUrl !== undefined) return;
  const host = config.host.toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return;
  log.warn('serve.base-url', {
    host: config.host,
    url: publicBaseUrl(config),
    reason: `listening on ${config.host} for other machines, but no --base-url (or FEEDPUB_BASE_URL, or baseUrl in the config): every link in the feeds points at this address; set it to the public URL readers use`,
  });
}

/**
 * The first SIGTERM or SIGINT starts a clean shutdown. Ctrl-C on `npm start` is two SIGINTs (npm
 * passes on the one it got from the terminal, which the server got too): a repeat within 2 s is
 * ignored; a later one ends the process at once.
 */
function waitForSignal(log: Logger): Promise<string> {
  return new Promise((resolve) => {
    let first = 0;
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.on(signal, () => {
        if (first === 0) {
          first = Date.now();
          resolve(signal);
        } else if (Date.now() - first >= 2000) {
          log.warn('shutdown.forced', { signal, reason: 'a second signal during shutdown' });
          process.exit(130);
        }
      });
  });
}

async function build(config: Readonly<Config>, out: string, log: Logger, adoptFolder = false, strict = false): Promise<number> {
  const outDir = path.resolve(out);
  // Never over the stories, the state, the project or a folder feedpub did not write (throws BuildTargetError).
  checkBuildTarget(outDir, { articlesDir: config.articlesDir, stateDir: config.stateDir, projectDirs: [process.cwd(), PACKAGE_DIR] });
  // Taken and given back at once: a folder the build could not write is said before the stories are read, not after.
  lockBuildFolder(outDir)();
  // A static export is copied somewhere public: local links in every feed are rarely what was meant.
  if (config.baseUrl === undefined) {
    log.warn('build.base-url', {
      url: publicBaseUrl(config),
      reason:
        'no --base-url (or FEEDPUB_BASE_URL, or baseUrl in the config): every link in the build points at this address; set it to the public URL the files will be served from',
    });
  }
  const { files, written, skipped, clashes, kept, replaced, status } = await buildSite(config, outDir, {
    log,
    adoptFolder,
    onProgress: createProgress(stderr, log),
  });
  for (const s of skipped) log.warn('build.skipped', { path: s.path, reason: s.reason });
  for (const group of clashes) {
    log.warn('build.case-clash', {
      files: group.join(' | '),
      reason:
        'these paths differ only by letter case or Unicode form: copied to macOS, Windows or a sync through them, one file overwrites the others; spell the names (categories, authors, folders) one way',
    });
  }
  if (kept.length > 0)
    log.info('build.kept-others', {
      files: kept.length,
      such_as: kept.slice(0, 3).join(' | '),
      reason: 'files in the folder that no build wrote are kept where they were',
    });
  for (const { file, keptAt } of replaced)
    log.warn('build.replaced-other', {
      file,
      kept_at: keptAt,
      reason:
        keptAt === undefined
          ? 'a link no build made was where this build now writes a document: it is gone with the old tree; keep your own files at paths no story, category or author takes'
          : `a file no build wrote was where this build now writes a document: it was moved to ${keptAt} in the build folder; keep your own files at paths no story, category or author takes`,
    });
  // `written` 0: nothing had changed since the last build into this folder, and no file was touched.
  log.info('build.done', {
    out: outDir,
    files,
    written,
    articles: status.articles,
    // As `check` counts them: info notes are no problems (new-user trial: `problems=2` of two notes).
    errors: status.problems.filter((p) => p.severity === 'error').length,
    warnings: status.problems.filter((p) => p.severity === 'warning').length,
    notes: status.problems.filter((p) => p.severity === 'info').length,
    skipped: skipped.length,
  });
  if (skipped.length > 0) {
    stderr.write(
      `feedpub: ${skipped.length} document(s) could not be written (listed above as build.skipped); the rest of the build is in place\n`,
    );
    return 1;
  }
  // A deploy script's gate (issue: a build with broken stories exited 0): the build is in place, the
  // stories in error are not in it, and `check` lists them.
  const errors = status.problems.filter((p) => p.severity === 'error').length;
  if (strict && errors > 0) {
    stderr.write(
      `feedpub: ${errors} stor${errors === 1 ? 'y' : 'ies'} could not be published (--strict): listed above as article.problem, and \`npm run feedpub -- check\` lists each with its line and reason\n`,
    );
    return 1;
  }
  return 0;
}

/** Notify every hub of the three feeds at the public URL; exit 1 if a hub never accepted. */
async function ping(config: Readonly<Config>, log: Logger): Promise<number> {
  if (config.websubHubs.length === 0) {
    stderr.write('feedpub: no WebSub hubs configured (websub.hubs in the config file)\n');
    return 2;
  }
  return (await pingHubs(config, log)) > 0 ? 1 : 0;
}

async function check(config: Readonly<Config>): Promise<number> {
  const { problems, articles, drafts, held } = await checkFolder(config, silentLogger);
  for (const p of problems) {
    const line = p.line !== undefined && !p.reason.startsWith(`line ${p.line}:`) ? ` (line ${p.line})` : '';
    process.stdout.write(`${p.path}: ${p.severity} ${p.code}: ${p.reason}${line}\n`);
  }
  // In the desk's time zone, as the files are written (the instant beside it).
  const { wallAndInstant } = await import('./core/human-date.js');
  for (const h of held)
    process.stdout.write(`${h.path}: held until ${wallAndInstant(h.until, config.timeZone)} (embargo), then published by itself\n`);
  const count = (severity: string) => problems.filter((p) => p.severity === severity).length;
  const errors = count('error');
  process.stdout.write(
    `${articles} article(s) publishable, ${held.length} held, ${drafts} draft(s), ${errors} file(s) with errors, ${count('warning')} warning(s), ${count('info')} note(s)\n`,
  );
  return errors > 0 ? 1 : 0;
}

/** Failures the operator can fix, whose message says how: printed with their code (no stack), exit 2. */
function isOperatorError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof StateLockedError ||
    error instanceof StateStoreError ||
    error instanceof BuildTargetError ||
    error instanceof ForeignFolderError
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isOperatorError(error)) {
      stderr.write(`feedpub: ${error.code}: ${error.message}\n`);
      process.exit(2);
    }
    stderr.write(`feedpub: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

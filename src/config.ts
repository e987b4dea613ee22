// Load, validate and freeze the configuration: flags win over the config file, which wins over defaults.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isValidTimeZone } from './core/dateline.js';
import { FutureStories } from './core/release.js';
import { DEFAULT_BOILERPLATE_MARKERS } from './core/boilerplate-markers.js';
import { ConfigError } from './core/errors.js';
import { cleanLine } from './core/text.js';
import { PRECOMPRESS, type Precompress } from './publish/build-precompress.js';

export interface Config {
  /** Absolute path of the articles folder. */
  articlesDir: string;
  /** Absolute path of the state folder (SQLite store). */
  stateDir: string;
  host: string;
  port: number;
  /** The editor's desk (a second, private listener): its port (0: a free one), or off. */
  admin: {
    host: string;
    port: number | 'off';
    /** Given by flag, environment or file: a port that cannot be bound is then fatal, not skipped. */
    explicit: boolean;
  };
  /** Public URL without trailing slash; undefined means `http://HOST:PORT` once bound. */
  baseUrl: string | undefined;
  site: {
    title: string;
    description: string;
    language: string;
    author: string;
    /** Feed id (a URI); defaults to the base URL plus `/`. */
    id: string | undefined;
  };
  itemLimit: number;
  boilerplateMarkers: readonly string[];
  timeZone: string;
  /** Seconds for Cache-Control max-age and RSS ttl. */
  maxAge: number;
  maxFileBytes: number;
  maxTitleLength: number;
  /** Seconds between full reconcile scans (0 disables). */
  reconcileSeconds: number;
  /** Use polling instead of native file events. */
  poll: boolean;
  /** Absolute path of the static assets folder. */
  publicDir: string;
  /** Days a deleted story stays in the Atom feed as an RFC 6721 tombstone (0: none). */
  tombstoneDays: number;
  /** WebSub hubs to notify after each change (config `websub.hubs`). */
  websubHubs: readonly string[];
  /** Stories dated in the future: held until their date (default), or published at once without it. */
  futureStories: FutureStories;
  /** Agency and publication names that are credits, added to the built-in list (core/known-credits.ts). */
  credits: readonly string[];
  /** What feeds carry of each story: the full text (default) or the summary only; pages always have the full text. */
  feedContent: 'full' | 'summary';
  /** Which documents `build` writes with .gz and .br beside them (publish/build-precompress.ts). */
  precompress: Precompress;
}

export { DEFAULT_BOILERPLATE_MARKERS } from './core/boilerplate-markers.js';

/** Flags and environment values as given; all optional, all strings or booleans. */
export interface ConfigInput {
  articles?: string;
  port?: string;
  host?: string;
  adminPort?: string;
  adminHost?: string;
  baseUrl?: string;
  state?: string;
  config?: string;
  poll?: boolean;
}

const FILE_FIELDS = new Set([
  'title',
  'description',
  'language',
  'author',
  'id',
  'itemLimit',
  'boilerplateMarkers',
  'timeZone',
  'maxAge',
  'maxFileBytes',
  'maxTitleLength',
  'reconcileSeconds',
  'baseUrl',
  'port',
  'host',
  'adminPort',
  'adminHost',
  'articles',
  'state',
  'poll',
  'websub',
  'tombstoneDays',
  'futureStories',
  'credits',
  'feedContent',
  'precompress',
]);

/**
 * Build the configuration from flags (`input`), environment (`env`) and the config file
 * (`--config`, else `./feedpub.config.json` when present). Throws ConfigError naming the field,
 * or every bad field at once.
 *
 * Long on purpose (about 100 lines): one field after another, in the order of the README's
 * table, each validated where it is read; splitting it would scatter that table.
 */
export function loadConfig(input: ConfigInput, env: NodeJS.ProcessEnv, cwd: string, packageDir: string): Readonly<Config> {
  const configPath = input.config ?? env.FEEDPUB_CONFIG;
  const file = readConfigFile(configPath ? path.resolve(cwd, configPath) : path.join(cwd, 'feedpub.config.json'), configPath !== undefined);
  const fileName = file.path;
  const f = file.values;
  const str = (key: string): string | undefined => {
    const v = f[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new ConfigError(key, 'must be a string', fileName);
    return v;
  };
  const num = (key: string, min: number, max: number): number | undefined => {
    const v = f[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new ConfigError(key, `must be a whole number from ${min} to ${max}`, fileName);
    }
    return v;
  };

  // Every bad field is said at once (new-user trial: one per start, fixed one after another).
  const { unknown } = file;
  const known = `(known: ${[...FILE_FIELDS].join(', ')})`;
  const errors: ConfigError[] =
    unknown.length === 0 ? [] : [new ConfigError(unknown.join(', '), `${unknown.length === 1 ? 'unknown field' : 'unknown fields'} ${known}`, fileName)];
  const checked = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      errors.push(error);
      return fallback;
    }
  };
  const port = checked(() => parsePort(input.port ?? env.PORT, num('port', 0, 65535)), 8080);
  const host = checked(() => input.host ?? env.HOST ?? str('host') ?? '127.0.0.1', '127.0.0.1');
  const adminHost = checked(() => input.adminHost ?? env.FEEDPUB_ADMIN_HOST ?? str('adminHost'), undefined);
  const admin = checked(() => parseAdmin(input.adminPort ?? env.FEEDPUB_ADMIN_PORT, f.adminPort, adminHost, fileName), undefined);
  const baseUrl = checked(() => parseBaseUrl(input.baseUrl ?? env.FEEDPUB_BASE_URL ?? str('baseUrl')), undefined);
  const language = checked(() => {
    const tag = str('language') ?? 'en';
    if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag))
      throw new ConfigError('language', `"${tag}" is not a language tag such as th or en-US`, fileName);
    return tag;
  }, 'en');
  const timeZone = checked(() => {
    const zone = str('timeZone') ?? 'Asia/Bangkok';
    if (!isValidTimeZone(zone)) throw new ConfigError('timeZone', `"${zone}" is not an IANA time zone such as Asia/Bangkok`, fileName);
    return zone;
  }, 'Asia/Bangkok');
  const id = checked(() => {
    const uri = str('id');
    if (uri !== undefined && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri)) throw new ConfigError('id', 'must be a URI (tag:, urn: or http:)', fileName);
    return uri;
  }, undefined);
  const markers = checked(() => {
    const list = f.boilerplateMarkers;
    if (list !== undefined && (!Array.isArray(list) || list.some((m) => typeof m !== 'string' || m.trim() === ''))) {
      throw new ConfigError('boilerplateMarkers', 'must be a list of non-empty strings', fileName);
    }
    return list as string[] | undefined;
  }, undefined);
  const websubHubs = checked(() => readHubs(f.websub, fileName), []);
  const poll = checked(() => {
    if (f.poll !== undefined && typeof f.poll !== 'boolean') throw new ConfigError('poll', 'must be true or false', fileName);
    return f.poll as boolean | undefined;
  }, undefined);
  const futureStories = checked(() => oneOf('futureStories', str('futureStories'), Object.values(FutureStories), fileName), undefined) ?? FutureStories.Hold;
  const feedContent = checked(() => oneOf('feedContent', str('feedContent'), ['full', 'summary'] as const, fileName), undefined) ?? 'full';
  const precompress = checked(() => oneOf('precompress', str('precompress'), PRECOMPRESS, fileName), undefined) ?? 'feeds';
  const credits = checked(() => {
    const list = f.credits;
    if (list !== undefined && (!Array.isArray(list) || list.some((c) => typeof c !== 'string' || c.trim() === '' || c.length > 80))) {
      throw new ConfigError('credits', 'must be a list of agency or publication names (each 1 to 80 characters)', fileName);
    }
    return list as string[] | undefined;
  }, undefined);
  const title = checked(() => {
    const line = cleanLine(str('title') ?? 'feedpub');
    if (line === '') throw new ConfigError('title', 'must not be empty', fileName);
    return line;
  }, 'feedpub');
  const text = (key: string, fallback: string) => checked(() => str(key) ?? fallback, fallback);
  const whole = (key: string, min: number, max: number, fallback: number) => checked(() => num(key, min, max), undefined) ?? fallback;

  const config: Config = {
    articlesDir: path.resolve(cwd, input.articles ?? env.FEEDPUB_ARTICLES ?? text('articles', 'articles')),
    stateDir: path.resolve(cwd, input.state ?? env.FEEDPUB_STATE ?? text('state', '.feedpub')),
    host,
    port,
    admin: admin as Config['admin'],
    baseUrl,
    site: {
      title,
      description: cleanLine(text('description', 'Latest stories')),
      language,
      author: cleanLine(text('author', title)) || title,
      id,
    },
    itemLimit: whole('itemLimit', 1, 10_000, 50),
    boilerplateMarkers: Object.freeze([...(markers ?? DEFAULT_BOILERPLATE_MARKERS)]),
    timeZone,
    maxAge: whole('maxAge', 0, 31_536_000, 300),
    maxFileBytes: whole('maxFileBytes', 1024, 1024 * 1024 * 1024, 4 * 1024 * 1024),
    maxTitleLength: whole('maxTitleLength', 20, 2000, 300),
    reconcileSeconds: whole('reconcileSeconds', 0, 86_400, 300),
    poll: input.poll ?? poll ?? false,
    publicDir: path.join(packageDir, 'public'),
    tombstoneDays: whole('tombstoneDays', 0, 3650, 30),
    websubHubs,
    futureStories,
    credits: Object.freeze([...(credits ?? [])]),
    feedContent,
    precompress,
  };
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) {
    const [first, ...rest] = errors as [ConfigError, ...ConfigError[]];
    const said = first.message.slice(first.field.length + 2);
    throw new ConfigError(first.field, `${said}; ${rest.map((e) => e.message).join('; ')}`, fileName);
  }
  return deepFreeze(config);
}

function oneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[], file: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new ConfigError(field, `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`, file);
  return value as T;
}

function readHubs(value: unknown, file: string): string[] {
  if (value === undefined) return [];
  const hubs = (value as { hubs?: unknown } | null)?.hubs;
  if (value === null || typeof value !== 'object' || !Array.isArray(hubs)) {
    throw new ConfigError('websub', 'must be an object like { "hubs": ["https://hub.example/"] }', file);
  }
  return hubs.map((hub, i) => {
    try {
      const url = new URL(String(hub));
      if (typeof hub === 'string' && (url.protocol === 'https:' || url.protocol === 'http:')) return url.href;
    } catch {
      // reported below
    }
    throw new ConfigError(`websub.hubs[${i}]`, `"${String(hub)}" is not an http(s) URL`, file);
  });
}

/** A configuration file is a few hundred bytes: one past this is not one (`--config /dev/zero` grew to 2.4 GB). */
const CONFIG_MAX_BYTES = 1024 * 1024;

function readConfigFile(file: string, required: boolean): { path: string; values: Record<string, unknown>; unknown: string[] } {
  let text: string;
  try {
    // Looked at first: reading a FIFO waits for a writer for ever, and a device never ends.
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a regular file');
    if (st.size > CONFIG_MAX_BYTES) throw new Error(`${st.size} bytes, more than a configuration file holds (${CONFIG_MAX_BYTES})`);
    const bytes = readFileSync(file);
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new Error('it is UTF-16; save it as UTF-8');
    text = bytes.toString('utf8');
  } catch (cause) {
    if (!required && (cause as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, values: {}, unknown: [] };
    throw new ConfigError('config', `cannot read ${file}: ${(cause as Error).message}`, file);
  }
  let values: unknown;
  try {
    // A byte order mark (an editor on Windows writes one) is not JSON, but says nothing either.
    values = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (cause) {
    throw new ConfigError('config', `${file} is not valid JSON: ${(cause as Error).message}`, file);
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new ConfigError('config', `${file} must hold a JSON object`, file);
  }
  const unknown = Object.keys(values).filter((key) => !FILE_FIELDS.has(key));
  return { path: file, values: values as Record<string, unknown>, unknown };
}

function parsePort(flag: string | undefined, fromFile: number | undefined): number {
  if (flag === undefined) return fromFile ?? 8080;
  if (!/^\d+$/.test(flag) || Number(flag) > 65535) throw new ConfigError('port', `"${flag}" is not a port number (0-65535)`);
  return Number(flag);
}

/** The desk's listener: `--admin-port` / FEEDPUB_ADMIN_PORT, else the file's `adminPort` (a number or "off"), else 8081. */
function parseAdmin(flag: string | undefined, fromFile: unknown, host: string | undefined, file: string): Config['admin'] {
  const adminHost = host ?? '127.0.0.1';
  if (adminHost.trim() === '') throw new ConfigError('admin-host', 'must not be empty');
  if (flag !== undefined) {
    if (flag === 'off') return { host: adminHost, port: 'off', explicit: true };
    if (!/^\d+$/.test(flag) || Number(flag) > 65535) throw new ConfigError('admin-port', `"${flag}" is not a port number (0-65535) or off`);
    return { host: adminHost, port: Number(flag), explicit: true };
  }
  if (fromFile === undefined) return { host: adminHost, port: 8081, explicit: false };
  if (fromFile === 'off') return { host: adminHost, port: 'off', explicit: true };
  if (typeof fromFile !== 'number' || !Number.isInteger(fromFile) || fromFile < 0 || fromFile > 65535)
    throw new ConfigError('adminPort', 'must be a port number (0-65535) or "off"', file);
  return { host: adminHost, port: fromFile, explicit: true };
}

function parseBaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('base-url', `"${value}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('base-url', 'must be http: or https:');
  if (url.search || url.hash) throw new ConfigError('base-url', 'must not have a query or fragment');
  // It is written into every link and the feed's id: a user name or password there is published (attack trial).
  if (url.username || url.password) throw new ConfigError('base-url', 'must not hold a user name or password (it is published in every link)');
  return url.href.replace(/\/+$/, '');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

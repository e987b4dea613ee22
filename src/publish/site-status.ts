// What a live site starts with (its options), what it reports about itself, and the Site its configuration describes.
import type { Config } from '../config.js';
import type { Problem, Site } from '../core/model.js';
import type { Logger } from '../log.js';
import type { HeadersFor } from '../snapshot/headers.js';
import type { StateDb } from '../store/state-db.js';
import { siteUrls } from '../core/routes.js';
import type { ScanReport } from './reconciler.js';
import type { RebuildReport } from './site-builder.js';
import type { NotifierStatus } from './websub-notifier.js';

export interface LiveSiteOptions {
  config: Readonly<Config>;
  /** Public URL without trailing slash. */
  baseUrl: string;
  log: Logger;
  /** Watch for file events (serve) or read once (build, check). */
  watch: boolean;
  /** Run the periodic full reconcile (default: same as `watch`). Alone, it serves folders where no events arrive. */
  reconcile?: boolean;
  /** Keep no state on disk (check). */
  ephemeral?: boolean;
  clock?: () => number;
  /** First WebSub retry delay in ms (tests shorten it). */
  websubRetryMs?: number;
  /** Extra headers for snapshot documents, by media type (the HTTP layer's security policy). */
  responseHeaders?: HeadersFor;
  /** Files a scan applies in one step, between which a stop is heard (default 4096; tests make it small). */
  scanStep?: number;
  /** Called during the first scan with files done and total. */
  onProgress?: (done: number, total: number) => void;
  /** Parse on worker threads (default) or in-line (`check`, which reads each file once). */
  workers?: boolean;
  /** The store, already opened (serve opens it before listening); else opened here. Closed by `close()`. */
  store?: StateDb;
  /** Keep a rolling backup of the store: after the first scan, every `backupEveryMs`, and at close (serve). */
  backupEveryMs?: number;
  /**
   * `--adopt-folder`: the articles folder is this site's whatever it holds (a start does not refuse
   * it, the first scan does not hold it as another site's): for a folder renamed and edited at once,
   * which neither its names nor its bytes tell. Stories not found are taken down.
   */
  adoptFolder?: boolean;
}

export interface SiteStatus {
  /** Stories are served: the stored ones while the first scan runs (a restart), or the scanned ones. /healthz says 200. */
  ready: boolean;
  /** The first scan of the folder is done: what is served matches the files. */
  scanned: boolean;
  articles: number;
  drafts: number;
  problems: Problem[];
  /** The last regeneration: total ms, the part spent rendering and encoding (compression, hashing), story pages re-indexed. */
  lastRebuild: RebuildReport | null;
  /** The last full scan: files found, and files read because they were new or changed. */
  lastScan: ScanReport | null;
  /** `recovering`: the articles folder vanished or was replaced, and is not (yet) watched again. */
  watcher: 'native' | 'polling' | 'recovering' | 'starting' | 'off';
  /** Stories held until their date (embargoes), soonest first. */
  held: { path: string; until: string }[];
  /** WebSub pings to the configured hubs (absent when none is configured). */
  websub?: NotifierStatus;
}

/** The site described by the configuration, at `baseUrl`; `id`: the feed's (publish/site-id.ts), else made from the URL. */
export function siteFromConfig(config: Readonly<Config>, baseUrl: string, id = config.site.id ?? siteUrls(baseUrl).home): Site {
  return {
    title: config.site.title,
    description: config.site.description,
    language: config.site.language,
    author: config.site.author,
    baseUrl,
    id,
    itemLimit: config.itemLimit,
    maxAge: config.maxAge,
    hubs: config.websubHubs,
    feedContent: config.feedContent,
  };
}

// The editor's desk: a second, private listener (loopback by default) with every file's state, previews, full /status and live events.
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import path from 'node:path';
import { pickDeskWords } from '../core/desk-words.js';
import { parseDeskQuery, renderDesk, renderDeskPreview } from '../core/render/desk.js';
import { ENDPOINTS, matchRoute } from '../core/routes.js';
import type { Logger } from '../log.js';
import { DeskState, type DeskSource, type SiteEvent } from '../publish/desk-state.js';
import type { DeskPreviewEntry } from '../publish/desk-preview-source.js';
import { readArticleImage } from './article-media.js';
import { answerClientError, refuseConnect } from './client-error.js';
import { DeskEvents } from './desk-events.js';

/** What the desk needs of the running site (publish/live-site.ts). */
export interface DeskSite {
  status(): unknown;
  deskSource(): DeskSource;
  preview(relPath: string): Promise<DeskPreviewEntry | undefined>;
  onEvent(listener: (event: SiteEvent) => void): () => void;
}

export interface DeskOptions {
  site: DeskSite;
  publicDir: string;
  log: Logger;
  clock?: () => number;
}

/** Files the desk serves from public/: its own script and style, and the readers' style (for previews). */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/desk.js': { file: 'desk.js', type: 'text/javascript; charset=utf-8' },
  '/desk.css': { file: 'desk.css', type: 'text/css; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

/**
 * The desk's headers: script only from the desk itself (no inline script), events from the same
 * origin, images from the desk and the public site (previews), nothing cached, no referrer leaving
 * a private page.
 */
export function deskHeaders(publicBaseUrl: string): Readonly<Record<string, string>> {
  const origin = new URL(publicBaseUrl).origin;
  return Object.freeze({
    'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' ${origin}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
}

export interface Desk {
  server: Server;
  events: DeskEvents;
  close(): void;
}

/** The desk's server (not yet listening). GET and HEAD only: the desk changes nothing. */
export function createDesk(options: DeskOptions): Desk {
  const clock = options.clock ?? Date.now;
  const source = options.site.deskSource();
  const state = new DeskState(source, clock);
  const words = pickDeskWords(source.site.language);
  const events = new DeskEvents(state, words, clock);
  const unsubscribe = options.site.onEvent((event) => events.handle(event));
  const headers = deskHeaders(source.baseUrl);
  const assets = new Map(
    Object.entries(ASSETS).map(([urlPath, a]) => [urlPath, { type: a.type, body: readFileSync(path.join(options.publicDir, a.file)) }]),
  );
  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, head: boolean) => {
    res.writeHead(status, { ...headers, 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
    res.end(head ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const head = req.method === 'HEAD';
    // DNS rebinding: a web page whose name resolves to 127.0.0.1 must not read the desk. Only an
    // address or localhost is a Host the desk answers (a proxy in front sets `Host: 127.0.0.1`).
    if (!isLocalHostHeader(req.headers.host)) {
      return send(res, 421, 'text/plain; charset=utf-8', 'the desk answers only to an IP address or localhost as Host\n', false);
    }
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', false);
    }
    const url = new URL(req.url ?? '/', 'http://desk.invalid');
    const asset = assets.get(url.pathname);
    if (asset) return send(res, 200, asset.type, asset.body, head);
    // Browsers ask for it by themselves: no icon, and no 404 in the console (new-user trial).
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    if (url.pathname === '/') {
      const html = renderDesk(state.view(), words, { now: new Date(clock()), filter: parseDeskQuery(url.searchParams) });
      return send(res, 200, 'text/html; charset=utf-8', html, head);
    }
    if (url.pathname === '/preview') {
      const entry = await options.site.preview(url.searchParams.get('path') ?? '');
      if (!entry) return send(res, 404, 'text/plain; charset=utf-8', 'no preview for this file\n', head);
      return send(res, 200, 'text/html; charset=utf-8', renderDeskPreview(entry, words, { site: source.site }), head);
    }
    // The images beside the stories, held stories' too (the public port keeps those back): a
    // preview of an embargoed story shows its pictures (new-user trial: they were broken).
    const route = matchRoute(url.pathname);
    if (route?.kind === 'image') {
      // Not from a folder held as another site's or empty: its photo.png is not a story's (new-user trial).
      const trusted = source.imagesTrusted?.() ?? true;
      const image = trusted ? await readArticleImage(source.articlesDir, route.relPath, source.imageRoot) : undefined;
      return image ? send(res, 200, image.type, image.body, head) : send(res, 404, 'text/plain; charset=utf-8', 'not found\n', head);
    }
    if (url.pathname === ENDPOINTS.status)
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(options.site.status()), head);
    if (url.pathname === '/events' && !head) {
      if (!events.open(res, headers)) send(res, 503, 'text/plain; charset=utf-8', 'too many desks open\n', false);
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found\n', head);
  };

  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log.error('desk.error', {
        url: (req.url ?? '').slice(0, 200),
        reason: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n', false);
      else res.end();
    });
  });
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  server.headersTimeout = 10_000;
  server.requestTimeout = 0; // the event stream stays open
  return {
    server,
    events,
    close() {
      unsubscribe();
      events.close();
    },
  };
}

/** A Host header naming an IP address (v4 or bracketed v6) or localhost, with or without a port. */
export function isLocalHostHeader(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(name) || /^\[[0-9a-f:.]+\]$/.test(name);
}

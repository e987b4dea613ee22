// The node:http front door: snapshot documents answered directly, everything else handed to express.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Express } from 'express';
import type { Snapshot } from '../snapshot/snapshot.js';
import { MAX_URL_LENGTH, answerClientError, refuseConnect } from './client-error.js';
import { type UrlFate, answerMoved, answerRespelled } from './moved.js';
import { findDocument, serveDocument } from './serve-snapshot.js';

/** The scheme and authority of an absolute-form request target (`http://host:port`). */
const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/**
 * RFC 9112 §3.2.2: a server must accept `GET http://host/feed.xml HTTP/1.1` and serve it as
 * `/feed.xml` (one site answers whatever the authority). Other targets are returned unchanged.
 */
export function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  const m = ABSOLUTE_FORM.exec(target);
  if (!m) return target;
  const rest = target.slice(m[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

export interface FrontDoorOptions {
  /** Milliseconds a client may take to send its headers (slowloris guard). */
  headersTimeout?: number;
  /** Milliseconds a client may take to send the whole request. */
  requestTimeout?: number;
  /** Old story URLs (renamed: 301, deleted: 410), looked up only when the snapshot has no document. */
  moved?: { fateOf: (urlPath: string) => UrlFate; baseUrl: () => string };
}

/**
 * A server whose hot path (feeds and pages) never enters express's router: on loopback that
 * path serves several times the requests per second. Timeouts bound slow clients.
 */
export function createFrontDoor(snapshot: () => Snapshot, app: Express, options: FrontDoorOptions = {}): Server {
  const headersTimeout = options.headersTimeout ?? 10_000;
  // Node checks the timeouts every connectionsCheckingInterval (30 s by default): check often enough to honour them.
  const server = createServer(
    { maxHeaderSize: 16 * 1024, connectionsCheckingInterval: Math.min(1000, headersTimeout) },
    (req: IncomingMessage, res: ServerResponse) => {
      const url = originForm(req.url ?? '/');
      // express routes on req.url: give it the origin form too.
      req.url = url;
      // RFC 9112 §3.2: a request with more than one Host is refused (a proxy and this server could disagree on it).
      if (hostCount(req.rawHeaders) > 1) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end('more than one Host header\n');
        return;
      }
      if (url.length > MAX_URL_LENGTH) {
        res.writeHead(414, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end('URI too long\n');
        return;
      }
      if (req.method === 'GET' || req.method === 'HEAD') {
        const doc = findDocument(snapshot(), url);
        if (doc) {
          serveDocument(req, res, doc);
          return;
        }
        const moved = options.moved;
        if (moved && answerMoved(req, res, moved.fateOf, moved.baseUrl())) return;
        if (moved && answerRespelled(req, res, (p) => findDocument(snapshot(), p) !== undefined, moved.baseUrl())) return;
      }
      app(req, res);
    },
  );
  server.on('clientError', answerClientError);
  server.on('connect', refuseConnect);
  server.headersTimeout = headersTimeout;
  server.requestTimeout = options.requestTimeout ?? 30_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

function hostCount(raw: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if ((raw[i] as string).length === 4 && (raw[i] as string).toLowerCase() === 'host') n++;
  return n;
}

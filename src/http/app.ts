// express: health, status, static assets, and the error shape for everything the snapshot does not answer.
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../log.js';
import { DESK_ASSETS, ENDPOINTS } from '../core/routes.js';
import { renderErrorPage } from '../core/render/error-page.js';
import { articleMedia } from './article-media.js';
import { SECURITY_HEADERS } from './security-headers.js';
import type { RootIdentity } from '../watch/root-guard.js';

/** What /status reports: `ready` decides /healthz, which also says whether the first scan is done; the rest is shown as JSON. */
export interface StatusReport {
  ready: boolean;
  scanned: boolean;
}

export interface AppOptions {
  publicDir: string;
  /** Images saved beside the stories are served from here. */
  articlesDir: string;
  status: () => StatusReport;
  /** Stories are served (status().ready, without making the whole status). */
  ready: () => boolean;
  log: Logger;
  /** The site's language: error pages speak it. */
  language: string;
  /** An image a published story names or shows: any other is 404 (held and draft stories' until they are out). */
  imagePublic?: (relPath: string) => boolean;
  /** Whether the folder an image is read from is the one the site judged (not one swapped in a moment ago). */
  imageRoot?: (root: RootIdentity) => boolean;
}

/** An HTTP error with a status code; the one error handler turns it into a response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function createApp(options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    // Whether a request that ends in the catch-all below is a 404 or a 503 is decided as it
    // arrives: the site can become ready while an image or static lookup is under way, and a
    // request sent before it was must not be told a feed is gone (attack trial: 404s at that moment).
    res.locals.readyOnArrival = options.ready();
    next();
  });
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.set('allow', 'GET, HEAD');
    next(new HttpError(405, `method ${req.method} not allowed`));
  });

  app.get(ENDPOINTS.health, (_req, res) => {
    const { ready, scanned } = options.status();
    res
      .status(ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status: ready ? 'ok' : 'starting', scan: scanned ? 'done' : 'running' });
  });
  app.get(ENDPOINTS.status, (_req, res) => {
    res.set('cache-control', 'no-store').json(options.status());
  });
  app.use(articleMedia(options.articlesDir, options.imagePublic, options.imageRoot));
  // The desk's script and stylesheet are the desk's, served on its own port.
  app.use((req, _res, next) => next(DESK_ASSETS.has(req.path) ? new HttpError(404, `no such page: ${req.path}`) : undefined));
  app.use(express.static(options.publicDir, { index: false, redirect: false, dotfiles: 'ignore', maxAge: '1h', fallthrough: true }));

  // Before the first stories are served, nothing is known missing: a reader or a monitor must not take 404 for a feed gone.
  app.use((req, res, next) => {
    if (res.locals.readyOnArrival === true) return next(new HttpError(404, `no such page: ${req.path}`));
    res.set('retry-after', '5');
    next(new HttpError(503, 'starting: the stories are being read; try again in a few seconds'));
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const known = error instanceof HttpError ? error : undefined;
    // express and its parsers signal client errors (bad URL encoding, ...) with status or statusCode.
    const status = known?.status ?? clientStatus(error) ?? 500;
    // 503 is the one server status said on purpose (starting); any other is a fault, logged and not shown.
    const fault = status >= 500 && status !== 503;
    if (fault)
      options.log.error('http.error', {
        method: req.method,
        url: req.originalUrl.slice(0, 200),
        reason: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    const message = fault ? 'internal error' : (known?.message ?? 'bad request');
    res.status(status).set('cache-control', 'no-store');
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: { status, message } });
    } else {
      res.type('html').send(renderErrorPage(options.language, status, message));
    }
  });
  return app;
}

function clientStatus(error: unknown): number | undefined {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

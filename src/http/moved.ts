// Old URLs: 301 to where a renamed or re-slugged story went, 410 Gone for a deleted one (RFC 9110 §15.4.2, §15.5.11); 301 for a category or author URL spelled as links once wrote it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { canonicalPath, facetRespelled, matchRoute } from '../core/routes.js';
import { escapeHtml } from '../core/text.js';
import { SECURITY_HEADERS } from './security-headers.js';

/** Where an old URL path leads, as the state store keeps it (StateDb.redirectFor). */
export type UrlFate = { to: string } | { gone: true } | undefined;

/** A minute: a move can be undone (the old name saved again), so caches must not keep it for long. */
const MOVED_CACHE = 'public, max-age=60';

/**
 * Answer a GET or HEAD for a story URL the snapshot does not hold, when the store knows its fate;
 * false (nothing written) otherwise. Only `/articles/...` paths are looked up, in the form links
 * write them (a path spelled with another percent-encoding is canonicalized first).
 */
export function answerMoved(req: IncomingMessage, res: ServerResponse, fateOf: (urlPath: string) => UrlFate, baseUrl: string): boolean {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const pathname = q < 0 ? raw : raw.slice(0, q);
  if (matchRoute(pathname)?.kind !== 'article' && matchRoute(canonicalPath(pathname) ?? '')?.kind !== 'article') return false;
  const fate = fateOf(pathname) ?? fateOf(canonicalPath(pathname) ?? pathname);
  if (!fate) return false;
  return answerFate(req, res, fate, baseUrl, 'story');
}

/**
 * Answer a GET or HEAD for a category or author URL spelled as links once wrote it (`%2F` in a
 * name) with a 301 to its spelling now, when the site has that page or feed (`has`); false otherwise.
 * A feed reader that follows a permanent redirect keeps the new URL.
 */
export function answerRespelled(req: IncomingMessage, res: ServerResponse, has: (urlPath: string) => boolean, baseUrl: string): boolean {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const to = facetRespelled(q < 0 ? raw : raw.slice(0, q));
  if (to === undefined || !has(to)) return false;
  return answerFate(req, res, { to }, baseUrl, 'page');
}

function answerFate(
  req: IncomingMessage,
  res: ServerResponse,
  fate: NonNullable<UrlFate>,
  baseUrl: string,
  what: 'story' | 'page',
): boolean {
  const headers: Record<string, string> = { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': MOVED_CACHE };
  let body: string;
  if ('to' in fate) {
    const location = baseUrl + fate.to;
    headers.location = location;
    body = `<!doctype html><title>Moved</title><p>This ${what} moved to <a href="${escapeHtml(location)}">${escapeHtml(location)}</a>.</p>\n`;
    res.writeHead(301, headers);
  } else {
    body = '<!doctype html><title>Gone</title><p>This story was removed.</p>\n';
    res.writeHead(410, headers);
  }
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

// Answer a request from the snapshot: document lookup, conditional GET, HEAD, encoding negotiation; no per-request work.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import { canonicalPath } from '../core/routes.js';
import type { Snapshot, SnapshotDoc, Variant } from '../snapshot/snapshot.js';
import { isNotModified } from './conditional-get.js';

const ENCODINGS = ['br', 'gzip', 'identity'];
/** Accept-Encoding values repeat across millions of polls: remember the choice for each. */
const negotiated = new Map<string, 'br' | 'gzip' | 'identity'>();

/** The snapshot document for a request path, or undefined. Tolerates equivalent percent-encodings. */
export function findDocument(snapshot: Snapshot, rawUrl: string): SnapshotDoc | undefined {
  const q = rawUrl.indexOf('?');
  const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const direct = snapshot.get(pathname);
  if (direct) return direct;
  const canonical = canonicalPath(pathname);
  return canonical === undefined ? undefined : snapshot.get(canonical);
}

function chooseEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  if (header === undefined || header === '') return 'identity';
  let choice = negotiated.get(header);
  if (choice === undefined) {
    // negotiator 1.x takes a preference order for ties (br before gzip); its @types predate it.
    const negotiator = new Negotiator({ headers: { 'accept-encoding': header } }) as unknown as {
      encoding(available: string[], options: { preferred: string[] }): string | undefined;
    };
    const best = negotiator.encoding(ENCODINGS, { preferred: ENCODINGS });
    choice = best === 'br' || best === 'gzip' ? best : 'identity';
    if (negotiated.size > 1000) negotiated.clear();
    negotiated.set(header, choice);
  }
  return choice;
}

/** Write `doc` for a GET or HEAD request. */
export function serveDocument(req: IncomingMessage, res: ServerResponse, doc: SnapshotDoc): void {
  const headers = req.headers;
  const variant: Variant = doc[chooseEncoding(headers['accept-encoding'])];
  if (isNotModified(headers, doc)) {
    res.writeHead(304, variant.raw304);
    res.end();
    return;
  }
  // Browsers navigate with Accept: text/html,...; feed readers ask for feeds or */*.
  const browser = variant.rawBrowser !== undefined && headers.accept?.startsWith('text/html') === true;
  res.writeHead(200, browser ? (variant.rawBrowser as string[]) : variant.raw);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}

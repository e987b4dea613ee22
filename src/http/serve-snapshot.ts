// Answer a request from the snapshot: conditional GET, HEAD, encoding negotiation; no per-request work.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Negotiator from 'negotiator';
import type { Snapshot, SnapshotDoc, Variant } from '../publish/snapshot.js';
import { encodeSegment } from '../core/paths.js';

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

/** Re-encode each segment the way links are written; undefined for malformed encodings or `%2F` in a segment. */
export function canonicalPath(pathname: string): string | undefined {
  try {
    return pathname
      .split('/')
      .map((s) => encodeSegment(decodeURIComponent(s).normalize('NFC')))
      .join('/');
  } catch {
    return undefined;
  }
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

/** RFC 9110 §13.1.2: weak comparison; any encoding's tag of the same bytes matches. */
function matchesEtag(header: string, doc: SnapshotDoc): boolean {
  // Pollers send back exactly the tag they were given: compare that before parsing a list.
  if (header === doc.gzip.etag || header === doc.br.etag || header === doc.identity.etag) return true;
  if (header.trim() === '*') return true;
  for (const raw of header.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === doc.identity.etag || tag === doc.gzip.etag || tag === doc.br.etag) return true;
  }
  return false;
}

/** True when the client's copy is current (If-None-Match first; If-Modified-Since only without it). */
function notModified(headers: IncomingMessage['headers'], doc: SnapshotDoc): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) return matchesEtag(inm, doc);
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && doc.lastModifiedMs <= since;
}

/** Write `doc` for a GET or HEAD request. */
export function serveDocument(req: IncomingMessage, res: ServerResponse, doc: SnapshotDoc): void {
  const headers = req.headers;
  const encoding = chooseEncoding(headers['accept-encoding']);
  const variant: Variant = doc[encoding];
  if (notModified(headers, doc)) {
    res.writeHead(304, variant.raw304);
    res.end();
    return;
  }
  // Browsers navigate with Accept: text/html,...; feed readers ask for feeds or */*.
  const browser = variant.rawBrowser !== undefined && headers.accept?.startsWith('text/html') === true;
  res.writeHead(200, browser ? (variant.rawBrowser as string[]) : variant.raw);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}

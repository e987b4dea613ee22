// Conditional GET (RFC 9110 §13): is the client's copy of a snapshot document current?
import type { IncomingHttpHeaders } from 'node:http';
import type { SnapshotDoc } from '../snapshot/snapshot.js';
import { parseHttpDate } from './http-date.js';

/**
 * RFC 9110 §13.1.2 If-None-Match, weak comparison: the tag of any encoding of the same bytes
 * matches (a cache that stored the gzip variant may revalidate for a brotli client).
 */
export function matchesEtag(header: string, doc: SnapshotDoc): boolean {
  // Pollers send back exactly the tag they were given: compare that before parsing a list.
  if (header === doc.gzip.etag || header === doc.br.etag || header === doc.identity.etag) return true;
  if (header.trim() === '*') return true;
  for (const raw of header.split(',')) {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === doc.identity.etag || tag === doc.gzip.etag || tag === doc.br.etag) return true;
  }
  return false;
}

/**
 * True when the client's copy is current: If-None-Match decides when present (§13.1.2); else
 * If-Modified-Since (§13.1.3) against the document's Last-Modified, to the second, and only when
 * it is a valid HTTP-date no later than `now` (a date in the future is ignored: §13.1.3).
 *
 * Not the `fresh` package: it compares a single ETag where every encoding has its own, and it
 * answers 200 to `Cache-Control: no-cache`, which RFC 9111 addresses to caches, not origins.
 */
export function isNotModified(headers: IncomingHttpHeaders, doc: SnapshotDoc, now: number = Date.now()): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) return matchesEtag(inm, doc);
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = parseHttpDate(ims, now);
  return since !== undefined && since <= now && doc.lastModifiedMs <= since;
}

// Rendered documents → immutable snapshot entries: bytes, gzip and brotli, strong ETag, Last-Modified.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Document } from '../core/render-site.js';

/** One encoding of a document, with its headers ready to write. */
export interface Variant {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** A document ready to serve: every encoding computed once, never per request. */
export interface SnapshotDoc {
  path: string;
  contentType: string;
  lastModifiedMs: number;
  /** Opaque ETag value (without quotes or encoding suffix). */
  tag: string;
  identity: Variant;
  gzip: Variant;
  br: Variant;
}

export type Snapshot = ReadonlyMap<string, SnapshotDoc>;

/**
 * Build the snapshot for `docs`, reusing the compressed variants of any document whose bytes
 * are unchanged since `previous`, so a regeneration compresses only what changed.
 * gzip level 6 and brotli quality 6: close to the best size at a fraction of level 9/11's cost.
 */
export function buildSnapshot(
  docs: readonly Document[],
  previous: Snapshot | undefined,
  extraHeaders: Readonly<Record<string, string>>,
): Snapshot {
  const out = new Map<string, SnapshotDoc>();
  for (const doc of docs) {
    const body = Buffer.from(doc.body, 'utf8');
    const tag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    const lastModifiedMs = Math.floor(doc.lastModified.getTime() / 1000) * 1000;
    const old = previous?.get(doc.path);
    if (old && old.tag === tag && old.contentType === doc.contentType && old.lastModifiedMs === lastModifiedMs) {
      out.set(doc.path, old);
      continue;
    }
    const lastModified = doc.lastModified.toUTCString();
    const variant = (bytes: Buffer, suffix: string, encoding?: string): Variant => {
      const etag = `"${tag}${suffix}"`;
      const headers: Record<string, string> = {
        'content-type': doc.contentType,
        'content-length': String(bytes.length),
        etag,
        'last-modified': lastModified,
        'cache-control': doc.cacheControl,
        vary: 'Accept-Encoding',
        ...extraHeaders,
      };
      if (encoding) headers['content-encoding'] = encoding;
      return { body: bytes, etag, headers };
    };
    out.set(doc.path, {
      path: doc.path,
      contentType: doc.contentType,
      lastModifiedMs,
      tag,
      identity: variant(body, ''),
      gzip: variant(gzipSync(body, { level: 6 }), '-gz', 'gzip'),
      br: variant(
        brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 6,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        }),
        '-br',
        'br',
      ),
    });
  }
  return out;
}

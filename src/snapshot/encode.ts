// Rendered documents → snapshot documents: bytes, gzip and brotli, a strong ETag, Last-Modified and the response headers of each.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { type Document, MEDIA_TYPES } from '../core/render/documents.js';
import { type HeaderPolicy, sharedHeaders } from './headers.js';
import type { SnapshotDoc, Variant } from './snapshot.js';

/**
 * Encode one document: bytes, gzip (level 6) and brotli (quality 6, close to the best size at a
 * fraction of level 9/11's cost), strong ETag, Last-Modified. `previous` is reused as is when
 * its bytes and date are unchanged, so an unchanged document is never compressed twice.
 */
export function encodeDocument(doc: Document & { navigated?: boolean }, policy: HeaderPolicy, previous?: SnapshotDoc): SnapshotDoc {
  const body = Buffer.from(doc.body, 'utf8');
  const tag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const lastModifiedMs = Math.floor(doc.lastModified.getTime() / 1000) * 1000;
  if (previous && previous.tag === tag && previous.contentType === doc.contentType && previous.lastModifiedMs === lastModifiedMs) {
    return previous;
  }
  const lastModified = doc.lastModified.toUTCString();
  const shared = sharedHeaders(doc, policy);
  const variant = (bytes: Buffer, suffix: string, encoding?: string): Variant => {
    const etag = `"${tag}${suffix}"`;
    const headers: Record<string, string> = {
      'content-type': doc.contentType,
      'content-length': String(bytes.length),
      etag,
      'last-modified': lastModified,
      'cache-control': shared.cacheControl,
      vary: shared.vary,
      ...shared.after,
    };
    if (encoding) headers['content-encoding'] = encoding;
    const raw304 = ['etag', etag, 'cache-control', shared.cacheControl, 'vary', shared.vary];
    return { body: bytes, etag, raw: Object.entries(headers).flat(), raw304 };
  };
  const render = doc.page;
  let page: SnapshotDoc | undefined;
  return {
    ...(render
      ? {
          page: () =>
            (page ??= encodeDocument(
              { ...doc, contentType: MEDIA_TYPES.html, body: render(), page: undefined, websubSelf: undefined, navigated: true },
              policy,
            )),
        }
      : {}),
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
  };
}

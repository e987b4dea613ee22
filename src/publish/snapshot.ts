// Rendered documents → encoded snapshot documents (bytes, gzip, brotli, strong ETag, Last-Modified) and the snapshot HTTP reads.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Document } from '../core/render-site.js';

/** One encoding of a document, with its headers ready to write. */
export interface Variant {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** `headers` as a flat [name, value, ...] list: node:http writes it without walking an object. */
  raw: string[];
  /** Headers of a 304 for this variant (RFC 9110 §15.4.5: validators and caching fields only). */
  raw304: string[];
  /**
   * Feeds only: `raw` with `application/xml` as the type, for a browser's navigation request.
   * Chromium shows application/rss+xml and atom+xml as plain text and never applies their
   * stylesheet; as application/xml the same bytes render through public/feed.xsl.
   */
  rawBrowser?: string[];
}

/** Extra response headers by media type (security policy for pages, nosniff for all). */
export type HeadersFor = (contentType: string) => Readonly<Record<string, string>>;

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

/** What the HTTP layer reads: a document per URL path. */
export interface Snapshot {
  get(path: string): SnapshotDoc | undefined;
  values(): Iterable<SnapshotDoc>;
  readonly size: number;
}

/**
 * The front documents (feeds, index) are swapped whole on every rebuild; story pages come from
 * a page store updated in place for the stories that changed, in the same synchronous step, so
 * a rebuild costs O(changed) however many stories there are, and no request sees half of one.
 */
export class SiteSnapshot implements Snapshot {
  private readonly sources: Snapshot[];
  constructor(
    private readonly front: ReadonlyMap<string, SnapshotDoc>,
    ...sources: Snapshot[]
  ) {
    this.sources = sources;
  }
  get(path: string): SnapshotDoc | undefined {
    const doc = this.front.get(path);
    if (doc) return doc;
    for (const s of this.sources) {
      const found = s.get(path);
      if (found) return found;
    }
    return undefined;
  }
  *values(): Iterable<SnapshotDoc> {
    yield* this.front.values();
    for (const s of this.sources) yield* s.values();
  }
  get size(): number {
    return this.sources.reduce((n, s) => n + s.size, this.front.size);
  }
}

export const EMPTY_SNAPSHOT: Snapshot = new SiteSnapshot(new Map());

/**
 * Encode one document: bytes, gzip (level 6) and brotli (quality 6, close to the best size at a
 * fraction of level 9/11's cost), strong ETag, Last-Modified. `previous` is reused as is when
 * its bytes and date are unchanged, so an unchanged document is never compressed twice.
 */
export function encodeDocument(doc: Document, headersFor: HeadersFor, previous?: SnapshotDoc): SnapshotDoc {
  const body = Buffer.from(doc.body, 'utf8');
  const tag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const lastModifiedMs = Math.floor(doc.lastModified.getTime() / 1000) * 1000;
  if (previous && previous.tag === tag && previous.contentType === doc.contentType && previous.lastModifiedMs === lastModifiedMs) {
    return previous;
  }
  const lastModified = doc.lastModified.toUTCString();
  // RSS and Atom go out as application/xml to browsers (see Variant.rawBrowser), so caches must key on Accept too.
  const styled = doc.contentType.startsWith('application/rss+xml') || doc.contentType.startsWith('application/atom+xml');
  const vary = styled ? 'Accept-Encoding, Accept' : 'Accept-Encoding';
  const variant = (bytes: Buffer, suffix: string, encoding?: string): Variant => {
    const etag = `"${tag}${suffix}"`;
    const headers: Record<string, string> = {
      'content-type': doc.contentType,
      'content-length': String(bytes.length),
      etag,
      'last-modified': lastModified,
      'cache-control': doc.cacheControl,
      vary,
      ...headersFor(doc.contentType),
      ...doc.headers,
    };
    if (encoding) headers['content-encoding'] = encoding;
    const raw304 = ['etag', etag, 'cache-control', doc.cacheControl, 'vary', vary];
    const variant: Variant = { body: bytes, etag, headers, raw: Object.entries(headers).flat(), raw304 };
    if (styled) variant.rawBrowser = Object.entries({ ...headers, 'content-type': 'application/xml; charset=utf-8' }).flat();
    return variant;
  };
  return {
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

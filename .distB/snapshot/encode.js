// Rendered documents → snapshot documents: bytes, gzip and brotli, a strong ETag, Last-Modified and the response headers of each.
import { hash } from 'node:crypto';
import { MEDIA_TYPES } from '../core/render/documents.js';
import { utf8Bytes, utf8Join } from '../core/utf8.js';
import { brotliBody, gzipBody } from './compress.js';
import { sharedHeaders } from './headers.js';
/**
 * Encode one document: bytes, gzip (level 6) and brotli (quality 6, close to the best size at a
 * fraction of level 9/11's cost), strong ETag, Last-Modified. `previous` is reused as is when
 * its bytes and date are unchanged, so an unchanged document is never compressed twice.
 *
 * Each compressed body is made on first use (then kept): a story page asked for with brotli
 * never pays for gzip, a 304 needs only the ETags, and `build` compresses on its write pool's
 * threads (or keeps the last build's files), never here. A feed's HTML page for browsers
 * (`page`) is encoded the same way, on its first request.
 */
export function encodeDocument(doc, policy, previous) {
    const body = bodyBytes(doc);
    return encodedDocument(doc, body, documentTag(body), policy, previous);
}
/** A document's UTF-8 bytes: from its pieces when it was rendered in pieces, never joining them. */
export function bodyBytes(doc) {
    return doc.pieces ? utf8Join(doc.pieces) : utf8Bytes(doc.body);
}
/** The strong validator of a document's bytes (every encoding's ETag starts with it). */
export function documentTag(bytes) {
    return hash('sha256', bytes, 'base64url').slice(0, 27);
}
/** A document whose bytes (UTF-8) and tag were made already, on another thread (a build's archive worker). */
export function encodedDocument(doc, body, tag, policy, previous) {
    const lastModifiedMs = Math.floor(doc.lastModified.getTime() / 1000) * 1000;
    if (previous && previous.tag === tag && previous.contentType === doc.contentType && previous.lastModifiedMs === lastModifiedMs) {
        return previous;
    }
    const lastModified = doc.lastModified.toUTCString();
    const shared = sharedHeaders(doc, policy);
    const variant = (make, suffix, encoding) => {
        const etag = `"${tag}${suffix}"`;
        let made;
        const get = () => {
            if (made)
                return made;
            const bytes = make();
            const headers = {
                'content-type': doc.contentType,
                'content-length': String(bytes.length),
                etag,
                'last-modified': lastModified,
                'cache-control': shared.cacheControl,
                vary: shared.vary,
                ...shared.after,
            };
            if (encoding)
                headers['content-encoding'] = encoding;
            made = { body: bytes, raw: Object.entries(headers).flat() };
            return made;
        };
        return {
            etag,
            raw304: ['etag', etag, 'cache-control', shared.cacheControl, 'vary', shared.vary],
            get body() {
                return get().body;
            },
            get raw() {
                return get().raw;
            },
        };
    };
    const render = doc.page;
    let page;
    return {
        ...(render
            ? {
                page: () => (page ??= encodeDocument(
                // Not a spread of `doc`: it would join the feed's pieces (its body is a getter) for nothing.
                { path: doc.path, contentType: MEDIA_TYPES.html, body: render(), lastModified: doc.lastModified, freshness: doc.freshness, navigated: true }, policy)),
            }
            : {}),
        path: doc.path,
        contentType: doc.contentType,
        lastModifiedMs,
        tag,
        identity: variant(() => body, ''),
        gzip: variant(() => gzipBody(body), '-gz', 'gzip'),
        br: variant(() => brotliBody(body), '-br', 'br'),
    };
}
/** Make both compressed bodies now: the front feeds are compressed when they change, never on a request. */
export function compressNow(doc) {
    // Reading a body makes it (encodeDocument's getters).
    doc.gzip.body;
    doc.br.body;
    return doc;
}
//# sourceMappingURL=encode.js.map
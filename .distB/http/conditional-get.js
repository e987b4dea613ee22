import { parseHttpDate } from './http-date.js';
const validatorsOf = (doc) => ({
    etags: [doc.identity.etag, doc.gzip.etag, doc.br.etag],
    lastModifiedMs: doc.lastModifiedMs,
});
/**
 * RFC 9110 §13.1.2 If-None-Match, weak comparison: the tag of any encoding of the same bytes
 * matches (a cache that stored the gzip variant may revalidate for a brotli client).
 */
export function matchesEtag(header, doc) {
    // Pollers send back exactly the tag they were given: compare that before parsing a list.
    if (header === doc.gzip.etag || header === doc.br.etag || header === doc.identity.etag)
        return true;
    return matchesAny(header, validatorsOf(doc).etags, 'weak');
}
function matchesAny(header, etags, comparison) {
    if (header.trim() === '*')
        return true;
    for (const raw of header.split(',')) {
        const written = raw.trim();
        // Strong comparison (If-Match): a weak tag never matches.
        const tag = comparison === 'weak' ? written.replace(/^W\//, '') : written;
        if (etags.includes(tag))
            return true;
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
export function isNotModified(headers, doc, now = Date.now()) {
    const inm = headers['if-none-match'];
    if (inm !== undefined)
        return matchesEtag(inm, doc);
    return modifiedSinceHolds(headers, doc.lastModifiedMs, now);
}
/** isNotModified for a response that is not a snapshot document (an image beside the stories). */
export function notModified(headers, validators, now = Date.now()) {
    const inm = headers['if-none-match'];
    if (inm !== undefined)
        return matchesAny(inm, validators.etags, 'weak');
    return modifiedSinceHolds(headers, validators.lastModifiedMs, now);
}
function modifiedSinceHolds(headers, lastModifiedMs, now) {
    const ims = headers['if-modified-since'];
    if (ims === undefined)
        return false;
    const since = parseHttpDate(ims, now);
    return since !== undefined && since <= now && lastModifiedMs <= since;
}
/**
 * RFC 9110 §13.2.2, the two preconditions a GET must fail with 412: If-Match (§13.1.1, strong
 * comparison, so a weak tag never matches) when present, else If-Unmodified-Since (§13.1.4)
 * against Last-Modified. A client that sends them (a range request resumed, a mirror syncing)
 * must not be given other bytes than the ones it asked on.
 */
export function preconditionFailed(headers, doc, now = Date.now()) {
    const { etags, lastModifiedMs } = 'etags' in doc ? doc : validatorsOf(doc);
    const im = headers['if-match'];
    // An empty field names no tag at all: not a condition (attack trial: it got 412).
    if (im !== undefined && im.trim() !== '')
        return !matchesAny(im, etags, 'strong');
    const ius = headers['if-unmodified-since'];
    if (ius === undefined)
        return false;
    const since = parseHttpDate(ius, now);
    return since !== undefined && lastModifiedMs > since;
}
//# sourceMappingURL=conditional-get.js.map
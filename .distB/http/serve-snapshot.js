import Negotiator from 'negotiator';
import { canonicalPath } from '../core/routes.js';
import { isNotModified, preconditionFailed } from './conditional-get.js';
import { decideNavigation, navigationVary, sharedCacheable } from './navigation.js';
const ENCODINGS = ['br', 'gzip', 'identity'];
/** Accept-Encoding values repeat across millions of polls: remember the choice for each. */
const negotiated = new Map();
/** The snapshot document for a request path, or undefined. Tolerates equivalent percent-encodings. */
export function findDocument(snapshot, rawUrl) {
    const q = rawUrl.indexOf('?');
    const pathname = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const direct = snapshot.get(pathname);
    if (direct)
        return direct;
    const canonical = canonicalPath(pathname);
    return canonical === undefined ? undefined : snapshot.get(canonical);
}
function chooseEncoding(header) {
    if (header === undefined || header === '')
        return 'identity';
    let choice = negotiated.get(header);
    if (choice === undefined) {
        // negotiator 1.x takes a preference order for ties (br before gzip); its @types predate it.
        const negotiator = new Negotiator({ headers: { 'accept-encoding': header } });
        const best = negotiator.encoding(ENCODINGS, { preferred: ENCODINGS });
        choice = best === 'br' || best === 'gzip' ? best : 'identity';
        if (negotiated.size > 1000)
            negotiated.clear();
        negotiated.set(header, choice);
    }
    return choice;
}
/** Write `doc` for a GET or HEAD request; a feed opened by a person's browser gets its page (http/navigation.ts). */
export function serveDocument(req, res, doc) {
    const decision = doc.page ? decideNavigation(req.headers) : undefined;
    const shown = decision?.browser && doc.page ? doc.page() : doc;
    const headers = req.headers;
    const variant = shown[chooseEncoding(headers['accept-encoding'])];
    if ((headers['if-match'] !== undefined || headers['if-unmodified-since'] !== undefined) && preconditionFailed(headers, shown)) {
        res.writeHead(412, ['content-length', '0', 'cache-control', 'no-store']);
        res.end();
        return;
    }
    const notModified = isNotModified(headers, shown);
    let raw = notModified ? variant.raw304 : variant.raw;
    if (decision?.browser && !sharedCacheable(decision))
        raw = privately(raw, decision);
    res.writeHead(notModified ? 304 : 200, raw);
    res.end(notModified || req.method === 'HEAD' ? undefined : variant.body);
}
/** A page chosen by the Accept fallback: shared caches must not keep it (see `navigationVary`). */
function privately(raw, decision) {
    const out = [...raw];
    for (let i = 0; i < out.length; i += 2) {
        if (out[i] === 'cache-control')
            out[i + 1] = out[i + 1].replace(/^public\b/, 'private');
        if (out[i] === 'vary')
            out[i + 1] = `Accept-Encoding, ${navigationVary(decision)}`;
    }
    return out;
}
//# sourceMappingURL=serve-snapshot.js.map
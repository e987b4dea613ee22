import { canonicalPath, matchRoute } from '../core/routes.js';
import { escapeHtml } from '../core/text.js';
import { SECURITY_HEADERS } from './security-headers.js';
/** A minute: a move can be undone (the old name saved again), so caches must not keep it for long. */
const MOVED_CACHE = 'public, max-age=60';
/**
 * Answer a GET or HEAD for a story URL the snapshot does not hold, when the store knows its fate;
 * false (nothing written) otherwise. Only `/articles/...` paths are looked up, in the form links
 * write them (a path spelled with another percent-encoding is canonicalized first).
 */
export function answerMoved(req, res, fateOf, baseUrl) {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const pathname = q < 0 ? raw : raw.slice(0, q);
    if (matchRoute(pathname)?.kind !== 'article' && matchRoute(canonicalPath(pathname) ?? '')?.kind !== 'article')
        return false;
    const fate = fateOf(pathname) ?? fateOf(canonicalPath(pathname) ?? pathname);
    if (!fate)
        return false;
    const headers = { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': MOVED_CACHE };
    let body;
    if ('to' in fate) {
        const location = baseUrl + fate.to;
        headers.location = location;
        body = `<!doctype html><title>Moved</title><p>This story moved to <a href="${escapeHtml(location)}">${escapeHtml(location)}</a>.</p>\n`;
        res.writeHead(301, headers);
    }
    else {
        body = '<!doctype html><title>Gone</title><p>This story was removed.</p>\n';
        res.writeHead(410, headers);
    }
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
}
//# sourceMappingURL=moved.js.map
// Whether a request for a feed URL is a person's browser opening it (gets a page) or a program polling it (gets the feed).
function header(headers, name) {
    if (typeof headers.get === 'function')
        return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
}
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
/**
 * Accept as media ranges (RFC 9110 §12.5.1): commas inside quoted parameter values do not split,
 * names are case-insensitive, `q` defaults to 1, and a malformed range or q-value is dropped rather
 * than guessed at.
 */
export function parseAccept(accept) {
    const ranges = [];
    for (const part of splitOutsideQuotes(accept, ',')) {
        const [range = '', ...params] = splitOutsideQuotes(part, ';').map((s) => s.trim());
        const match = /^([!#$%&'*+.^_`|~0-9a-z-]+)\/([!#$%&'*+.^_`|~0-9a-z-]+)$/i.exec(range);
        if (!match)
            continue;
        let q = 1;
        let valid = true;
        for (const param of params) {
            const eq = param.indexOf('=');
            if (eq > 0 && param.slice(0, eq).trim().toLowerCase() === 'q') {
                const value = param.slice(eq + 1).trim();
                valid = QVALUE.test(value);
                q = Number(value);
                break; // parameters after q are accept-ext (RFC 7231), not media-type parameters
            }
        }
        const type = match[1].toLowerCase();
        const subtype = match[2].toLowerCase();
        if (valid && !(type === '*' && subtype !== '*'))
            ranges.push({ type, subtype, q });
    }
    return ranges;
}
function splitOutsideQuotes(text, separator) {
    const parts = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted && c === '\\' && i + 1 < text.length) {
            current += c + text[++i];
        }
        else if (c === '"') {
            quoted = !quoted;
            current += c;
        }
        else if (c === separator && !quoted) {
            parts.push(current);
            current = '';
        }
        else {
            current += c;
        }
    }
    parts.push(current);
    return parts;
}
/** The weight Accept gives one media type: the most specific matching range wins (RFC 9110 §12.5.1); none matching: 0. */
export function acceptWeight(ranges, mediaType) {
    const [type, subtype] = mediaType.toLowerCase().split('/');
    let best = -1;
    let q = 0;
    for (const r of ranges) {
        const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' ? 0 : -1;
        if (specificity < 0)
            continue;
        if (specificity > best) {
            best = specificity;
            q = r.q;
        }
        else if (specificity === best) {
            q = Math.max(q, r.q); // `text/html;level=1` and `text/html` are equally specific here: the kinder one counts
        }
    }
    return q;
}
const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
/** What feed readers ask for: the three feed formats and the generic XML and JSON types they fall back to. */
const FEED_TYPES = [
    'application/rss+xml',
    'application/atom+xml',
    'application/feed+json',
    'application/rdf+xml',
    'application/xml',
    'text/xml',
    'application/json',
];
/**
 * How a feed URL should answer this request. Browsers that send Fetch Metadata
 * (https://w3c.github.io/webappsec-fetch-metadata/; Chromium 76+, Firefox 90+, Safari 16.4+) are
 * trusted on it alone: a page only for `Sec-Fetch-Dest: document` with `Sec-Fetch-Mode: navigate`
 * (an iframe, a `fetch()` or a prefetch gets the feed). Without those headers, Accept decides: a page
 * only when HTML weighs strictly more than every feed and XML type, so `*\/*`, no Accept, and a tie
 * all get the feed, which is always the safe answer.
 */
export function decideNavigation(headers) {
    const dest = header(headers, 'sec-fetch-dest');
    const mode = header(headers, 'sec-fetch-mode');
    if (dest !== undefined || mode !== undefined) {
        return { browser: dest?.trim().toLowerCase() === 'document' && mode?.trim().toLowerCase() === 'navigate', by: 'fetch-metadata' };
    }
    const accept = header(headers, 'accept');
    if (!accept?.trim())
        return { browser: false, by: 'none' };
    const ranges = parseAccept(accept);
    const html = Math.max(...HTML_TYPES.map((t) => acceptWeight(ranges, t)));
    const feed = Math.max(...FEED_TYPES.map((t) => acceptWeight(ranges, t)));
    return { browser: html > 0 && html > feed, by: 'accept' };
}
/** True when a person's browser is opening the URL as a page (see `decideNavigation`). */
export function isBrowserNavigation(headers) {
    return decideNavigation(headers).browser;
}
/**
 * The `Vary` value (RFC 9110 §12.5.5) the navigation choice adds, beside `Accept-Encoding`, on BOTH
 * the page and the feed answers of a feed URL: `Sec-Fetch-Dest`.
 *
 * Why not `Accept`: a shared cache keys a varied response on the header's exact bytes, and Accept has
 * thousands of spellings (each browser version, each reader, each library), so varying on it splits
 * one feed into thousands of cache entries and most polls miss. Sec-Fetch-Dest has a handful of
 * values, and only `document` gets the page (that value only ever comes with `Sec-Fetch-Mode:
 * navigate`, so Dest alone keys the choice correctly).
 *
 * The Accept fallback (older browsers, no Sec-Fetch-*) is the one case `Sec-Fetch-Dest` cannot key:
 * a page chosen by Accept must not be stored where a reader could get it. So when the decision is
 * `by: 'accept'` and `browser` is true, pass the decision here: the value then also names `Accept`,
 * and the response must carry `Cache-Control: private` (shared caches skip it; the browser may keep
 * it). The feed answer to a request without Sec-Fetch-* stays cacheable under `Sec-Fetch-Dest`:
 * an old browser served that cached feed still gets a readable page through feed.xsl.
 * A CDN should therefore key feed URLs on the path, `Accept-Encoding` and `Sec-Fetch-Dest` only.
 */
export function navigationVary(decision) {
    return decision?.by === 'accept' && decision.browser ? 'Sec-Fetch-Dest, Accept' : 'Sec-Fetch-Dest';
}
/** Whether a shared cache may store the answer: false only for a page chosen by the Accept fallback. */
export function sharedCacheable(decision) {
    return !(decision.by === 'accept' && decision.browser);
}
//# sourceMappingURL=navigation.js.map
export const NO_EXTRA_HEADERS = () => ({});
/** A complete RFC 5005 archive page is cached for a day, whatever maxAge says. */
const ARCHIVE_MAX_AGE = 86_400;
/** A document that changes with the clock (the news sitemap) is cached a minute at most. */
const SHORT_MAX_AGE = 60;
/**
 * RFC 9111 Cache-Control: live documents for `maxAge` seconds, then served stale while a cache
 * revalidates (at least a minute); archives for a day; clock-bound documents a minute at most.
 */
export function cacheControl(freshness, maxAge) {
    if (freshness === 'archive')
        return `public, max-age=${ARCHIVE_MAX_AGE}`;
    if (freshness === 'short')
        return `public, max-age=${Math.min(SHORT_MAX_AGE, maxAge)}`;
    return `public, max-age=${maxAge}, stale-while-revalidate=${Math.max(60, maxAge)}`;
}
/**
 * Vary of a URL that answers a browser's navigation with a page and everything else with the feed
 * (http/navigation.ts, `navigationVary`): Sec-Fetch-Dest has a handful of values, so shared caches
 * keep one feed entry per encoding instead of one per Accept spelling. Both answers carry it.
 */
export const NAVIGATED_VARY = 'Accept-Encoding, Sec-Fetch-Dest';
/** The headers every encoding of `doc` shares, apart from its validators and length. */
export function sharedHeaders(doc, policy) {
    const after = { ...policy.extra(doc.contentType) };
    if (doc.websubSelf !== undefined && policy.hubs.length > 0) {
        after.link = [...policy.hubs.map((h) => `<${h}>; rel="hub"`), `<${doc.websubSelf}>; rel="self"`].join(', ');
    }
    return {
        cacheControl: cacheControl(doc.freshness, policy.maxAge),
        vary: doc.page !== undefined || doc.navigated ? NAVIGATED_VARY : 'Accept-Encoding',
        after,
    };
}
//# sourceMappingURL=headers.js.map
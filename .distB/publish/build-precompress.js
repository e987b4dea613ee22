// Which documents of a build get their .gz and .br written beside them (the `precompress` setting).
import { matchRoute } from '../core/routes.js';
/**
 * `feeds` (the default): every document but the story pages and the archive pages, that is the
 * feeds, home, category and author pages, sitemaps and OPML that aggregators and crawlers poll
 * all day. A story page is read by people a few times and an archive page fetched once by a
 * reader catching up, so the web server compresses those on the fly (deploy/nginx-static.conf:
 * `gzip on`): writing and compressing them took two thirds of a cold build's files (20,000 of
 * 31,800 at 10,000 stories) and most of its compression (2.8 s of 3.5 s).
 * `all`: every document (an object store or CDN that serves files only as uploaded).
 * `none`: no compressed files (a CDN that compresses itself).
 */
export const PRECOMPRESS = ['feeds', 'all', 'none'];
/** True when the build writes the document at `urlPath` without its .gz and .br. */
export function writtenPlain(urlPath, policy) {
    if (policy !== 'feeds')
        return policy === 'none';
    const kind = matchRoute(urlPath)?.kind;
    return kind === 'article' || kind === 'archive';
}
//# sourceMappingURL=build-precompress.js.map
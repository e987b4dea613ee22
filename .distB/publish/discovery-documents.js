// Sitemaps, news sitemap, OPML and robots.txt as served: rendered on first request after a change, the news sitemap again when its window moves.
import { ProblemCode } from '../core/model.js';
import { renderNewsSitemapDocument, renderOpmlDocument, renderRobotsDocument, renderSitemapDocuments, } from '../core/render/discovery.js';
import { SITEMAP_LIMITS } from '../core/render/sitemaps.js';
import { DISCOVERY } from '../core/routes.js';
import { ROOT_PATH } from './problem-book.js';
/**
 * A Snapshot of the discovery documents. Rendering them walks every published story (100,000 at
 * the largest sites), so it is done on the first request after a change, never on every save;
 * `reset()` marks them stale. The news sitemap also goes stale with the clock: when its oldest
 * story leaves the 48-hour window, the next request renders it again (no timer to stop).
 */
export class DiscoveryDocuments {
    options;
    docs;
    news;
    /** The last documents, so a page whose bytes did not change is not compressed again. */
    previous = new Map();
    skipped = { sitemap: [], news: [] };
    constructor(options) {
        this.options = options;
    }
    /** The catalog changed: every document is rendered again when next asked for. */
    reset() {
        if (this.docs)
            this.previous = new Map(this.docs);
        if (this.news)
            this.previous.set(DISCOVERY.newsSitemap, this.news.doc);
        this.docs = undefined;
        this.news = undefined;
    }
    get(path) {
        if (path === DISCOVERY.newsSitemap)
            return this.newsDoc();
        // A path that cannot be one of ours costs no render (a 404 poller stays cheap).
        if (!path.startsWith('/sitemap') && path !== DISCOVERY.opml && path !== DISCOVERY.robots)
            return undefined;
        return this.rendered().get(path);
    }
    *values() {
        yield* this.rendered().values();
        yield this.newsDoc();
    }
    /** Exact once rendered; before that, the count the URL limit gives (only 50 MiB of URLs would split further). */
    get size() {
        if (this.docs)
            return this.docs.size + 1;
        const { entries, categories, authors } = this.options.input();
        const urls = 1 + entries.length + count(categories) + count(authors);
        const max = this.options.sitemap?.maxUrlsPerFile ?? SITEMAP_LIMITS.urlsPerFile;
        // The sitemap (or index), its pages, the news sitemap, the OPML list, robots.txt.
        return 4 + (urls > max ? Math.ceil(urls / max) : 0);
    }
    rendered() {
        if (this.docs)
            return this.docs;
        const input = this.options.input();
        const { documents, skipped } = renderSitemapDocuments(input, this.options.sitemap);
        documents.push(renderOpmlDocument(input), renderRobotsDocument(input.site, input.updated));
        this.docs = new Map(documents.map((d) => [d.path, this.options.encode(d, this.previous.get(d.path))]));
        this.skipped.sitemap = skipped;
        this.report(input);
        return this.docs;
    }
    newsDoc() {
        const now = this.options.clock();
        if (this.news && now < this.news.validUntil)
            return this.news.doc;
        const input = this.options.input();
        const { document, skipped, validUntil } = renderNewsSitemapDocument(input, new Date(now));
        const previous = this.news?.doc ?? this.previous.get(DISCOVERY.newsSitemap);
        this.news = { doc: this.options.encode(document, previous), validUntil };
        this.skipped.news = skipped;
        this.report(input);
        return this.news.doc;
    }
    /** Each skipped URL once, against the story it belongs to (the site's own pages against the folder). */
    report(input) {
        const all = [...this.skipped.sitemap, ...this.skipped.news];
        if (all.length === 0) {
            this.options.report([]);
            return;
        }
        const pathOf = new Map(input.entries.map((e) => [e.url, e.path]));
        const seen = new Set();
        const problems = [];
        for (const s of all) {
            const key = `${s.url}\0${s.code}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            const path = pathOf.get(s.url) ?? ROOT_PATH;
            problems.push({
                path,
                code: ProblemCode.NotInSitemap,
                reason: `left out of the sitemaps (${s.code}): ${s.reason}`,
                severity: 'warning',
            });
        }
        this.options.report(problems);
    }
}
function count(names) {
    let n = 0;
    for (const _ of names)
        n++;
    return n;
}
//# sourceMappingURL=discovery-documents.js.map
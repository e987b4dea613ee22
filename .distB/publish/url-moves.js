/** URLs of stories removed this run, by file path: a rename seen as a deletion then an addition still gets its 301. */
const RETIRED_LIMIT = 1000;
/**
 * Records URL moves in the state store (which collapses chains). Only stories that were public
 * are recorded: a held or draft story's URL was never published, so it keeps answering 404.
 */
export class UrlMoves {
    store;
    log;
    now;
    retired = new Map();
    /** Deletions of this batch, written at its end: a rename in the same batch turns one into a 301 first. */
    gone = new Map();
    constructor(store, log, now) {
        this.store = store;
        this.log = log;
        this.now = now;
    }
    /** The published story of `relPath` at `url` was deleted: 410 Gone, unless a rename claims it. */
    deleted(relPath, url) {
        this.gone.set(relPath, url);
        if (this.retired.size >= RETIRED_LIMIT)
            this.retired.delete(this.retired.keys().next().value);
        this.retired.set(relPath, url);
    }
    /** The URL the story of a file removed earlier this run had (a rename's source), forgotten once asked. */
    takeRetired(relPath) {
        const url = this.retired.get(relPath);
        this.retired.delete(relPath);
        this.gone.delete(relPath);
        return url;
    }
    /**
     * Record this batch's deletions (410). Deferred to the batch's end because recording one collapses
     * every chain into it: older URLs of a story renamed in the same batch would be lost to 410 too.
     */
    flush() {
        for (const url of this.gone.values())
            this.store.moveUrl(url, null, this.now());
        this.gone.clear();
    }
    /** The story now answers at `newUrl`; `oldUrl`, when it differs, answers 301 to it. */
    published(oldUrl, newUrl) {
        if (oldUrl !== undefined && oldUrl !== newUrl) {
            this.store.moveUrl(oldUrl, newUrl, this.now());
            this.log.info('article.moved', { from: oldUrl, to: newUrl });
        }
        else {
            this.store.claimUrl(newUrl);
        }
    }
}
//# sourceMappingURL=url-moves.js.map
// The contract between publishing and serving: a read-only map from URL path to an encoded document.
import { LRUCache } from 'lru-cache';
/** Every item of a snapshot: its own keyed items when it has them, else each rendered document unkeyed. */
export function* snapshotItems(snapshot) {
    if (snapshot.items) {
        yield* snapshot.items();
        return;
    }
    for (const doc of snapshot.values())
        yield { path: doc.path, doc: () => doc };
}
/**
 * Bytes a document may hold in memory: its text, and as much again for the gzip and brotli
 * bodies together (text compresses to well under half), counted before they are made so that
 * caching a document never compresses it (snapshot/encode.ts makes them on first use).
 */
export function documentBytes(doc) {
    return doc.identity.body.length * 2;
}
export class LazyDocuments {
    source;
    cache;
    constructor(source, maxBytes) {
        this.source = source;
        this.cache = new LRUCache({ maxSize: maxBytes, sizeCalculation: (doc) => Math.max(1, documentBytes(doc)) });
    }
    get(path) {
        const hit = this.cache.get(path);
        if (hit)
            return hit;
        // A path the source does not know costs a lookup, never a render (a 404 poller stays cheap).
        if (!this.source.has(path))
            return undefined;
        let found;
        for (const doc of this.source.render(path) ?? []) {
            this.cache.set(doc.path, doc);
            if (doc.path === path)
                found = doc;
        }
        return found;
    }
    /** Drop one cached document (its story changed or moved). */
    forget(path) {
        this.cache.delete(path);
    }
    /** Drop every cached document (after a rebuild: the catalog they came from changed). */
    clear() {
        this.cache.clear();
    }
    *values() {
        for (const path of this.source.paths()) {
            const doc = this.get(path);
            if (doc)
                yield doc;
        }
    }
    /**
     * Every document for `build`: each made for its item alone, past the cache (which would keep
     * what a build writes once, and evict what a server will be asked for). A document made with
     * siblings (a facet's formats) waits here until its own item takes it.
     */
    *items() {
        const siblings = new Map();
        const make = (path) => {
            const made = siblings.get(path);
            if (made) {
                siblings.delete(path);
                return made;
            }
            let found;
            for (const doc of this.source.render(path) ?? []) {
                if (doc.path === path)
                    found = doc;
                else
                    siblings.set(doc.path, doc);
            }
            return found;
        };
        for (const path of this.source.paths()) {
            const key = this.source.key?.(path);
            const { offThread } = this.source;
            yield {
                path,
                ...(key === undefined ? {} : { key }),
                doc: () => make(path),
                owned: true,
                ...(offThread ? { offThread: () => offThread.call(this.source, path) } : {}),
            };
        }
    }
    get size() {
        return this.source.size;
    }
}
/**
 * The site as served: `front` documents (feeds, index) swapped whole on every rebuild, then the
 * lazy sources (story pages, facets, archives) in order. A rebuild builds a new SiteSnapshot in
 * one synchronous step, so no request sees half of one.
 */
export class SiteSnapshot {
    front;
    sources;
    constructor(front, ...sources) {
        this.front = front;
        this.sources = sources;
    }
    get(path) {
        const doc = this.front.get(path);
        if (doc)
            return doc;
        for (const s of this.sources) {
            const found = s.get(path);
            if (found)
                return found;
        }
        return undefined;
    }
    *values() {
        yield* this.front.values();
        for (const s of this.sources)
            yield* s.values();
    }
    *items() {
        for (const doc of this.front.values())
            yield { path: doc.path, doc: () => doc };
        for (const s of this.sources)
            yield* snapshotItems(s);
    }
    get size() {
        return this.sources.reduce((n, s) => n + s.size, this.front.size);
    }
}
export const EMPTY_SNAPSHOT = new SiteSnapshot(new Map());
//# sourceMappingURL=snapshot.js.map
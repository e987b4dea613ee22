// Story pages: an index from URL to file for every story, and the most recently requested pages encoded.
import type { SnapshotDoc } from './snapshot.js';

/**
 * Encoding every story page up front would cost seconds and hundreds of MB at 100,000 stories,
 * for pages nobody may request. So a page is rendered and encoded on its first request and kept
 * in an LRU of `capacity` pages; an edit drops the cached page. Feeds and the index are still
 * prebuilt (they are what pollers hit).
 */
export class PageStore {
  private readonly fileByUrl = new Map<string, string>();
  private readonly urlByFile = new Map<string, string>();
  private readonly cache = new Map<string, SnapshotDoc>();

  constructor(
    private readonly render: (relPath: string) => SnapshotDoc | undefined,
    private readonly capacity = 2000,
  ) {}

  /** The story of `relPath` is now at `urlPath` (undefined: it is gone). */
  update(relPath: string, urlPath: string | undefined): void {
    const old = this.urlByFile.get(relPath);
    if (old !== undefined) {
      this.fileByUrl.delete(old);
      this.cache.delete(old);
      this.urlByFile.delete(relPath);
    }
    if (urlPath !== undefined) {
      this.fileByUrl.set(urlPath, relPath);
      this.urlByFile.set(relPath, urlPath);
      this.cache.delete(urlPath);
    }
  }

  get(urlPath: string): SnapshotDoc | undefined {
    const hit = this.cache.get(urlPath);
    if (hit) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.cache.delete(urlPath);
      this.cache.set(urlPath, hit);
      return hit;
    }
    const relPath = this.fileByUrl.get(urlPath);
    if (relPath === undefined) return undefined;
    const doc = this.render(relPath);
    if (doc) {
      this.cache.set(urlPath, doc);
      if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value as string);
    }
    return doc;
  }

  /** Every page, rendered without filling the cache (for `build`). */
  *values(): Iterable<SnapshotDoc> {
    for (const [urlPath, relPath] of this.fileByUrl) {
      const doc = this.cache.get(urlPath) ?? this.render(relPath);
      if (doc) yield doc;
    }
  }

  get size(): number {
    return this.fileByUrl.size;
  }
}

/**
 * Documents rendered from the whole catalog on first request (category, author and archive feeds and
 * pages), four at a time, kept until the next rebuild clears them. A poller's repeated requests
 * hit the cache; after a change the first request renders again, with the same ETag if nothing
 * in that category changed, so conditional GETs still get 304.
 */
export class LazyDocuments {
  private readonly cache = new Map<string, SnapshotDoc | null>();

  constructor(private readonly render: (urlPath: string) => SnapshotDoc[] | undefined) {}

  get(urlPath: string): SnapshotDoc | undefined {
    const hit = this.cache.get(urlPath);
    if (hit !== undefined) return hit ?? undefined;
    const docs = this.render(urlPath);
    if (!docs) {
      // Remember misses too (bounded): a 404 poller must not trigger a render each time.
      if (this.cache.size < 10_000) this.cache.set(urlPath, null);
      return undefined;
    }
    for (const d of docs) this.cache.set(d.path, d);
    return this.cache.get(urlPath) ?? undefined;
  }

  clear(): void {
    this.cache.clear();
  }

  /** Nothing is listed: category documents are written by `build` from the catalog, not from here. */
  *values(): Iterable<SnapshotDoc> {}

  get size(): number {
    return 0;
  }
}

// The contract between publishing and serving: a read-only map from URL path to an encoded document.
import { LRUCache } from 'lru-cache';
import type { ArchiveMade, ArchivePage } from '../workers/archive-pool.js';

/** One encoding of a document, with its response headers ready to write. */
export interface Variant {
  body: Buffer;
  etag: string;
  /** Response headers as a flat [name, value, ...] list: node:http writes it without walking an object. */
  raw: string[];
  /** Headers of a 304 for this variant (RFC 9110 §15.4.5: validators and caching fields only). */
  raw304: string[];
}

/** A document ready to serve: every encoding computed once, never per request. */
export interface SnapshotDoc {
  path: string;
  contentType: string;
  lastModifiedMs: number;
  /** Opaque ETag value (without quotes or encoding suffix): the same for every encoding of the same bytes. */
  tag: string;
  identity: Variant;
  gzip: Variant;
  br: Variant;
  /** Feeds only: the HTML page for a person's browser at the same URL, encoded on its first request and kept. */
  page?: () => SnapshotDoc;
}

/** What serving reads: a document per URL path. `values()` lists every document `size` counts. */
export interface Snapshot {
  get(path: string): SnapshotDoc | undefined;
  values(): Iterable<SnapshotDoc>;
  readonly size: number;
  /** Every document as a path, its source key and a way to make it: `build` renders only what changed. */
  items?(): Iterable<SnapshotItem>;
}

/**
 * A document not yet made: `key`, when known, is a fingerprint of everything its bytes are made
 * from (stories, settings, renderer code), so `build` can tell it is unchanged without rendering it.
 */
export interface SnapshotItem {
  path: string;
  key?: string;
  /** The document (a promise when another thread makes it: publish/archives-aside.ts). */
  doc(): SnapshotDoc | undefined | Promise<SnapshotDoc | undefined>;
  /**
   * True when doc() makes its document for this item alone (no cache or snapshot keeps it): its
   * bytes may then be moved to another thread instead of copied (workers/write-pool.ts).
   */
  owned?: boolean;
  /** An archive document that a worker thread can render from the state store (`build` only; see publish/archives-aside.ts). */
  offThread?(): OffThread | undefined;
}

/** A page for the archive worker, and how its result becomes the documents doc() would give. */
export interface OffThread {
  page: ArchivePage;
  finish(made: ArchiveMade): SnapshotDoc;
}

/** Every item of a snapshot: its own keyed items when it has them, else each rendered document unkeyed. */
export function* snapshotItems(snapshot: Snapshot): Iterable<SnapshotItem> {
  if (snapshot.items) {
    yield* snapshot.items();
    return;
  }
  for (const doc of snapshot.values()) yield { path: doc.path, doc: () => doc };
}

/**
 * Bytes a document may hold in memory: its text, and as much again for the gzip and brotli
 * bodies together (text compresses to well under half), counted before they are made so that
 * caching a document never compresses it (snapshot/encode.ts makes them on first use).
 */
export function documentBytes(doc: SnapshotDoc): number {
  return doc.identity.body.length * 2;
}

/**
 * Documents made on first request from a source that knows every path it can answer, kept in an
 * LRU bounded by bytes. `size` and `values()` are honest: they list every path of the source,
 * rendering what is not cached (so `build` writes the same documents a server would answer).
 */
export interface DocumentSource {
  /** Every path the source answers, in a stable order. */
  paths(): Iterable<string>;
  readonly size: number;
  has(path: string): boolean;
  /** The document at `path`, and any siblings made in the same pass (a facet's four documents). */
  render(path: string): SnapshotDoc[] | undefined;
  /** The source key of the document at `path` (see SnapshotItem), computed without rendering it. */
  key?(path: string): string | undefined;
  offThread?(path: string): OffThread | undefined;
}

export class LazyDocuments implements Snapshot {
  private readonly cache: LRUCache<string, SnapshotDoc>;

  constructor(
    private readonly source: DocumentSource,
    maxBytes: number,
  ) {
    this.cache = new LRUCache({ maxSize: maxBytes, sizeCalculation: (doc) => Math.max(1, documentBytes(doc)) });
  }

  get(path: string): SnapshotDoc | undefined {
    const hit = this.cache.get(path);
    if (hit) return hit;
    // A path the source does not know costs a lookup, never a render (a 404 poller stays cheap).
    if (!this.source.has(path)) return undefined;
    let found: SnapshotDoc | undefined;
    for (const doc of this.source.render(path) ?? []) {
      this.cache.set(doc.path, doc);
      if (doc.path === path) found = doc;
    }
    return found;
  }

  /** Drop one cached document (its story changed or moved). */
  forget(path: string): void {
    this.cache.delete(path);
  }

  /** Drop every cached document (after a rebuild: the catalog they came from changed). */
  clear(): void {
    this.cache.clear();
  }

  *values(): Iterable<SnapshotDoc> {
    for (const path of this.source.paths()) {
      const doc = this.get(path);
      if (doc) yield doc;
    }
  }

  /**
   * Every document for `build`: each made for its item alone, past the cache (which would keep
   * what a build writes once, and evict what a server will be asked for). A document made with
   * siblings (a facet's formats) waits here until its own item takes it.
   */
  *items(): Iterable<SnapshotItem> {
    const siblings = new Map<string, SnapshotDoc>();
    const make = (path: string): SnapshotDoc | undefined => {
      const made = siblings.get(path);
      if (made) {
        siblings.delete(path);
        return made;
      }
      let found: SnapshotDoc | undefined;
      for (const doc of this.source.render(path) ?? []) {
        if (doc.path === path) found = doc;
        else siblings.set(doc.path, doc);
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

  get size(): number {
    return this.source.size;
  }
}

/**
 * The site as served: `front` documents (feeds, index) swapped whole on every rebuild, then the
 * lazy sources (story pages, facets, archives) in order. A rebuild builds a new SiteSnapshot in
 * one synchronous step, so no request sees half of one.
 */
export class SiteSnapshot implements Snapshot {
  private readonly sources: Snapshot[];
  constructor(
    private readonly front: ReadonlyMap<string, SnapshotDoc>,
    ...sources: Snapshot[]
  ) {
    this.sources = sources;
  }
  get(path: string): SnapshotDoc | undefined {
    const doc = this.front.get(path);
    if (doc) return doc;
    for (const s of this.sources) {
      const found = s.get(path);
      if (found) return found;
    }
    return undefined;
  }
  *values(): Iterable<SnapshotDoc> {
    yield* this.front.values();
    for (const s of this.sources) yield* s.values();
  }
  *items(): Iterable<SnapshotItem> {
    for (const doc of this.front.values()) yield { path: doc.path, doc: () => doc };
    for (const s of this.sources) yield* snapshotItems(s);
  }
  get size(): number {
    return this.sources.reduce((n, s) => n + s.size, this.front.size);
  }
}

export const EMPTY_SNAPSHOT: Snapshot = new SiteSnapshot(new Map());

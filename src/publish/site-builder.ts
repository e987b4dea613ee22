// Catalog → documents → snapshot: the front documents rebuilt per change, story, facet and archive documents made on request.
import { type ArchiveLedger, archivePageCount, archivePageEntries } from '../core/archive-pages.js';
import type { Entry, Problem, Site, Tombstone } from '../core/model.js';
import {
  type Document,
  archiveModified,
  feedUpdated,
  renderArchiveDocuments,
  renderFacetDocuments,
  renderFrontDocuments,
  renderStoryDocument,
} from '../core/render/documents.js';
import { notFoundDocument } from '../core/render/error-page.js';
import type { FacetLink } from '../core/render/pages.js';
import { FACETS, FEED_FORMATS, type Facet, matchRoute, paths, siteUrls } from '../core/routes.js';
import type { Logger } from '../log.js';
import { compressNow, encodeDocument, encodedDocument } from '../snapshot/encode.js';
import type { HeaderPolicy } from '../snapshot/headers.js';
import {
  type DocumentSource,
  EMPTY_SNAPSHOT,
  LazyDocuments,
  SiteSnapshot,
  type Snapshot,
  type SnapshotDoc,
  type SnapshotItem,
} from '../snapshot/snapshot.js';
import type { ArchivePlaces } from './archive-places.js';
import type { Catalog } from './catalog.js';
import { DiscoveryDocuments } from './discovery-documents.js';
import { DocumentKeys } from './document-keys.js';
import { StoredEntry } from './stored-entry.js';

/** Memory for documents made on request: story pages, and category, author and archive documents. */
const PAGE_CACHE_BYTES = 32 * 1024 * 1024;
const LIST_CACHE_BYTES = 16 * 1024 * 1024;
/** Categories and authors listed on the home page. */
const HOME_FACETS = 50;

export interface SiteBuilderOptions {
  site: Site;
  timeZone: string;
  policy: HeaderPolicy;
  catalog: Catalog;
  log: Logger;
  clock: () => number;
  /** Deleted stories to announce now (RFC 6721), and the time of the newest deletion. */
  tombstones: () => readonly Tombstone[];
  newestDeletion: () => number | undefined;
  /** URLs the sitemaps leave out, as warnings (replacing the last report). */
  reportDocumentProblems?: (problems: Problem[]) => void;
  /** The settings stored entries were parsed with (part of every document's source key). */
  entriesFingerprint?: string;
  /** Each story's place in the archive (given to new stories at each rebuild). */
  archive: ArchivePlaces;
}

export interface RebuildReport {
  at: string;
  ms: number;
  renderMs: number;
  encodeMs: number;
  /** Story pages re-indexed (stories added, changed or removed). */
  pages: number;
  documents: number;
}

/** Story pages by URL: the index follows the catalog; a page is rendered on its first request. */
class StoryPages implements DocumentSource {
  private readonly fileByUrl = new Map<string, string>();
  private readonly urlByFile = new Map<string, string>();
  constructor(
    private readonly make: (relPath: string) => SnapshotDoc | undefined,
    private readonly keyOf: (relPath: string) => string | undefined,
  ) {}
  /** Index a story no page of which was made yet (a restart's stored stories): nothing to make stale. */
  add(relPath: string, url: string): void {
    this.fileByUrl.set(url, relPath);
    this.urlByFile.set(relPath, url);
  }
  /** The story of `relPath` is now at `url` (undefined: gone). Returns the URLs whose page is stale. */
  move(relPath: string, url: string | undefined): string[] {
    const old = this.urlByFile.get(relPath);
    if (old !== undefined) this.fileByUrl.delete(old);
    this.urlByFile.delete(relPath);
    if (url !== undefined) {
      this.fileByUrl.set(url, relPath);
      this.urlByFile.set(relPath, url);
    }
    return [old, url].filter((u): u is string => u !== undefined);
  }
  paths = () => this.fileByUrl.keys();
  get size() {
    return this.fileByUrl.size;
  }
  has = (url: string) => this.fileByUrl.has(url);
  render = (url: string) => {
    const doc = this.make(this.fileByUrl.get(url) as string);
    return doc ? [doc] : undefined;
  };
  key = (url: string) => {
    const relPath = this.fileByUrl.get(url);
    return relPath === undefined ? undefined : this.keyOf(relPath);
  };
}

export class SiteBuilder {
  private current: Snapshot = EMPTY_SNAPSHOT;
  private readonly storyPages: StoryPages;
  private readonly pages: LazyDocuments;
  private readonly facets: LazyDocuments;
  private readonly archives: LazyDocuments;
  private readonly discovery: DiscoveryDocuments;
  private readonly keys: DocumentKeys;
  last: RebuildReport | null = null;

  private readonly ledger: ArchiveLedger;

  constructor(private readonly options: SiteBuilderOptions) {
    const { site, timeZone, catalog } = options;
    this.ledger = options.archive.ledger(catalog);
    this.keys = new DocumentKeys(
      site,
      () => ({ render: timeZone, entries: options.entriesFingerprint ?? '' }),
      () => catalog.list(),
      this.ledger,
    );
    this.storyPages = new StoryPages(
      (relPath) => {
        const entry = catalog.get(relPath);
        return entry && this.encode(renderStoryDocument(site, entry, timeZone));
      },
      (relPath) => {
        const entry = catalog.get(relPath);
        return entry && this.keys.story(entry);
      },
    );
    this.pages = new LazyDocuments(this.storyPages, PAGE_CACHE_BYTES);
    this.facets = new LazyDocuments(this.facetSource(), LIST_CACHE_BYTES);
    this.archives = new LazyDocuments(this.archiveSource(), LIST_CACHE_BYTES);
    this.discovery = new DiscoveryDocuments({
      input: () => ({
        site,
        entries: catalog.list(),
        categories: catalog.facet('categories').keys(),
        authors: catalog.facet('authors').keys(),
        // Only when a document is rendered: `size`, asked on every rebuild, must not walk 100,000 entries.
        get updated() {
          return feedUpdated(catalog.list(), options.newestDeletion());
        },
      }),
      clock: options.clock,
      encode: (doc, previous) => this.encode(doc, previous),
      report: (problems) => options.reportDocumentProblems?.(problems),
    });
  }

  get snapshot(): Snapshot {
    return this.current;
  }

  /**
   * Render and encode the feeds and the index, re-index the story pages that changed, and swap
   * in the new snapshot. Returns the URLs of the front feeds whose bytes changed (WebSub topics).
   */
  rebuild(): string[] {
    const started = performance.now();
    const { site, timeZone, catalog } = this.options;
    const entries = catalog.list();
    let pages = 0;
    const published: Entry[] = [];
    // The first rebuild indexes every story and no page is cached yet: 100,000 of them in 0.1 s, not 0.3 s.
    const first = this.storyPages.size === 0;
    for (const relPath of catalog.drainChanged()) {
      const entry = catalog.get(relPath);
      if (entry) published.push(entry);
      if (first && entry) this.storyPages.add(relPath, paths.article(entry.slug));
      else for (const url of this.storyPages.move(relPath, entry ? paths.article(entry.slug) : undefined)) this.pages.forget(url);
      pages++;
    }
    this.options.archive.give(published);
    const facets = { categories: this.facetLinks('categories'), authors: this.facetLinks('authors') };
    const { newestDeletion, tombstones } = this.options;
    const docs = renderFrontDocuments(site, entries, newestDeletion(), timeZone, this.ledger, tombstones(), facets);
    const rendered = performance.now();
    const front = new Map(docs.map((doc) => [doc.path, compressNow(this.encode(doc, this.current.get(doc.path)))] as const));
    const encoded = performance.now();
    const changedFeeds = FEED_FORMATS.map(paths.feed).filter((p) => front.get(p)?.tag !== this.current.get(p)?.tag);
    this.facets.clear();
    this.archives.clear();
    this.keys.reset();
    this.discovery.reset();
    this.current = new SiteSnapshot(front, this.pages, this.facets, this.archives, this.discovery);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    this.last = {
      at: new Date(this.options.clock()).toISOString(),
      ms: round(performance.now() - started),
      renderMs: round(rendered - started),
      encodeMs: round(encoded - rendered),
      pages,
      documents: this.current.size,
    };
    this.options.log.info('feeds.rebuilt', {
      articles: entries.length,
      pages,
      ms: this.last.ms,
      render: this.last.renderMs,
      encode: this.last.encodeMs,
    });
    return changedFeeds.map((p) => site.baseUrl + p);
  }

  /** Documents only a static export has: the 404 page for its web server (keyed by its bytes: a build rewrites it only when they change). */
  buildOnly(): SnapshotItem[] {
    // Dated like the feeds: its bytes never depend on the stories, and a build writes bytes, not dates.
    const doc = this.encode(notFoundDocument(this.options.site, feedUpdated(this.options.catalog.list(), undefined)));
    return [{ path: doc.path, key: doc.tag, doc: () => doc }];
  }

  private encode(doc: Document, previous?: SnapshotDoc): SnapshotDoc {
    return encodeDocument(doc, this.options.policy, previous);
  }

  /** The home page's list of categories or authors: the 50 with most stories, then by name. */
  private facetLinks(kind: Facet): FacetLink[] {
    const urls = siteUrls(this.options.site.baseUrl);
    return [...this.options.catalog.facet(kind)]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, HOME_FACETS)
      .map(([name, count]) => ({ name, count, href: urls.facet(kind, name) }));
  }

  /** Every category's and author's page and feeds: four documents per name, rendered together. */
  private facetSource(): DocumentSource {
    const { catalog, site, timeZone } = this.options;
    const docPaths = (kind: Facet, name: string) => [paths.facet(kind, name), ...FEED_FORMATS.map((f) => paths.facetFeed(kind, name, f))];
    return {
      *paths() {
        for (const kind of FACETS) for (const name of catalog.facet(kind).keys()) yield* docPaths(kind, name);
      },
      get size() {
        return FACETS.reduce((n, kind) => n + catalog.facet(kind).size * (1 + FEED_FORMATS.length), 0);
      },
      has(path) {
        const route = matchRoute(path);
        return route?.kind === 'facet' && catalog.facet(route.facet).has(route.name) && docPaths(route.facet, route.name).includes(path);
      },
      key: (path) => {
        const route = matchRoute(path);
        return route?.kind === 'facet' ? this.keys.facet(route.facet, route.name) : undefined;
      },
      render: (path) => {
        const route = matchRoute(path);
        if (route?.kind !== 'facet') return undefined;
        return renderFacetDocuments(site, route.facet, route.name, catalog.list(), timeZone)?.map((d) => this.encode(d));
      },
    };
  }

  /** RFC 5005 archive pages: three documents per complete page, rendered together. */
  private archiveSource(): DocumentSource {
    const { site, timeZone } = this.options;
    const ledger = this.ledger;
    const count = () => archivePageCount(ledger, site.itemLimit);
    return {
      *paths() {
        for (let page = 1; page <= count(); page++) for (const f of FEED_FORMATS) yield paths.archive(page, f);
      },
      get size() {
        return count() * FEED_FORMATS.length;
      },
      has(path) {
        const route = matchRoute(path);
        return route?.kind === 'archive' && route.page <= count() && paths.archive(route.page, route.format) === path;
      },
      key: (path) => {
        const route = matchRoute(path);
        return route?.kind === 'archive' ? this.keys.archivePage(route.page) : undefined;
      },
      render: (path) => {
        const route = matchRoute(path);
        if (route?.kind !== 'archive') return undefined;
        return renderArchiveDocuments(site, route.page, ledger, timeZone, this.options.newestDeletion())?.map((d) => this.encode(d));
      },
      offThread: (path) => {
        const route = matchRoute(path);
        if (route?.kind !== 'archive') return undefined;
        const slice = archivePageEntries(ledger, route.page, site.itemLimit);
        // The worker reads stories from the store: one whose body is only in memory (a failed store write) is rendered here.
        if (!slice?.every((e) => e instanceof StoredEntry && e.inStore)) return undefined;
        const stories = (slice as StoredEntry[]).map(({ path, id, hash, publishedMs, updatedMs, title }) => ({
          path,
          id,
          hash,
          published: publishedMs,
          updated: updatedMs,
          title,
        }));
        return {
          page: { site, timeZone, page: route.page, pages: count(), stories },
          finish: ({ body, tag, lastModifiedMs, hasPage, ...doc }) => {
            const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
            const lastModified = archiveModified(new Date(lastModifiedMs), this.options.newestDeletion());
            return encodedDocument({ ...doc, lastModified, navigated: hasPage }, bytes, tag, this.options.policy);
          },
        };
      },
    };
  }
}

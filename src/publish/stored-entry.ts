// An Entry whose body lives in the state store: memory holds metadata only, whatever the number of stories.
import { type EntryMeta, STORED_BASE } from '../core/entry-meta.js';
import type { Enclosure } from '../core/media.js';
import type { Entry } from '../core/model.js';
import { paths } from '../core/routes.js';
import { summarize } from '../core/summarize.js';
import { shared } from './shared-strings.js';

/**
 * Behaves as an Entry. `contentHtml` is read from the store on each access (a primary-key
 * lookup, about 10 µs): a rebuild reads only the feed's newest entries, and a story page is
 * encoded once and cached. At 100,000 stories the bodies would otherwise be most of the heap.
 */
export class StoredEntry implements Entry {
  readonly path: string;
  readonly slug: string[];
  readonly id: string;
  /** Epoch ms. A Date is 96 bytes of heap and a number 16: 100,000 stories held 19 MB of Dates. */
  readonly publishedMs: number;
  readonly updatedMs: number;
  readonly hash: string;
  readonly title: string;
  readonly author?: string;
  readonly categories: string[];
  readonly image?: string;
  readonly enclosure?: Enclosure;
  readonly language?: string;
  readonly media?: readonly string[];
  readonly authors?: readonly string[];
  /** As the desk shows them (EntryMeta). */
  readonly dateline?: string;
  readonly datelineAt?: string;
  private readonly explicitSummary: string | undefined;
  /**
   * The body and summary just parsed, until the store's transaction holding them commits. If it
   * fails (a full disk), they stay here: the store has the old body or none, and readers must get
   * the new one (publish/store-retry.ts stores it later).
   */
  private unstored: { body: string; summary?: string } | undefined;

  /**
   * `baseUrl` is the public base URL: what the store wrote against STORED_BASE (resolved links,
   * images) is rebased onto it, so a new base URL or port re-renders and never re-parses.
   */
  constructor(
    meta: EntryMeta,
    private readonly baseUrl: string,
    private readonly load: Loader,
    unstored?: { body: string; summary?: string },
  ) {
    this.unstored = unstored;
    this.path = meta.path;
    // Folders repeat; the last segment is the story's own.
    this.slug = meta.slug.map((segment, i) => (i < meta.slug.length - 1 ? shared(segment) : segment));
    this.id = meta.id;
    this.publishedMs = meta.published;
    this.updatedMs = meta.updated;
    this.hash = meta.hash;
    this.title = meta.title;
    if (meta.author !== undefined) this.author = shared(meta.author);
    this.categories = meta.categories.map(shared);
    if (meta.image !== undefined) this.image = rebase(meta.image, baseUrl);
    if (meta.enclosure !== undefined) this.enclosure = { ...meta.enclosure, url: rebase(meta.enclosure.url, baseUrl) };
    if (meta.language !== undefined) this.language = shared(meta.language);
    if (meta.media !== undefined && meta.media.length > 0) this.media = meta.media;
    if (meta.authors !== undefined && meta.authors.length > 0) this.authors = meta.authors.map(shared);
    if (meta.dateline !== undefined) this.dateline = meta.dateline;
    if (meta.datelineAt !== undefined) this.datelineAt = meta.datelineAt;
    this.explicitSummary = meta.summary;
  }

  get published(): Date {
    return new Date(this.publishedMs);
  }

  get updated(): Date {
    return new Date(this.updatedMs);
  }

  /** Made when asked (a feed's newest entries, a sitemap): kept, 100,000 URLs were 10 MB of joined strings. */
  get url(): string {
    return this.baseUrl + paths.article(this.slug);
  }

  get contentHtml(): string {
    return rebase(this.unstored?.body ?? this.load.body(this.path), this.baseUrl);
  }

  /** Whether the store holds this entry's body (it does unless the transaction holding it failed). */
  get inStore(): boolean {
    return this.unstored === undefined;
  }

  /** The store now holds this entry's body and summary: memory need not. */
  stored(): void {
    this.unstored = undefined;
  }

  /**
   * The file's own summary, else the one made when it was parsed (read from the store like the
   * body: kept in memory, 100,000 of them would be tens of MB). A server parses without them, and
   * a store of an older feedpub has none: then it is made here, and handed to `load.made` to keep.
   */
  get summary(): string {
    const known = this.explicitSummary ?? this.unstored?.summary ?? this.load.summary(this.path);
    if (known !== undefined) return known;
    const made = summarize(this.contentHtml, this.title);
    this.load.made?.(this.path, this.hash, made);
    return made;
  }
}

interface Loader {
  body: (path: string) => string;
  summary: (path: string) => string | undefined;
  /** A summary made for a render, of the story of this hash: the store may keep it. */
  made?: (path: string, hash: string, summary: string) => void;
}

/**
 * Summaries made for renders, to be stored with the next batch (MadeSummaries.take): the front
 * feeds' stories then read theirs from the store, as a build's do. Bounded: a crawler walking
 * every archive page of a server with no saves must not fill memory with them.
 */
export class MadeSummaries {
  private readonly byPath = new Map<string, { path: string; hash: string; summary: string }>();

  constructor(private readonly limit = 2000) {}

  add(path: string, hash: string, summary: string): void {
    if (this.byPath.size < this.limit || this.byPath.has(path)) this.byPath.set(path, { path, hash, summary });
  }

  take(): { path: string; hash: string; summary: string }[] {
    const all = [...this.byPath.values()];
    this.byPath.clear();
    return all;
  }
}

/**
 * Makes the entries of one store and base URL. They share one loader: a pair of closures per
 * entry was 15 MB at 100,000 stories.
 */
export function storedEntries(
  store: { body: (path: string) => string; summary: (path: string) => string | undefined },
  baseUrl: string,
  made?: MadeSummaries,
): (meta: EntryMeta, unstored?: { body: string; summary?: string }) => StoredEntry {
  const load: Loader = {
    body: (p) => store.body(p),
    summary: (p) => store.summary(p),
    ...(made ? { made: (p: string, hash: string, summary: string) => made.add(p, hash, summary) } : {}),
  };
  return (meta, unstored) => new StoredEntry(meta, baseUrl, load, unstored);
}

/** Text written against STORED_BASE, with the public base URL in its place. */
function rebase(text: string, baseUrl: string): string {
  return text.includes(STORED_BASE) ? text.split(STORED_BASE).join(baseUrl) : text;
}

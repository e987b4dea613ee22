// The index of published entries: by path, in feed order, by slug, by category and author; drafts and the stats of every file read.
import { authorsOf } from '../core/credit-authors.js';
import type { FileStat } from '../core/folder-diff.js';
import type { Entry, Story, StoryReading } from '../core/model.js';
import { type Facet, facetKeys } from '../core/routes.js';
import { slugKey } from '../core/paths.js';
import { EntryOrder, compareEntries } from './entry-order.js';
import { shared } from './shared-strings.js';

/** What the parser took from a file's latest save (shown on the desk): a few short strings, not the parse. */
export interface ReadingSummary {
  title?: string;
  dateline?: string;
  /** The instant the dateline was read as (ISO 8601), when it was a whole date. */
  datelineAt?: string;
  credit?: string;
  language?: string;
}

/** The summary of a parse (`story`) or of a failed one (its partial `reading`). */
export function summarizeReading(reading: StoryReading | undefined, story?: Story): ReadingSummary {
  const clip = (text: string | undefined) => (text === undefined ? undefined : text.length > 300 ? `${text.slice(0, 299)}…` : text);
  return {
    title: clip(story?.title ?? reading?.title?.text),
    dateline: clip(reading?.dateline?.text),
    ...(reading?.dateline?.date ? { datelineAt: reading.dateline.date } : {}),
    credit: sharedOrUndefined(clip(story?.author ?? reading?.credits[0]?.text)),
    language: sharedOrUndefined(story?.language ?? reading?.language),
  };
}

const sharedOrUndefined = (text: string | undefined) => (text === undefined ? undefined : shared(text));

/**
 * An in-memory index, nothing else: no file, store or parser access. Every collection is kept
 * in step by the four changes below (`publish`, `unpublish`, `setDraft`, `setStat`/`forgetStat`),
 * so no caller updates one collection without the others.
 */
export class Catalog {
  private readonly entries = new Map<string, Entry>();
  private readonly order = new EntryOrder();
  private readonly slugOwners = new Map<string, string>();
  /** Size and mtime of each file as last read: lets a reconcile skip unchanged files. */
  private readonly stats = new Map<string, FileStat>();
  private readonly drafts = new Set<string>();
  /** Held (embargoed) files and their release time (epoch ms). */
  private readonly held = new Map<string, number>();
  /** The URL each held file will take (its slugKey), kept for it: and its file by that key. */
  private readonly heldSlugs = new Map<string, string>();
  private readonly heldSlugOwners = new Map<string, string>();
  /** Published entries by id: two files must never publish one id. */
  private readonly idOwners = new Map<string, string>();
  /** Stories per category and per author (the home page lists them). */
  private readonly facetCounts: Record<Facet, Map<string, number>> = { categories: new Map(), authors: new Map() };
  private changed = new Set<string>();
  /** The images beside the stories (paths in the articles folder) that published stories name or show, and how many do. */
  private readonly publishedImages = new Map<string, number>();
  /** What the parser took from each file's latest save, published or not. */
  private readonly readings = new Map<string, ReadingSummary>();

  /** Load entries kept by the last run, with the stats of their files then. One sort, not n inserts. */
  restore(rows: readonly { entry: Entry; stat: FileStat }[]): void {
    for (const { entry, stat } of rows) {
      this.count(entry, 1);
      this.entries.set(entry.path, entry);
      this.slugOwners.set(slugKey(entry.slug), entry.path);
      this.idOwners.set(entry.id, entry.path);
      this.stats.set(entry.path, stat);
      this.changed.add(entry.path);
    }
    this.order.reset(rows.map((r) => r.entry).sort(compareEntries));
  }

  /** Published entries, newest first (published, then path: a total, stable order). Valid until the next change. */
  list(): readonly Entry[] {
    return this.order.all;
  }

  get(path: string): Entry | undefined {
    return this.entries.get(path);
  }

  get size(): number {
    return this.entries.size;
  }

  get draftCount(): number {
    return this.drafts.size;
  }

  /** Category or author pages (core/routes.ts facetKey) with their story counts (unordered). */
  facet(kind: Facet): ReadonlyMap<string, number> {
    return this.facetCounts[kind];
  }

  /** The path whose published entry holds this slug (compared as slugKey), if any. */
  slugOwner(slug: readonly string[]): string | undefined {
    const owner = this.slugOwners.get(slugKey(slug));
    return owner !== undefined && this.entries.has(owner) ? owner : undefined;
  }

  /**
   * The held file that will take this slug at its release, if any: a story saved meanwhile under
   * the same name (`storm.md` beside a held `storm.txt`) took its URL and published its picture,
   * and the held story failed at its release (attack trial).
   */
  heldSlugOwner(slug: readonly string[]): string | undefined {
    return this.heldSlugOwners.get(slugKey(slug));
  }

  /** The path whose published entry has this id, if any. */
  idOwner(id: string): string | undefined {
    return this.idOwners.get(id);
  }

  /** Publish `entry` at its path, replacing the entry there. */
  publish(entry: Entry): void {
    const current = this.entries.get(entry.path);
    this.setHeld(entry.path, undefined);
    if (current && this.idOwners.get(current.id) === entry.path) this.idOwners.delete(current.id);
    this.idOwners.set(entry.id, entry.path);
    if (current) {
      this.order.remove(current);
      this.count(current, -1);
      const oldKey = slugKey(current.slug);
      if (oldKey !== slugKey(entry.slug) && this.slugOwners.get(oldKey) === entry.path) this.slugOwners.delete(oldKey);
    }
    this.drafts.delete(entry.path);
    this.slugOwners.set(slugKey(entry.slug), entry.path);
    this.count(entry, 1);
    this.entries.set(entry.path, entry);
    this.order.insert(entry);
    this.changed.add(entry.path);
  }

  /** Take the entry at `path` off the site; true when there was one. */
  unpublish(path: string): boolean {
    const entry = this.entries.get(path);
    if (!entry) return false;
    this.entries.delete(path);
    if (this.idOwners.get(entry.id) === path) this.idOwners.delete(entry.id);
    this.order.remove(entry);
    this.count(entry, -1);
    this.changed.add(path);
    const key = slugKey(entry.slug);
    if (this.slugOwners.get(key) === path) this.slugOwners.delete(key);
    return true;
  }

  /** The file at `path` is a draft (or no longer one). A draft is never published. */
  setDraft(path: string, draft: boolean): void {
    if (draft) this.drafts.add(path);
    else this.drafts.delete(path);
  }

  /**
   * The file at `path` is held until `until` (epoch ms), keeping the URL of `slug` for it, or no
   * longer held (undefined). True when a URL it kept is free now (another file may want it).
   */
  setHeld(path: string, until: number | undefined, slug?: readonly string[]): boolean {
    if (until === undefined) this.held.delete(path);
    else this.held.set(path, until);
    const key = until === undefined || slug === undefined ? undefined : slugKey(slug);
    const kept = this.heldSlugs.get(path);
    if (kept === key) return false;
    if (kept !== undefined && this.heldSlugOwners.get(kept) === path) this.heldSlugOwners.delete(kept);
    this.heldSlugs.delete(path);
    if (key !== undefined) {
      this.heldSlugs.set(path, key);
      this.heldSlugOwners.set(key, path);
    }
    return kept !== undefined;
  }

  /** True when a published story names or shows the image `rel` (a path in the articles folder): only such an image is public. */
  imagePublished(rel: string): boolean {
    return this.publishedImages.has(rel);
  }

  /** Held files and their release times. */
  heldFiles(): ReadonlyMap<string, number> {
    return this.held;
  }

  isDraft(path: string): boolean {
    return this.drafts.has(path);
  }

  setReading(path: string, reading: ReadingSummary): void {
    this.readings.set(path, reading);
  }

  reading(path: string): ReadingSummary | undefined {
    return this.readings.get(path);
  }

  /** Stats of every file last looked at (published, draft or with a problem). */
  knownStats(): ReadonlyMap<string, FileStat> {
    return this.stats;
  }

  setStat(path: string, stat: FileStat): void {
    this.stats.set(path, stat);
  }

  /** The file is gone (or its identity moved): forget its stats, draft mark and hold; true when it kept a URL as a held story. */
  forget(path: string): boolean {
    this.stats.delete(path);
    this.drafts.delete(path);
    this.readings.delete(path);
    return this.setHeld(path, undefined);
  }

  /** Paths whose published entry changed (added, edited, removed) since the last call. */
  drainChanged(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  private count(entry: Entry, delta: 1 | -1): void {
    const bump = (map: Map<string, number>, key: string) => {
      const n = (map.get(key) ?? 0) + delta;
      if (n > 0) map.set(key, n);
      else map.delete(key);
    };
    for (const c of facetKeys(entry.categories)) bump(this.facetCounts.categories, c);
    for (const image of entry.media ?? []) bump(this.publishedImages, image);
    for (const name of facetKeys(authorsOf(entry))) bump(this.facetCounts.authors, name);
  }
}

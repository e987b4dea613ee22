// Shared links keep working: a story's old URL path answers 301 after a rename or a new slug, 410 after a deletion.
import type { Logger } from '../log.js';
import type { StateDb } from '../store/state-db.js';

/**
 * URLs of stories removed lately, by file path, kept in memory (the store has them all: a
 * rename seen as a deletion then an addition gets its 301 however many were removed between).
 */
const RETIRED_LIMIT = 1000;

/** A removed story's URL and id. */
interface Removal {
  url: string;
  id: string;
}

/**
 * Records URL moves in the state store (which collapses chains), each with the id of the story
 * it is for. Only stories that were public are recorded: a held or draft story's URL was never
 * published, so it keeps answering 404.
 */
export class UrlMoves {
  private readonly retired = new Map<string, Removal>();
  /** Deletions of this batch, written at its end: a rename in the same batch turns one into a 301 first. */
  private readonly gone = new Map<string, Removal>();
  /** What the last flush of this batch wrote, should its transaction roll back. */
  private flushed: [string, Removal][] = [];

  constructor(
    private readonly store: StateDb,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  /** The published story `id` of `relPath` at `url` was deleted: 410 Gone, unless a rename claims it. */
  deleted(relPath: string, url: string, id: string): void {
    this.gone.set(relPath, { url, id });
    if (this.retired.size >= RETIRED_LIMIT) this.retired.delete(this.retired.keys().next().value as string);
    this.retired.set(relPath, { url, id });
  }

  /**
   * The URL the story `id` of a removed file had (a rename's source), forgotten here once asked:
   * from memory, else from the store (found after 1,000 other removals, or after a restart:
   * before, its old URL stayed 410, or answered 404 when the removal was not recorded yet).
   */
  takeRetired(relPath: string, id: string): string | undefined {
    const known = this.retired.get(relPath) ?? this.gone.get(relPath);
    const url = known?.id === id ? known.url : this.store.retiredUrl(relPath, id);
    this.retired.delete(relPath);
    this.gone.delete(relPath);
    return url;
  }

  /**
   * Record this batch's deletions (410). Deferred to the batch's end because recording one collapses
   * every chain into it: older URLs of a story renamed in the same batch would be lost to 410 too.
   */
  flush(): void {
    // A batch the disk refused is applied in memory: its deletions wait for a flush that can write
    // (the store's retry), or their URLs answered 404, never 410 (attack trial: a full disk).
    if (!this.store.writable) return;
    this.flushed = [...this.gone];
    for (const [relPath, { url, id }] of this.gone) this.store.retireUrl(url, relPath, id, this.now());
    this.gone.clear();
  }

  /** A batch begins: a roll-back (rolledBack) concerns its flush only. */
  begin(): void {
    this.flushed = [];
  }

  /** The transaction of this batch's flush was rolled back: its deletions are written by the next flush. */
  rolledBack(): void {
    for (const [relPath, removal] of this.flushed) if (!this.gone.has(relPath)) this.gone.set(relPath, removal);
    this.flushed = [];
  }

  /**
   * The story `id` now answers at `newUrl`; `oldUrl`, when it differs, answers 301 to it. A story
   * out again (`returning`: renamed, or its file back) takes back every old URL of its that
   * answered 410 (attack trial: after `mv a b2; rm b2`, the bytes back as c3 moved b2, not a).
   */
  published(oldUrl: string | undefined, newUrl: string, id: string, returning = false): void {
    if (oldUrl !== undefined && oldUrl !== newUrl) {
      this.store.moveUrl(oldUrl, newUrl, this.now(), id);
      this.log.info('article.moved', { from: oldUrl, to: newUrl });
    } else {
      this.store.claimUrl(newUrl);
    }
    if (returning) this.store.reviveUrls(id, newUrl);
  }
}

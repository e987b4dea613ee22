// Each published story's place in the RFC 5005 archive: given once, oldest first, kept in the state store by its id.
import type { ArchiveLedger } from '../core/archive-pages.js';
import type { Entry } from '../core/model.js';
import type { Logger } from '../log.js';
import type { Catalog } from './catalog.js';
import { compareEntries } from './entry-order.js';

/** Where places are kept: runs of consecutive places (store/state-db.ts). */
export interface PlaceStore {
  /** `ids` undefined: a row that cannot be read, of at most `most` places. */
  archiveRuns(): Iterable<{ first: number; ids: readonly (string | null)[] | undefined; most?: number }>;
  putArchiveRun(first: number, ids: readonly string[]): void;
  foldArchiveRuns(ids: readonly (string | null)[]): void;
}

/** Runs read at a start past which they are folded into one row: each rebuild that published a story added one. */
const FOLD_AT = 256;

/**
 * Places by story id, and the story id at each place. A story keeps its place through edits,
 * renames, a deletion and its return (core/archive-pages.ts says why). Places are given at each
 * rebuild to the stories published since the last one, oldest first: a first start's stories fill
 * the pages in date order, as they did when pages were cut from the date order itself.
 */
export class ArchivePlaces {
  private readonly byId = new Map<string, number>();
  private readonly byPlace: (string | null)[] = [null];
  /** Runs the store refused (locked, full), oldest first: written before any newer one, so the rows stay consecutive. */
  private readonly unsaved: { first: number; ids: string[] }[] = [];

  constructor(
    private readonly store: PlaceStore,
    private readonly log: Logger,
  ) {
    let runs = 0;
    let damaged = 0;
    /** The places an unreadable row can have held, from where it began: they stay empty. */
    let unread: { first: number; most: number } | undefined;
    for (const { first, ids, most } of store.archiveRuns()) {
      runs++;
      if (ids === undefined) {
        damaged++;
        if (first === this.highest + 1) unread = { first, most: most ?? 0 };
        continue;
      }
      // After an unreadable row, the next run begins where that one ended: its places stay empty,
      // and the runs after it keep theirs (attack trial: one bad row re-cut every later page).
      if (unread && first > this.highest + 1 && first - unread.first <= unread.most) while (this.highest + 1 < first) this.byPlace.push(null);
      unread = undefined;
      // Runs follow each other from place 1. One that does not (a row edited by hand, a torn
      // copy) is skipped, never followed: a run at place 300,000,000 made an array that size and
      // ended the process, and one over another's places took a story's place (attack trial).
      if (first !== this.highest + 1) {
        damaged++;
        continue;
      }
      ids.forEach((id, i) => {
        if (id !== null && !this.byId.has(id)) this.set(id, first + i);
        else this.byPlace.push(null);
      });
    }
    if (damaged > 0)
      log.warn('state.archive-places-damaged', {
        runs: damaged,
        reason: 'rows of archive places that do not follow the others were skipped: their stories are given places again, on the newest pages',
      });
    if (runs > FOLD_AT || damaged > 0) this.save(() => store.foldArchiveRuns(this.byPlace.slice(1).map((id) => id ?? null)), this.highest);
  }

  get highest(): number {
    return this.byPlace.length - 1;
  }

  /**
   * Give a place to each of `entries` that has none, oldest first. Kept in the store; runs a store
   * refused (locked, a full disk) are written first, at this rebuild or a later one, or at the stop.
   */
  give(entries: Iterable<Entry>): void {
    const fresh = [...entries].filter((e) => !this.byId.has(e.id)).sort(compareEntries);
    if (fresh.length === 0) {
      this.saveWaiting();
      return;
    }
    const first = this.highest + 1;
    const ids: string[] = [];
    for (let i = fresh.length - 1; i >= 0; i--) {
      const { id } = fresh[i] as Entry;
      if (this.byId.has(id)) continue;
      this.set(id, this.highest + 1);
      ids.push(id);
    }
    this.unsaved.push({ first, ids });
    this.saveWaiting();
  }

  /**
   * Write the runs the store refused, oldest first; call again when the store takes writes again.
   * Before, a run refused once was kept in memory only, and the next start gave its stories other
   * places: pages already served changed (attack trial: a locked or full store).
   */
  saveWaiting(): void {
    while (this.unsaved.length > 0) {
      const run = this.unsaved[0] as { first: number; ids: string[] };
      if (!this.save(() => this.store.putArchiveRun(run.first, run.ids), run.ids.length)) return;
      this.unsaved.shift();
    }
  }

  /** The ledger the archive pages are read from: each place's story as the catalog publishes it now. */
  ledger(catalog: Catalog): ArchiveLedger {
    const highest = () => this.highest;
    return {
      get highest() {
        return highest();
      },
      entryAt: (place) => {
        const id = this.byPlace[place];
        const path = id === undefined || id === null ? undefined : catalog.idOwner(id);
        return path === undefined ? undefined : catalog.get(path);
      },
    };
  }

  /** `place` is always the next one (highest + 1): places are given, and read back, in order. */
  private set(id: string, place: number): void {
    this.byId.set(id, place);
    this.byPlace[place] = id;
  }

  private save(write: () => void, stories: number): boolean {
    try {
      write();
      return true;
    } catch (error) {
      this.log.warn('state.archive-places-unsaved', { stories, reason: `${(error as Error).message}; written when the store takes writes again` });
      return false;
    }
  }
}

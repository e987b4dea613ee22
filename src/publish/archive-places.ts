// Each published story's place in the RFC 5005 archive: given once, oldest first, kept in the state store by its id.
import type { ArchiveLedger } from '../core/archive-pages.js';
import type { Entry } from '../core/model.js';
import type { Logger } from '../log.js';
import type { Catalog } from './catalog.js';
import { compareEntries } from './entry-order.js';

/**
 * Places by story id, and the story id at each place. A story keeps its place through edits,
 * renames, a deletion and its return (core/archive-pages.ts says why). Places are given at each
 * rebuild to the stories published since the last one, oldest first: a first start's stories fill
 * the pages in date order, as they did when pages were cut from the date order itself.
 */
export class ArchivePlaces {
  private readonly byId = new Map<string, number>();
  private readonly byPlace = new Map<number, string>();
  private top = 0;

  constructor(
    rows: Iterable<readonly [string, number]>,
    private readonly keep: (places: [string, number][]) => void,
    private readonly log: Logger,
  ) {
    for (const [id, place] of rows) this.set(id, place);
  }

  get highest(): number {
    return this.top;
  }

  /**
   * Give a place to each of `entries` that has none, oldest first. Kept in the store; a store that
   * refuses them (a full disk) leaves them in memory: the next start gives them again, in the same
   * order unless stories came or went meanwhile.
   */
  give(entries: Iterable<Entry>): void {
    const fresh = [...entries].filter((e) => !this.byId.has(e.id)).sort(compareEntries);
    if (fresh.length === 0) return;
    const given: [string, number][] = [];
    for (let i = fresh.length - 1; i >= 0; i--) {
      const { id } = fresh[i] as Entry;
      if (this.byId.has(id)) continue;
      this.set(id, this.top + 1);
      given.push([id, this.top]);
    }
    try {
      this.keep(given);
    } catch (error) {
      this.log.warn('state.archive-places-unsaved', { stories: given.length, reason: (error as Error).message });
    }
  }

  /** The ledger the archive pages are read from: each place's story as the catalog publishes it now. */
  ledger(catalog: Catalog): ArchiveLedger {
    const highest = () => this.top;
    return {
      get highest() {
        return highest();
      },
      entryAt: (place) => {
        const id = this.byPlace.get(place);
        const path = id === undefined ? undefined : catalog.idOwner(id);
        return path === undefined ? undefined : catalog.get(path);
      },
    };
  }

  private set(id: string, place: number): void {
    this.byId.set(id, place);
    this.byPlace.set(place, id);
    if (place > this.top) this.top = place;
  }
}

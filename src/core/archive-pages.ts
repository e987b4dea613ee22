// RFC 5005 archive pages that never change: the stories in the order of their archive places, `itemLimit` places to a page.
import type { Entry } from './model.js';

/**
 * Where each story sits in the archive. A place (1, 2, ...) is given once to each published story,
 * oldest first, and kept by its id (publish/archive-places.ts), so a page is the same stories for
 * good: a story deleted leaves its place empty and a backdated one arriving later takes the next
 * place, where before both moved every newer story to another page. RFC 5005 §4.2 readers stop
 * paging back at the first archive document they already hold: a page that changed under its
 * URL was never read again.
 */
export interface ArchiveLedger {
  /** The highest place given so far (deleted stories' included): 0 before any. */
  readonly highest: number;
  /** The published entry at `place`, if its story is published now. */
  entryAt(place: number): Entry | undefined;
}

/**
 * Complete pages: page `p` holds places (p-1)·itemLimit+1 to p·itemLimit, and is an archive once
 * the last is given; the archive begins with two pages at once. A lone page links no other archive
 * document, which the W3C validator warns of (ArchiveIncomplete: attack trial); until there are
 * two, the feeds carry every story (subscriptionEntries).
 */
export function archivePageCount(ledger: ArchiveLedger, itemLimit: number): number {
  const pages = Math.floor(ledger.highest / itemLimit);
  return pages >= 2 ? pages : 0;
}

/** The published stories of complete page `page`, newest place first; undefined past the last complete page. */
export function archivePageEntries(ledger: ArchiveLedger, page: number, itemLimit: number): Entry[] | undefined {
  if (!Number.isInteger(page) || page < 1 || page > archivePageCount(ledger, itemLimit)) return undefined;
  const out: Entry[] = [];
  for (let place = page * itemLimit; place > (page - 1) * itemLimit; place--) {
    const entry = ledger.entryAt(place);
    if (entry) out.push(entry);
  }
  return out;
}

/**
 * The subscription feeds' stories: the newest `itemLimit` (`entries` is newest first), and any
 * story in no complete page yet that is older than those (a backdated story: its page is not
 * full), oldest last. With these, the feeds and the complete pages hold every story (RFC 5005
 * §4: the subscription document and the archives together are the whole feed).
 */
export function subscriptionEntries(entries: readonly Entry[], ledger: ArchiveLedger, itemLimit: number): readonly Entry[] {
  const latest = entries.slice(0, itemLimit);
  const shown = new Set(latest);
  const unpaged: Entry[] = [];
  for (let place = archivePageCount(ledger, itemLimit) * itemLimit + 1; place <= ledger.highest; place++) {
    const entry = ledger.entryAt(place);
    if (entry && !shown.has(entry)) unpaged.push(entry);
  }
  if (unpaged.length === 0) return latest;
  unpaged.sort((a, b) => b.published.getTime() - a.published.getTime() || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...latest, ...unpaged];
}

/**
 * The page the subscription feeds link as prev-archive: the newest complete page that holds a
 * story they do not (the newest page may hold only their own stories: a reader paging back would
 * get them again). Undefined when no page holds one.
 */
export function newestArchiveBeyond(feedEntries: readonly Entry[], ledger: ArchiveLedger, itemLimit: number): number | undefined {
  const shown = new Set(feedEntries);
  for (let page = archivePageCount(ledger, itemLimit); page >= 1; page--) {
    if (archivePageEntries(ledger, page, itemLimit)?.some((e) => !shown.has(e))) return page;
  }
  return undefined;
}

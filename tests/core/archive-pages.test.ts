// Archive pages by place: complete pages fixed once full, the subscription feeds carrying what no complete page holds.
import { describe, expect, it } from 'vitest';
import { type ArchiveLedger, archivePageCount, archivePageEntries, newestArchiveBeyond, subscriptionEntries } from '../../src/core/archive-pages.js';
import type { Entry } from '../../src/core/model.js';
import { ArchivePlaces } from '../../src/publish/archive-places.js';
import { Catalog } from '../../src/publish/catalog.js';
import type { Logger } from '../../src/log.js';

const entry = (n: number, day: number): Entry => ({
  path: `s${n}.txt`,
  slug: [`s${n}`],
  url: `https://news.example/articles/s${n}`,
  id: `urn:test:${n}`,
  published: new Date(Date.UTC(2026, 0, day)),
  updated: new Date(Date.UTC(2026, 0, day)),
  hash: `h${n}`,
  title: `Story ${n}`,
  contentHtml: '<p>x</p>',
  summary: 'x',
  categories: [],
});

/** A ledger over `byPlace` (place → entry; a missing place is a deleted story's). */
function ledger(highest: number, byPlace: Record<number, Entry>): ArchiveLedger {
  return { highest, entryAt: (place) => byPlace[place] };
}

const titles = (entries: readonly Entry[] | undefined) => entries?.map((e) => e.title);

describe('archive pages by place', () => {
  const s = Array.from({ length: 11 }, (_, i) => entry(i, i + 1));

  it('counts complete pages only, and gives a page its places newest first, a deleted story leaving a gap', () => {
    const archive = ledger(8, { 1: s[1] as Entry, 3: s[3] as Entry, 4: s[4] as Entry, 5: s[5] as Entry, 6: s[6] as Entry, 7: s[7] as Entry, 8: s[8] as Entry });
    expect(archivePageCount(archive, 3)).toBe(2);
    expect(titles(archivePageEntries(archive, 1, 3))).toEqual(['Story 3', 'Story 1']);
    expect(titles(archivePageEntries(archive, 2, 3))).toEqual(['Story 6', 'Story 5', 'Story 4']);
    for (const page of [0, 3, 1.5, -1]) expect(archivePageEntries(archive, page, 3)).toBeUndefined();
  });

  it('puts a story older than the newest ones but in no complete page in the subscription feeds, after them', () => {
    // Places 1-6 in date order; 7 is a backdated story (day 0), 8 the newest.
    const backdated = entry(99, 0);
    const newestFirst = [s[8], s[6], s[5], s[4], s[3], s[2], s[1], backdated] as Entry[];
    const archive = ledger(8, { 1: s[1], 2: s[2], 3: s[3], 4: s[4], 5: s[5], 6: s[6], 7: backdated, 8: s[8] } as Record<number, Entry>);
    const inFeeds = subscriptionEntries(newestFirst, archive, 3);
    expect(titles(inFeeds)).toEqual(['Story 8', 'Story 6', 'Story 5', 'Story 99']);
    // Page 2 (4-6) holds Story 4, which the feeds do not: the feeds link it.
    expect(newestArchiveBeyond(inFeeds, archive, 3)).toBe(2);
    // Every story is in the feeds or a complete page.
    const everywhere = new Set([...inFeeds, ...(archivePageEntries(archive, 1, 3) ?? []), ...(archivePageEntries(archive, 2, 3) ?? [])]);
    expect(everywhere.size).toBe(newestFirst.length);
  });

  it('begins the archive with two pages: before, the feeds carry every story', () => {
    const newestFirst = [s[5], s[4], s[3], s[2], s[1]] as Entry[];
    const archive = ledger(5, { 1: s[1], 2: s[2], 3: s[3], 4: s[4], 5: s[5] } as Record<number, Entry>);
    expect(archivePageCount(archive, 3)).toBe(0);
    expect(archivePageEntries(archive, 1, 3)).toBeUndefined();
    expect(titles(subscriptionEntries(newestFirst, archive, 3))).toEqual(['Story 5', 'Story 4', 'Story 3', 'Story 2', 'Story 1']);
    expect(newestArchiveBeyond(newestFirst, archive, 3)).toBeUndefined();
  });

  it('links the page before the newest when the newest holds only the feeds’ own stories, and none when no page holds another', () => {
    const newestFirst = [s[6], s[5], s[4], s[3], s[2], s[1]] as Entry[];
    const archive = ledger(6, { 1: s[1], 2: s[2], 3: s[3], 4: s[4], 5: s[5], 6: s[6] } as Record<number, Entry>);
    const inFeeds = subscriptionEntries(newestFirst, archive, 3);
    expect(titles(inFeeds)).toEqual(['Story 6', 'Story 5', 'Story 4']);
    expect(newestArchiveBeyond(inFeeds, archive, 3)).toBe(1);
    expect(newestArchiveBeyond(newestFirst, archive, 3)).toBeUndefined();
  });
});

/** A store of runs in memory, as state-db.ts keeps them. */
function runStore(runs: { first: number; ids: (string | null)[] | undefined; most?: number }[] = [], fail = false) {
  return {
    runs,
    folded: 0,
    fail,
    archiveRuns: () => runs,
    putArchiveRun(first: number, ids: readonly string[]) {
      if (this.fail) throw new Error('disk full');
      runs.push({ first, ids: [...ids] });
    },
    foldArchiveRuns(ids: readonly (string | null)[]) {
      this.folded++;
      runs.splice(0, runs.length, { first: 1, ids: [...ids] });
    },
  };
}

describe('ArchivePlaces', () => {
  const lines: string[] = [];
  const say = (_event: string) => undefined;
  const log: Logger = { debug: say, info: say, error: say, warn: (event, fields) => lines.push(`${event} ${JSON.stringify(fields)}`) };

  it('gives places oldest first to the stories that have none, keeps them as a run, and says when the store refused them', () => {
    const store = runStore([{ first: 1, ids: ['urn:test:gone'] }]);
    const catalog = new Catalog();
    const places = new ArchivePlaces(store, log);
    const stories = [entry(3, 3), entry(1, 1), entry(2, 2)];
    for (const e of stories) catalog.publish(e);
    places.give(stories);
    expect(store.runs).toEqual([
      { first: 1, ids: ['urn:test:gone'] },
      { first: 2, ids: ['urn:test:1', 'urn:test:2', 'urn:test:3'] },
    ]);
    const archive = places.ledger(catalog);
    expect(archive.highest).toBe(4);
    // Place 1 is a story no longer published: an empty place.
    expect([1, 2, 3, 4].map((p) => archive.entryAt(p)?.title)).toEqual([undefined, 'Story 1', 'Story 2', 'Story 3']);
    // Given again (a rebuild that saw them change): nothing new.
    places.give(stories);
    expect(store.runs).toHaveLength(2);
    // A restart reads the same places.
    const again = new ArchivePlaces(store, log).ledger(catalog);
    expect([1, 2, 3, 4].map((p) => again.entryAt(p)?.title)).toEqual([undefined, 'Story 1', 'Story 2', 'Story 3']);
    const failing = new ArchivePlaces(runStore([], true), log);
    failing.give([entry(5, 5)]);
    expect(failing.ledger(catalog).highest).toBe(1);
    expect(lines.some((l) => l.includes('state.archive-places-unsaved') && l.includes('disk full'))).toBe(true);
  });

  it('skips a run that does not follow the others (a row edited by hand), says so, and writes the rest back clean', () => {
    lines.length = 0;
    const store = runStore([
      { first: 1, ids: ['urn:test:a', 'urn:test:b'] },
      { first: 2, ids: ['urn:test:bogus'] },
      { first: 3, ids: ['urn:test:c'] },
      { first: 300_000_000, ids: ['urn:test:far'] },
    ]);
    const places = new ArchivePlaces(store, log);
    expect(places.highest).toBe(3);
    expect(store.folded).toBe(1);
    expect(store.runs).toEqual([{ first: 1, ids: ['urn:test:a', 'urn:test:b', 'urn:test:c'] }]);
    expect(lines.some((l) => l.startsWith('state.archive-places-damaged') && l.includes('"runs":2'))).toBe(true);
  });

  it('writes the runs a store refused once it takes writes again, oldest first, so a restart keeps every place (attack trial)', () => {
    const store = runStore([], true);
    const catalog = new Catalog();
    const places = new ArchivePlaces(store, log);
    places.give([entry(1, 1), entry(2, 2)]);
    places.give([entry(3, 3)]);
    expect(store.runs).toEqual([]);
    store.fail = false;
    places.give([]);
    expect(store.runs).toEqual([
      { first: 1, ids: ['urn:test:1', 'urn:test:2'] },
      { first: 3, ids: ['urn:test:3'] },
    ]);
    for (const e of [entry(1, 1), entry(2, 2), entry(3, 3)]) catalog.publish(e);
    const again = new ArchivePlaces(store, log).ledger(catalog);
    expect([1, 2, 3].map((p) => again.entryAt(p)?.title)).toEqual(['Story 1', 'Story 2', 'Story 3']);
  });

  it('leaves the places of a row that cannot be read empty, and keeps the runs after it (attack trial: every later page was re-cut)', () => {
    const store = runStore([
      { first: 1, ids: ['urn:test:1'] },
      { first: 2, ids: undefined, most: 4 },
      { first: 4, ids: ['urn:test:4'] },
    ]);
    const catalog = new Catalog();
    for (const e of [entry(1, 1), entry(4, 4)]) catalog.publish(e);
    const archive = new ArchivePlaces(store, log).ledger(catalog);
    expect(archive.highest).toBe(4);
    expect([1, 2, 3, 4].map((p) => archive.entryAt(p)?.title)).toEqual(['Story 1', undefined, undefined, 'Story 4']);
  });

  it('folds many runs into one at a start, with the same places', () => {
    const runs = Array.from({ length: 300 }, (_, i) => ({ first: i + 1, ids: [i === 7 ? null : `urn:test:${i + 1}`] }));
    const store = runStore(runs);
    const places = new ArchivePlaces(store, log);
    expect(store.folded).toBe(1);
    expect(store.runs).toHaveLength(1);
    expect(store.runs[0]?.ids).toHaveLength(300);
    expect(store.runs[0]?.ids?.[7]).toBeNull();
    expect(store.runs[0]?.ids?.[8]).toBe('urn:test:9');
    expect(places.ledger(new Catalog()).highest).toBe(300);
  });
});

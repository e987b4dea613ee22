// A build's archive documents rendered on a worker thread: a page's three at once, the next pages ahead.
import { matchRoute, paths } from '../core/routes.js';
import type { SnapshotDoc, SnapshotItem } from '../snapshot/snapshot.js';
import type { ArchivePool } from '../workers/archive-pool.js';

const ARCHIVE_PREFIX = paths.archive(1, 'rss').split('/1/')[0] as string;

/**
 * Pages asked for ahead of the one being written, so that no worker of the pool (one a core) is
 * idle while the main thread renders the story pages between two archive pages: two ahead kept
 * one of two workers waiting (10,000 stories: 11.0 s against 8.6 s with four).
 */
const AHEAD = 4;

/**
 * Pages rendered on the main thread before the worker is started for pages that do not come in a
 * run: starting it (its own modules and a connection to the store) took about 250 ms here, ten
 * times a page's render, and a build after one story changed renders one page.
 */
const MAIN_PAGES = 2;

/**
 * `items` with each archive document made by `pool`: its doc() is a promise, and the build goes on
 * with story pages meanwhile. Measured at 10,000 stories (3 runs each): 7.5-7.8 s against
 * 8.4-9.5 s with every page rendered on the main thread. Letting the main thread render a page
 * itself whenever the worker was behind was slower (8.2-9.0 s) and took 40 MB more. Pages are
 * asked for ahead only once two follow each other (a cold build). The first MAIN_PAGES pages that
 * do not follow another are rendered here, not on the worker: a build after one story changed
 * never starts it. A page the worker cannot render (it failed, or a story is not in the store) is
 * rendered on the main thread.
 */
export function archivesAside(items: Iterable<SnapshotItem>, pool: ArchivePool): SnapshotItem[] {
  const byPage = new Map<number, SnapshotItem[]>();
  const list = [...items];
  // Only archive paths are matched: 10,000 story pages went through matchRoute twice each.
  const pageOf = (item: SnapshotItem) => {
    if (!item.path.startsWith(ARCHIVE_PREFIX)) return undefined;
    const route = matchRoute(item.path);
    return route?.kind === 'archive' ? route.page : undefined;
  };
  for (const item of list) {
    const page = pageOf(item);
    if (page === undefined || !item.offThread) continue;
    byPage.set(page, [...(byPage.get(page) ?? []), item]);
  }
  if (byPage.size === 0) return list;
  const made = new Map<number, Promise<Map<string, SnapshotDoc> | undefined>>();
  const left = new Map<number, number>();
  let pooled = false;
  let onMain = 0;
  const decide = (page: number, inRun: boolean): Promise<Map<string, SnapshotDoc> | undefined> => {
    let docs = made.get(page);
    if (docs) return docs;
    const here = !inRun && !pooled && onMain < MAIN_PAGES;
    if (here) onMain++;
    else pooled = true;
    const job = here ? undefined : byPage.get(page)?.[0]?.offThread?.();
    docs = job
      ? pool.render(job.page).then(
          (result) => new Map(result.map((m) => [m.path, job.finish(m)])),
          () => undefined,
        )
      : Promise.resolve(undefined);
    made.set(page, docs);
    left.set(page, byPage.get(page)?.length ?? 0);
    return docs;
  };
  const take = async (page: number, item: SnapshotItem): Promise<SnapshotDoc | undefined> => {
    // Two in a row: a build writing every page (not one changed story's), so the next ones are asked for now.
    const streaming = made.has(page - 1);
    const docs = decide(page, streaming);
    if (streaming) for (let next = page + 1; next <= page + AHEAD && byPage.has(next); next++) decide(next, true);
    const doc = (await docs)?.get(item.path);
    const remaining = (left.get(page) ?? 1) - 1;
    left.set(page, remaining);
    // Each page's documents are written once: the bytes go as soon as the last is taken.
    if (remaining <= 0) made.set(page, Promise.resolve(undefined));
    // Undefined: rendered here (the page's three documents at once, kept for its other two items).
    return doc ?? item.doc();
  };
  return list.map((item) => {
    const page = pageOf(item);
    if (page === undefined || !byPage.has(page)) return item;
    return { ...item, doc: () => take(page, item) };
  });
}

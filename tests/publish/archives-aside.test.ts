// A build's archive pages from the worker: asked for ahead only in a run of pages, and made on the main thread when the worker cannot.
import { describe, expect, it } from 'vitest';
import { archivesAside } from '../../src/publish/archives-aside.js';
import type { SnapshotDoc, SnapshotItem } from '../../src/snapshot/snapshot.js';
import type { ArchiveMade, ArchivePage, ArchivePool } from '../../src/workers/archive-pool.js';

const FORMATS = ['feed.xml', 'atom.xml', 'feed.json'];
const doc = (path: string, from: string) => ({ path, tag: from }) as unknown as SnapshotDoc;

/** Archive items of `pages` pages (three documents each) among story pages, and what each rendered on. */
function site(pages: number) {
  const onMain: string[] = [];
  const items: SnapshotItem[] = [{ path: '/articles/a', doc: () => doc('/articles/a', 'main') }];
  for (let page = 1; page <= pages; page++) {
    for (const file of FORMATS) {
      const path = `/archive/${page}/${file}`;
      items.push({
        path,
        key: `k${page}`,
        doc: () => {
          onMain.push(path);
          return doc(path, 'main');
        },
        offThread: () => ({
          page: { page, pages, stories: [] } as unknown as ArchivePage,
          finish: (made: ArchiveMade) => doc(made.path, 'worker'),
        }),
      });
    }
  }
  return { items, onMain };
}

/** A pool that answers when told to, or fails every page. */
function fakePool(fail = false) {
  const asked: number[] = [];
  const pool = {
    render: (page: ArchivePage) => {
      asked.push(page.page);
      if (fail) return Promise.reject(new Error('the archive worker crashed'));
      return Promise.resolve(FORMATS.map((f) => ({ path: `/archive/${page.page}/${f}` }) as ArchiveMade));
    },
  };
  return { pool: pool as unknown as ArchivePool, asked };
}

describe('archivesAside', () => {
  it('renders the first page here and takes the rest from the worker, asking two pages ahead once pages come in a run', async () => {
    const { items, onMain } = site(6);
    const { pool, asked } = fakePool();
    const wrapped = archivesAside(items, pool);
    expect(wrapped.map((i) => i.path)).toEqual(items.map((i) => i.path));
    expect(wrapped[0]).toBe(items[0]);
    const tags: string[] = [];
    for (const item of wrapped.slice(1)) tags.push(((await item.doc()) as SnapshotDoc).tag);
    expect(tags).toEqual([...Array(3).fill('main'), ...Array(15).fill('worker')]);
    // Page 1's three documents are made in one render; its siblings wait in the source (snapshot.ts).
    expect(onMain).toEqual(FORMATS.map((f) => `/archive/1/${f}`));
    expect(asked).toEqual([2, 3, 4, 5, 6]);
  });

  it('never starts the worker for one page (a build after one story changed)', async () => {
    const { items } = site(6);
    const { pool, asked } = fakePool();
    const wrapped = archivesAside(items, pool);
    for (const item of wrapped.filter((i) => i.path.startsWith('/archive/4/'))) expect(((await item.doc()) as SnapshotDoc).tag).toBe('main');
    expect(asked).toEqual([]);
  });

  it('starts the worker for a third page apart from the others, and asks for nothing ahead', async () => {
    const { items } = site(9);
    const { pool, asked } = fakePool();
    const wrapped = archivesAside(items, pool);
    const tags: Record<number, string> = {};
    for (const page of [2, 5, 8]) {
      for (const item of wrapped.filter((i) => i.path.startsWith(`/archive/${page}/`))) tags[page] = ((await item.doc()) as SnapshotDoc).tag;
    }
    expect(tags).toEqual({ 2: 'main', 5: 'main', 8: 'worker' });
    expect(asked).toEqual([8]);
  });

  it('renders a page on the main thread when the worker fails it', async () => {
    const { items, onMain } = site(2);
    const { pool } = fakePool(true);
    const wrapped = archivesAside(items, pool);
    for (const item of wrapped.slice(1)) expect(((await item.doc()) as SnapshotDoc).tag).toBe('main');
    expect(onMain).toHaveLength(6);
  });
});

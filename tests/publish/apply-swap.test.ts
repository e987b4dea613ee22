// Two stories that change places keep their ids, also when a scan reads only one of the two paths.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { FileApplier } from '../../src/publish/apply-files.js';
import { Catalog } from '../../src/publish/catalog.js';
import { ProblemBook } from '../../src/publish/problem-book.js';
import { StateDb } from '../../src/store/state-db.js';
import { storyParser } from '../../src/workers/story-parser.js';
import { put, removeDir, tempDir } from '../helpers.js';

let dirs: string[] = [];
let store: StateDb | undefined;
afterEach(async () => {
  store?.close();
  for (const d of dirs) await removeDir(d);
  dirs = [];
});

function applier(articles: string, state: string): { applier: FileApplier; catalog: Catalog } {
  store = new StateDb(state);
  const parser = storyParser({ boilerplateMarkers: DEFAULT_BOILERPLATE_MARKERS, timeZone: 'UTC', maxTitleLength: 200 }, false);
  const catalog = new Catalog();
  const options = {
    articlesDir: articles,
    maxFileBytes: 1_000_000,
    feedId: 'urn:test',
    baseUrl: 'https://news.example',
    futureStories: 'hold' as const,
    timeZone: 'UTC',
    read: (file: Parameters<typeof parser.read>[0]) => parser.read(file),
    hold: () => undefined,
  };
  return { applier: new FileApplier(options, store, catalog, new ProblemBook(), silentLogger, Date.now), catalog };
}

describe('stories that change places', () => {
  it('keeps every id through a ring of three (mv f t; mv h f; mv g h; mv t g), in any order; an edit in place is no move', async () => {
    for (const order of [['f.txt', 'g.txt', 'h.txt'], ['h.txt', 'g.txt', 'f.txt'], ['g.txt', 'f.txt', 'h.txt']]) {
      const articles = await tempDir();
      const state = await tempDir('feedpub-state-');
      dirs.push(articles, state);
      const text = (t: string) => `Story ${t}\n\nThe text of story ${t}.\n`;
      for (const t of ['f', 'g', 'h']) await put(articles, `${t}.txt`, text(t));
      const { applier: a, catalog } = applier(articles, state);
      await a.apply(['f.txt', 'g.txt', 'h.txt']);
      const idOf = (title: string) => catalog.list().find((e) => e.title === title)?.id;
      const before = ['f', 'g', 'h'].map((t) => idOf(`Story ${t}`));
      // f gets h's story, h gets g's, g gets f's.
      await writeFile(path.join(articles, 'f.txt'), text('h'));
      await writeFile(path.join(articles, 'h.txt'), text('g'));
      await writeFile(path.join(articles, 'g.txt'), text('f'));
      await a.apply(order);
      expect(['f', 'g', 'h'].map((t) => idOf(`Story ${t}`))).toEqual(before);
      expect(catalog.get('f.txt')?.title).toBe('Story h');
      expect(catalog.list()).toHaveLength(3);
      // b's text copied to a, and b edited: a copy, and an edit in place; each keeps its id.
      await writeFile(path.join(articles, 'f.txt'), text('g'));
      await writeFile(path.join(articles, 'g.txt'), `${text('f')}An added line.\n`);
      const idAt = (p: string) => catalog.get(p)?.id;
      const [atF, atG] = [idAt('f.txt'), idAt('g.txt')];
      await a.apply(['f.txt', 'g.txt']);
      expect([idAt('f.txt'), idAt('g.txt')]).toEqual([atF, atG]);
      store?.close();
      store = undefined;
    }
  });

  it('applies the other half of a swap in the same apply: no rebuild in between shows a story gone (two folders swapped, seen by two scans)', async () => {
    const articles = await tempDir();
    const state = await tempDir('feedpub-state-');
    dirs.push(articles, state);
    const alpha = 'Alpha story\n\nAlpha body.\n';
    const bravo = 'Bravo story\n\nBravo body.\n';
    await put(articles, 'fa/s.txt', alpha);
    await put(articles, 'fb/s.txt', bravo);
    const { applier: a, catalog } = applier(articles, state);
    await a.apply(['fa/s.txt', 'fb/s.txt']);
    const idOf = (p: string) => catalog.get(p)?.id;
    const [idA, idB] = [idOf('fa/s.txt'), idOf('fb/s.txt')];
    expect(idA).toBeDefined();
    expect(idA).not.toBe(idB);
    await writeFile(path.join(articles, 'fa', 's.txt'), bravo);
    await writeFile(path.join(articles, 'fb', 's.txt'), alpha);
    // Only fa is read (its folder's event came first); fb's file has the size and time it had.
    await a.apply(['fa/s.txt']);
    expect([idOf('fa/s.txt'), idOf('fb/s.txt')]).toEqual([idB, idA]);
    expect(catalog.get('fb/s.txt')?.title).toBe('Alpha story');
  });
});

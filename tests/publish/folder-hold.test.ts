// The judgement of the folder the articles path leads to: missing, emptied or another site's is held, with its problem and one log line.
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/log.js';
import { FolderHold } from '../../src/publish/folder-hold.js';
import { ProblemBook } from '../../src/publish/problem-book.js';

function hold(stored: string[]) {
  const said: string[] = [];
  const log: Logger = { debug() {}, info: (e) => said.push(e), warn: (e) => said.push(e), error: (e) => said.push(e) };
  const problems = new ProblemBook();
  let looks = 0;
  const h = new FolderHold({
    articlesDir: '/news/articles',
    log,
    problems,
    publishedCount: () => stored.length,
    storedPaths: () => stored,
    storedStats: () => stored.map((path) => ({ path, size: 100 })),
    rebuild: () => undefined,
    lookAgain: () => {
      looks++;
    },
  });
  return { h, said, problems, looks: () => looks };
}

const files = (names: string[]) => names.map((path) => ({ path, size: 100, mtimeMs: 1 }));
const ours = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt', 'f.txt'];

describe('FolderHold', () => {
  it('says a missing folder once for each cause, and holds nothing', () => {
    const { h, said, problems } = hold(ours);
    const missing = { rootOk: false, rootError: 'ENOENT', files: [], unreadable: [] };
    expect(h.judge(missing, false).verdict).toBe('missing');
    expect(h.judge(missing, false).verdict).toBe('missing');
    expect(said).toEqual(['scan.root-missing']);
    expect(problems.list().map((p) => p.code)).toEqual(['ROOT_MISSING']);
    expect(h.holding).toBe(false);
  });

  it('holds an emptied folder while stories are published, and releases it when they are back', () => {
    const { h, said, looks } = hold(ours);
    expect(h.judge({ rootOk: true, files: [], unreadable: [] }, false)).toEqual({ verdict: 'held', released: false });
    expect(h.holding).toBe(true);
    expect(h.holdingForeign).toBe(false);
    expect(h.imagesTrusted).toBe(false);
    expect(looks()).toBe(1);
    expect(h.judge({ rootOk: true, files: files(ours), unreadable: [] }, false)).toEqual({ verdict: 'ours', released: true });
    expect(h.holding).toBe(false);
    expect(said).toEqual(['scan.root-empty']);
  });

  it('takes an empty folder as this site’s when nothing is published yet', () => {
    const { h } = hold([]);
    expect(h.judge({ rootOk: true, files: [], unreadable: [] }, true)).toEqual({ verdict: 'ours', released: false });
  });

  it('holds another site’s folder as foreign, said once however often it is looked at', () => {
    const { h, said, problems } = hold(ours);
    const other = { rootOk: true, files: files(['x1.txt', 'x2.txt', 'x3.txt', 'x4.txt', 'x5.txt', 'x6.txt']), unreadable: [] };
    expect(h.judge(other, false).verdict).toBe('held');
    expect(h.judge(other, false).verdict).toBe('held');
    expect(h.holdingForeign).toBe(true);
    expect(said).toEqual(['scan.root-foreign']);
    expect(problems.list().map((p) => p.code)).toEqual(['ROOT_FOREIGN']);
  });

  it('trusts the folder’s images again only after a scan begun since the re-point has looked', () => {
    const { h } = hold(ours);
    const before = h.current;
    h.repointed();
    h.looked(before);
    expect(h.imagesTrusted).toBe(false);
    h.looked(h.current);
    expect(h.imagesTrusted).toBe(true);
  });
});

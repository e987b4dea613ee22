import { describe, expect, it } from 'vitest';
import { type Problem, ProblemCode } from '../../src/core/model.js';
import { ProblemBook } from '../../src/publish/problem-book.js';

const problem = (path: string, code: Problem['code'], reason: string, severity: Problem['severity'] = 'error'): Problem => ({
  path,
  code,
  reason,
  severity,
});

describe('ProblemBook', () => {
  it('lets the next scan clear every problem a scan found, whatever its code or wording', () => {
    const book = new ProblemBook();
    book.setScan([
      problem('locked', ProblemCode.Unreadable, 'cannot list folder: EACCES'),
      problem('deep', ProblemCode.NotAFile, 'folder nested deeper than 64 levels: not read'),
      problem('link.txt', ProblemCode.Symlink, 'symbolic link: not followed (copy the file instead)'),
    ]);
    expect(book.list()).toHaveLength(3);
    book.setScan([]);
    expect(book.list()).toEqual([]);
  });

  it('keeps file problems across scans, and lists a problem found twice once', () => {
    const book = new ProblemBook();
    const link = problem('link.txt', ProblemCode.Symlink, 'symbolic link: not followed (copy the file instead)');
    book.setFile('bad.md', [problem('bad.md', ProblemCode.BadDate, 'date: "x" is not a date')]);
    book.setFile('link.txt', [link]);
    book.setScan([link]);
    expect(book.list().map((p) => p.path)).toEqual(['bad.md', 'link.txt']);
    book.setScan([]);
    expect(book.list().map((p) => p.path)).toEqual(['bad.md', 'link.txt']);
    expect(book.hasError('bad.md')).toBe(true);
    book.setFile('bad.md', [problem('bad.md', ProblemCode.Warning, 'legacy encoding', 'warning')]);
    expect(book.hasError('bad.md')).toBe(false);
    book.setFile('bad.md', []);
    expect(book.paths()).toEqual(['link.txt']);
  });

  it('lists errors first, then by path; the articles folder itself is never a path to re-read', () => {
    const book = new ProblemBook();
    book.setFile('b.txt', [problem('b.txt', ProblemCode.Warning, 'w', 'warning')]);
    book.setFile('c.txt', [problem('c.txt', ProblemCode.Empty, 'empty')]);
    book.setScan([problem('.', ProblemCode.RootMissing, 'gone')]);
    expect(book.list().map((p) => p.path)).toEqual(['.', 'c.txt', 'b.txt']);
    expect(book.paths().sort()).toEqual(['b.txt', 'c.txt']);
  });

  it('keeps a store problem through file readings and scans until the store write succeeds, and asks for a re-read meanwhile', () => {
    const book = new ProblemBook();
    const unsaved = problem('a.txt', ProblemCode.StoreWrite, 'change not saved in the state store (SQLITE_FULL)');
    book.setStore('a.txt', [unsaved]);
    expect(book.hasError('a.txt')).toBe(true);
    book.setFile('a.txt', [problem('a.txt', ProblemCode.Warning, 'stray characters removed', 'warning')]);
    book.setScan([]);
    expect(book.storePaths()).toEqual(['a.txt']);
    expect(book.list().map((p) => p.code)).toEqual([ProblemCode.StoreWrite, ProblemCode.Warning]);
    book.setStore('a.txt', []);
    expect(book.hasError('a.txt')).toBe(false);
    expect(book.list().map((p) => p.code)).toEqual([ProblemCode.Warning]);
    book.setFile('a.txt', []);
    expect(book.paths()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { diffFolder } from '../../src/core/folder-diff.js';

const stat = (size: number, mtimeMs: number) => ({ size, mtimeMs });

describe('diffFolder', () => {
  it('reads new and changed files, skips unchanged ones, and retires gone ones', () => {
    const todo = diffFolder({
      onDisk: [
        { path: 'same.txt', ...stat(10, 1000) },
        { path: 'grown.txt', ...stat(11, 1000) },
        { path: 'touched.txt', ...stat(10, 2000) },
        { path: 'new.txt', ...stat(5, 5) },
      ],
      known: new Map([
        ['same.txt', stat(10, 1000)],
        ['grown.txt', stat(10, 1000)],
        ['touched.txt', stat(10, 1000)],
        ['gone.txt', stat(1, 1)],
      ]),
      problemPaths: [],
    });
    expect(todo).toEqual(['grown.txt', 'touched.txt', 'new.txt', 'gone.txt']);
  });

  it('re-checks bad paths that vanished, and on a first scan the stored stories that are gone', () => {
    const state = {
      onDisk: [{ path: 'a.txt', ...stat(1, 1) }],
      known: new Map([['a.txt', stat(1, 1)]]),
      problemPaths: ['a.txt', 'link.txt'],
      stored: ['a.txt', 'was-here.txt'],
    };
    expect(diffFolder(state)).toEqual(['link.txt', 'was-here.txt']);
    expect(diffFolder({ ...state, stored: undefined })).toEqual(['link.txt']);
  });
});

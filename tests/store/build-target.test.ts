import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_MARK, checkBuildTarget } from '../../src/publish/build-target.js';
import { removeDir, tempDir } from '../helpers.js';

let root = '';
let guards: Parameters<typeof checkBuildTarget>[1];
beforeEach(async () => {
  root = await tempDir('feedpub-project-');
  mkdirSync(path.join(root, 'articles'));
  mkdirSync(path.join(root, '.feedpub'));
  guards = { articlesDir: path.join(root, 'articles'), stateDir: path.join(root, '.feedpub'), projectDirs: [root] };
});
afterEach(() => removeDir(root));

const why = (out: string) => {
  try {
    checkBuildTarget(out, guards);
    return 'allowed';
  } catch (error) {
    return (error as Error).message;
  }
};

describe('build --out refuses what it must not replace', () => {
  it.each([
    ['articles', /it is the articles folder/],
    ['.feedpub', /it is the state folder/],
    ['.', /it contains the articles folder/],
    // The project's parent is the system temp folder here: refused as that, before anything else.
    ['..', /it is or contains|directly under it|contains the articles folder/],
    ['articles/..', /it contains the articles folder/],
    ['articles/site', /inside the articles folder/],
    ['.feedpub/site', /inside the state folder/],
    // A name that only starts with two dots is a folder inside, not the parent.
    ['articles/..site', /inside the articles folder/],
    ['.feedpub/..x', /inside the state folder/],
  ])('%s', (out, expected) => {
    expect(why(path.join(root, out))).toMatch(expected);
  });

  it('refuses a link to the articles folder and a non-empty folder it did not write', () => {
    symlinkSync(path.join(root, 'articles'), path.join(root, 'link'));
    expect(why(path.join(root, 'link'))).toMatch(/articles folder/);
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs', 'notes.md'), 'mine');
    expect(why(path.join(root, 'docs'))).toMatch(/1 entry that feedpub did not write/);
    writeFileSync(path.join(root, 'file'), 'x');
    expect(why(path.join(root, 'file'))).toMatch(/is a file/);
  });

  it('allows a new folder, an empty one, and an earlier build', () => {
    expect(why(path.join(root, 'site'))).toBe('allowed');
    mkdirSync(path.join(root, 'empty'));
    expect(why(path.join(root, 'empty'))).toBe('allowed');
    mkdirSync(path.join(root, 'built'));
    writeFileSync(path.join(root, 'built', BUILD_MARK), '');
    writeFileSync(path.join(root, 'built', 'index.html'), '');
    expect(why(path.join(root, 'built'))).toBe('allowed');
  });
});

describe('the project folder itself', () => {
  it('is refused even when it holds no articles or state', async () => {
    const project = await tempDir('feedpub-bare-');
    const g = { articlesDir: '/nonexistent/a', stateDir: '/nonexistent/s', projectDirs: [project] };
    expect(() => checkBuildTarget(project, g)).toThrow(/it is the project folder/);
    expect(() => checkBuildTarget(path.dirname(project), g)).toThrow(/contains the project folder|it is or contains|directly under it/);
    await removeDir(project);
  });
});

describe('system folders', () => {
  it.each(['/', '/tmp', '/srv', '/media', os.tmpdir(), os.homedir()])('refuses %s whatever it holds, a build mark included', (dir) => {
    expect(() => checkBuildTarget(dir, { articlesDir: '/nonexistent/a', stateDir: '/nonexistent/s', projectDirs: [] })).toThrow(
      /file system root|directly under it|is or contains|sticky/,
    );
  });
});

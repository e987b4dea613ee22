// Whether an articles folder is this site's: by its stories' names, or by their bytes when too few names are there.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/core/entry-meta.js';
import { type StoredStat, checkFolderMatchesState } from '../../src/publish/folder-match.js';
import { put, removeDir, tempDir } from '../helpers.js';

let articles = '';
beforeEach(async () => {
  articles = await tempDir('feedpub-folder-');
});
afterEach(async () => {
  await removeDir(articles);
});

const story = (name: string) => `Story ${name}\n\nThe text of story ${name}, as this site published it.\n`;

/** A state that published `names` (each file `story(name)` under `folder`), knowing their bytes. */
function stateOf(names: string[], folder = '') {
  const live: StoredStat[] = names.map((n) => ({ path: path.posix.join(folder, `${n}.txt`), size: Buffer.byteLength(story(n)) }));
  const known = new Set(names.map((n) => contentHash(Buffer.from(story(n)))));
  return { live: () => live, knownHash: (hash: string) => known.has(hash) };
}

const check = (state: ReturnType<typeof stateOf>) => checkFolderMatchesState(articles, '/state', state);
const many = (n: number, prefix = 's') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('checkFolderMatchesState', () => {
  it('starts with the folder that held every story renamed (mv world intl): known by their bytes', async () => {
    const names = many(40);
    for (const n of names) await put(articles, `intl/${n}.txt`, story(n));
    await expect(check(stateOf(names, 'world'))).resolves.toBeUndefined();
  });

  it('refuses another site’s folder holding one copy of a story of this site (the same wire story): one is not enough', async () => {
    const names = many(12);
    for (const n of many(20, 'other')) await put(articles, `${n}.txt`, `Other ${n}\n\nAnother site's story.\n`);
    await put(articles, 'wire-copy.txt', story('s3'));
    await expect(check(stateOf(names))).rejects.toThrow(/holds none of the 12 stories/);
  });

  it('refuses a folder of two files, one of them a copy of a story of this site (attack trial)', async () => {
    await put(articles, 'theirs.txt', "Their story\n\nTheir body.\n");
    await put(articles, 'afp-wire.txt', story('s7'));
    await expect(check(stateOf(many(20)))).rejects.toThrow(/holds none of the 20 stories/);
  });

  it('refuses another site’s folder holding one file of the same name as a story of this site, with other text', async () => {
    const names = many(12);
    for (const n of many(20, 'other')) await put(articles, `${n}.txt`, `Other ${n}\n\nAnother site's story.\n`);
    await put(articles, 's3.txt', "About us\n\nThe other site's page.\n");
    await expect(check(stateOf(names))).rejects.toThrow(/holds few of the 12 stories .*1 of the 12 looked for/s);
  });

  it('starts with a rolling folder that kept three stories unchanged and took many new ones', async () => {
    const names = many(40);
    for (const n of names.slice(0, 3)) await put(articles, `${n}.txt`, story(n));
    for (const n of many(60, 'new')) await put(articles, `${n}.txt`, `New ${n}\n\nA story saved while feedpub was stopped.\n`);
    await expect(check(stateOf(names))).resolves.toBeUndefined();
  });

  it('starts with a folder holding a quarter of the stories, all of them edited', async () => {
    const names = many(40);
    for (const n of names.slice(0, 10)) await put(articles, `${n}.txt`, `${story(n)}An edit.\n`);
    for (const n of many(60, 'new')) await put(articles, `${n}.txt`, `New ${n}\n\nA story saved while feedpub was stopped.\n`);
    await expect(check(stateOf(names))).resolves.toBeUndefined();
  });

  it('starts a small site whose one remaining story was edited, as before', async () => {
    const names = ['a', 'b'];
    writeFileSync(path.join(articles, 'a.txt'), `${story('a')}Edited.\n`);
    await put(articles, 'c.txt', 'Story c\n\nNew.\n');
    await expect(check(stateOf(names))).resolves.toBeUndefined();
  });
});

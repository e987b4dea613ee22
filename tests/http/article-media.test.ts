// Images beside the stories: read only from the folder the site judged, never from one a link was re-pointed to a moment ago.
import { rename, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArticleImage } from '../../src/http/article-media.js';
import { RootGuard, type RootIdentity, rootIdentity } from '../../src/watch/root-guard.js';
import { gif, png } from '../core/image-fixtures.js';
import { put, removeDir, tempDir, waitFor } from '../helpers.js';

let dir = '';
let guard: RootGuard | undefined;
beforeEach(async () => {
  dir = await tempDir('feedpub-media-');
});
afterEach(async () => {
  guard?.close();
  guard = undefined;
  await removeDir(dir);
});

describe('readArticleImage', () => {
  it('reads from the folder judged, not from one a link leads to a moment after a re-point (attack trial)', async () => {
    await put(path.join(dir, 'a'), 'photo.png', png(2, 2));
    await put(path.join(dir, 'b'), 'photo.png', png(9, 9));
    const link = path.join(dir, 'articles');
    await symlink('a', link);
    const seen = (await rootIdentity(link)) as RootIdentity;
    const read = () => readArticleImage(link, 'photo.png', (root) => root.real === seen.real && root.dev === seen.dev && root.ino === seen.ino);
    expect((await read())?.body.equals(Buffer.from(png(2, 2)))).toBe(true);
    // Re-pointed: the folder it leads to now is not the one judged.
    await symlink('b', path.join(dir, 'tmp'));
    await rename(path.join(dir, 'tmp'), link);
    expect(await read()).toBeUndefined();
  });

  it('serves an image as the type its header says, and an SVG under an image name not at all (new-user trial)', async () => {
    await put(dir, 'liar.jpg', png(3, 2));
    await put(dir, 'gif.png', gif(3, 2));
    await put(dir, 'honest.png', png(3, 2));
    await put(dir, 'script.png', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n');
    expect((await readArticleImage(dir, 'liar.jpg'))?.type).toBe('image/png');
    expect((await readArticleImage(dir, 'gif.png'))?.type).toBe('image/gif');
    expect((await readArticleImage(dir, 'honest.png'))?.type).toBe('image/png');
    expect(await readArticleImage(dir, 'script.png')).toBeUndefined();
  });

  it('takes the folder a guard saw last as the current one', async () => {
    await put(path.join(dir, 'a'), 'x.txt', 'A\n');
    await put(path.join(dir, 'b'), 'x.txt', 'B\n');
    const link = path.join(dir, 'articles');
    await symlink('a', link);
    guard = new RootGuard({ root: link, everyMs: 3_600_000, onChange: () => undefined });
    await guard.start();
    const [a, b] = [(await rootIdentity(path.join(dir, 'a'))) as RootIdentity, (await rootIdentity(path.join(dir, 'b'))) as RootIdentity];
    expect([guard.isCurrent(a), guard.isCurrent(b)]).toEqual([true, false]);
    await symlink('b', path.join(dir, 'tmp'));
    await rename(path.join(dir, 'tmp'), link);
    await guard.check();
    // A look its parent folder's watch started may still be on its way: the one asked for follows it.
    const looked = guard;
    await waitFor(async () => looked.isCurrent(b), 5_000, 'the guard to see b');
    expect(guard.isCurrent(a)).toBe(false);
  });
});

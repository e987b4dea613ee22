// Save storms: a thousand files saved at once in every editor's style; the feeds converge on the folder.
import { rename, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getText, parseRssFeed, put, startSite, waitFor, siteFolders } from '../helpers.js';

const ctx = siteFolders();

const FILES = 1000;
/** The bound this suite promises: from the last write to feeds that match the folder exactly. */
const CONVERGE_MS = 20_000;

const story = (i: number, version: string) => `Story ${i} ${version}\n\nเนื้อหาข่าวที่ ${i} ฉบับ ${version}\n`;
const name = (i: number) => `s${String(i).padStart(4, '0')}.txt`;

async function titles(url: string): Promise<string[]> {
  const rss = parseRssFeed((await getText(`${url}/feed.xml`)).text);
  return (rss.items ?? []).map((i) => i.title ?? '').sort();
}

describe('save storms', () => {
  it(`converges on the folder after ${FILES} files are saved at once in every style`, async () => {
    for (let i = 0; i < FILES; i++) await put(ctx.articles, name(i), story(i, 'v1'));
    ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 5000 });
    const { url } = ctx.running;
    expect(await titles(url)).toHaveLength(FILES);
    const idsBefore = new Map((parseRssFeed((await getText(`${url}/feed.xml`)).text).items ?? []).map((i) => [i.link, i.guid?.value]));

    const expected = new Set<string>();
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < FILES; i++) {
      const file = path.join(ctx.articles, name(i));
      const next = story(i, 'v2');
      switch (i % 5) {
        case 0: // vim, JetBrains, gedit: write a temp file, rename it over
          writes.push(writeFile(`${file}.tmp`, next).then(() => rename(`${file}.tmp`, file)));
          break;
        case 1: // VS Code: truncate, then write
          writes.push(truncate(file, 0).then(() => writeFile(file, next)));
          break;
        case 2: // rsync: hidden temp name in the same folder, then rename
          writes.push(
            writeFile(path.join(ctx.articles, `.${name(i)}.Xa8f2`), next).then(() =>
              rename(path.join(ctx.articles, `.${name(i)}.Xa8f2`), file),
            ),
          );
          break;
        case 3: // delete, then re-create
          writes.push(rm(file).then(() => writeFile(file, next)));
          break;
        default: // deleted for good
          writes.push(rm(file));
          continue;
      }
      expected.add(`Story ${i} v2`);
    }
    // One file saved 20 times in 200 ms, and a few new files.
    const hot = path.join(ctx.articles, 'hot.txt');
    for (let k = 0; k < 20; k++) {
      await writeFile(hot, `Hot ${k}\n\nbody ${k}\n`);
      await new Promise((r) => setTimeout(r, 10));
    }
    expected.add('Hot 19');
    for (let i = FILES; i < FILES + 20; i++) writes.push(writeFile(path.join(ctx.articles, name(i)), story(i, 'new')));
    for (let i = FILES; i < FILES + 20; i++) expected.add(`Story ${i} new`);
    await Promise.all(writes);
    const quietAt = Date.now();

    const want = [...expected].sort();
    await waitFor(async () => JSON.stringify(await titles(url)) === JSON.stringify(want), CONVERGE_MS, 'feeds to match the folder');
    const convergedMs = Date.now() - quietAt;
    console.log(`storm: ${FILES + 21} files changed, feeds matched the folder ${convergedMs} ms after the last write`);

    // Nothing lost, no ghost, no duplicate, no stale text; surviving stories kept their ids.
    const rss = parseRssFeed((await getText(`${url}/feed.xml`)).text);
    const items = rss.items ?? [];
    expect(new Set(items.map((i) => i.guid?.value)).size).toBe(items.length);
    for (const item of items) {
      const before = idsBefore.get(item.link);
      if (before) expect(item.guid?.value).toBe(before);
      expect(item.content?.encoded ?? '').not.toContain('v1');
    }
    const status = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text) as { articles: number; problems: unknown[] };
    expect(status.articles).toBe(want.length);
    expect(status.problems).toEqual([]);
    // A thousand files parsed on worker threads booted from TypeScript source: slow on a loaded 2-core machine.
  }, 90_000);
});

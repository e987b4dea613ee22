// The articles folder replaced under a running server: renamed over, a link re-pointed, a folder turned into a link; and a burst of new folders.
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { type RunningSite, getText, parseRssFeed, put, removeDir, startSite, tempDir, waitFor } from '../helpers.js';
import { png } from '../core/image-fixtures.js';

let parent = '';
let state = '';
let running: RunningSite | undefined;
beforeEach(async () => {
  parent = await tempDir('feedpub-swap-');
  state = await tempDir('feedpub-state-');
});
afterEach(async () => {
  await running?.close();
  running = undefined;
  await removeDir(parent);
  await removeDir(state);
});

const titles = async (url: string) => (parseRssFeed((await getText(`${url}/feed.xml`)).text).items ?? []).map((i) => i.title ?? '').sort();
const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
const story = (title: string) => `${title}\n\nThe story called ${title}.\n`;

/** Wait for the feed to show `expected`; the milliseconds it took. */
async function until(url: string, expected: string[], what: string): Promise<number> {
  const started = Date.now();
  await waitFor(async () => same(await titles(url), expected), 15_000, what);
  return Date.now() - started;
}

describe('the articles folder replaced while serving', () => {
  it('follows a folder renamed over the old one (rename, rename, rm -rf), then sees later saves', async () => {
    const articles = path.join(parent, 'articles');
    await put(articles, 'one.txt', story('One'));
    running = await startSite(articles, state);
    const { url } = running;
    expect(await titles(url)).toEqual(['One']);
    await put(path.join(parent, 'new'), 'two.txt', story('Two'));
    await put(path.join(parent, 'new'), 'desk/three.txt', story('Three'));
    await rename(articles, path.join(parent, 'old'));
    await rename(path.join(parent, 'new'), articles);
    await rm(path.join(parent, 'old'), { recursive: true });
    const ms = await until(url, ['Three', 'Two'], 'the new folder published');
    console.log(`folder renamed over: new stories served after ${ms} ms`);
    await writeFile(path.join(articles, 'four.txt'), story('Four'));
    await writeFile(path.join(articles, 'desk', 'five.txt'), story('Five'));
    await until(url, ['Five', 'Four', 'Three', 'Two'], 'saves in the new folder, by events');
    expect(running.site.status().watcher).toBe('native');
    expect(running.site.status().problems).toEqual([]);
  });

  it('takes nothing down when the folder is swapped for one of other stories only, and follows a folder that shares one (new-user trial)', async () => {
    const articles = path.join(parent, 'articles');
    for (const t of ['One', 'Three']) await put(articles, `${t.toLowerCase()}.txt`, story(t));
    await put(articles, 'two.md', '---\ntitle: Two\nimage: photo.png\n---\nThe story called Two.\n');
    await put(articles, 'photo.png', png(2, 2));
    running = await startSite(articles, state);
    const { url, deskUrl } = running;
    expect((await fetch(`${url}/articles/photo.png`)).status).toBe(200);
    const problems = async () =>
      ((await (await fetch(`${deskUrl}/status`)).json()) as { problems: { code: string; reason: string }[] }).problems;
    expect(await titles(url)).toEqual(['One', 'Three', 'Two']);

    // Another site's folder renamed over this one: before, every story was taken down (410) as the new ones came in.
    for (const t of ['Four', 'Five']) await put(path.join(parent, 'other'), `${t.toLowerCase()}.txt`, story(t));
    // The other site's own picture of the same name: not this site's story's image.
    await put(path.join(parent, 'other'), 'photo.png', png(9, 9));
    await rename(articles, path.join(parent, 'ours'));
    await rename(path.join(parent, 'other'), articles);
    const foreign = await waitFor(async () => (await problems()).find((p) => p.code === 'ROOT_FOREIGN'), 15_000, 'ROOT_FOREIGN');
    expect(foreign.reason).toContain('holds none of the 3 published stories');
    // Above the desk's list, where an editor looks (it said "Problem 0").
    expect((await getText(`${deskUrl}/`)).text).toMatch(/<p class="folder-alert" role="alert">.*<code>ROOT_FOREIGN<\/code>/);
    expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
    expect((await getText(`${url}/articles/one`)).status).toBe(200);
    expect(running.site.status().articles).toBe(3);
    // Its bytes are not served as the picture of a story of this site (the held folder is another's), nor on the desk.
    expect((await fetch(`${url}/articles/photo.png`)).status).toBe(404);
    expect((await fetch(`${deskUrl}/articles/photo.png`)).status).toBe(404);
    // A save into the other folder while it is held is not applied either: before, it was
    // published, the next look found the folders sharing it, and the repair took the site over.
    // (The held folder is not even watched: chokidar's walk of a large one held serving.)
    let applied = false;
    running.site.onEvent((e) => {
      if (e.type === 'applied' && e.paths.includes('seven.txt')) applied = true;
    });
    await put(articles, 'seven.txt', story('Seven'));
    const saved = Date.now();
    await waitFor(async () => Date.parse(running?.site.status().lastScan?.at ?? '') > saved, 15_000, 'a look at the folder after the save');
    expect(applied).toBe(false);
    expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
    expect((await problems()).map((p) => p.code)).toEqual(['ROOT_FOREIGN']);
    // One copy of a story of this site among the other's (the same wire story) does not make the
    // folder this site's (attack trial: every other story was taken down, the other's published).
    await put(articles, 'wire-copy.txt', story('One'));
    const copied = Date.now();
    await waitFor(async () => Date.parse(running?.site.status().lastScan?.at ?? '') > copied, 15_000, 'a look at the folder after the copy');
    expect((await problems()).map((p) => p.code)).toEqual(['ROOT_FOREIGN']);
    expect(await titles(url)).toEqual(['One', 'Three', 'Two']);

    // The right folder back: the problem goes, nothing changed.
    await rename(articles, path.join(parent, 'other'));
    await rename(path.join(parent, 'ours'), articles);
    await waitFor(async () => (await problems()).length === 0, 15_000, 'the problem gone');
    expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
    // Served again once the scan that judged the folder has ended (the problem goes a moment before).
    await waitFor(async () => (await fetch(`${url}/articles/photo.png`)).status === 200, 15_000, 'the image back');

    // A folder that still holds one of them is this site's, changed: followed as before.
    await put(path.join(parent, 'next'), 'one.txt', story('One'));
    await put(path.join(parent, 'next'), 'six.txt', story('Six'));
    await rename(articles, path.join(parent, 'ours2'));
    await rename(path.join(parent, 'next'), articles);
    await until(url, ['One', 'Six'], 'the changed folder followed');
    expect((await getText(`${url}/articles/two`)).status).toBe(410);
  });

  it('serves no image of a folder swapped in with no story (ROOT_EMPTY) as a story’s picture (attack trial)', async () => {
    const articles = path.join(parent, 'articles');
    for (const t of ['One', 'Two']) await put(articles, `${t.toLowerCase()}.md`, `---\ntitle: ${t}\nimage: photo.png\n---\nThe story called ${t}.\n`);
    await put(articles, 'photo.png', png(2, 2));
    running = await startSite(articles, state);
    const { url } = running;
    expect((await fetch(`${url}/articles/photo.png`)).status).toBe(200);
    // A media folder (or the wrong share): pictures, no story.
    await put(path.join(parent, 'media'), 'photo.png', png(9, 9));
    await rename(articles, path.join(parent, 'ours'));
    await rename(path.join(parent, 'media'), articles);
    await waitFor(async () => running?.site.status().problems.some((p) => p.code === 'ROOT_EMPTY'), 15_000, 'ROOT_EMPTY');
    expect((await fetch(`${url}/articles/photo.png`)).status).toBe(404);
    expect(await titles(url)).toEqual(['One', 'Two']);
    await rename(articles, path.join(parent, 'media'));
    await rename(path.join(parent, 'ours'), articles);
    await waitFor(async () => running?.site.status().problems.length === 0, 15_000, 'the problem gone');
    await waitFor(async () => (await fetch(`${url}/articles/photo.png`)).status === 200, 15_000, 'the image back');
  });

  it('reads the files of two folders swapped by name, whose files have the same sizes and times (new-user trial); each story keeps its id', async () => {
    const articles = path.join(parent, 'articles');
    await put(articles, 'fa/s.txt', 'Alpha story\n\nAlpha body.\n');
    await put(articles, 'fb/s.txt', 'Bravo story\n\nBravo body.\n');
    const when = new Date('2026-12-01T10:00:00Z');
    for (const f of ['fa/s.txt', 'fb/s.txt']) await utimes(path.join(articles, f), when, when);
    running = await startSite(articles, state);
    const { url } = running;
    const heading = async (p: string) => /<h1>([^<]*)/.exec((await getText(`${url}/articles/${p}`)).text)?.[1];
    expect([await heading('fa/s'), await heading('fb/s')]).toEqual(['Alpha story', 'Bravo story']);
    const ids = async () => {
      const feed = parseRssFeed((await getText(`${url}/feed.xml`)).text);
      return Object.fromEntries((feed.items ?? []).map((i) => [i.title ?? '', `${i.guid?.value ?? i.guid} ${new URL(i.link ?? '').pathname}`]));
    };
    const before = await ids();
    expect(before['Alpha story']).toMatch(/ \/articles\/fa\/s$/);
    await rename(path.join(articles, 'fa'), path.join(articles, 'tmp'));
    await rename(path.join(articles, 'fb'), path.join(articles, 'fa'));
    await rename(path.join(articles, 'tmp'), path.join(articles, 'fb'));
    // Before, nothing was read: each URL kept the other folder's text.
    await waitFor(async () => (await heading('fa/s')) === 'Bravo story' && (await heading('fb/s')) === 'Alpha story', 15_000, 'the swap read');
    // Each story moved, with its id (before, the ids stayed with the paths: each entry showed the other's text).
    const idOf = (line: string | undefined) => line?.split(' ')[0];
    await waitFor(async () => (await ids())['Alpha story']?.endsWith('/articles/fb/s'), 15_000, 'Alpha at its new URL');
    const after = await ids();
    expect(idOf(after['Alpha story'])).toBe(idOf(before['Alpha story']));
    expect(idOf(after['Bravo story'])).toBe(idOf(before['Bravo story']));
    expect(after['Bravo story']).toMatch(/ \/articles\/fa\/s$/);
    const atom = (await getText(`${url}/atom.xml`)).text;
    expect(atom).not.toContain('at:deleted-entry');
  });

  it('stops a repair of a folder swapped for many other stories at its next step; the next start reads the rest (attack trial)', async () => {
    const articles = path.join(parent, 'articles');
    await put(articles, 'one.txt', story('One'));
    let repairing = false;
    const log = {
      ...silentLogger,
      info: (event: string) => {
        if (event === 'reconcile.repair') repairing = true;
      },
    };
    running = await startSite(articles, state, {}, { scanStep: 4, log });
    const site = running.site;
    const applied: number[] = [];
    // The stop comes as the repair's first step ends: before, the repair was one step of every file.
    site.onEvent((event) => {
      if (event.type !== 'applied' || !repairing) return;
      applied.push(event.paths.length);
      void site.close();
    });
    const titlesNew = Array.from({ length: 40 }, (_, i) => `Story ${String(i).padStart(2, '0')}`);
    for (const t of titlesNew) await put(path.join(parent, 'new'), `${t}.txt`, story(t));
    await rename(articles, path.join(parent, 'old'));
    await rename(path.join(parent, 'new'), articles);
    await waitFor(() => applied.length > 0, 15_000, 'the repair to start');
    await site.close();
    expect(applied).toEqual([4]);
    await running.close();
    running = await startSite(articles, state);
    expect(await titles(running.url)).toEqual(titlesNew);
  });

  it('follows a re-pointed link (ln -sfn new tmp && mv -T tmp articles)', async () => {
    const articles = path.join(parent, 'articles');
    await put(path.join(parent, 'a'), 'one.txt', story('One'));
    await put(path.join(parent, 'b'), 'two.txt', story('Two'));
    await symlink('a', articles);
    running = await startSite(articles, state);
    const { url } = running;
    expect(await titles(url)).toEqual(['One']);
    // Hold the one queue, so the re-watch waits its turn: /status must say so, never a false `native`.
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const queue = (running.site as unknown as { queue: { run(task: () => Promise<void>): Promise<void> } }).queue;
    void queue.run(() => gate);
    await symlink('b', path.join(parent, 'tmp'));
    await rename(path.join(parent, 'tmp'), articles);
    await waitFor(() => running?.site.status().watcher === 'recovering', 5000, 'recovering, noticed within a second');
    expect(await titles(url)).toEqual(['One']);
    open();
    const ms = await until(url, ['Two'], 'the link target published');
    console.log(`link re-pointed: new target served ${ms} ms after the queue was free`);
    // The new target is scanned before it is watched (a foreign or huge folder is judged first): the watch follows.
    await waitFor(() => (running?.site.status().watcher === 'native' ? true : undefined), 10_000, 'the new target watched');
    await writeFile(path.join(parent, 'b', 'three.txt'), story('Three'));
    await until(url, ['Three', 'Two'], 'a save in the new target, by events');
    // Saves to the old target are no longer published.
    await writeFile(path.join(parent, 'a', 'stale.txt'), story('Stale'));
    await writeFile(path.join(parent, 'b', 'four.txt'), story('Four'));
    await until(url, ['Four', 'Three', 'Two'], 'only the current target');
  });

  it('publishes nothing saved into an emptied folder (an unmounted share’s mount point), and takes nothing down when the share is back (attack trial)', async () => {
    const articles = path.join(parent, 'articles');
    for (const t of ['One', 'Two', 'Three']) await put(path.join(parent, 'share'), `${t.toLowerCase()}.txt`, story(t));
    await mkdir(path.join(parent, 'mountpoint'));
    await symlink('share', articles);
    running = await startSite(articles, state);
    const { url, deskUrl } = running;
    const codes = async () => ((await (await fetch(`${deskUrl}/status`)).json()) as { problems: { code: string }[] }).problems.map((p) => p.code);
    // The share goes away: the path leads to its empty mount point.
    await symlink('mountpoint', path.join(parent, 'tmp'));
    await rename(path.join(parent, 'tmp'), articles);
    await waitFor(async () => (await codes()).includes('ROOT_EMPTY'), 15_000, 'ROOT_EMPTY');
    // Watched (an emptied folder is watched): its save is an event, not only a scan's find.
    await waitFor(() => running?.site.status().watcher === 'native', 15_000, 'the mount point watched');
    // A story saved there meanwhile: not published from the mount point (before: out, then a 410 and a tombstone).
    await writeFile(path.join(parent, 'mountpoint', 'stray.txt'), story('Stray'));
    await waitFor(async () => (await codes()).includes('ROOT_FOREIGN'), 15_000, 'the folder judged again: not this site’s');
    expect((await getText(`${url}/articles/stray`)).status).toBe(404);
    expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
    // The share back: nothing of the stray story, no deletion announced.
    await symlink('share', path.join(parent, 'tmp'));
    await rename(path.join(parent, 'tmp'), articles);
    await waitFor(async () => (await codes()).length === 0, 15_000, 'the problem gone');
    expect(await titles(url)).toEqual(['One', 'Three', 'Two']);
    expect((await getText(`${url}/atom.xml`)).text).not.toContain('deleted-entry');
    expect((await getText(`${url}/articles/stray`)).status).toBe(404);
  });

  it('follows a folder replaced by a link, and says recovering while there is none', async () => {
    const articles = path.join(parent, 'articles');
    await put(articles, 'one.txt', story('One'));
    await put(path.join(parent, 'target'), 'two.txt', story('Two'));
    running = await startSite(articles, state);
    const { url } = running;
    await rm(articles, { recursive: true });
    await waitFor(() => running?.site.status().watcher === 'recovering', 5000, 'recovering while the folder is gone');
    expect(await titles(url)).toEqual(['One']);
    await symlink('target', articles);
    await until(url, ['Two'], 'the linked folder published');
    await writeFile(path.join(parent, 'target', 'three.txt'), story('Three'));
    await until(url, ['Three', 'Two'], 'a save through the link, by events');
    expect(running.site.status().watcher).toBe('native');
    expect(running.site.status().problems).toEqual([]);
  });
});

describe('a burst of new folders', () => {
  it('watches every folder created in it: a later save in any of them is seen', async () => {
    const articles = path.join(parent, 'articles');
    await mkdir(articles);
    running = await startSite(articles, state);
    const { url } = running;
    const n = 300;
    const names = Array.from({ length: n }, (_, i) => `desk-${String(i).padStart(3, '0')}`);
    for (const name of names) {
      mkdirSync(path.join(articles, name, 'inner'), { recursive: true });
      writeFileSync(path.join(articles, name, 'inner', 'story.txt'), story(name));
    }
    // The feed lists the newest 50: count what is published.
    const published = () => running?.site.status().articles ?? 0;
    await waitFor(() => published() === n, 30_000, `${n} stories`);
    for (const name of [names[0], names[n / 2], names[n - 1]] as string[]) {
      writeFileSync(path.join(articles, name, 'inner', 'later.txt'), story(`${name} later`));
    }
    await waitFor(() => published() === n + 3, 10_000, 'saves in folders made by the burst');
    // The count moves when a batch is applied, the feed at the rebuild after it.
    await waitFor(async () => (await titles(url)).filter((t) => t.endsWith(' later')).length === 3, 10_000, 'the three in the feed');
  });
});

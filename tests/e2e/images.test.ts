// Story images: served from beside the story, announced as enclosures with the right type and length.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Reconciler } from '../../src/publish/reconciler.js';
import {
  assertWellFormed,
  getText,
  atomOracle,
  parseAtomFeed,
  parseRssFeed,
  put,
  removeDir,
  startSite,
  tempDir,
  siteFolders,
  testConfig,
  waitFor,
} from '../helpers.js';
import { jpeg, png } from '../core/image-fixtures.js';
import { silentLogger } from '../../src/log.js';
import { buildSite } from '../../src/runtime.js';

const ctx = siteFolders();
const atoms = atomOracle('Atom with enclosures');

// A valid 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/AlXlMwAAAABJRU5ErkJggg==', 'base64');

describe('story images', () => {
  it('gives a plain-text story the picture saved beside it under its name: at start, added and deleted later, and in build (new-user trial)', async () => {
    await put(ctx.articles, 'world/flood.txt', 'Flood walls hold\n\n2026-01-05 09:00\n\nThe walls held.\n');
    await put(ctx.articles, 'world/flood.jpg', jpeg(640, 480));
    await put(ctx.articles, 'world/fire.txt', 'Fire in the hills\n\n2026-01-06 09:00\n\nThe fire is out.\n');
    await put(ctx.articles, 'world/other.png', png(2, 2)); // a picture of no story's name: nobody's
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const item = async (title: string) => parseRssFeed((await getText(`${url}/feed.xml`)).text).items?.find((i) => i.title === title);
    expect((await item('Flood walls hold'))?.enclosures?.[0]).toMatchObject({ url: `${url}/articles/world/flood.jpg`, type: 'image/jpeg' });
    expect((await getText(`${url}/feed.xml`)).text).toContain(`<media:thumbnail url="${url}/articles/world/flood.jpg" width="640" height="480"/>`);
    expect((await getText(`${url}/articles/world/flood`)).text).toContain(`<img src="${url}/articles/world/flood.jpg"`);
    expect((await fetch(`${url}/articles/world/flood.jpg`)).status).toBe(200);
    expect((await fetch(`${url}/articles/world/other.png`)).status).toBe(404);
    expect((await item('Fire in the hills'))?.enclosures ?? []).toEqual([]);
    // Saved with its picture in one go: out with it at once (new-user trial: a second later).
    await put(ctx.articles, 'world/train.jpg', jpeg(64, 48));
    await put(ctx.articles, 'world/train.txt', 'Trains run again\n\n2026-01-07 09:00\n\nService resumed.\n');
    const train = await waitFor(async () => await item('Trains run again'));
    expect(train.enclosures?.[0]?.url).toBe(`${url}/articles/world/train.jpg`);
    // A path of the site's own that is no picture beside the stories: said, not a silent broken picture.
    await put(ctx.articles, 'cover.md', '---\ntitle: Cover story\ndate: 2026-01-08\nimage: /images/cover.jpg\n---\nBody\n');
    const missing = await waitFor(() => ctx.running?.site.status().problems.find((p) => p.path === 'cover.md'));
    expect(missing).toMatchObject({ code: 'IMAGE_MISSING', severity: 'warning' });
    expect(missing.reason).toContain('image /images/cover.jpg: not a picture saved beside the stories');
    // Saved later beside a published story: read again by the scan its event schedules.
    await put(ctx.articles, 'world/fire.png', png(30, 20));
    await waitFor(async () => (await item('Fire in the hills'))?.enclosures?.[0]?.url === `${url}/articles/world/fire.png`, 15_000, 'the picture');
    // Deleted: the story goes on without one.
    await rm(path.join(ctx.articles, 'world/flood.jpg'));
    await waitFor(async () => ((await item('Flood walls hold'))?.enclosures ?? []).length === 0, 15_000, 'the picture gone');
    const out = await tempDir('feedpub-siblings-');
    try {
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example' });
      await ctx.running.close();
      ctx.running = undefined;
      await buildSite(config, path.join(out, 'site'), { log: silentLogger });
      await removeDir(configDir);
      expect(existsSync(path.join(out, 'site/articles/world/fire.png'))).toBe(true);
      expect(existsSync(path.join(out, 'site/articles/world/other.png'))).toBe(false);
    } finally {
      await removeDir(out);
    }
  });

  it('becomes an RSS enclosure and media:content, an Atom enclosure link and a JSON attachment', async () => {
    await put(ctx.articles, 'world/photo story.png', PNG);
    await put(ctx.articles, 'world/with-image.md', '---\ntitle: With an image\nimage: photo story.png\n---\nbody\n');
    await put(ctx.articles, 'inline.md', '# Inline image\n\n![a photo](world/photo%20story.png)\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const imageUrl = `${url}/articles/world/photo%20story.png`;

    const rssText = (await getText(`${url}/feed.xml`)).text;
    assertWellFormed(rssText);
    const rss = parseRssFeed(rssText);
    for (const title of ['With an image', 'Inline image']) {
      const item = rss.items?.find((i) => i.title === title);
      expect(item?.enclosures?.[0], title).toMatchObject({ url: imageUrl, type: 'image/png', length: PNG.length });
    }
    expect(rssText).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    expect(rssText).toContain(
      `<media:content url="${imageUrl}" type="image/png" fileSize="${PNG.length}" medium="image" width="1" height="1"/>`,
    );
    expect(rssText).toContain(`<media:thumbnail url="${imageUrl}" width="1" height="1"/>`);

    const atomText = (await getText(`${url}/atom.xml`)).text;
    atoms.add(atomText);
    const entry = parseAtomFeed(atomText).entries?.find((e) => e.title?.value === 'With an image');
    expect(entry?.links?.find((l) => l.rel === 'enclosure')).toMatchObject({ href: imageUrl, type: 'image/png', length: PNG.length });
    expect(atomText).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    expect(atomText).toContain(`<media:thumbnail url="${imageUrl}" width="1" height="1"/>`);

    const json = JSON.parse((await getText(`${url}/feed.json`)).text) as {
      items: { title: string; image: string; attachments: unknown[] }[];
    };
    const item = json.items.find((i) => i.title === 'With an image');
    expect(item?.image).toBe(imageUrl);
    expect(item?.attachments).toEqual([{ url: imageUrl, mime_type: 'image/png', size_in_bytes: PNG.length }]);

    const image = await fetch(imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    const page = (await getText(`${url}/articles/world/with-image`)).text;
    expect(page).toContain(`<img src="${imageUrl}" alt="">`);
  });

  it("reads each image's pixel size from its header, and calls a header that is not its extension a problem, not an enclosure", async () => {
    await put(ctx.articles, 'wide.jpg', jpeg(640, 360, 6));
    await put(ctx.articles, 'fake.jpg', png(8, 8));
    await put(ctx.articles, 'good.md', '---\ntitle: Good picture\nimage: wide.jpg\n---\nbody\n');
    await put(ctx.articles, 'bad.md', '---\ntitle: Bad picture\nimage: fake.jpg\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, site } = ctx.running;
    const rss = parseRssFeed((await getText(`${url}/feed.xml`)).text);
    // EXIF orientation 6 turns the picture a quarter: it is shown 360 wide, 640 high.
    const good = rss.items?.find((i) => i.title === 'Good picture');
    expect(good?.media?.contents?.[0]).toMatchObject({ url: `${url}/articles/wide.jpg`, width: 360, height: 640 });
    expect(good?.media?.thumbnails?.[0]).toMatchObject({ url: `${url}/articles/wide.jpg`, width: 360, height: 640 });
    const bad = rss.items?.find((i) => i.title === 'Bad picture');
    expect(bad?.enclosures).toBeUndefined();
    expect(bad?.media).toBeUndefined();
    const json = JSON.parse((await getText(`${url}/feed.json`)).text) as { items: { title: string; image?: string }[] };
    expect(json.items.find((i) => i.title === 'Bad picture')?.image).toBeUndefined();
    expect(json.items.find((i) => i.title === 'Good picture')?.image).toBe(`${url}/articles/wide.jpg`);
    expect(site.status().problems).toEqual([
      expect.objectContaining({
        path: 'bad.md',
        code: 'IMAGE_MISMATCH',
        severity: 'warning',
        reason: expect.stringContaining('image/png'),
      }),
    ]);
  });

  it('keeps an image only a held or draft story names private, on the public port and in a build, until a published story names it', async () => {
    await put(ctx.articles, 'embargo.png', PNG);
    await put(ctx.articles, 'draft.png', PNG);
    await put(ctx.articles, 'public.png', PNG);
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await put(ctx.articles, 'merger.md', `---\ntitle: Secret merger\ndate: ${soon}\nimage: embargo.png\n---\nbody\n`);
    await put(ctx.articles, 'notes.md', '---\ntitle: Notes\ndraft: true\nimage: draft.png\n---\nbody\n');
    await put(ctx.articles, 'out.md', '---\ntitle: Out\nimage: public.png\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    expect(ctx.running.site.status().held.map((h) => h.path)).toEqual(['merger.md']);
    expect((await fetch(`${url}/articles/embargo.png`)).status).toBe(404);
    expect((await fetch(`${url}/articles/draft.png`)).status).toBe(404);
    expect((await fetch(`${url}/articles/public.png`)).status).toBe(200);
    await ctx.running.close();
    ctx.running = undefined;
    const out = path.join(ctx.state, '..', `site-${path.basename(ctx.state)}`);
    const config = (await testConfig(ctx.articles, ctx.state)).config;
    await buildSite(config, out, { log: silentLogger });
    expect(existsSync(path.join(out, 'articles', 'public.png'))).toBe(true);
    expect(existsSync(path.join(out, 'articles', 'embargo.png'))).toBe(false);
    expect(existsSync(path.join(out, 'articles', 'draft.png'))).toBe(false);
    await removeDir(out);
    // Published (the draft mark removed), its image is public.
    await put(ctx.articles, 'notes.md', '---\ntitle: Notes\nimage: draft.png\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    expect((await fetch(`${ctx.running.url}/articles/draft.png`)).status).toBe(200);
    expect((await fetch(`${ctx.running.url}/articles/embargo.png`)).status).toBe(404);
  });

  it('keeps the images a held or draft story’s text shows or links as private as its image, unless a published story shows them too', async () => {
    for (const name of ['cover.png', 'inline.png', 'linked.png', 'draft-inline.png', 'shared.png']) await put(ctx.articles, `pics/${name}`, PNG);
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const held = `---\ntitle: Secret merger\ndate: ${soon}\n---\n![cover](pics/cover.png)\n\n![second](pics/inline.png) <img src="pics/shared.png" alt="">\n\n[the scan](pics/linked.png)\n`;
    await put(ctx.articles, 'merger.md', held);
    await put(ctx.articles, 'notes.md', '---\ntitle: Notes\ndraft: true\n---\ntext\n\n![x](pics/draft-inline.png)\n');
    await put(ctx.articles, 'out.md', '---\ntitle: Out\nimage: pics/cover-none.png\n---\ntext ![shared](pics/shared.png)\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const status = async (name: string) => (await fetch(`${url}/articles/pics/${name}`)).status;
    expect(ctx.running.site.status().held.map((h) => h.path)).toEqual(['merger.md']);
    for (const name of ['cover.png', 'inline.png', 'linked.png', 'draft-inline.png']) expect([name, await status(name)]).toEqual([name, 404]);
    expect(await status('shared.png')).toBe(200);
    await ctx.running.close();
    ctx.running = undefined;
    const out = path.join(ctx.state, '..', `site-${path.basename(ctx.state)}`);
    await buildSite((await testConfig(ctx.articles, ctx.state)).config, out, { log: silentLogger });
    const built = (name: string) => existsSync(path.join(out, 'articles', 'pics', name));
    expect(['cover.png', 'inline.png', 'linked.png', 'draft-inline.png', 'shared.png'].filter(built)).toEqual(['shared.png']);
    await removeDir(out);
    // The held story out (its date now past): every image of it is public.
    await put(ctx.articles, 'merger.md', held.replace(`date: ${soon}`, 'date: 2020-01-01'));
    ctx.running = await startSite(ctx.articles, ctx.state);
    expect((await fetch(`${ctx.running.url}/articles/pics/inline.png`)).status).toBe(200);
    expect((await fetch(`${ctx.running.url}/articles/pics/linked.png`)).status).toBe(200);
    expect((await fetch(`${ctx.running.url}/articles/pics/draft-inline.png`)).status).toBe(404);
  });

  it('serves only the images a published story names or shows: never through a folder link, never an image no story out uses (attack trial)', async () => {
    for (const name of ['pasted.png', 'orphan.png', 'broken.png', 'later.png']) await put(ctx.articles, `pics/${name}`, PNG);
    await symlink('pics', path.join(ctx.articles, 'alias'));
    // A file that does not parse names nothing, whatever it says (a fresh state cannot know it is a draft).
    await put(ctx.articles, 'broken.md', '---\ntitle: [unclosed\ndraft: true\nimage: pics/broken.png\n---\n![b](pics/broken.png)\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    // A link pasted from the live site names its image as a relative one does.
    await put(ctx.articles, 'out.md', `---\ntitle: Out\n---\n![p](${url}/articles/pics/pasted.png)\n`);
    await waitFor(async () => ((await fetch(`${url}/articles/pics/pasted.png`)).status === 200 ? true : undefined), 10_000, 'the pasted image');
    const status = async (p: string) => (await fetch(`${url}/articles/${p}`)).status;
    expect(await status('pics/orphan.png')).toBe(404);
    expect(await status('pics/broken.png')).toBe(404);
    expect(await status('alias/pasted.png')).toBe(404);
    await put(ctx.articles, 'later.md', '---\ntitle: Later\nimage: pics/later.png\n---\nBody\n');
    await waitFor(async () => ((await fetch(`${url}/articles/pics/later.png`)).status === 200 ? true : undefined), 10_000, 'the image once named');
    await ctx.running.close();
    ctx.running = undefined;
    const out = path.join(ctx.state, '..', `site-${path.basename(ctx.state)}`);
    await buildSite((await testConfig(ctx.articles, ctx.state)).config, out, { log: silentLogger });
    const built = (name: string) => existsSync(path.join(out, 'articles', 'pics', name));
    expect(['pasted.png', 'orphan.png', 'broken.png', 'later.png'].filter(built)).toEqual(['pasted.png', 'later.png']);
    expect(existsSync(path.join(out, 'articles', 'alias'))).toBe(false);
    await removeDir(out);
  });

  it('keeps a held story’s image private after a restart, while the stored stories are served before the scan reads it again', async () => {
    await put(ctx.articles, 'embargo.png', PNG);
    await put(ctx.articles, 'public.png', PNG);
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await put(ctx.articles, 'merger.md', `---\ntitle: Secret merger\ndate: ${soon}\nimage: embargo.png\n---\nbody\n`);
    await put(ctx.articles, 'out.md', '---\ntitle: Out\nimage: public.png\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    await ctx.running.close();
    // Added while the server was down: the restart knows nothing of them until its scan reads them.
    await put(ctx.articles, 'newsecret.png', PNG);
    await put(ctx.articles, 'newheld.md', `---\ntitle: New secret\ndate: ${soon}\nimage: newsecret.png\n---\nbody\n`);
    // The restart's scan held back: what is served meanwhile comes from the store alone.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const scan = Reconciler.prototype.scan;
    const held = vi.spyOn(Reconciler.prototype, 'scan').mockImplementation(async function (this: Reconciler, ...args) {
      await gate;
      return scan.apply(this, args);
    });
    try {
      let url = '';
      const starting = startSite(ctx.articles, ctx.state, {}, { onListening: (u) => (url = u) });
      await waitFor(async () => (url !== '' && (await fetch(`${url}/healthz`)).status === 200 ? true : undefined), 10_000, 'the stored stories served');
      expect((await getText(`${url}/feed.xml`)).text).toContain('Out');
      expect((await fetch(`${url}/articles/public.png`)).status).toBe(200);
      expect((await fetch(`${url}/articles/embargo.png`)).status).toBe(404);
      expect((await fetch(`${url}/articles/newsecret.png`)).status).toBe(404);
      release();
      ctx.running = await starting;
    } finally {
      release();
      held.mockRestore();
    }
    expect((await fetch(`${ctx.running.url}/articles/embargo.png`)).status).toBe(404);
  });

  it('answers conditional GETs for an image as for a feed: 304 and 412 by ETag and date (new-user trial)', async () => {
    await put(ctx.articles, 'cover.png', PNG);
    await put(ctx.articles, 'out.md', '---\ntitle: Out\nimage: cover.png\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const image = `${ctx.running.url}/articles/cover.png`;
    const first = await fetch(image);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    const lastModified = first.headers.get('last-modified') as string;
    const status = async (headers: Record<string, string>) => (await fetch(image, { headers })).status;
    expect(await status({ 'if-none-match': etag })).toBe(304);
    expect(await status({ 'if-none-match': `W/${etag}` })).toBe(304);
    expect(await status({ 'if-none-match': `"x", ${etag}` })).toBe(304);
    expect(await status({ 'if-none-match': '"x"' })).toBe(200);
    expect(await status({ 'if-modified-since': lastModified })).toBe(304);
    expect(await status({ 'if-match': etag })).toBe(200);
    expect(await status({ 'if-match': '"zz"' })).toBe(412);
    expect(await status({ 'if-unmodified-since': 'Sun, 06 Nov 1994 08:49:37 GMT' })).toBe(412);
  });

  it('never serves an image through a link out of the folder, or anything but images', async () => {
    const outside = await tempDir('feedpub-outside-');
    try {
      await put(outside, 'secret.png', PNG);
      await symlink(path.join(outside, 'secret.png'), path.join(ctx.articles, 'linked.png'));
      await symlink(outside, path.join(ctx.articles, 'linked-folder'));
      await put(ctx.articles, 'notes.svg', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
      await put(ctx.articles, '.hidden.png', PNG);
      ctx.running = await startSite(ctx.articles, ctx.state);
      for (const p of ['linked.png', 'linked-folder/secret.png', 'notes.svg', '.hidden.png', '..%2Fsecret.png']) {
        expect((await fetch(`${ctx.running.url}/articles/${p}`)).status, p).toBe(404);
      }
    } finally {
      await removeDir(outside);
    }
  });

  it('follows an image replaced while serving within seconds, not at the next periodic scan, and calls it no missed change', async () => {
    await put(ctx.articles, 'pic.md', '---\ntitle: With a picture\nimage: pic.png\n---\nbody\n');
    await put(ctx.articles, 'pic.png', png(10, 10));
    const events: string[] = [];
    const record = (event: string) => void events.push(event);
    ctx.running = await startSite(ctx.articles, ctx.state, { reconcileSeconds: 3600 }, { log: { debug: record, info: record, warn: record, error: record } });
    const { url } = ctx.running;
    const media = async () => /<media:content [^>]*>/.exec((await getText(`${url}/feed.xml`)).text)?.[0] ?? '';
    expect(await media()).toContain('width="10"');
    await put(ctx.articles, 'pic.png', png(300, 200));
    await waitFor(async () => (await media()).includes('width="300"'), 10_000, 'the new picture in the feed');
    expect(events.filter((e) => e === 'watch.gap')).toEqual([]);
  });

  it('warns of a story’s image that is not there (IMAGE_MISSING), and forgets it once the image is saved (new-user trial)', async () => {
    await put(ctx.articles, 'moved.md', '---\ntitle: Moved away from its picture\nimage: temple.png\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state, { reconcileSeconds: 3600 });
    const site = ctx.running.site;
    const missing = site.status().problems.find((p) => p.path === 'moved.md');
    expect(missing).toMatchObject({ code: 'IMAGE_MISSING', severity: 'warning' });
    expect(missing?.reason).toContain('image temple.png: cannot be read (ENOENT)');
    await put(ctx.articles, 'temple.png', png(4, 3));
    await waitFor(async () => site.status().problems.length === 0, 10_000, 'the warning gone');
    expect((await getText(`${ctx.running.url}/feed.xml`)).text).toContain('width="4" height="3"');
  });

  atoms.test(1);

  it('answers 404 at once for a named pipe called like an image, however often, and keeps serving the real ones', async () => {
    await put(ctx.articles, 'real.png', PNG);
    execFileSync('mkfifo', [path.join(ctx.articles, 'pipe.png')]);
    // Named by a published story, so only the pipe check stands between a request and the pipe.
    await put(ctx.articles, 'piped.md', '---\ntitle: Piped\nimage: real.png\n---\n[a pipe](pipe.png)\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    // More requests than libuv has threads: a blocking open would hold one each, for good.
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${url}/articles/pipe.png`, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(404);
    }
    const real = await fetch(`${url}/articles/real.png`, { signal: AbortSignal.timeout(5000) });
    expect(real.status).toBe(200);
    expect(Buffer.from(await real.arrayBuffer()).equals(PNG)).toBe(true);
  });
});

// A second `build` renders only documents whose sources changed: in place when most of the build stays, as a new tree otherwise.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readFile, readlink, rename, rm, stat, symlink, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { BUILD_PENDING } from '../../src/publish/build-manifest.js';
import { BUILD_MANIFEST } from '../../src/publish/write-build.js';
import { buildSite } from '../../src/runtime.js';
import { jpeg, png } from '../core/image-fixtures.js';
import { CAN_MOUNT, fill, smallTmpfs } from '../fs-faults.js';
import { put, removeDir, siteFolders, tempDir, testConfig } from '../helpers.js';

const ctx = siteFolders();
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const story = (name: string, day: number, title = `Story ${name}`) =>
  put(ctx.articles, `${name}.txt`, `${title}\n\n2026-01-${String(day).padStart(2, '0')} 09:00\n\nBody ${name}.\n`);

async function withBuild(
  overrides: Record<string, unknown>,
  run: (site: string, build: (o?: Record<string, unknown>) => Promise<number>) => Promise<void>,
) {
  const out = await tempDir('feedpub-build-');
  const site = path.join(out, 'site');
  const dirs: string[] = [];
  const build = async (more: Record<string, unknown> = {}) => {
    // Every document with its .gz and .br, unless a test says otherwise: these tests follow all three files.
    const settings = { baseUrl: 'https://news.example', precompress: 'all', ...overrides, ...more };
    const { config, configDir } = await testConfig(ctx.articles, ctx.state, settings);
    dirs.push(configDir);
    return (await buildSite(config, site, { log: silentLogger })).written;
  };
  try {
    await run(site, build);
  } finally {
    for (const d of dirs) await removeDir(d);
    await removeDir(out);
  }
}

const readlinkOf = (site: string, f: string) => readlink(path.join(site, f));
const inode = async (site: string, f: string) => (await stat(path.join(site, f))).ino;
const exists = (site: string, f: string) =>
  stat(path.join(site, f)).then(
    () => true,
    () => false,
  );

/** Every document's three files agree: the .gz and .br bodies decompress to the plain one. */
async function expectEncodingsAgree(site: string, files: string[]): Promise<void> {
  for (const f of files) {
    const body = await readFile(path.join(site, f));
    expect(gunzipSync(await readFile(path.join(site, `${f}.gz`))).equals(body), f).toBe(true);
    expect(brotliDecompressSync(await readFile(path.join(site, `${f}.br`))).equals(body), f).toBe(true);
  }
}

describe('build, again', () => {
  it('after one of two stories changed, links the unchanged documents from the last build into a new tree', async () => {
    await story('a', 2);
    await story('b', 3);
    await withBuild({}, async (site, build) => {
      await build();
      const first = {
        a: await inode(site, 'articles/a.html'),
        aBr: await inode(site, 'articles/a.html.br'),
        b: await inode(site, 'articles/b.html'),
      };
      const manifest = JSON.parse(await readFile(path.join(site, BUILD_MANIFEST), 'utf8')) as { version: number; documents: object };
      expect(manifest.version).toBe(2);
      expect(Object.keys(manifest.documents)).toEqual(expect.arrayContaining(['/', '/feed.xml', '/articles/a', '/sitemap.xml']));

      await story('b', 3, 'Story B, corrected');
      await build();
      expect(await inode(site, 'articles/a.html')).toBe(first.a);
      expect(await inode(site, 'articles/a.html.br')).toBe(first.aBr);
      expect(await inode(site, 'articles/b.html')).not.toBe(first.b);
      await expectEncodingsAgree(site, ['articles/b.html', 'feed.xml', 'articles/a.html']);
      expect(await readFile(path.join(site, 'feed.xml'), 'utf8')).toContain('Story B, corrected');
      expect(await readFile(path.join(site, 'articles/b.html'), 'utf8')).toContain('Story B, corrected');
    });
  });

  it('after one of many stories changed, replaces only what changed in place, and removes what is gone', async () => {
    for (let i = 1; i <= 8; i++) await story(`s${i}`, i);
    await put(ctx.articles, 'pic.png', PNG);
    await put(ctx.articles, 'old.png', PNG);
    // Only the images a published story names or shows are built.
    await put(ctx.articles, 'pictured.md', '---\ntitle: Pictured\nimage: pic.png\n---\n![old](old.png)\n');
    await withBuild({}, async (site, build) => {
      await build();
      const folder = await inode(site, '.');
      // The desk's own files stay with the desk.
      expect(existsSync(path.join(site, 'desk.js')) || existsSync(path.join(site, 'desk.css'))).toBe(false);
      const before = {
        s1: await inode(site, 'articles/s1.html'),
        s1Gz: await inode(site, 'articles/s1.html.gz'),
        pic: await inode(site, 'articles/pic.png'),
        css: await inode(site, 'style.css'),
        feed: await inode(site, 'feed.xml'),
      };

      await story('s2', 2, 'Story s2, corrected');
      await rename(path.join(ctx.articles, 's3.txt'), path.join(ctx.articles, 's3-renamed.txt'));
      await rm(path.join(ctx.articles, 'old.png'));
      await build();

      // The same folder: nothing was swapped, and untouched files are the very same files.
      expect(await inode(site, '.')).toBe(folder);
      expect(await inode(site, 'articles/s1.html')).toBe(before.s1);
      expect(await inode(site, 'articles/s1.html.gz')).toBe(before.s1Gz);
      expect(await inode(site, 'articles/pic.png')).toBe(before.pic);
      expect(await inode(site, 'style.css')).toBe(before.css);
      expect(await inode(site, 'feed.xml')).not.toBe(before.feed);
      expect(await readFile(path.join(site, 'articles/s2.html'), 'utf8')).toContain('Story s2, corrected');
      expect(await readFile(path.join(site, 'feed.xml'), 'utf8')).toContain('Story s2, corrected');
      expect(await exists(site, 'articles/s3-renamed.html')).toBe(true);
      for (const gone of ['articles/s3.html', 'articles/s3.html.gz', 'articles/s3.html.br', 'articles/old.png']) {
        expect(await exists(site, gone), gone).toBe(false);
      }
      await expectEncodingsAgree(site, ['articles/s2.html', 'articles/s3-renamed.html', 'feed.xml', 'sitemap.xml']);
      expect(await readFile(path.join(site, 'sitemap.xml'), 'utf8')).not.toContain('/articles/s3<');
      // Nothing of the work in progress is left behind.
      const { readdir } = await import('node:fs/promises');
      expect((await readdir(site)).filter((n) => n.includes('staging'))).toEqual([]);
      // Again with nothing changed: no document written (build.done says written=0), no file replaced.
      const feedNow = await inode(site, 'feed.xml');
      expect(await build()).toBe(0);
      expect(await inode(site, 'feed.xml')).toBe(feedNow);
    });
  });

  it('renders every story page again when a setting the pages show changes (the site title, the base URL)', async () => {
    for (let i = 1; i <= 4; i++) await story(`t${i}`, i);
    await withBuild({}, async (site, build) => {
      await build({ title: 'First Title' });
      expect(await readFile(path.join(site, 'articles/t1.html'), 'utf8')).toContain('First Title');
      await build({ title: 'Second Title' });
      expect(await readFile(path.join(site, 'articles/t1.html'), 'utf8')).toContain('Second Title');
      expect(await readFile(path.join(site, 'articles/t1.html'), 'utf8')).not.toContain('First Title');
      await build({ title: 'Second Title', baseUrl: 'https://elsewhere.example' });
      expect(await readFile(path.join(site, 'articles/t1.html'), 'utf8')).toContain('https://elsewhere.example/');
      await expectEncodingsAgree(site, ['articles/t1.html']);
    });
  });

  it('keeps files no build wrote (an upload, a .htaccess) when a new base URL replaces the tree, and drops a deleted story’s page (attack trial)', async () => {
    for (let i = 1; i <= 4; i++) await story(`k${i}`, i);
    await withBuild({}, async (site, build) => {
      await build();
      await writeFile(path.join(site, 'mine.txt'), 'my notes\n');
      await mkdir(path.join(site, 'uploads'));
      await writeFile(path.join(site, 'uploads/logo.png'), png(4, 4));
      await symlink('mine.txt', path.join(site, 'link.txt'));
      await mkdir(path.join(site, 'articles/k5.html'));
      await writeFile(path.join(site, 'articles/k5.html/note.txt'), 'where a new story goes\n');
      await story('k5', 5);
      await rm(path.join(ctx.articles, 'k4.txt'));
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://elsewhere.example', precompress: 'all' });
      const result = await buildSite(config, site, { log: silentLogger });
      await removeDir(configDir);
      // The user's file where the new story's page goes is kept aside, and named.
      expect(result.replaced).toEqual([{ file: 'articles/k5.html/note.txt', keptAt: expect.stringMatching(/^\.feedpub-replaced\/[^/]+\/articles\/k5\.html\/note\.txt$/) }]);
      expect(await readFile(path.join(site, result.replaced[0]?.keptAt ?? ''), 'utf8')).toBe('where a new story goes\n');
      expect(result.kept.sort()).toEqual(['link.txt', 'mine.txt', 'uploads/logo.png']);
      expect(await readlinkOf(site, 'link.txt')).toBe('mine.txt');
      expect(await readFile(path.join(site, 'articles/k5.html'), 'utf8')).toContain('Story k5');
      expect(await readFile(path.join(site, 'articles/k1.html'), 'utf8')).toContain('https://elsewhere.example/');
      expect(await readFile(path.join(site, 'mine.txt'), 'utf8')).toBe('my notes\n');
      expect(await exists(site, 'uploads/logo.png')).toBe(true);
      expect(await exists(site, 'articles/k4.html')).toBe(false);
    });
  });

  it('keeps aside, in place, a file of the user’s where a new story’s page goes, and writes over a killed build’s own page (attack trial)', async () => {
    for (let i = 1; i <= 6; i++) await story(`p${i}`, i);
    await withBuild({}, async (site, build) => {
      await build();
      await writeFile(path.join(site, 'articles/p7.html'), 'my own page\n');
      await writeFile(path.join(site, 'articles/p7.html.gz'), 'not gzip\n');
      await story('p7', 7);
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example', precompress: 'all' });
      const feedBefore = await inode(site, 'articles/p1.html');
      const result = await buildSite(config, site, { log: silentLogger });
      await removeDir(configDir);
      expect(await inode(site, 'articles/p1.html'), 'built in place').toBe(feedBefore);
      expect(result.replaced.map((r) => r.file)).toEqual(['articles/p7.html', 'articles/p7.html.gz']);
      for (const { keptAt } of result.replaced) expect(keptAt).toMatch(/^\.feedpub-replaced\/[^/]+\/articles\/p7\.html(\.gz)?$/);
      expect(await readFile(path.join(site, result.replaced[0]?.keptAt ?? ''), 'utf8')).toBe('my own page\n');
      expect(await readFile(path.join(site, 'articles/p7.html'), 'utf8')).toContain('Story p7');
      await expectEncodingsAgree(site, ['articles/p7.html']);
      // Pages of a build killed before its manifest (its pending list names them): written over, or
      // removed when their story is held or gone since, never kept as the user's (attack trial).
      const page = await readFile(path.join(site, 'articles/p7.html'));
      const manifest = JSON.parse(await readFile(path.join(site, BUILD_MANIFEST), 'utf8')) as { documents: Record<string, unknown> };
      delete manifest.documents['/articles/p7'];
      await writeFile(path.join(site, BUILD_MANIFEST), JSON.stringify(manifest));
      await writeFile(path.join(site, 'articles/p8.html'), 'a page of a story held since\n');
      await writeFile(path.join(site, BUILD_PENDING), JSON.stringify(['articles/p7.html', 'articles/p7.html.gz', 'articles/p7.html.br', 'articles/p8.html']));
      const { config: again, configDir: againDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example', precompress: 'all' });
      const second = await buildSite(again, site, { log: silentLogger });
      await removeDir(againDir);
      expect(second.replaced).toEqual([]);
      expect((await readFile(path.join(site, 'articles/p7.html'))).equals(page)).toBe(true);
      expect(existsSync(path.join(site, 'articles/p8.html'))).toBe(false);
      expect(existsSync(path.join(site, BUILD_PENDING)), 'gone with the manifest written').toBe(false);
      // The list is in the folder, anyone's to edit: a file it names through a link is never removed.
      const outside = await tempDir('feedpub-outside-');
      await writeFile(path.join(outside, 'keep.txt'), 'kept\n');
      await symlink(outside, path.join(site, 'ext'));
      await writeFile(path.join(site, BUILD_PENDING), JSON.stringify(['ext/keep.txt']));
      const { config: third, configDir: thirdDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example', precompress: 'all' });
      await buildSite(third, site, { log: silentLogger });
      await removeDir(thirdDir);
      expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe('kept\n');
      await removeDir(outside);
    });
  });

  it('stops before the swap, naming the file, when a user’s file cannot be kept in a new tree; never keeps one through a link (attack trial)', async () => {
    for (let i = 1; i <= 4; i++) await story(`q${i}`, i);
    const outside = await tempDir('feedpub-outside-');
    await withBuild({}, async (site, build) => {
      await build();
      // Where files are kept aside, a file of the user's: the page's own path then cannot be kept.
      await writeFile(path.join(site, '.feedpub-replaced'), 'NOTES\n');
      await writeFile(path.join(site, 'articles/q5.html'), 'USERDATA\n');
      await story('q5', 5);
      await expect(build({ baseUrl: 'https://c.example' })).rejects.toThrow(/cannot keep articles\/q5\.html .*nothing was replaced/);
      expect(await readFile(path.join(site, 'articles/q5.html'), 'utf8')).toBe('USERDATA\n');
      expect(await readFile(path.join(site, 'articles/q1.html'), 'utf8')).toContain('https://news.example/');
      expect((await import('node:fs/promises').then((f) => f.readdir(path.dirname(site)))).filter((n) => n.includes('.tmp-'))).toEqual([]);
      // A link there instead, to a folder outside: in place, the page is not written and nothing goes through the link.
      await rm(path.join(site, '.feedpub-replaced'));
      await symlink(outside, path.join(site, '.feedpub-replaced'));
      await build();
      expect(await readFile(path.join(site, 'articles/q5.html'), 'utf8')).toBe('USERDATA\n');
      expect((await import('node:fs/promises').then((f) => f.readdir(outside)))).toEqual([]);
    });
    await removeDir(outside);
  });

  it('puts back the folder a build killed between its two renames left aside, and builds on it (attack trial)', async () => {
    for (let i = 1; i <= 2; i++) await story(`r${i}`, i);
    await withBuild({}, async (site, build) => {
      await build();
      await writeFile(path.join(site, 'upload.txt'), 'mine\n');
      // As a build of a process that no longer runs leaves it: the site renamed away, the new tree not yet in.
      const aside = path.join(path.dirname(site), `.${path.basename(site)}.old-999999999`);
      await rename(site, aside);
      await build({ baseUrl: 'https://d.example' });
      expect(await readFile(path.join(site, 'upload.txt'), 'utf8')).toBe('mine\n');
      expect(await readFile(path.join(site, 'articles/r1.html'), 'utf8')).toContain('https://d.example/');
      expect(existsSync(aside)).toBe(false);
      // Also over an empty folder made meanwhile (re-attack trial: the copy was deleted as a leftover).
      await rename(site, aside);
      await mkdir(site);
      await build({ baseUrl: 'https://e.example' });
      expect(await readFile(path.join(site, 'upload.txt'), 'utf8')).toBe('mine\n');
      // Two such copies: which is the site is not guessed; the build stops and names them.
      await rename(site, aside);
      await mkdir(`${aside.slice(0, -3)}998`);
      await expect(build()).rejects.toThrow(/left 2 copies of it/);
      await rm(`${aside.slice(0, -3)}998`, { recursive: true });
      await rename(aside, site);
    });
  });

  it('builds through a link at --out whose folder a killed build left aside, and puts it back (re-attack trial)', async () => {
    await story('l1', 1);
    const www = await tempDir('feedpub-www-');
    try {
      const real = path.join(www, 'real');
      const current = path.join(www, 'current');
      await mkdir(real);
      await symlink('real', current);
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example' });
      await buildSite(config, current, { log: silentLogger });
      await writeFile(path.join(real, 'upload.txt'), 'mine\n');
      await rename(real, path.join(www, '.real.old-999999999'));
      await buildSite(config, current, { log: silentLogger });
      await removeDir(configDir);
      expect((await lstat(current)).isSymbolicLink()).toBe(true);
      expect(await readFile(path.join(real, 'upload.txt'), 'utf8')).toBe('mine\n');
      expect(await readFile(path.join(real, 'articles/l1.html'), 'utf8')).toContain('Story l1');
    } finally {
      await removeDir(www);
    }
  });

  it('writes a document again when its file was deleted from the build by hand, or replaced by a link', async () => {
    for (let i = 1; i <= 4; i++) await story(`u${i}`, i);
    const outside = await tempDir('feedpub-outside-');
    await withBuild({}, async (site, build) => {
      await build();
      await rm(path.join(site, 'articles/u1.html'));
      // Only a compressed copy gone (a build into this folder with another precompress killed midway): written again too.
      await rm(path.join(site, 'articles/u3.html.br'));
      await writeFile(path.join(outside, 'other.html'), 'OTHER');
      await rm(path.join(site, 'articles/u4.html'));
      await symlink(path.join(outside, 'other.html'), path.join(site, 'articles/u4.html'));
      await writeFile(path.join(ctx.articles, 'u2.txt'), 'Story u2 again\n\n2026-01-02 09:00\n\nBody.\n');
      const folder = await inode(site, '.');
      await build();
      // In place (the same folder): each file asked about where it is, not hard-linked into a new tree.
      expect(await inode(site, '.')).toBe(folder);
      expect(await readFile(path.join(site, 'articles/u1.html'), 'utf8')).toContain('Story u1');
      expect((await lstat(path.join(site, 'articles/u4.html'))).isFile()).toBe(true);
      expect(await readFile(path.join(site, 'articles/u4.html'), 'utf8')).toContain('Story u4');
      await expectEncodingsAgree(site, ['articles/u1.html', 'articles/u3.html']);
    });
    expect(await readFile(path.join(outside, 'other.html'), 'utf8')).toBe('OTHER');
    await removeDir(outside);
  });

  it('never removes or writes through a path the manifest or a link would lead out of the build folder', async () => {
    for (let i = 1; i <= 4; i++) await story(`v${i}`, i);
    const outside = await tempDir('feedpub-outside-');
    await withBuild({}, async (site, build) => {
      await build();
      await writeFile(path.join(outside, 'keep.txt'), "not the build's");
      await writeFile(path.join(outside, 'v1.html'), "not the build's either");
      // A hand-edited manifest that names files outside the build folder as the last build's.
      const manifestFile = path.join(site, BUILD_MANIFEST);
      const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as {
        documents: Record<string, string[]>;
        files: Record<string, string>;
      };
      manifest.files[`../${path.basename(outside)}/keep.txt`] = '1:1';
      manifest.files[`${outside}/keep.txt`] = '1:1';
      manifest.documents['/%2e%2e/escape'] = ['t', 'k'];
      await writeFile(manifestFile, JSON.stringify(manifest));
      await story('v3', 3, 'Story v3, corrected');
      await build();
      expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe("not the build's");
      expect(await readFile(path.join(site, 'articles/v3.html'), 'utf8')).toContain('Story v3, corrected');
      // And the stories' folder replaced by a link to a folder elsewhere.
      await rm(path.join(site, 'articles'), { recursive: true });
      await symlink(outside, path.join(site, 'articles'));
      await story('v2', 2, 'Story v2, corrected');
      await build();
      expect(await readFile(path.join(outside, 'keep.txt'), 'utf8')).toBe("not the build's");
      expect(await readFile(path.join(outside, 'v1.html'), 'utf8')).toBe("not the build's either");
      expect((await lstat(path.join(site, 'articles'))).isDirectory()).toBe(true);
      expect(await readFile(path.join(site, 'articles/v2.html'), 'utf8')).toContain('Story v2, corrected');
      expect(await readFile(path.join(site, 'articles/v1.html'), 'utf8')).toContain('Story v1');
    });
    await removeDir(outside);
  });

  it('leaves no empty folder, no leftover of a killed build, and builds through a link at --out', async () => {
    for (let i = 1; i <= 6; i++) await story(`w${i}`, i);
    await put(ctx.articles, 'world/asia/rain.txt', 'Rain in Asia\n\n2026-01-07 09:00\n\nBody.\n');
    const real = await tempDir('feedpub-real-site-');
    await withBuild({}, async (site, build) => {
      await symlink(real, site);
      await build();
      expect((await lstat(site)).isSymbolicLink()).toBe(true);
      expect(await exists(real, 'articles/world/asia/rain.html')).toBe(true);
      // A build killed midway (its process gone) left its staging folder inside and a tree beside.
      await mkdir(path.join(real, '.feedpub-staging-2147483646'));
      await writeFile(path.join(real, '.feedpub-staging-2147483646', '0'), 'half');
      const beside = path.join(path.dirname(real), `.${path.basename(real)}.tmp-2147483646`);
      await mkdir(beside);
      await rm(path.join(ctx.articles, 'world'), { recursive: true });
      await build();
      expect((await lstat(site)).isSymbolicLink()).toBe(true);
      expect(await exists(real, 'articles/world')).toBe(false);
      expect(await exists(real, 'categories/world')).toBe(false);
      expect(await exists(real, '.feedpub-staging-2147483646')).toBe(false);
      expect(await exists(path.dirname(beside), path.basename(beside))).toBe(false);
      expect(await exists(real, 'articles/w1.html')).toBe(true);
    });
    await removeDir(real);
  });

  it('never hard-links a link from the old tree into a new one, and repairs a folder where a page goes', async () => {
    for (let i = 1; i <= 6; i++) await story(`x${i}`, i);
    await put(ctx.articles, 'sub/inner.txt', 'Inner story\n\n2026-01-08 09:00\n\nBody.\n');
    const outside = await tempDir('feedpub-outside-');
    await withBuild({}, async (site, build) => {
      await build();
      // A page replaced by a link to a file elsewhere, and a folder by a link to a copy elsewhere
      // (which makes the next build a new tree, with every other document unchanged).
      await writeFile(path.join(outside, 'secret.txt'), 'SECRET');
      await rm(path.join(site, 'articles/x1.html'));
      await symlink(path.join(outside, 'secret.txt'), path.join(site, 'articles/x1.html'));
      await rename(path.join(site, 'articles/sub'), path.join(outside, 'sub'));
      await writeFile(path.join(outside, 'sub', 'inner.html.gz'), 'tampered');
      await symlink(path.join(outside, 'sub'), path.join(site, 'articles/sub'));
      await build();
      expect((await lstat(path.join(site, 'articles/x1.html'))).isFile()).toBe(true);
      expect(await readFile(path.join(site, 'articles/x1.html'), 'utf8')).toContain('Story x1');
      expect((await lstat(path.join(site, 'articles/sub'))).isDirectory()).toBe(true);
      await expectEncodingsAgree(site, ['articles/sub/inner.html', 'articles/x1.html']);
      // In place: a folder where a page's file goes is replaced by the page.
      await rm(path.join(site, 'articles/x2.html'));
      await mkdir(path.join(site, 'articles/x2.html/inner'), { recursive: true });
      await story('x2', 2, 'Story x2, corrected');
      await build({ title: 'A new title: every page changes' });
      expect(await readFile(path.join(site, 'articles/x2.html'), 'utf8')).toContain('Story x2, corrected');
    });
    expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('SECRET');
    await removeDir(outside);
  });

  it("writes every other document when one cannot be written (a story's page path is another's folder), and says which", async () => {
    await story('y1', 1);
    await put(ctx.articles, 'y1.html/inside.txt', 'Inside a folder named like a page\n\n2026-01-02 09:00\n\nBody.\n');
    await withBuild({}, async (site) => {
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example' });
      const { skipped } = await buildSite(config, site, { log: silentLogger });
      await removeDir(configDir);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]?.path).toMatch(/^\/articles\/y1/);
      expect(await readFile(path.join(site, 'feed.xml'), 'utf8')).toContain('Inside a folder named like a page');
      const { readdir } = await import('node:fs/promises');
      expect((await readdir(path.dirname(site))).filter((n) => n.includes('.tmp-'))).toEqual([]);
    });
  });

  it("in place, never deletes another story's page to write one whose path is that story's folder", async () => {
    for (let i = 1; i <= 20; i++) await story(`b${i}`, (i % 28) + 1);
    await withBuild({}, async (site) => {
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example' });
      try {
        await buildSite(config, site, { log: silentLogger });
        // Both added at once: `blk.txt`'s page path is the folder `blk.html/inner.txt`'s page goes in.
        await story('blk', 3, 'Blocked page');
        await put(ctx.articles, 'blk.html/inner.txt', 'Inner story\n\n2026-01-04 10:00\n\nBody.\n');
        // Written concurrently, either may take the path first (a clean-clone run saw the page win):
        // one is reported, the other is written, and neither is ever deleted for the other.
        for (let round = 0; round < 2; round++) {
          const { skipped } = await buildSite(config, site, { log: silentLogger });
          expect(skipped).toHaveLength(1);
          const lost = skipped[0]?.path;
          expect(['/articles/blk', '/articles/blk.html/inner']).toContain(lost);
          if (lost === '/articles/blk') expect(await readFile(path.join(site, 'articles/blk.html/inner.html'), 'utf8')).toContain('Inner story');
          else expect(await readFile(path.join(site, 'articles/blk.html'), 'utf8')).toContain('Blocked page');
          expect(await readFile(path.join(site, 'articles/b1.html'), 'utf8')).toContain('Story b1');
        }
      } finally {
        await removeDir(configDir);
      }
    });
  });

  it.skipIf(!CAN_MOUNT)('keeps the last build of every document it cannot write on a full disk, and finishes it when there is room (needs mount)', async () => {
    for (let i = 1; i <= 30; i++) await story(`f${i}`, (i % 28) + 1);
    const disk = smallTmpfs() as string;
    const site = path.join(disk, 'site');
    const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example', precompress: 'all' });
    try {
      await buildSite(config, site, { log: silentLogger });
      const filler = await fill(disk);
      // Room for the lock and a few files, not for the whole build.
      await truncate(filler, (await stat(filler)).size - 16 * 1024);
      await story('f7', 8, 'Story f7, corrected');
      const full = await buildSite(config, site, { log: silentLogger });
      expect(full.skipped.length).toBeGreaterThan(0);
      expect(full.skipped.every((s) => /ENOSPC/.test(s.reason))).toBe(true);
      // Nothing the last build wrote is gone: the old versions stay where no new one fits.
      for (const f of ['feed.xml', 'feed.xml.gz', 'atom.xml', 'feed.json', 'index.html', 'sitemap.xml', 'articles/f7.html', 'articles/f7.html.br']) {
        expect(existsSync(path.join(site, f)), f).toBe(true);
      }
      await rm(filler);
      const room = await buildSite(config, site, { log: silentLogger });
      expect(room.skipped).toEqual([]);
      expect(await readFile(path.join(site, 'articles/f7.html'), 'utf8')).toContain('Story f7, corrected');
      expect(await readFile(path.join(site, 'feed.xml'), 'utf8')).toContain('Story f7, corrected');
      await expectEncodingsAgree(site, ['articles/f7.html', 'feed.xml']);
    } finally {
      await removeDir(configDir);
      execFileSync('umount', [disk]);
      await rm(disk, { recursive: true, force: true });
    }
  });

  it.skipIf(!CAN_MOUNT)('refuses to build, writing nothing, when the state store cannot store every story (its disk full; needs mount)', async () => {
    const paragraph = 'A paragraph long enough that three hundred of these stories outgrow a small disk. '.repeat(100);
    for (let i = 1; i <= 300; i++) await put(ctx.articles, `s${i}.md`, `---\ntitle: Story ${i}\ndate: 2026-11-01\n---\n\n${paragraph}\n`);
    const disk = smallTmpfs('1500k') as string;
    const out = path.join(ctx.state, 'site');
    const { config, configDir } = await testConfig(ctx.articles, path.join(disk, 'state'), { baseUrl: 'https://news.example' });
    try {
      await expect(buildSite(config, out, { log: silentLogger })).rejects.toMatchObject({
        code: 'STATE_UNWRITABLE',
        message: expect.stringMatching(/could not store \d+ story file\(s\) \(s\d+\.md: .*free space on its disk.*Nothing was written to/),
      });
      expect(existsSync(out)).toBe(false);
      // A build does not retry: none of the server's words about retrying.
      await expect(buildSite(config, out, { log: silentLogger })).rejects.not.toThrow(/retried|lag/);
    } finally {
      await removeDir(configDir);
      execFileSync('umount', [disk]);
      await rm(disk, { recursive: true, force: true });
    }
  });

  it.skipIf(!CAN_MOUNT)('links the last build of each document it cannot write into a new tree on a full disk (needs mount)', async () => {
    for (let i = 1; i <= 30; i++) await story(`g${i}`, (i % 28) + 1);
    const disk = smallTmpfs() as string;
    const site = path.join(disk, 'site');
    const built = (title: string) => testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example', title, precompress: 'all' });
    const dirs: string[] = [];
    try {
      const first = await built('First title');
      dirs.push(first.configDir);
      await buildSite(first.config, site, { log: silentLogger });
      const filler = await fill(disk);
      await truncate(filler, (await stat(filler)).size - 160 * 1024);
      // A new title changes every page: a new tree, which does not fit (some documents fail; or,
      // with less room, the whole build is refused): either way nothing of the last build goes.
      const second = await built('Second title');
      dirs.push(second.configDir);
      const full = await buildSite(second.config, site, { log: silentLogger }).catch((error: Error) => ({ refused: error.message }));
      if ('skipped' in full) expect(full.skipped.length).toBeGreaterThan(0);
      for (const f of ['feed.xml', 'index.html', 'articles/g7.html', 'articles/g7.html.gz', 'articles/g7.html.br']) {
        expect(existsSync(path.join(site, f)), f).toBe(true);
      }
      await expectEncodingsAgree(site, ['articles/g7.html', 'feed.xml']);
      await rm(filler);
      expect((await buildSite(second.config, site, { log: silentLogger })).skipped).toEqual([]);
      expect(await readFile(path.join(site, 'index.html'), 'utf8')).toContain('Second title');
    } finally {
      for (const d of dirs) await removeDir(d);
      execFileSync('umount', [disk]);
      await rm(disk, { recursive: true, force: true });
    }
  });

  it('names the files whose paths differ only by letter case or Unicode form (one file on macOS or Windows)', async () => {
    await put(ctx.articles, 'a.md', '---\ntitle: A\ntags: [AFP]\n---\nBody\n');
    await put(ctx.articles, 'b.md', '---\ntitle: B\ntags: [afp]\n---\nBody\n');
    await put(ctx.articles, 'c.md', '---\ntitle: C\ntags: [Other]\n---\nBody\n');
    const out = await tempDir('feedpub-build-');
    const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example' });
    try {
      const { clashes } = await buildSite(config, path.join(out, 'site'), { log: silentLogger });
      const sorted = clashes.map((g) => [...g].sort()).sort((x, y) => (x[0] as string).localeCompare(y[0] as string));
      expect(sorted).toEqual(
        ['atom.xml', 'feed.json', 'feed.xml', 'index.html'].map((f) => [`categories/AFP/${f}`, `categories/afp/${f}`]),
      );
    } finally {
      await removeDir(out);
      await removeDir(configDir);
    }
  });

  it('builds into a folder whose parent does not exist yet', async () => {
    await story('n1', 1);
    await withBuild({}, async (site) => {
      const nested = path.join(site, 'deeper', 'still', 'site');
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example' });
      await buildSite(config, nested, { log: silentLogger });
      await removeDir(configDir);
      expect(await exists(nested, 'articles/n1.html')).toBe(true);
    });
  });

  it('refuses a second build into a folder another live build is writing, naming its process', async () => {
    await story('z1', 1);
    await withBuild({}, async (site, build) => {
      const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      await new Promise((resolve) => other.once('spawn', resolve));
      const lock = path.join(path.dirname(site), `.${path.basename(site)}.lock`);
      try {
        await writeFile(lock, `${other.pid}\n`);
        await expect(build()).rejects.toThrow(new RegExp(`another build \\(process ${other.pid}\\)`));
      } finally {
        other.kill('SIGKILL');
        await new Promise((resolve) => other.once('exit', resolve));
      }
      // Its process gone, the lock is taken over.
      await build();
      expect(await exists(site, 'articles/z1.html')).toBe(true);
      expect(await exists(path.dirname(lock), path.basename(lock))).toBe(false);
    });
  });

  it("follows a story's image when only the image changes: replaced, deleted, then added back", async () => {
    await put(ctx.articles, 'pic.md', '---\ntitle: With a picture\ndate: 2026-01-02T09:00:00Z\nimage: pic.png\n---\nBody.\n');
    await put(ctx.articles, 'pic.png', png(10, 10));
    const enclosure = async (site: string) => /<enclosure [^>]*>/.exec(await readFile(path.join(site, 'feed.xml'), 'utf8'))?.[0];
    await withBuild({}, async (site, build) => {
      await build();
      expect(await enclosure(site)).toContain(`length="${png(10, 10).length}"`);
      const bigger = png(300, 200);
      await put(ctx.articles, 'pic.png', bigger);
      await build();
      expect(await enclosure(site)).toContain(`length="${bigger.length}"`);
      expect(await readFile(path.join(site, 'feed.xml'), 'utf8')).toContain('width="300"');
      await rm(path.join(ctx.articles, 'pic.png'));
      await build();
      expect(await enclosure(site)).toBeUndefined();
      expect(await exists(site, 'articles/pic.png')).toBe(false);
      await put(ctx.articles, 'pic.png', png(10, 10));
      await build();
      expect(await enclosure(site)).toContain(`length="${png(10, 10).length}"`);
    });
  });

  it("follows a story's image replaced by another of the same size but other dimensions", async () => {
    await put(ctx.articles, 'photo.md', '---\ntitle: With a photo\ndate: 2026-01-02T09:00:00Z\nimage: photo.jpg\n---\nBody.\n');
    const [wide, tall] = [jpeg(640, 480), jpeg(480, 640)];
    expect(wide.length).toBe(tall.length);
    await put(ctx.articles, 'photo.jpg', wide);
    const media = async (site: string) => /<media:content [^>]*>/.exec(await readFile(path.join(site, 'feed.xml'), 'utf8'))?.[0];
    await withBuild({}, async (site, build) => {
      await build();
      expect(await media(site)).toContain('width="640"');
      await put(ctx.articles, 'photo.jpg', tall);
      // Saved later than the first: its mtime differs even on a coarse clock.
      await utimes(path.join(ctx.articles, 'photo.jpg'), new Date(), new Date(Date.now() + 5000));
      await build();
      expect(await media(site)).toContain('width="480"');
      expect(await media(site)).toContain('height="640"');
    });
  });
});

describe('build, precompress', () => {
  const plainManifest = async (site: string) =>
    (JSON.parse(await readFile(path.join(site, BUILD_MANIFEST), 'utf8')) as { documents: Record<string, unknown[]> }).documents;

  it('by default writes .gz and .br beside the feeds, lists and sitemaps only: story and archive pages are left to the web server', async () => {
    for (let i = 1; i <= 5; i++) await story(`p${i}`, i);
    await withBuild({ precompress: 'feeds', itemLimit: 2 }, async (site, build) => {
      await build();
      await expectEncodingsAgree(site, ['feed.xml', 'atom.xml', 'feed.json', 'index.html', 'sitemap.xml', 'feeds.opml']);
      for (const plain of ['articles/p1.html', 'archive/1/feed.xml', 'archive/2/atom.xml']) {
        expect(await exists(site, plain), plain).toBe(true);
        for (const suffix of ['.gz', '.br']) expect(await exists(site, plain + suffix), plain + suffix).toBe(false);
      }
      const documents = await plainManifest(site);
      expect(documents['/articles/p1']?.[2]).toBe('plain');
      expect(documents['/feed.xml']?.[2]).toBeUndefined();
    });
  });

  it('a change of the setting rewrites the files it changes, in place: the pages gain .gz and .br with "all", lose them with "feeds"', async () => {
    for (let i = 1; i <= 6; i++) await story(`q${i}`, i);
    await withBuild({ itemLimit: 2 }, async (site, build) => {
      expect(await build({ precompress: 'feeds' })).toBeGreaterThan(0);
      const folder = await inode(site, '.');
      const feed = await inode(site, 'feed.xml.gz');
      await build({ precompress: 'all' });
      expect(await inode(site, '.')).toBe(folder);
      expect(await inode(site, 'feed.xml.gz')).toBe(feed);
      await expectEncodingsAgree(site, ['articles/q1.html', 'articles/q6.html', 'archive/1/feed.json']);

      // Back to "feeds" with a page changed too: no stale .gz may stand beside the new page.
      await story('q1', 1, 'Story q1, corrected');
      expect(await build({ precompress: 'feeds' })).toBeGreaterThan(0);
      expect(await inode(site, '.')).toBe(folder);
      expect(await readFile(path.join(site, 'articles/q1.html'), 'utf8')).toContain('Story q1, corrected');
      for (const f of ['articles/q1.html', 'articles/q6.html', 'archive/1/feed.json'])
        for (const suffix of ['.gz', '.br']) expect(await exists(site, f + suffix), f + suffix).toBe(false);
      await expectEncodingsAgree(site, ['feed.xml']);
      expect(await build({ precompress: 'feeds' })).toBe(0);
    });
  });

  it('"none" writes no compressed file at all, and a new tree links the pages of the last build that had none', async () => {
    await story('r1', 1);
    await story('r2', 2);
    await withBuild({ precompress: 'none' }, async (site, build) => {
      await build();
      const page = await inode(site, 'articles/r1.html');
      await story('r2', 2, 'Story r2, corrected');
      await build();
      // Half the documents changed: a new tree, with the unchanged page hard-linked into it.
      expect(await inode(site, 'articles/r1.html')).toBe(page);
      for (const f of ['feed.xml', 'index.html', 'articles/r1.html', 'articles/r2.html', 'sitemap.xml'])
        for (const suffix of ['.gz', '.br']) expect(await exists(site, f + suffix), f + suffix).toBe(false);
    });
  });
});

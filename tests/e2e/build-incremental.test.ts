// A second `build` after one story changed writes only the documents whose bytes changed; the rest are linked from the last build.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { BUILD_MANIFEST } from '../../src/publish/write-build.js';
import { buildSite } from '../../src/runtime.js';
import { put, removeDir, siteFolders, tempDir, testConfig } from '../helpers.js';

const ctx = siteFolders();

describe('build, again', () => {
  it('links unchanged documents from the last build and writes changed ones, all three encodings', async () => {
    await put(ctx.articles, 'a.txt', 'Story A\n\n2026-01-02 09:00\n\nBody A.\n');
    await put(ctx.articles, 'b.txt', 'Story B\n\n2026-01-03 09:00\n\nBody B.\n');
    const out = await tempDir('feedpub-build-');
    const site = path.join(out, 'site');
    try {
      const { config, configDir } = await testConfig(ctx.articles, ctx.state, { baseUrl: 'https://news.example' });
      await buildSite(config, site, { log: silentLogger });
      const inode = async (f: string) => (await stat(path.join(site, f))).ino;
      const first = {
        a: await inode('articles/a.html'),
        aBr: await inode('articles/a.html.br'),
        b: await inode('articles/b.html'),
        feed: await inode('feed.xml'),
      };
      const manifest = JSON.parse(await readFile(path.join(site, BUILD_MANIFEST), 'utf8')) as Record<string, string>;
      expect(Object.keys(manifest)).toEqual(expect.arrayContaining(['/', '/feed.xml', '/articles/a', '/sitemap.xml']));

      await put(ctx.articles, 'b.txt', 'Story B, corrected\n\n2026-01-03 09:00\n\nBody B.\n');
      await buildSite(config, site, { log: silentLogger });
      await removeDir(configDir);
      expect(await inode('articles/a.html')).toBe(first.a);
      expect(await inode('articles/a.html.br')).toBe(first.aBr);
      expect(await inode('articles/b.html')).not.toBe(first.b);
      expect(await inode('feed.xml')).not.toBe(first.feed);
      for (const f of ['articles/b.html', 'feed.xml', 'articles/a.html']) {
        const body = await readFile(path.join(site, f));
        expect(gunzipSync(await readFile(path.join(site, `${f}.gz`))).equals(body), f).toBe(true);
        expect(brotliDecompressSync(await readFile(path.join(site, `${f}.br`))).equals(body), f).toBe(true);
      }
      expect(await readFile(path.join(site, 'feed.xml'), 'utf8')).toContain('Story B, corrected');
      expect(await readFile(path.join(site, 'articles/b.html'), 'utf8')).toContain('Story B, corrected');
    } finally {
      await removeDir(out);
    }
  });
});

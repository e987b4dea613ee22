// The static export served by Debian's nginx with deploy/nginx-static.conf: media types, gzip, 304.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { buildSite } from '../../src/runtime.js';
import { NEEDS, ORACLES, ROOT, put, removeDir, tempDir, waitFor } from '../helpers.js';
import { png } from '../core/image-fixtures.js';

const NGINX = ORACLES.nginx;

let work: string;
let nginx: ChildProcess | undefined;
let base: string;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  if (!NGINX) return;
  work = await tempDir('feedpub-nginx-');
  // nginx started as root serves from worker processes running as nobody: let them in.
  await chmod(work, 0o755);
  const articles = path.join(work, 'articles');
  await put(articles, 'kim-putin.txt', readFileSync(path.join(ROOT, 'tests', 'fixtures', 'seed-article.txt')));
  await put(articles, 'world/rain.md', '---\ntitle: Rain\nauthor: AFP\nimage: rain.png\n---\nbody\n');
  await put(articles, 'world/rain.png', png(3, 2));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = loadConfig({ articles, state: path.join(work, 'state'), port: String(port), baseUrl: base }, {}, work, ROOT);
  await buildSite(config, path.join(work, 'site'), { log: silentLogger });

  const server = (await readFile(path.join(ROOT, 'deploy', 'nginx-static.conf'), 'utf8'))
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replace('root /srv/site;', `root ${path.join(work, 'site')};`);
  await mkdir(path.join(work, 'tmp'), { recursive: true });
  const conf = path.join(work, 'nginx.conf');
  await writeFile(
    conf,
    `daemon off; worker_processes 1; pid ${work}/nginx.pid; error_log ${work}/error.log;
events { worker_connections 64; }
http { access_log off; client_body_temp_path ${work}/tmp; proxy_temp_path ${work}/tmp; fastcgi_temp_path ${work}/tmp; uwsgi_temp_path ${work}/tmp; scgi_temp_path ${work}/tmp;
${server}
}
`,
  );
  nginx = spawn(NGINX, ['-c', conf, '-p', work], { stdio: 'ignore' });
  await waitFor(async () => (await fetch(`${base}/feed.xml`).catch(() => undefined))?.status === 200, 10_000, 'nginx');
});
afterAll(async () => {
  nginx?.kill('SIGTERM');
  if (work) await removeDir(work);
});

describe.skipIf(!NGINX)(`static export behind nginx ${NEEDS.nginx}`, () => {
  it.each([
    ['/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
    ['/', 'text/html; charset=utf-8'],
    ['/articles/kim-putin', 'text/html; charset=utf-8'],
    ['/categories/world/', 'text/html; charset=utf-8'],
    ['/categories/world/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/authors/AFP/feed.json', 'application/feed+json; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/sitemap.xml', 'application/xml; charset=utf-8'],
    ['/news-sitemap.xml', 'application/xml; charset=utf-8'],
    ['/feeds.opml', 'text/x-opml; charset=utf-8'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/feed.xsl', 'application/xml; charset=utf-8'],
    // Before, the conf's own types left images application/octet-stream (new-user trial).
    ['/articles/world/rain.png', 'image/png'],
  ])('%s is served as %s', async (urlPath, type) => {
    const res = await fetch(base + urlPath, { headers: { 'accept-encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await res.arrayBuffer();
  });

  it('serves the precompressed .gz and answers conditional requests with 304', async () => {
    const plain = await (await fetch(`${base}/feed.xml`, { headers: { 'accept-encoding': 'identity' } })).text();
    const gz = await fetch(`${base}/feed.xml`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(plain);
    const first = await fetch(`${base}/atom.xml`);
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await fetch(`${base}/atom.xml`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/articles/kim-putin`)).headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('sends the pages’ CSP on every HTML page, and none on the feeds (it would stop feed.xsl)', async () => {
    for (const page of ['/', '/categories/world/', '/authors/AFP/', '/articles/kim-putin']) {
      const res = await fetch(base + page);
      expect(res.headers.get('content-type'), page).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy'), page).toContain("default-src 'none'");
      expect(res.headers.get('cache-control'), page).toContain('max-age=300');
    }
    for (const feed of ['/feed.xml', '/atom.xml', '/categories/world/feed.xml'])
      expect((await fetch(base + feed)).headers.get('content-security-policy'), feed).toBeNull();
  });

  it('answers a missing page, story or hidden file with the build’s 404 page in the site’s language', async () => {
    for (const missing of ['/nope', '/articles/no-such-story', '/.feedpub-manifest.json']) {
      const res = await fetch(base + missing);
      expect(res.status, missing).toBe(404);
      expect(res.headers.get('content-type'), missing).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html, missing).toContain('<html lang="en">'); // the site's language (this config's default)
      expect(html, missing).toContain(`<h1>404</h1><p>no such page</p><p><a href="${base}/">Latest stories</a></p>`);
    }
  });

  it('compresses a story page, which the build writes without a .gz, per request', async () => {
    const file = path.join(work, 'site', 'articles', 'kim-putin.html');
    await expect(readFile(`${file}.gz`)).rejects.toThrow(/ENOENT/);
    const gz = await fetch(`${base}/articles/kim-putin`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(await gz.text()).toBe(await readFile(file, 'utf8'));
  });
});

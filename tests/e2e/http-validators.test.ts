// HTTP validators and URL forms through the real server: If-Modified-Since, absolute-form targets, non-canonical spellings under load.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningSite, put, removeDir, startSite, tempDir } from '../helpers.js';

let articles: string;
let state: string;
let running: RunningSite;
let port: number;

beforeAll(async () => {
  articles = await tempDir();
  state = await tempDir('feedpub-state-');
  await put(articles, 'world/one.txt', 'World one\n\nThe first story of the world desk.\n');
  await put(articles, 'world/two.txt', 'World two\n\nThe second story of the world desk.\n');
  await put(articles, 'ข่าว/สาม.txt', 'สาม\n\nเนื้อหา\n');
  running = await startSite(articles, state);
  port = Number(new URL(running.url).port);
});
afterAll(async () => {
  await running.close();
  await removeDir(articles);
  await removeDir(state);
});

/** One request on a fresh connection, written byte for byte as given; the raw response. */
function raw(target: string, headers: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.write(
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`,
    );
  });
}
const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);
const header = (response: string, name: string) => new RegExp(`\r\n${name}: ([^\r]*)`, 'i').exec(response)?.[1];
const body = (response: string) => response.slice(response.indexOf('\r\n\r\n') + 4);

describe('If-Modified-Since (RFC 9110 §13.1.3)', () => {
  it('answers 304 only to a valid HTTP-date not later than now', async () => {
    const first = await raw('/feed.xml');
    const lastModified = header(first, 'last-modified') as string;
    expect(lastModified).toMatch(/GMT$/);
    expect(statusOf(await raw('/feed.xml', [`If-Modified-Since: ${lastModified}`]))).toBe(304);
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    for (const ims of ['3000', '2100-01-01', future, 'Fri, 01 Jan 2100 00:00:00 GMT', 'garbage']) {
      expect(statusOf(await raw('/feed.xml', [`If-Modified-Since: ${ims}`])), ims).toBe(200);
    }
  });
});

describe('If-Match and If-Unmodified-Since (RFC 9110 §13.1.1, §13.1.4)', () => {
  it('answers 412 when the document is no longer the one the client names, and the document when it is', async () => {
    const first = await raw('/feed.xml');
    const etag = header(first, 'etag') as string;
    const lastModified = header(first, 'last-modified') as string;
    expect(statusOf(await raw('/feed.xml', [`If-Match: ${etag}`]))).toBe(200);
    expect(statusOf(await raw('/feed.xml', [`If-Match: "other", ${etag}`]))).toBe(200);
    expect(statusOf(await raw('/feed.xml', ['If-Match: *']))).toBe(200);
    expect(statusOf(await raw('/feed.xml', ['If-Match: ']))).toBe(200);
    const stale = await raw('/feed.xml', ['If-Match: "an-older-version"']);
    expect(statusOf(stale)).toBe(412);
    expect(body(stale)).toBe('');
    // Strong comparison: a weak tag never matches.
    expect(statusOf(await raw('/feed.xml', [`If-Match: W/${etag}`]))).toBe(412);
    expect(statusOf(await raw('/feed.xml', [`If-Unmodified-Since: ${lastModified}`]))).toBe(200);
    expect(statusOf(await raw('/feed.xml', ['If-Unmodified-Since: Mon, 01 Jan 2001 00:00:00 GMT']))).toBe(412);
    // If-Match decides when both are sent (§13.2.2).
    expect(statusOf(await raw('/feed.xml', [`If-Match: ${etag}`, 'If-Unmodified-Since: Mon, 01 Jan 2001 00:00:00 GMT']))).toBe(200);
  });
});

describe('request targets', () => {
  it('serves absolute-form targets like origin-form ones (RFC 9112 §3.2.2)', async () => {
    const origin = await raw('/feed.xml');
    const absolute = await raw(`http://127.0.0.1:${port}/feed.xml`);
    expect(statusOf(absolute)).toBe(200);
    expect(header(absolute, 'etag')).toBe(header(origin, 'etag'));
    expect(body(absolute)).toBe(body(origin));
    expect(statusOf(await raw(`http://news.example/healthz`))).toBe(200);
    expect(statusOf(await raw(`http://news.example/no-such-page`))).toBe(404);
  });

  it('answers non-canonical spellings from the same cached bytes, rendering a facet once', async () => {
    const facets = (running.site as unknown as { builder: { facets: { source: { render: (p: string) => unknown } } } }).builder.facets;
    const render = vi.spyOn(facets.source, 'render');
    const canonical = await raw('/categories/world/feed.xml');
    expect(statusOf(canonical)).toBe(200);
    const thai = await raw('/categories/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/feed.xml');
    expect(statusOf(thai)).toBe(200);
    const before = render.mock.calls.length;
    for (const spelling of [
      '/categories/%77orld/feed.xml',
      '/categories/%77%6F%72%6C%64/feed.xml',
      '/categories/%77%6f%72%6c%64/feed.xml',
      `http://127.0.0.1:${port}/categories/w%6Frld/feed.xml`,
    ]) {
      const r = await raw(spelling);
      expect(statusOf(r), spelling).toBe(200);
      expect(header(r, 'etag'), spelling).toBe(header(canonical, 'etag'));
      expect(body(r), spelling).toBe(body(canonical));
    }
    const lower = await raw('/categories/%e0%b8%82%e0%b9%88%e0%b8%b2%e0%b8%a7/feed.xml');
    expect(header(lower, 'etag')).toBe(header(thai, 'etag'));
    expect(render.mock.calls.length).toBe(before);
    render.mockRestore();
  });

  it('keeps /feed.xml fast while 16 connections hammer a non-canonical URL', async () => {
    const facets = (running.site as unknown as { builder: { facets: { source: { render: (p: string) => unknown } } } }).builder.facets;
    await fetch(`${running.url}/categories/world/feed.xml`);
    const render = vi.spyOn(facets.source, 'render');
    const rate = async (urls: string[], ms: number) => {
      const counts = urls.map(() => 0);
      const until = Date.now() + ms;
      await Promise.all(
        urls.map(async (u, k) => {
          while (Date.now() < until) {
            const res = await fetch(u);
            await res.arrayBuffer();
            if (res.status !== 200) throw new Error(`${u}: ${res.status}`);
            counts[k] = (counts[k] ?? 0) + 1;
          }
        }),
      );
      return counts.map((c) => Math.round((c * 1000) / ms));
    };
    const odd = `${running.url}/categories/%77orld/feed.xml`;
    const feed = `${running.url}/feed.xml`;
    const [feedAlone = 0] = await rate([feed], 1000);
    const [canonicalAlone = 0] = await rate([`${running.url}/categories/world/feed.xml`], 1000);
    const [oddAlone = 0] = await rate([odd], 1000);
    const underLoad = await rate([feed, ...Array.from({ length: 16 }, () => odd)], 1500);
    const feedUnderLoad = underLoad[0] ?? 0;
    const oddTotal = underLoad.slice(1).reduce((a, b) => a + b, 0);
    console.log(
      `req/s: /feed.xml alone ${feedAlone}, canonical facet feed ${canonicalAlone}, non-canonical ${oddAlone}; ` +
        `under 16 non-canonical connections: /feed.xml ${feedUnderLoad}, non-canonical total ${oddTotal}`,
    );
    // Never rendered per request: the cached document answers every spelling.
    expect(render).not.toHaveBeenCalled();
    render.mockRestore();
    // /feed.xml gets a fair share of the server (one connection of 17), not a starved trickle.
    expect(feedUnderLoad).toBeGreaterThan((oddTotal / 16) * 0.2);
  });
});

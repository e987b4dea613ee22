// The editor's desk and the public/private split on the real server: states, /status on both ports, feed pages, 301/410, live events.
import { request } from 'node:http';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../src/log.js';
import { startServer } from '../../src/runtime.js';
import { put, removeDir, siteFolders, startSite, testConfig, waitFor } from '../helpers.js';

const ctx = siteFolders();

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/** A GET with exactly these headers (fetch adds Sec-Fetch-Mode of its own, which would decide the test). */
function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
    })
      .on('error', reject)
      .end();
  });
}

const CHROME_NAVIGATION = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'none',
};
const FEED_READER = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8' };

const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString();
const SECRET = 'merger-acme-globex-secret';

async function newsroom(): Promise<void> {
  await put(ctx.articles, 'rain.txt', 'ฝนตกหนักในกรุงเทพฯ\n\n25 พ.ย. 2569 09.30 น.\n\nAFP\n\nเนื้อหาข่าวฝน\n');
  await put(
    ctx.articles,
    `${SECRET}.md`,
    `---\ntitle: ACME buys Globex\ndate: ${inTwoDays()}\n---\nTerms to be announced when the market closes.\n`,
  );
  await put(ctx.articles, 'plans.md', '---\ntitle: Next week\ndraft: true\n---\nNot yet.\n');
  await put(ctx.articles, 'broken.md', '---\ntitle: [unclosed\n---\nbody\n');
  await put(ctx.articles, 'notes.docx', 'not an article');
}

describe("the editor's desk", () => {
  it('lists every file with its state on its own port, with full /status there and counts only on the public port', async () => {
    await newsroom();
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, deskUrl } = ctx.running;
    expect(deskUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(deskUrl).not.toBe(url);

    const desk = await get(`${deskUrl}/`);
    expect(desk.status).toBe(200);
    expect(desk.headers['content-security-policy']).toContain("script-src 'self'");
    expect(desk.headers['cache-control']).toBe('no-store');
    expect(desk.headers['referrer-policy']).toBe('no-referrer');
    const rowState = (p: string) => new RegExp(`data-path="${p.replace('.', '\\.')}" data-state="([a-z]+)"`).exec(desk.text)?.[1];
    expect(rowState('rain.txt')).toBe('published');
    expect(rowState(`${SECRET}.md`)).toBe('held');
    expect(rowState('plans.md')).toBe('draft');
    expect(rowState('broken.md')).toBe('problem');
    expect(rowState('notes.docx')).toBe('ignored');
    // Problems first.
    expect(desk.text.indexOf('data-path="broken.md"')).toBeLessThan(desk.text.indexOf('data-path="rain.txt"'));
    expect(desk.text).toContain('ACME buys Globex');
    // The dateline as written, and the instant it was read as (09.30 in Bangkok).
    const dateline = /25 พ\.ย\. 2569 09\.30 น\. → <time datetime="2026-11-25T02:30:00\.000Z">/;
    expect(desk.text).toMatch(dateline);

    const full = JSON.parse((await get(`${deskUrl}/status`)).text) as { problems: { path: string }[]; held: { path: string }[] };
    expect(full.problems.map((p) => p.path)).toContain('broken.md');
    expect(full.held.map((h) => h.path)).toEqual([`${SECRET}.md`]);

    const counts = JSON.parse((await get(`${url}/status`)).text);
    expect(counts).toEqual({
      ready: true,
      scanned: true,
      articles: 1,
      drafts: 1,
      held: 1,
      problems: { error: 1, warning: 0, info: expect.any(Number) },
      watcher: 'native',
      lastRebuild: expect.any(String),
    });

    // Nothing the public port answers names a file, a reason or the held story.
    const publicPaths = ['/', '/status', '/healthz', '/feed.xml', '/atom.xml', '/feed.json', '/robots.txt', '/sitemap.xml'];
    for (const p of publicPaths) {
      for (const headers of [{}, CHROME_NAVIGATION]) {
        const res = await get(`${url}${p}`, headers);
        for (const secret of [SECRET, 'ACME', 'Globex', 'broken.md', 'unclosed', 'plans.md', 'Next week', 'notes.docx']) {
          expect(res.text, `${p} must not show ${secret}`).not.toContain(secret);
        }
      }
    }
    expect((await get(`${url}/articles/${SECRET}`)).status).toBe(404);
    expect((await get(`${url}/articles/plans`)).status).toBe(404);

    // The held story's preview is on the desk only.
    const preview = await get(`${deskUrl}/preview?path=${encodeURIComponent(`${SECRET}.md`)}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain('Terms to be announced when the market closes.');
    expect((await get(`${url}/preview?path=${encodeURIComponent(`${SECRET}.md`)}`)).status).toBe(404);
    // So are the desk's script and stylesheet; the reader's stylesheet is on both.
    for (const asset of ['/desk.js', '/desk.css']) {
      expect((await get(`${deskUrl}${asset}`)).status, asset).toBe(200);
      expect((await get(`${url}${asset}`)).status, asset).toBe(404);
    }
    expect((await get(`${url}/style.css`)).status).toBe(200);

    // Restarted, nothing read again: the published story's dateline is still on the desk (it vanished).
    await ctx.running.close();
    ctx.running = await startSite(ctx.articles, ctx.state);
    expect((await get(`${ctx.running.deskUrl}/`)).text).toMatch(dateline);
  });

  it('shows a held story’s pictures in its preview from the desk itself, while the public port keeps them back', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/AlXlMwAAAABJRU5ErkJggg==', 'base64');
    await put(ctx.articles, 'pics/cover.png', png);
    await put(ctx.articles, 'pics/chart.png', png);
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await put(
      ctx.articles,
      'merger.md',
      `---\ntitle: Merger\ndate: ${soon}\nimage: pics/cover.png\n---\nText\n\n![chart](pics/chart.png) [elsewhere](other)\n`,
    );
    // A held plain-text story and the picture saved beside it under its name (new-user trial: its preview had none).
    await put(ctx.articles, 'pics/flood.txt', `Flood warning\n\n${soon}\n\nRivers are rising.\n`);
    await put(ctx.articles, 'pics/flood.png', png);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, deskUrl } = ctx.running;
    const flood = (await get(`${deskUrl}/preview?path=pics/flood.txt`)).text;
    expect(flood).toContain('src="/articles/pics/flood.png"');
    // And when it goes out, in the banner.
    expect(flood).toMatch(/(?:จะเผยแพร่เมื่อ|Publishes) <time datetime="[^"]+">[^<]+<\/time> \(Asia\/Bangkok\)/);
    expect((await get(`${url}/articles/pics/flood.png`)).status).toBe(404);
    const preview = (await get(`${deskUrl}/preview?path=merger.md`)).text;
    expect(preview).toContain('src="/articles/pics/chart.png"');
    expect(preview).toContain('src="/articles/pics/cover.png"');
    // Links stay links to the public site.
    expect(preview).toContain(`href="${url}/articles/other"`);
    for (const name of ['cover.png', 'chart.png']) {
      const image = await get(`${deskUrl}/articles/pics/${name}`);
      expect([image.status, image.headers['content-type']]).toEqual([200, 'image/png']);
      expect(image.body.equals(png)).toBe(true);
      expect((await get(`${url}/articles/pics/${name}`)).status).toBe(404);
    }
    // The desk serves images only: never a story file, a hidden name or a path out of the folder.
    for (const p of ['/articles/merger.md', '/articles/merger', '/articles/..%2F..%2Fetc%2Fpasswd.png', '/articles/.git/x.png']) {
      expect((await get(`${deskUrl}${p}`)).status, p).toBe(404);
    }
  });

  it('gives a browser the feed page and a feed reader the exact feed bytes, varying on Sec-Fetch-Dest', async () => {
    await put(ctx.articles, 'rain.txt', 'ฝนตกหนักในกรุงเทพฯ\n\n25 พ.ย. 2569 09.30 น.\n\nAFP\n\nเนื้อหาข่าวฝน\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, site } = ctx.running;
    for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const page = await get(`${url}${feed}`, CHROME_NAVIGATION);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers.vary).toBe('Accept-Encoding, Sec-Fetch-Dest');
      expect(page.headers['cache-control']).toMatch(/^public/);
      expect(page.text).toContain('ฝนตกหนักในกรุงเทพฯ');
      expect(page.text).toContain(`value="${url}${feed}"`);
      expect(page.text).toMatch(/<time datetime="2026-11-25T02:30:00\.000Z">[^<]*2569/);

      const bytes = site.snapshot.get(feed)?.identity.body;
      const readers: Record<string, string>[] = [
        FEED_READER,
        {},
        { accept: '*/*' },
        { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' },
      ];
      for (const headers of readers) {
        const reader = await get(`${url}${feed}`, headers);
        expect(reader.headers['content-type']).not.toContain('text/html');
        expect(reader.body.equals(bytes as Buffer)).toBe(true);
        expect(reader.headers.vary).toBe('Accept-Encoding, Sec-Fetch-Dest');
      }
    }
    // An old browser without Fetch Metadata gets the page by Accept, kept out of shared caches.
    const old = await get(`${url}/feed.xml`, { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(old.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(old.headers.vary).toBe('Accept-Encoding, Sec-Fetch-Dest, Accept');
    expect(old.headers['cache-control']).toMatch(/^private/);
  });

  it('answers 301 to the new URL after a rename and 410 after a deletion; held stories stay 404', async () => {
    await put(ctx.articles, 'world/rain.txt', 'Rain in Bangkok\n\n25 Nov 2026 09:30\n\nAFP\n\nIt rained.\n');
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { baseUrl: 'https://news.example' });
    const { url } = ctx.running;
    expect((await get(`${url}/articles/world/rain`)).status).toBe(200);

    await rename(path.join(ctx.articles, 'world/rain.txt'), path.join(ctx.articles, 'world/rain-moved.txt'));
    await waitFor(async () => (await get(`${url}/articles/world/rain-moved`)).status === 200, 10_000, 'renamed page');
    const moved = await waitFor(async () => {
      const r = await get(`${url}/articles/world/rain`);
      return r.status === 301 ? r : undefined;
    });
    expect(moved.headers.location).toBe('https://news.example/articles/world/rain-moved');

    await rename(path.join(ctx.articles, 'world/rain-moved.txt'), path.join(ctx.articles, 'world/rain-again.txt'));
    await waitFor(async () => (await get(`${url}/articles/world/rain-again`)).status === 200, 10_000, 'second rename');
    // Chains collapse: the first URL goes straight to the newest.
    await waitFor(
      async () => (await get(`${url}/articles/world/rain`)).headers.location === 'https://news.example/articles/world/rain-again',
    );

    await rm(path.join(ctx.articles, 'world/rain-again.txt'));
    await waitFor(async () => (await get(`${url}/articles/world/rain-again`)).status === 410, 10_000, 'gone');
    expect((await get(`${url}/articles/world/rain`)).status).toBe(410);

    await put(ctx.articles, 'held.md', `---\ntitle: Held\ndate: ${inTwoDays()}\n---\nLater.\n`);
    await waitFor(async () => ((await get(`${ctx.running?.deskUrl}/`)).text.includes('data-state="held"') ? true : undefined));
    expect((await get(`${url}/articles/held`)).status).toBe(404);

    // Renamed, then held: the old URL must not name the held story's file (attack trial: 301 to it).
    await put(ctx.articles, 'pub.md', '---\ntitle: Out\n---\nNow.\n');
    await waitFor(async () => (await get(`${url}/articles/pub`)).status === 200, 10_000, 'published');
    await rename(path.join(ctx.articles, 'pub.md'), path.join(ctx.articles, 'secret-merger.md'));
    await waitFor(async () => (await get(`${url}/articles/pub`)).status === 301, 10_000, 'moved');
    await put(ctx.articles, 'secret-merger.md', `---\ntitle: Out\ndate: ${inTwoDays()}\n---\nNow.\n`);
    await waitFor(async () => (await get(`${url}/articles/secret-merger`)).status === 404, 10_000, 'held again');
    const old = await get(`${url}/articles/pub`);
    expect(old.status).toBe(404);
    expect(old.text).not.toContain('secret-merger');
  });

  it('pushes a broken save to open desks as an event, then the fix', async () => {
    await put(ctx.articles, 'story.md', '---\ntitle: Fine\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const events = await fetch(`${ctx.running.deskUrl}/events`);
    expect(events.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = (events.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    const until = async (want: RegExp) => {
      const deadline = Date.now() + 5000;
      while (!want.test(seen)) {
        if (Date.now() > deadline) throw new Error(`no event matching ${want} in ${seen}`);
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        seen += Buffer.from(value).toString('utf8');
      }
    };
    // The row's "published" time (the second <time> after the saved one) is the good version's.
    const publishedAt = async () => {
      const row = /data-path="story\.md"[\s\S]*?(?=<li class="file|<\/ol>)/.exec((await get(`${ctx.running?.deskUrl}/`)).text)?.[0] ?? '';
      return [...row.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1])[1];
    };
    const first = await waitFor(publishedAt, 10_000, 'the published time');
    // Saved with another story (one batch, which rebuilds the site): before, the broken save then
    // showed as "published" at that moment, with its latency.
    await Promise.all([
      put(ctx.articles, 'story.md', '---\ntitle: [unclosed\n---\nbody\n'),
      put(ctx.articles, 'other.md', '---\ntitle: Other\n---\nbody\n'),
    ]);
    await until(/event: file\ndata: \{"path":"story\.md","html":"[^\n]*data-state=\\"kept\\"/);
    await until(/data-state=\\"published\\"[^\n]*Other/);
    expect(await publishedAt()).toBe(first);
    await put(ctx.articles, 'story.md', '---\ntitle: Fixed\n---\nbody\n');
    await until(/data-state=\\"published\\"[^\n]*Fixed/);
    await until(/event: summary/);
    await reader.cancel();
  });

  it("puts the desk on a free port when its default port is taken, and names it (new-user trial: no desk, another site's at :8081)", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    const { config, configDir } = await testConfig(ctx.articles, ctx.state);
    await removeDir(configDir); // read once: the configuration is loaded
    const warnings: string[] = [];
    const log = {
      ...silentLogger,
      warn: (event: string, fields?: Record<string, unknown>) => warnings.push(`${event} ${JSON.stringify(fields)}`),
    };
    const running = await startServer(
      { ...config, host: '127.0.0.1', admin: { host: '127.0.0.1', port: taken, explicit: false } },
      { log, watch: false },
    );
    try {
      expect(running.deskUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(running.deskUrl).not.toBe(`http://127.0.0.1:${taken}`);
      expect((await get(`${running.deskUrl}/`)).status).toBe(200);
      expect((await get(`${running.url}/healthz`)).status).toBe(200);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^desk\.moved .*EADDRINUSE/);
    } finally {
      await running.close(0);
      blocker.close();
    }
  });
});

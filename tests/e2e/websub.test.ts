// WebSub: hubs advertised in feeds and Link headers; one ping per burst of saves, retried until the hub accepts.
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getText, parseAtomFeed, parseRssFeed, put, startSite, waitFor, siteFolders } from '../helpers.js';

const ctx = siteFolders();

interface Ping {
  contentType: string | undefined;
  params: URLSearchParams;
  status: number;
}

let hub: Server;
let hubUrl: string;
let pings: Ping[];
let failNext: number;

beforeEach(async () => {
  pings = [];
  failNext = 0;
  // A local endpoint standing in for a hub: records each publish ping, fails on demand.
  hub = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const status = failNext > 0 ? 503 : 204;
      if (failNext > 0) failNext--;
      pings.push({ contentType: req.headers['content-type'], params: new URLSearchParams(body), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', () => r()));
  hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/hub`;
});
afterEach(async () => {
  // Runs before siteFolders' own clean-up (after-hooks run last-registered first): close the site first.
  await ctx.running?.close();
  ctx.running = undefined;
  hub.closeAllConnections();
  await new Promise<void>((r) => hub.close(() => r()));
});

const status = async (url: string) =>
  JSON.parse((await getText(`${url}/status`)).text) as { websub: { sent: number; failed: number; pending: number } };

describe('WebSub', () => {
  it('advertises the hub and self in every feed and in Link headers', async () => {
    await put(ctx.articles, 'a.txt', 'A story\n\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state, { websub: { hubs: [hubUrl] } });
    const { url } = ctx.running;
    const rss = await getText(`${url}/feed.xml`);
    expect(rss.headers.get('link')).toBe(`<${hubUrl}>; rel="hub", <${url}/feed.xml>; rel="self"`);
    expect(parseRssFeed(rss.text).atom?.links?.map((l) => [l.rel, l.href])).toEqual([
      ['self', `${url}/feed.xml`],
      ['hub', hubUrl],
    ]);
    const atom = parseAtomFeed((await getText(`${url}/atom.xml`)).text);
    expect(atom.links?.filter((l) => l.rel === 'hub').map((l) => l.href)).toEqual([hubUrl]);
    const json = JSON.parse((await getText(`${url}/feed.json`)).text) as { hubs: unknown };
    expect(json.hubs).toEqual([{ type: 'WebSub', url: hubUrl }]);
  });

  it('sends one form-encoded publish ping per burst of saves, naming the changed feeds', async () => {
    ctx.running = await startSite(ctx.articles, ctx.state, { websub: { hubs: [hubUrl] } });
    const { url, deskUrl } = ctx.running;
    await waitFor(async () => (await status(deskUrl)).websub.pending === 0 && pings.length >= 1, 10_000, 'start-up ping');
    const before = pings.length;

    await Promise.all(Array.from({ length: 10 }, (_, i) => writeFile(path.join(ctx.articles, `s${i}.txt`), `Story ${i}\n\nbody\n`)));
    await waitFor(async () => (parseRssFeed((await getText(`${url}/feed.xml`)).text).items ?? []).length === 10, 10_000, 'ten stories');
    await waitFor(async () => (await status(deskUrl)).websub.pending === 0 && pings.length > before, 10_000, 'ping after the burst');
    const burst = pings.slice(before);
    expect(burst).toHaveLength(1);
    const ping = burst[0] as Ping;
    expect(ping.contentType).toBe('application/x-www-form-urlencoded');
    expect(ping.params.get('hub.mode')).toBe('publish');
    expect(ping.params.getAll('hub.url')).toEqual([`${url}/atom.xml`, `${url}/feed.json`, `${url}/feed.xml`]);
  });

  it('retries with backoff until the hub accepts, without holding up publishing', async () => {
    ctx.running = await startSite(ctx.articles, ctx.state, { websub: { hubs: [hubUrl] } }, { websubRetryMs: 50 });
    const { url, deskUrl } = ctx.running;
    await waitFor(async () => (await status(deskUrl)).websub.pending === 0, 10_000, 'start-up ping');
    const before = pings.length;
    failNext = 2;
    await writeFile(path.join(ctx.articles, 'late.txt'), 'Late story\n\nbody\n');
    // Published at once, whatever the hub says.
    await waitFor(async () => (await getText(`${url}/feed.xml`)).text.includes('Late story'), 10_000, 'the new story');
    await waitFor(async () => (await status(deskUrl)).websub.pending === 0, 10_000, 'ping accepted');
    expect(pings.slice(before).map((p) => p.status)).toEqual([503, 503, 204]);
    expect((await status(deskUrl)).websub.failed).toBe(0);
  });
});

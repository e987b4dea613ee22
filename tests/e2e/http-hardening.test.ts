// Hostile HTTP: traversal in every encoding, huge URLs and headers, slow clients, a thousand connections.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSite, put, removeDir, startSite, tempDir } from '../helpers.js';

let articles: string;
let state: string;
let running: RunningSite;
let port: number;

beforeAll(async () => {
  articles = await tempDir();
  state = await tempDir('feedpub-state-');
  await put(articles, 'kim-putin.txt', readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt')));
  running = await startSite(articles, state, {}, { headersTimeout: 1000, requestTimeout: 2000 });
  port = Number(new URL(running.url).port);
});
afterAll(async () => {
  await running.close();
  await removeDir(articles);
  await removeDir(state);
});

/** Send raw bytes (pieces: 100 ms apart), return the raw response (or what arrived before the server closed). */
function raw(payload: string | string[], waitMs = 5000, to = port): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(to, '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (d) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', (e) => (data ? resolve(data) : reject(e)));
    const [first = '', ...rest] = typeof payload === 'string' ? [payload] : payload;
    socket.write(first);
    for (const [i, piece] of rest.entries()) {
      setTimeout(
        () => {
          if (socket.writable) socket.write(piece);
        },
        100 * (i + 1),
      );
    }
    setTimeout(() => {
      socket.destroy();
      resolve(data);
    }, waitMs);
  });
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

describe('HTTP hardening', () => {
  it.each([
    '/articles/../../etc/passwd',
    '/articles/..%2F..%2Fetc%2Fpasswd',
    '/articles/%2e%2e/%2e%2e/etc/passwd',
    '/articles/%252e%252e/etc/passwd',
    '/articles/..\\..\\etc\\passwd',
    '/articles/%5c..%5c..%5cetc%5cpasswd',
    '/articles/kim-putin%00.txt',
    '/..%c0%af../etc/passwd',
    '/style.css/../../package.json',
    '/%2e%2e/package.json',
  ])('never serves a file outside the site for %s', async (target) => {
    const response = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const status = statusOf(response);
    expect([400, 404]).toContain(status);
    expect(response).not.toMatch(/root:|"name": "feedpub"|\bat .+\.(js|ts):\d+/);
  });

  it('answers a very long URL with 414 and very long headers with 431', async () => {
    expect(statusOf(await raw(`GET /${'a'.repeat(9000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`))).toBe(414);
    // Longer than all the headers may be (16 KB): Node alone says 431 (attack trial), on the desk's port too.
    const long = `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
    expect(statusOf(await raw(long))).toBe(414);
    expect(statusOf(await raw(long, 5000, Number(new URL(running.deskUrl).port)))).toBe(414);
    // Headers arriving in pieces: the piece Node holds when they overflow is no request line (attack trial: 414).
    const pieces = await raw(['GET /feed.xml HTTP/1.1\r\nHost: x\r\nX-Big: ', 'b'.repeat(20_000)]);
    expect(statusOf(pieces)).toBe(431);
    // Two Host headers: 400 (RFC 9112 §3.2; attack trial: served).
    expect(statusOf(await raw('GET /feed.xml HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n'))).toBe(400);
    // What Node answers to the rest is kept: a request it cannot parse is a 400, and the server goes on.
    expect(statusOf(await raw('GET /feed.xml HTTP/1.1\r\nHost x\r\n\r\n'))).toBe(400);
    expect(statusOf(await raw('GET /feed.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toBe(200);
    expect(statusOf(await raw(`GET /feed.xml HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\nConnection: close\r\n\r\n`))).toBe(431);
  });

  it('answers a bad request pipelined behind good ones with 400 after their responses, in order', async () => {
    // Attack trial: the connection closed after the 200s with no word on the bad request.
    const statuses = (response: string) => [...response.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
    const good = 'GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n';
    const bad = 'GET /atom.xml HTTP/1.1\r\nHost x\r\n\r\n';
    expect(statuses(await raw(good + bad))).toEqual([200, 400]);
    expect(statuses(await raw(good + good.replace('feed.xml', 'atom.xml') + bad))).toEqual([200, 200, 400]);
    // A client that asked to close after the first gets nothing more.
    expect(statuses(await raw(good.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n') + bad))).toEqual([200]);
    expect(statusOf(await raw('GET /feed.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'))).toBe(200);
  });

  it('answers CONNECT with 405 on both ports, never a silent close', async () => {
    const desk = Number(new URL(running.deskUrl as string).port);
    for (const to of [port, desk]) {
      const response = await raw('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 5000, to);
      expect(statusOf(response)).toBe(405);
      expect(response.toLowerCase()).toContain('allow: get, head');
    }
  });

  it('drops a client that never finishes its headers', async () => {
    const started = Date.now();
    const response = await raw('GET /feed.xml HTTP/1.1\r\nHost: x\r\nX-Slow: ', 8000);
    expect(Date.now() - started).toBeLessThan(7000);
    expect(response === '' || statusOf(response) === 408).toBe(true);
  });

  it('serves a thousand concurrent connections', async () => {
    const one = () =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/feed.xml', agent: false, headers: { 'accept-encoding': 'gzip' } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end();
      });
    const statuses = await Promise.all(Array.from({ length: 1000 }, one));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1000);
  });
});

// Real browser: the rendered desk, preview and feed page in Chromium under the desk's strict CSP, with desk.js live over a fake SSE stream.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../oracles/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_WORDS } from '../../src/core/desk-words.js';
import { type DeskFile, parseDeskQuery, renderDesk, renderDeskEvent, renderDeskPreview } from '../../src/core/render/desk.js';
import { renderFeedPage } from '../../src/core/render/feed-page.js';
import { FILES, NOW, deskView, feedPageInput } from '../core/desk-fixtures.js';
import { ROOT, removeDir, tempDir, waitFor } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'";
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const th = DESK_WORDS.th;
const site = deskView().site;

let dir = '';
let server: Server | undefined;
let base = '';
let browser: Browser | undefined;
const streams = new Set<ServerResponse>();
/** The files of the desk at /partial, which tests change as they push events. */
let partialFiles: DeskFile[] = [...FILES];

const ROUTES: Record<string, [string, string]> = {
  '/': ['desk.html', 'text/html; charset=utf-8'],
  '/filtered': ['desk-filtered.html', 'text/html; charset=utf-8'],
  '/preview': ['preview.html', 'text/html; charset=utf-8'],
  '/feed.xml': ['feed.html', 'text/html; charset=utf-8'],
  '/desk.js': ['desk.js', 'text/javascript; charset=utf-8'],
  '/desk.css': ['desk.css', 'text/css; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
};

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  res.setHeader('content-security-policy', CSP);
  res.setHeader('x-content-type-options', 'nosniff');
  if (url.pathname === '/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(': hello\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
    return;
  }
  if (url.pathname === '/partial') {
    // A desk of more files than a page holds (three here): the server filters, as the real desk does.
    const html = renderDesk(deskView(partialFiles), th, {
      now: NOW,
      filter: parseDeskQuery(url.searchParams),
      deskPath: '/partial',
      rowLimit: 3,
    });
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    return;
  }
  const route = ROUTES[url.pathname];
  if (url.pathname === '/favicon.ico') {
    res.writeHead(204).end(); // the browser asks on its own; a 404 would read as an error below
    return;
  }
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': route[1] }).end(await readFile(path.join(dir, route[0])));
}

function push(event: string): void {
  for (const s of streams) s.write(event);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  dir = await tempDir('feedpub-desk-');
  await writeFile(path.join(dir, 'desk.html'), renderDesk(deskView(), th, { now: NOW }));
  await writeFile(path.join(dir, 'desk-filtered.html'), renderDesk(deskView(), th, { now: NOW, filter: { state: 'problem' } }));
  await writeFile(
    path.join(dir, 'preview.html'),
    renderDeskPreview(
      {
        path: 'politics/kim-putin.txt',
        title: "'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย",
        contentHtml: '<p>ผู้นำเกาหลีเหนือเตรียมเดินทางเยือนรัสเซียในสัปดาห์หน้า ตามคำเชิญของประธานาธิบดีรัสเซีย</p><p>ทำเนียบเครมลินยืนยันกำหนดการแล้ว</p>',
        published: new Date('2026-11-25T02:30:00Z'),
        author: 'AFP',
        categories: ['การเมือง', 'ต่างประเทศ'],
      },
      th,
      { site },
    ),
  );
  await writeFile(path.join(dir, 'feed.html'), renderFeedPage(feedPageInput()));
  for (const f of ['desk.js', 'desk.css', 'style.css']) await copyFile(path.join(ROOT, 'public', f), path.join(dir, f));
  server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium(CHROMIUM);
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  for (const s of streams) s.end();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (dir) await removeDir(dir);
});

/** A page that records every console error and page error: a CSP violation is reported as a console error. */
async function open(
  viewport: { width: number; height: number },
  urlPath: string,
  javaScriptEnabled = true,
): Promise<{ page: Page; errors: string[] }> {
  const context = await (browser as Browser).newContext({ viewport, javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}${urlPath}`);
  return { page, errors };
}

const visiblePaths = (page: Page) => page.$$eval('#desk-files > li:not([hidden])', (rows) => rows.map((r) => r.getAttribute('data-path')));

const NO_CHROMIUM = !existsSync(CHROMIUM);

describe('desk, preview and feed page in Chromium', () => {
  it.skipIf(NO_CHROMIUM)('desk on a phone: Thai, live indicator, no CSP violation (skipped without /usr/bin/chromium)', async () => {
    const { page, errors } = await open(PHONE, '/');
    await page.waitForSelector('#desk-live.is-live');
    expect(await page.textContent('#desk-live')).toBe(th.live);
    expect(await page.textContent('#desk-files > li:first-child')).toContain('ส่วนหัวระหว่างบรรทัด --- เขียนไม่ถูกต้อง');
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width); // nothing forces sideways scrolling on a phone
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.skipIf(NO_CHROMIUM)('filters by state and searches by name as the user types (skipped without /usr/bin/chromium)', async () => {
    const { page, errors } = await open(DESKTOP, '/');
    expect(await visiblePaths(page)).toHaveLength(FILES.length);
    await page.click('a[data-filter="problem"]');
    expect(await visiblePaths(page)).toEqual(['economy/baht.md']);
    expect(new URL(page.url()).search).toBe('?state=problem');
    expect(await page.getAttribute('a[data-filter="problem"]', 'aria-current')).toBe('true');
    await page.click('a[data-filter=""]');
    await page.fill('#desk-q', 'เลือกตั้ง');
    expect(await visiblePaths(page)).toEqual(['world/embargo.txt']);
    await page.fill('#desk-q', 'zzz');
    expect(await page.isVisible('#desk-empty')).toBe(true);
    await page.fill('#desk-q', '');
    await page.screenshot({ path: path.join(ARTIFACTS, 'desk-desktop.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.skipIf(NO_CHROMIUM)(
    'on a page of more files than it shows, filters and searches on the server and inserts only matching rows (skipped without /usr/bin/chromium)',
    async () => {
      const { page, errors } = await open(DESKTOP, '/partial');
      expect(await visiblePaths(page)).toEqual(['economy/baht.md', 'sport/final.md', 'world/embargo.txt']);
      expect(await page.textContent('#desk-more')).toBe('แสดง 3 ไฟล์แรกจาก 7 ไฟล์ที่ตรงกัน ค้นหาด้วยชื่อหรือเลือกสถานะเพื่อดูไฟล์อื่น');
      // The page lacks the published rows: the state link goes to the server, which sends them.
      await Promise.all([page.waitForURL((u) => u.search === '?state=published'), page.click('a[data-filter="published"]')]);
      expect(await visiblePaths(page)).toEqual(['politics/kim-putin.txt', 'markets.txt']);
      expect(await page.isVisible('#desk-more')).toBe(false);
      await page.fill('#desk-q', 'kim');
      expect(await visiblePaths(page)).toEqual(['politics/kim-putin.txt', 'markets.txt']); // not filtered by the script
      await Promise.all([page.waitForURL((u) => u.search === '?q=kim&state=published'), page.press('#desk-q', 'Enter')]);
      expect(await visiblePaths(page)).toEqual(['politics/kim-putin.txt']);
      await page.goto(`${base}/partial?state=published`);
      await page.waitForSelector('#desk-live.is-live');
      await waitFor(() => streams.size > 0, 5000, 'the page to subscribe');
      const problem = { path: 'a-new.txt', state: 'problem' as const, problems: [] };
      const published: DeskFile = { path: 'b-new.txt', state: 'published', problems: [] };
      partialFiles = [...FILES, problem, published];
      push(renderDeskEvent({ type: 'file', file: problem }, th, { now: NOW, site }));
      push(renderDeskEvent({ type: 'file', file: published }, th, { now: NOW, site }));
      await page.waitForSelector('[id="f-b-new.txt"]');
      expect(await visiblePaths(page)).toEqual(['politics/kim-putin.txt', 'b-new.txt', 'markets.txt']);
      expect(await page.$$('[id="f-a-new.txt"]')).toEqual([]);

      // Rows removed from a full page are filled from beyond it, and the counts follow, once events stop (new-user trial).
      await page.goto(`${base}/partial`);
      await page.waitForSelector('#desk-live.is-live');
      await waitFor(() => streams.size > 0, 5000, 'the page to subscribe');
      expect(await visiblePaths(page)).toEqual(['economy/baht.md', 'a-new.txt', 'sport/final.md']);
      expect(await page.textContent('#desk-more')).toContain('จาก 9 ไฟล์');
      partialFiles = partialFiles.filter((f) => f.path !== 'a-new.txt' && f.path !== 'economy/baht.md');
      push(renderDeskEvent({ type: 'remove', path: 'a-new.txt' }, th, { now: NOW, site }));
      push(renderDeskEvent({ type: 'remove', path: 'economy/baht.md' }, th, { now: NOW, site }));
      await waitFor(async () => (await page.textContent('#desk-more'))?.includes('จาก 7 ไฟล์'), 10_000, 'the page read again');
      expect(await visiblePaths(page)).toEqual(['sport/final.md', 'world/embargo.txt', 'politics/kim-putin.txt']);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it.skipIf(NO_CHROMIUM)('reads ?state= and ?q= as the server does: an unknown state is no filter (skipped without /usr/bin/chromium)', async () => {
    // Before, the script hid every row the server had sent for ?state=bogus and said nothing matched (attack trial).
    const { page, errors } = await open(DESKTOP, '/?state=bogus');
    expect(await visiblePaths(page)).toHaveLength(FILES.length);
    expect(await page.isVisible('#desk-empty')).toBe(false);
    expect(await page.getAttribute('#desk-q', 'maxlength')).toBe('200');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it.skipIf(NO_CHROMIUM)('without script, ?state= still filters (skipped without /usr/bin/chromium)', async () => {
    const { page } = await open(PHONE, '/filtered', false);
    expect(await visiblePaths(page)).toEqual(['economy/baht.md']);
    expect(await page.isVisible('#desk-live')).toBe(false);
    await page.context().close();
  });

  it.skipIf(NO_CHROMIUM)(
    'an SSE file event replaces a row in place, in order; new rows insert, removed rows go (skipped without /usr/bin/chromium)',
    async () => {
      const { page, errors } = await open(DESKTOP, '/');
      await page.waitForSelector('#desk-live.is-live');
      await waitFor(() => streams.size > 0, 5000, 'the page to subscribe');
      const fixed = {
        ...FILES[1]!,
        state: 'published' as const,
        problems: [],
        title: 'เงินบาทแข็งค่า',
        publicUrl: 'https://news.example/articles/economy/baht',
      };
      push(renderDeskEvent({ type: 'file', file: fixed }, th, { now: NOW, site }));
      await page.waitForSelector('[id="f-economy%2Fbaht.md"][data-state="published"]');
      expect(await page.textContent('[id="f-economy%2Fbaht.md"]')).toContain('เงินบาทแข็งค่า');
      expect(await page.$$eval('#desk-files > li', (rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual([
        'sport/final.md',
        'world/embargo.txt',
        'economy/baht.md',
        'politics/kim-putin.txt',
        '.~lock.rain.txt#',
        'markets.txt',
        'notes/todo.md',
      ]);
      push(
        renderDeskEvent(
          {
            type: 'file',
            file: { path: 'a-new.txt', state: 'problem', problems: [{ code: 'EMPTY', severity: 'error', reason: 'no text' }] },
          },
          th,
          { now: NOW, site },
        ),
      );
      await page.waitForSelector('[id="f-a-new.txt"]');
      expect(await page.$eval('#desk-files > li:first-child', (r) => r.getAttribute('data-path'))).toBe('a-new.txt');
      push(renderDeskEvent({ type: 'remove', path: 'notes/todo.md' }, th, { now: NOW, site }));
      await page.waitForSelector('[id="f-notes%2Ftodo.md"]', { state: 'detached' });
      const view = deskView();
      push(
        renderDeskEvent({ type: 'summary', view: { ...view, watcher: { mode: 'polling', healthy: false, detail: 'EMFILE' } } }, th, {
          now: NOW,
          site,
        }),
      );
      await page.waitForSelector('.watcher.bad');
      expect(await page.textContent('.watcher.bad')).toContain('ตรวจเป็นระยะ · ผิดปกติ EMFILE');
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it.skipIf(NO_CHROMIUM)(
    'the preview and the feed page render Thai under the CSP, on a phone and a desktop (skipped without /usr/bin/chromium)',
    async () => {
      for (const [name, viewport] of [
        ['phone', PHONE],
        ['desktop', DESKTOP],
      ] as const) {
        const feed = await open(viewport, '/feed.xml');
        expect(await feed.page.textContent('h1')).toBe('ข่าวเช้า: การเมือง');
        expect(await feed.page.textContent('.feed-about')).toContain('นี่คือฟีดข่าว');
        expect(await feed.page.inputValue('#feed-url')).toContain('/feed.xml');
        expect(await feed.page.textContent('.stories')).toContain('26 พฤศจิกายน 2569 เวลา 00:30');
        expect(await feed.page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
        await feed.page.screenshot({ path: path.join(ARTIFACTS, `feed-page-${name}.png`), fullPage: true });
        expect(feed.errors).toEqual([]);
        await feed.page.context().close();
      }
      const preview = await open(PHONE, '/preview');
      expect(await preview.page.textContent('.preview-banner')).toContain('ตัวอย่าง');
      await preview.page.screenshot({ path: path.join(ARTIFACTS, 'desk-preview-phone.png'), fullPage: true });
      expect(preview.errors).toEqual([]);
      await preview.page.context().close();
    },
  );
});

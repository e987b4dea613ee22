// Real browser: Debian's chromium (playwright-core) opens the feeds and the index; feeds read as server-rendered pages.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../oracles/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDS, ORACLES, ROOT, type RunningSite, put, removeDir, startSite, tempDir } from '../helpers.js';

const CHROMIUM = ORACLES.chromium;
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
let browser: Browser;
let running: RunningSite | undefined;
let articles: string;
let state: string;

beforeAll(async () => {
  if (!CHROMIUM) return;
  // Installed but unable to start is a failure, not a skip.
  browser = await launchChromium(CHROMIUM);
  articles = await tempDir();
  state = await tempDir('feedpub-state-');
  await put(articles, 'kim-putin.txt', await readFile(path.join(ROOT, 'tests', 'fixtures', 'seed-article.txt')));
  await put(articles, 'markets.txt', 'Asian markets close higher\n\nReuters\n\nbody\n');
  running = await startSite(articles, state);
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  if (articles) await removeDir(articles);
  if (state) await removeDir(state);
});

describe.skipIf(!CHROMIUM)(`in a real browser ${NEEDS.chromium}`, () => {
  it.each(['/feed.xml', '/atom.xml', '/'])('%s shows the story titles', async (urlPath) => {
    const page = await browser.newPage();
    await page.goto(`${running?.url}${urlPath}`);
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain("'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย");
    expect(body).toContain('Asian markets close higher');
    if (urlPath !== '/') {
      // A navigation gets the server-rendered feed page (core/render/feed-page.ts), not XML for feed.xsl.
      expect(await page.locator('section.feed-about').count()).toBe(1);
      expect(await page.locator('h1').textContent()).toBe('Test desk');
    }
    const name = urlPath === '/' ? 'index' : urlPath.slice(1).replace('.', '-');
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.close();
  });
});

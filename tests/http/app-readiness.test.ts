// express's catch-all: 503 for a request that arrived before the stories were served, 404 after.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/log.js';
import { removeDir, tempDir } from '../helpers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await removeDir(dir);
});

/** The app on a real port; `becomesReady` runs while a request for an image is looked up. */
async function serveApp(state: { ready: boolean }, becomesReady: () => void) {
  const publicDir = await tempDir('feedpub-public-');
  const articlesDir = await tempDir();
  dirs.push(publicDir, articlesDir);
  const app = createApp({
    publicDir,
    articlesDir,
    log: silentLogger,
    language: 'en',
    status: () => ({ ready: state.ready, scanned: state.ready }),
    ready: () => state.ready,
    imagePublic: () => {
      becomesReady();
      return false;
    },
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

describe('readiness of the catch-all', () => {
  it('answers 503 to a request that arrived before the site was ready, though it became ready meanwhile (attack trial)', async () => {
    const state = { ready: false };
    const { url, close } = await serveApp(state, () => {
      state.ready = true;
    });
    try {
      const before = await fetch(`${url}/articles/photo.jpg`);
      expect(before.status).toBe(503);
      expect(before.headers.get('retry-after')).toBe('5');
      // Arrived once ready: a page that is not there is a 404.
      expect((await fetch(`${url}/articles/photo.jpg`)).status).toBe(404);
    } finally {
      await close();
    }
  });
});

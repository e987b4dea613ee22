import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { WebSubNotifier } from '../../src/publish/websub-notifier.js';

describe('WebSubNotifier', () => {
  it('sends one form-encoded publish ping per burst, retrying a refusal', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const fetch = (async (_url: string, init: RequestInit) => {
      bodies.push(String(init.body));
      calls++;
      return new Response(null, { status: calls === 1 ? 503 : 204 });
    }) as unknown as typeof globalThis.fetch;
    const notifier = new WebSubNotifier({ hubs: ['https://hub.example/'], log: silentLogger, retryBaseMs: 1, fetch });
    notifier.notify(['https://a.example/feed.xml', 'https://a.example/atom.xml']);
    await notifier.idle();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe('hub.mode=publish&hub.url=https%3A%2F%2Fa.example%2Fatom.xml&hub.url=https%3A%2F%2Fa.example%2Ffeed.xml');
    expect(notifier.status()).toEqual({ sent: 1, failed: 0, pending: 0 });
    notifier.close();
  });

  it('cancels a pending retry sleep on close: nothing stays pending or fires later', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls++;
      return new Response(null, { status: 500 });
    }) as unknown as typeof globalThis.fetch;
    const notifier = new WebSubNotifier({ hubs: ['https://hub.example/'], log: silentLogger, retryBaseMs: 60_000, fetch });
    notifier.notify(['https://a.example/feed.xml']);
    while (calls === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    notifier.close();
    await notifier.idle();
    // The drain loop ended (the 60 s sleep was cancelled, not left pending), and no retry was sent.
    await new Promise((r) => setTimeout(r, 20));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(notifier.status().pending).toBe(0);
    expect(calls).toBe(1);
  });
});

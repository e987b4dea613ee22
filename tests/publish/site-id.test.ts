// The feed's id: configured, else kept from its first public URL; a loopback URL or one with a password is never kept or published.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/log.js';
import { feedIdFor } from '../../src/publish/site-id.js';
import { StateDb } from '../../src/store/state-db.js';
import { ROOT } from '../helpers.js';

describe('the feed id', () => {
  it('keeps the first public URL’s id, never a loopback one in any spelling', () => {
    const store = new StateDb(null);
    for (const local of ['http://localhost.:8080/', 'http://[::ffff:127.0.0.1]:8080/', 'http://0.0.0.0:8080/', 'http://127.1:8080/', 'http://[::1]/', 'http://app.localhost/']) {
      expect(feedIdFor(store, undefined, new URL(local).href, silentLogger)).toBe(new URL(local).href);
      expect(store.feedId()).toBeUndefined();
    }
    expect(feedIdFor(store, undefined, 'https://old.example/', silentLogger)).toBe('https://old.example/');
    expect(feedIdFor(store, undefined, 'https://new.example/', silentLogger)).toBe('https://old.example/');
    // A configured id wins, and is kept.
    expect(feedIdFor(store, 'tag:news.example,2026:feed', 'https://new.example/', silentLogger)).toBe('tag:news.example,2026:feed');
    expect(store.feedId()).toBe('tag:news.example,2026:feed');
    store.close();
  });

  it('refuses a base URL with a user name or password: it would be published in every link and the id', () => {
    const load = (baseUrl: string) => () => loadConfig({ baseUrl }, {}, ROOT, ROOT);
    expect(load('https://user:pw@news.example/')).toThrow(ConfigError);
    expect(load('https://user:pw@news.example/')).toThrow(/must not hold a user name or password/);
    expect(load('https://news.example/')).not.toThrow();
  });
});

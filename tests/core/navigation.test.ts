// http/navigation: which requests for a feed URL are a person opening it in a browser, from real header sets.
import { describe, expect, it } from 'vitest';
import {
  acceptWeight,
  decideNavigation,
  isBrowserNavigation,
  navigationVary,
  parseAccept,
  sharedCacheable,
} from '../../src/http/navigation.js';

// Navigations as the browsers send them (typed into the address bar or a link followed).
const CHROMIUM = {
  accept:
    'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'none',
  'sec-fetch-user': '?1',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
};
const FIREFOX = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/png,image/svg+xml,*/*;q=0.8',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'cross-site',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
};
const SAFARI = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'sec-fetch-dest': 'document',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-site': 'none',
  'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
};
// Before Fetch Metadata (Safari < 16.4, Firefox < 90): Accept alone.
const OLD_SAFARI = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'user-agent': 'Safari/604.1' };
// IE 11 weighs HTML and */* alike: a tie, so it gets the feed (and applies feed.xsl, which it supports).
const IE11 = { accept: 'text/html, application/xhtml+xml, image/jxr, */*' };

// Programs. Feed readers' Accept values are representative of what each sends: feed types first.
const CURL = { accept: '*/*', 'user-agent': 'curl/8.14.1' };
const NETNEWSWIRE = {
  accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml, */*',
  'user-agent': 'NetNewsWire (RSS Reader; https://netnewswire.com/)',
};
const FEEDLY = {
  accept: 'application/atom+xml,application/rss+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1',
  'user-agent': 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 12 subscribers; like FeedFetcher-Google)',
};
// Miniflux lists text/html among equals, so that a site's page can be scanned for feed links: a tie is a feed.
const MINIFLUX = {
  accept: 'application/xml, application/atom+xml, application/rss+xml, application/rdf+xml, application/feed+json, text/html, */*;q=0.9',
  'user-agent': 'Mozilla/5.0 (compatible; Miniflux/2.2.10; +https://miniflux.app)',
};
const NEWSBOAT = {
  accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8',
  'user-agent': 'Newsboat/2.39 (Linux x86_64)',
};
const WEBSUB_HUB = { 'user-agent': 'AppEngine-Google; (+http://code.google.com/appengine)' };
// A browser, but not a navigation: a page's fetch(), an iframe, a link prefetch.
const FETCH_FROM_PAGE = { accept: 'text/html', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'same-origin' };
const IFRAME = { ...CHROMIUM, 'sec-fetch-dest': 'iframe' };

describe('isBrowserNavigation', () => {
  it.each([
    ['Chromium', CHROMIUM],
    ['Firefox', FIREFOX],
    ['Safari', SAFARI],
    ['Safari before Fetch Metadata', OLD_SAFARI],
  ])('%s opening a feed URL gets the page', (_, headers) => {
    expect(isBrowserNavigation(headers)).toBe(true);
  });

  it.each([
    ['curl', CURL],
    ['IE 11 (HTML and */* tie)', IE11],
    ['NetNewsWire', NETNEWSWIRE],
    ['Feedly fetcher', FEEDLY],
    ['Miniflux', MINIFLUX],
    ['newsboat', NEWSBOAT],
    ['a WebSub hub (no Accept)', WEBSUB_HUB],
    ['fetch() from a page', FETCH_FROM_PAGE],
    ['an iframe', IFRAME],
    ['nothing at all', {}],
  ])('%s gets the feed', (_, headers) => {
    expect(isBrowserNavigation(headers)).toBe(false);
  });

  it('trusts Fetch Metadata over Accept when both are present', () => {
    expect(isBrowserNavigation({ ...CURL, 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' })).toBe(true);
    expect(isBrowserNavigation({ ...CHROMIUM, 'sec-fetch-mode': 'no-cors' })).toBe(false);
  });

  it('reads fetch Headers and repeated headers too', () => {
    expect(isBrowserNavigation(new Headers({ 'Sec-Fetch-Dest': 'Document', 'Sec-Fetch-Mode': 'navigate' }))).toBe(true);
    expect(isBrowserNavigation({ accept: ['application/rss+xml', 'text/html;q=0.5'] })).toBe(false);
    expect(isBrowserNavigation({ accept: ['text/html', 'application/rss+xml;q=0.5'] })).toBe(true);
  });

  it('weighs by q-value, not by order: HTML must weigh strictly more than every feed type', () => {
    expect(isBrowserNavigation({ accept: 'application/rss+xml;q=0.5, text/html' })).toBe(true);
    expect(isBrowserNavigation({ accept: 'text/html;q=0.5, application/rss+xml' })).toBe(false);
    expect(isBrowserNavigation({ accept: 'text/html, application/atom+xml' })).toBe(false); // a tie
    expect(isBrowserNavigation({ accept: 'text/*' })).toBe(false); // text/html and text/xml tie
    expect(isBrowserNavigation({ accept: 'text/html;q=0, */*' })).toBe(false);
    expect(isBrowserNavigation({ accept: 'text/html' })).toBe(true);
    expect(isBrowserNavigation({ accept: 'text/html, */*;q=0.1' })).toBe(true);
  });
});

describe('parseAccept', () => {
  it('keeps parameters out of the type, honours q, and does not split inside quotes', () => {
    expect(parseAccept('Text/HTML;Level=1;Q=0.7, application/x;foo="a,b";q=0.2, */*')).toEqual([
      { type: 'text', subtype: 'html', q: 0.7 },
      { type: 'application', subtype: 'x', q: 0.2 },
      { type: '*', subtype: '*', q: 1 },
    ]);
  });

  it('drops malformed ranges and q-values instead of guessing', () => {
    expect(parseAccept('text/html;q=2, text/plain;q=0.1234, junk, */html, application/rss+xml;q=0.500')).toEqual([
      { type: 'application', subtype: 'rss+xml', q: 0.5 },
    ]);
  });

  it('gives a type the weight of its most specific range (RFC 9110 §12.5.1)', () => {
    const ranges = parseAccept('text/*;q=0.3, text/html;q=0.7, */*;q=0.5');
    expect(acceptWeight(ranges, 'text/html')).toBe(0.7);
    expect(acceptWeight(ranges, 'text/xml')).toBe(0.3);
    expect(acceptWeight(ranges, 'application/rss+xml')).toBe(0.5);
    expect(acceptWeight(parseAccept('text/html'), 'application/rss+xml')).toBe(0);
  });
});

describe('navigationVary and caching', () => {
  it('varies on Sec-Fetch-Dest, adding Accept only for a page chosen by the Accept fallback, which shared caches must not keep', () => {
    expect(navigationVary()).toBe('Sec-Fetch-Dest');
    const modern = decideNavigation(CHROMIUM);
    expect(modern).toEqual({ browser: true, by: 'fetch-metadata' });
    expect(navigationVary(modern)).toBe('Sec-Fetch-Dest');
    expect(sharedCacheable(modern)).toBe(true);
    const old = decideNavigation(OLD_SAFARI);
    expect(old).toEqual({ browser: true, by: 'accept' });
    expect(navigationVary(old)).toBe('Sec-Fetch-Dest, Accept');
    expect(sharedCacheable(old)).toBe(false);
    const reader = decideNavigation(NEWSBOAT);
    expect(navigationVary(reader)).toBe('Sec-Fetch-Dest');
    expect(sharedCacheable(reader)).toBe(true);
    expect(decideNavigation(WEBSUB_HUB)).toEqual({ browser: false, by: 'none' });
  });
});

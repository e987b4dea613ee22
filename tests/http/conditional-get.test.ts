import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/core/render/documents.js';
import { isNotModified } from '../../src/http/conditional-get.js';
import { encodeDocument } from '../../src/snapshot/encode.js';
import { NO_EXTRA_HEADERS } from '../../src/snapshot/headers.js';

const source: Document = {
  path: '/feed.xml',
  contentType: 'application/rss+xml; charset=utf-8',
  body: '<rss/>',
  lastModified: new Date('2026-11-25T08:00:00.750Z'),
  freshness: 'live',
  // A feed answers a person's browser with a page: both answers vary on Sec-Fetch-Dest.
  page: () => '<!doctype html><title>feed</title>',
};
const doc = encodeDocument(source, { maxAge: 300, hubs: [], extra: NO_EXTRA_HEADERS });

describe('conditional GET (RFC 9110 §13)', () => {
  it('matches the tag of any encoding, in a list, weak or strong, or *', () => {
    for (const tag of [doc.identity.etag, doc.gzip.etag, doc.br.etag, `W/${doc.br.etag}`, `"x", ${doc.gzip.etag}`, '*']) {
      expect(isNotModified({ 'if-none-match': tag }, doc), tag).toBe(true);
    }
    expect(isNotModified({ 'if-none-match': '"other"' }, doc)).toBe(false);
  });

  it('uses If-Modified-Since only without If-None-Match, to the second', () => {
    expect(isNotModified({ 'if-modified-since': 'Wed, 25 Nov 2026 08:00:00 GMT' }, doc)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Wed, 25 Nov 2026 07:59:59 GMT' }, doc)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'not a date' }, doc)).toBe(false);
    expect(isNotModified({ 'if-none-match': '"other"', 'if-modified-since': 'Wed, 25 Nov 2026 09:00:00 GMT' }, doc)).toBe(false);
    expect(isNotModified({}, doc)).toBe(false);
  });

  it('ignores an If-Modified-Since that is not an HTTP-date, or later than now (§13.1.3)', () => {
    const now = Date.UTC(2026, 10, 25, 12, 0, 0);
    for (const ims of ['3000', '2100-01-01', 'Fri, 01 Jan 2100 00:00:00 GMT', 'Wed, 25 Nov 2026 12:00:01 GMT']) {
      expect(isNotModified({ 'if-modified-since': ims }, doc, now), ims).toBe(false);
    }
    expect(isNotModified({ 'if-modified-since': 'Wed, 25 Nov 2026 12:00:00 GMT' }, doc, now)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Wednesday, 25-Nov-26 08:00:00 GMT' }, doc, now)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Wed Nov 25 08:00:00 2026' }, doc, now)).toBe(true);
  });

  it('gives each encoding its own tag and sends validators and caching fields with a 304', () => {
    expect(new Set([doc.identity.etag, doc.gzip.etag, doc.br.etag]).size).toBe(3);
    expect(doc.gzip.raw304).toEqual([
      'etag',
      doc.gzip.etag,
      'cache-control',
      'public, max-age=300, stale-while-revalidate=300',
      'vary',
      'Accept-Encoding, Sec-Fetch-Dest',
    ]);
    expect(doc.page?.().gzip.raw304.at(-1)).toBe('Accept-Encoding, Sec-Fetch-Dest');
    expect(doc.page?.().contentType).toBe('text/html; charset=utf-8');
  });
});

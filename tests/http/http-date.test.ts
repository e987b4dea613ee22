import { describe, expect, it } from 'vitest';
import { parseHttpDate } from '../../src/http/http-date.js';
import { originForm } from '../../src/http/server.js';

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);
const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

describe('HTTP-date (RFC 9110 §5.6.7)', () => {
  it('reads the three forms to the same instant', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(NOV_6_1994);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(NOV_6_1994);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(NOV_6_1994);
  });

  it('takes an RFC 850 year more than 50 years ahead as the past century', () => {
    expect(parseHttpDate('Tuesday, 01-Jan-80 00:00:00 GMT', NOW)).toBe(Date.UTC(1980, 0, 1));
    expect(parseHttpDate('Monday, 01-Jan-52 00:00:00 GMT', NOW)).toBe(Date.UTC(2052, 0, 1));
  });

  it('refuses anything else, including what Date.parse accepts', () => {
    for (const value of [
      '3000',
      '2100-01-01',
      '2026-11-25T08:00:00Z',
      'yesterday',
      'Sun, 06 Nov 1994 08:49:37 UTC',
      'sun, 06 Nov 1994 08:49:37 GMT',
      'Sun, 6 Nov 1994 08:49:37 GMT',
      'Sun, 31 Feb 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 25:49:37 GMT',
      ' Sun, 06 Nov 1994 08:49:37 GMT',
      '',
    ]) {
      expect(parseHttpDate(value, NOW), value).toBeUndefined();
      if (value === '3000' || value === '2100-01-01') expect(Number.isNaN(Date.parse(value))).toBe(false);
    }
  });
});

describe('request targets (RFC 9112 §3.2)', () => {
  it('serves the absolute form as the origin form and leaves others alone', () => {
    expect(originForm('http://news.example/feed.xml')).toBe('/feed.xml');
    expect(originForm('http://127.0.0.1:8080/categories/x/atom.xml?x=1')).toBe('/categories/x/atom.xml?x=1');
    expect(originForm('HTTPS://news.example')).toBe('/');
    expect(originForm('http://news.example?q')).toBe('/?q');
    expect(originForm('/feed.xml')).toBe('/feed.xml');
    expect(originForm('*')).toBe('*');
  });
});

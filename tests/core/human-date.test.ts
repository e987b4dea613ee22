// human-date: site zone and locale, Buddhist era for Thai, the machine form, relative times and durations.
import { describe, expect, it } from 'vitest';
import {
  dateLocale,
  formatDuration,
  formatHumanDate,
  formatRelativeDate,
  relativeTimeElement,
  timeElement,
} from '../../src/core/human-date.js';

const BKK = 'Asia/Bangkok';
// 17:30 UTC is 00:30 the next day in Bangkok: the day a UTC-only renderer gets wrong.
const LATE = new Date('2026-11-25T17:30:00Z');

describe('formatHumanDate', () => {
  it('shows Thai dates in the Buddhist era, in the site zone (the next day in Bangkok)', () => {
    expect(formatHumanDate(LATE, { language: 'th', timeZone: BKK })).toEqual({
      text: '26 พฤศจิกายน 2569 เวลา 00:30',
      machine: '2026-11-25T17:30:00.000Z',
    });
  });

  it.each(['th', 'th-TH', 'TH', 'th-TH-u-ca-gregory'])('%s gets the Buddhist calendar', (language) => {
    expect(dateLocale(language)).toMatch(/^th-TH-u-ca-buddhist/);
    expect(formatHumanDate(LATE, { language, timeZone: BKK }).text).toContain('2569');
  });

  it('keeps other Unicode extensions of a Thai tag (Thai digits)', () => {
    expect(formatHumanDate(LATE, { language: 'th-u-nu-thai', timeZone: BKK }).text).toBe('๒๖ พฤศจิกายน ๒๕๖๙ เวลา ๐๐:๓๐');
  });

  it('uses the English locale as given, in the site zone', () => {
    expect(formatHumanDate(LATE, { language: 'en-GB', timeZone: BKK }).text).toBe('26 November 2026 at 00:30');
    expect(formatHumanDate(LATE, { language: 'en', timeZone: 'UTC' }).text).toBe('November 25, 2026 at 5:30 PM');
  });

  it('has short and date-only styles', () => {
    expect(formatHumanDate(LATE, { language: 'th', timeZone: BKK, style: 'short' }).text).toBe('26/11/69 00:30');
    expect(formatHumanDate(LATE, { language: 'th', timeZone: BKK, style: 'date' }).text).toBe('26 พฤศจิกายน 2569');
  });

  it('falls back to a named UTC for an unknown zone and to English for a malformed tag, instead of failing a page', () => {
    expect(formatHumanDate(LATE, { language: 'en', timeZone: 'Mars/Olympus' }).text).toBe('November 25, 2026 at 5:30:00 PM UTC');
    expect(dateLocale('not a tag!')).toBe('en');
  });

  it('gives empty strings for an invalid date', () => {
    expect(formatHumanDate(new Date(Number.NaN), { language: 'th', timeZone: BKK })).toEqual({ text: '', machine: '' });
    expect(timeElement(new Date(Number.NaN), { language: 'th', timeZone: BKK })).toBe('');
  });
});

describe('timeElement', () => {
  it('writes the ISO instant in datetime and the human text inside', () => {
    expect(timeElement(LATE, { language: 'th', timeZone: BKK })).toBe(
      '<time datetime="2026-11-25T17:30:00.000Z">26 พฤศจิกายน 2569 เวลา 00:30</time>',
    );
  });

  it('escapes a title', () => {
    expect(timeElement(LATE, { language: 'en', timeZone: BKK, title: '"<x>' })).toContain('title="&quot;&lt;x&gt;"');
  });
});

describe('formatRelativeDate', () => {
  const at = (ms: number) => new Date(LATE.getTime() + ms);

  it('says minutes ago in Thai and English, truncating rather than rounding up', () => {
    const now = at(3 * 60_000 + 59_000);
    expect(formatRelativeDate(LATE, now, { language: 'th' })).toBe('3 นาทีที่ผ่านมา');
    expect(formatRelativeDate(LATE, now, { language: 'en' })).toBe('3 minutes ago');
  });

  it('says the future too, and picks the largest whole unit', () => {
    expect(formatRelativeDate(at(2 * 3600_000 + 5 * 60_000), LATE, { language: 'en' })).toBe('in 2 hours');
    expect(formatRelativeDate(LATE, at(26 * 3600_000), { language: 'th' })).toBe('เมื่อวาน');
    expect(formatRelativeDate(LATE, at(400 * 86_400_000), { language: 'en' })).toBe('1 year ago');
  });

  it('says tomorrow of the next calendar day in the site zone only (new-user trial: an embargo two days off read "tomorrow")', () => {
    const now = new Date('2026-12-07T11:13:00Z'); // 18:13 in Bangkok
    const embargo = new Date('2026-12-09T01:00:00Z'); // 08:00 in Bangkok, two calendar days on, 38 hours ahead
    expect(formatRelativeDate(embargo, now, { language: 'th', timeZone: BKK })).toBe('มะรืนนี้'); // the day after tomorrow
    expect(formatRelativeDate(embargo, now, { language: 'en', timeZone: BKK })).toBe('in 2 days');
    // 25 hours ahead, the next calendar day in Bangkok.
    expect(formatRelativeDate(new Date('2026-12-08T12:13:00Z'), now, { language: 'en', timeZone: BKK })).toBe('tomorrow');
    // The same instants a day apart in UTC but not in Bangkok: the zone decides.
    const late = new Date('2026-12-07T16:30:00Z'); // 23:30 Bangkok
    expect(formatRelativeDate(new Date('2026-12-08T17:00:00Z'), late, { language: 'en', timeZone: BKK })).toBe('in 2 days');
    expect(formatRelativeDate(new Date('2026-12-08T17:00:00Z'), late, { language: 'en', timeZone: 'UTC' })).toBe('tomorrow');
    expect(formatRelativeDate(now, new Date('2026-12-17T11:13:00Z'), { language: 'en', timeZone: BKK })).toBe('1 week ago');
  });

  it('says now under a second', () => {
    expect(formatRelativeDate(LATE, at(300), { language: 'th' })).toBe('ขณะนี้');
    expect(formatRelativeDate(LATE, LATE, { language: 'en' })).toBe('now');
  });

  it('relativeTimeElement keeps the absolute date as a tooltip', () => {
    expect(relativeTimeElement(LATE, at(120_000), { language: 'en-GB', timeZone: BKK })).toBe(
      '<time datetime="2026-11-25T17:30:00.000Z" title="26 November 2026 at 00:30">2 minutes ago</time>',
    );
  });
});

describe('formatDuration', () => {
  it('shows milliseconds under a second and seconds above', () => {
    expect(formatDuration(350, { language: 'en' })).toBe('350 ms');
    expect(formatDuration(1234, { language: 'en' })).toBe('1.2 sec');
    expect(formatDuration(350, { language: 'th' })).toBe('350 มิลลิวินาที');
    expect(formatDuration(-1, { language: 'en' })).toBe('');
  });
});

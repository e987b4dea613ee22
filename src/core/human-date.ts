// The one way a date is shown to people: site time zone, site locale, Buddhist era for Thai, machine form beside it.
import { escapeHtml } from './text.js';

/** `2026-11-24 09:15 Asia/Bangkok (2026-11-24T02:15:00.000Z)`: the wall time the desk wrote, and the instant (operators' text: `check`, problems). */
export function wallAndInstant(iso: string, timeZone: string): string {
  const wall = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  return `${wall} ${timeZone} (${iso})`;
}

export interface HumanDateOptions {
  /** BCP 47 tag of the page or story (`th`, `th-TH`, `en`, `en-GB`...). Thai gets the Buddhist calendar. */
  language: string;
  /** IANA zone the site publishes in (`Asia/Bangkok`); an unknown zone falls back to UTC rather than failing a page. */
  timeZone: string;
  /** `long` (default): "25 พฤศจิกายน 2569 เวลา 14:30"; `short`: "25/11/69 14:30"; `date`: day only. */
  style?: 'long' | 'short' | 'date';
}

/** What a person reads and what a machine reads: `machine` is the ISO 8601 instant (UTC) for `<time datetime>`. */
export interface HumanDate {
  text: string;
  machine: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The Intl locale for a site language: any `th*` tag gets the Buddhist calendar (`th` → `th-TH-u-ca-buddhist`)
 * so that a Thai page never shows a Gregorian year whatever the host ICU's default; other tags are used as
 * given, and a malformed tag becomes `en` (a page must still render).
 */
export function dateLocale(language: string): string {
  try {
    const locale = new Intl.Locale(language);
    if (locale.language === 'th') {
      // Options win over the tag's own `-u-ca-`; other extensions (`-u-nu-thai` for Thai digits) are kept.
      return new Intl.Locale(language, { region: locale.region ?? 'TH', calendar: 'buddhist' }).toString();
    }
    return locale.toString();
  } catch {
    return 'en';
  }
}

function formatter(options: HumanDateOptions): Intl.DateTimeFormat {
  const style = options.style ?? 'long';
  const key = `${options.language}|${options.timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    const shape: Intl.DateTimeFormatOptions =
      style === 'date' ? { dateStyle: 'long' } : { dateStyle: style === 'short' ? 'short' : 'long', timeStyle: 'short' };
    const locale = dateLocale(options.language);
    try {
      f = new Intl.DateTimeFormat(locale, { ...shape, timeZone: options.timeZone });
    } catch {
      // Say which zone the fallback is in (`timeStyle: 'long'` names it), so the reader is not misled.
      f = new Intl.DateTimeFormat(locale, { ...shape, ...(shape.timeStyle ? { timeStyle: 'long' } : {}), timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

function isValid(date: Date): boolean {
  return date instanceof Date && !Number.isNaN(date.getTime());
}

/**
 * A date as a person in the site's zone and language reads it, and its ISO 8601 form for machines
 * (https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-time-element). Formatters are
 * cached per language, zone and style. An invalid date gives `{ text: '', machine: '' }`.
 */
export function formatHumanDate(date: Date, options: HumanDateOptions): HumanDate {
  if (!isValid(date)) return { text: '', machine: '' };
  return { text: formatter(options).format(date), machine: date.toISOString() };
}

/** `<time datetime="ISO">text</time>`, escaped; an invalid date gives an empty string. `title` adds a tooltip. */
export function timeElement(date: Date, options: HumanDateOptions & { title?: string }): string {
  const { text, machine } = formatHumanDate(date, options);
  if (!machine) return '';
  const title = options.title ? ` title="${escapeHtml(options.title)}"` : '';
  return `<time datetime="${machine}"${title}>${escapeHtml(text)}</time>`;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormatter(locale: string, numeric: 'auto' | 'always'): Intl.RelativeTimeFormat {
  const key = `${locale}|${numeric}`;
  let f = relativeFormatters.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(locale, { numeric });
    relativeFormatters.set(key, f);
  }
  return f;
}

const DAY = 24 * 3600_000;
const LONG_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
];
const SHORT_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Days since 1970-01-01 of the calendar day `date` falls on in `timeZone` (an unknown zone: UTC). */
function calendarDay(date: Date, timeZone: string): number {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    }
    dayFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(date);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Math.round(Date.UTC(part('year'), part('month') - 1, part('day')) / DAY);
}

/**
 * How long ago (or how far ahead) `date` is from `now`: "3 นาทีที่ผ่านมา", "3 minutes ago", "in 2
 * hours" under a day, truncated, never rounded up, so "3 minutes ago" is never said of something 2½
 * minutes old; under a second is "now". From a day on, calendar days in `timeZone` (default UTC):
 * "tomorrow" only for the next calendar day there ("พรุ่งนี้" of an embargo two days off misled the
 * desk: new-user trial), "in 3 days" within a week; then whole weeks, months, years ("1 year ago",
 * never "last year" of a date two calendar years back). `now` is passed in: the core never reads the clock.
 */
export function formatRelativeDate(date: Date, now: Date, options: { language: string; timeZone?: string }): string {
  if (!isValid(date) || !isValid(now)) return '';
  const locale = dateLocale(options.language);
  const delta = date.getTime() - now.getTime();
  if (Math.abs(delta) >= DAY) {
    const days = calendarDay(date, options.timeZone ?? 'UTC') - calendarDay(now, options.timeZone ?? 'UTC');
    if (Math.abs(days) < 7) return relativeFormatter(locale, 'auto').format(days, 'day');
    for (const [unit, size] of LONG_UNITS) {
      const n = Math.trunc(delta / size);
      if (n !== 0) return relativeFormatter(locale, 'always').format(n, unit);
    }
  }
  for (const [unit, size] of SHORT_UNITS) {
    const n = Math.trunc(delta / size);
    if (n !== 0) return relativeFormatter(locale, 'auto').format(n, unit);
  }
  return relativeFormatter(locale, 'auto').format(0, 'second');
}

/** A relative `<time>` whose tooltip is the absolute date: "3 minutes ago" with "25 November 2026 at 14:30" on hover. */
export function relativeTimeElement(date: Date, now: Date, options: HumanDateOptions): string {
  const { text, machine } = formatHumanDate(date, options);
  if (!machine) return '';
  return `<time datetime="${machine}" title="${escapeHtml(text)}">${escapeHtml(formatRelativeDate(date, now, options))}</time>`;
}

const durationFormatters = new Map<string, Intl.NumberFormat>();

/** A duration for people: under a second in milliseconds ("350 ms"), else seconds with one decimal ("1.2 วินาที"). */
export function formatDuration(ms: number, options: { language: string }): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const unit = ms < 1000 ? 'millisecond' : 'second';
  const locale = dateLocale(options.language);
  const key = `${locale}|${unit}`;
  let f = durationFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: unit === 'second' ? 1 : 0 });
    durationFormatters.set(key, f);
  }
  return f.format(unit === 'second' ? ms / 1000 : ms);
}

// The one way a date is shown to people: site time zone, site locale, Buddhist era for Thai, machine form beside it.
import { escapeHtml } from './text.js';
/** `2026-11-24 09:15 Asia/Bangkok (2026-11-24T02:15:00.000Z)`: the wall time the desk wrote, and the instant (operators' text: `check`, problems). */
export function wallAndInstant(iso, timeZone) {
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
    return `${wall} ${timeZone} (${iso})`;
}
const formatters = new Map();
/**
 * The Intl locale for a site language: any `th*` tag gets the Buddhist calendar (`th` → `th-TH-u-ca-buddhist`)
 * so that a Thai page never shows a Gregorian year whatever the host ICU's default; other tags are used as
 * given, and a malformed tag becomes `en` (a page must still render).
 */
export function dateLocale(language) {
    try {
        const locale = new Intl.Locale(language);
        if (locale.language === 'th') {
            // Options win over the tag's own `-u-ca-`; other extensions (`-u-nu-thai` for Thai digits) are kept.
            return new Intl.Locale(language, { region: locale.region ?? 'TH', calendar: 'buddhist' }).toString();
        }
        return locale.toString();
    }
    catch {
        return 'en';
    }
}
function formatter(options) {
    const style = options.style ?? 'long';
    const key = `${options.language}|${options.timeZone}|${style}`;
    let f = formatters.get(key);
    if (!f) {
        const shape = style === 'date' ? { dateStyle: 'long' } : { dateStyle: style === 'short' ? 'short' : 'long', timeStyle: 'short' };
        const locale = dateLocale(options.language);
        try {
            f = new Intl.DateTimeFormat(locale, { ...shape, timeZone: options.timeZone });
        }
        catch {
            // Say which zone the fallback is in (`timeStyle: 'long'` names it), so the reader is not misled.
            f = new Intl.DateTimeFormat(locale, { ...shape, ...(shape.timeStyle ? { timeStyle: 'long' } : {}), timeZone: 'UTC' });
        }
        formatters.set(key, f);
    }
    return f;
}
function isValid(date) {
    return date instanceof Date && !Number.isNaN(date.getTime());
}
/**
 * A date as a person in the site's zone and language reads it, and its ISO 8601 form for machines
 * (https://html.spec.whatwg.org/multipage/text-level-semantics.html#the-time-element). Formatters are
 * cached per language, zone and style. An invalid date gives `{ text: '', machine: '' }`.
 */
export function formatHumanDate(date, options) {
    if (!isValid(date))
        return { text: '', machine: '' };
    return { text: formatter(options).format(date), machine: date.toISOString() };
}
/** `<time datetime="ISO">text</time>`, escaped; an invalid date gives an empty string. `title` adds a tooltip. */
export function timeElement(date, options) {
    const { text, machine } = formatHumanDate(date, options);
    if (!machine)
        return '';
    const title = options.title ? ` title="${escapeHtml(options.title)}"` : '';
    return `<time datetime="${machine}"${title}>${escapeHtml(text)}</time>`;
}
const relativeFormatters = new Map();
const UNITS = [
    ['year', 365 * 24 * 3600_000],
    ['month', 30 * 24 * 3600_000],
    ['week', 7 * 24 * 3600_000],
    ['day', 24 * 3600_000],
    ['hour', 3600_000],
    ['minute', 60_000],
    ['second', 1000],
];
/**
 * How long ago (or how far ahead) `date` is from `now`, in the largest whole unit: "3 นาทีที่ผ่านมา",
 * "3 minutes ago", "in 2 hours", "yesterday" (Intl.RelativeTimeFormat, `numeric: 'auto'`). Units are
 * truncated, never rounded up, so "3 minutes ago" is never said of something 2½ minutes old. Under a
 * second is "now". `now` is passed in: the core never reads the clock.
 */
export function formatRelativeDate(date, now, options) {
    if (!isValid(date) || !isValid(now))
        return '';
    const locale = dateLocale(options.language);
    let f = relativeFormatters.get(locale);
    if (!f) {
        f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
        relativeFormatters.set(locale, f);
    }
    const delta = date.getTime() - now.getTime();
    for (const [unit, size] of UNITS) {
        const n = Math.trunc(delta / size);
        if (n !== 0)
            return f.format(n, unit);
    }
    return f.format(0, 'second');
}
/** A relative `<time>` whose tooltip is the absolute date: "3 minutes ago" with "25 November 2026 at 14:30" on hover. */
export function relativeTimeElement(date, now, options) {
    const { text, machine } = formatHumanDate(date, options);
    if (!machine)
        return '';
    return `<time datetime="${machine}" title="${escapeHtml(text)}">${escapeHtml(formatRelativeDate(date, now, options))}</time>`;
}
const durationFormatters = new Map();
/** A duration for people: under a second in milliseconds ("350 ms"), else seconds with one decimal ("1.2 วินาที"). */
export function formatDuration(ms, options) {
    if (!Number.isFinite(ms) || ms < 0)
        return '';
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
//# sourceMappingURL=human-date.js.map
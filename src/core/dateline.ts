// Dates as newsrooms write them: ISO 8601, English, and Thai with Buddhist-era years and Thai digits.

const THAI_MONTHS: Record<string, number> = {};
for (const [i, full, abbr] of [
  [1, 'มกราคม', 'มค'],
  [2, 'กุมภาพันธ์', 'กพ'],
  [3, 'มีนาคม', 'มีค'],
  [4, 'เมษายน', 'เมย'],
  [5, 'พฤษภาคม', 'พค'],
  [6, 'มิถุนายน', 'มิย'],
  [7, 'กรกฎาคม', 'กค'],
  [8, 'สิงหาคม', 'สค'],
  [9, 'กันยายน', 'กย'],
  [10, 'ตุลาคม', 'ตค'],
  [11, 'พฤศจิกายน', 'พย'],
  [12, 'ธันวาคม', 'ธค'],
] as const) {
  THAI_MONTHS[full] = i;
  THAI_MONTHS[abbr] = i;
}

const EN_MONTHS: Record<string, number> = {};
'january february march april may june july august september october november december'.split(' ').forEach((name, i) => {
  EN_MONTHS[name] = i + 1;
  EN_MONTHS[name.slice(0, 3)] = i + 1;
  if (name.length > 4) EN_MONTHS[name.slice(0, 4)] = i + 1; // "Sept"
});

const ZONE_ABBREVIATIONS: Record<string, number> = { Z: 0, UT: 0, UTC: 0, GMT: 0, ICT: 420 };

/** Labels a dateline may start with; they are dropped before parsing. */
const LABEL = /^(?:published|posted|updated|date|last updated|เผยแพร่|ปรับปรุง|อัปเดต|อัพเดท|อัพเดต|วันที่|ลงวันที่)\s*[:：-]?\s*/iu;

/**
 * Parse a whole string as a date, or return undefined. Accepts ISO 8601 (`2026-11-25`,
 * `2026-11-25T14:30+07:00`), RFC 822, English (`November 25, 2026 2:30 PM`, `25 Nov 2026`) and
 * Thai (`25 พ.ย. 2569`, `วันพุธที่ 25 พฤศจิกายน 2569 เวลา 14.30 น.`, Thai digits, 2-digit BE years).
 * A time without an offset is read in `timeZone` (IANA name, e.g. `Asia/Bangkok`).
 */
export function parseDate(input: string, timeZone: string): Date | undefined {
  const text = toArabicDigits(input).normalize('NFC').replace(/\s+/gu, ' ').trim().replace(LABEL, '');
  if (text === '' || text.length > 80) return undefined;
  return parseIso(text, timeZone) ?? parseThai(text, timeZone) ?? parseEnglish(text, timeZone);
}

function toArabicDigits(text: string): string {
  return text.replace(/[๐-๙]/gu, (d) => String(d.charCodeAt(0) - 0x0e50));
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

function parseIso(text: string, timeZone: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  // Thai writers put Buddhist-era years in ISO-shaped dates too (2569-11-22).
  const year = +(y as string) >= 2400 ? +(y as string) - 543 : +(y as string);
  return build(year, +(mo as string), +(d as string), +h, +mi, +s, zone, timeZone);
}

const THAI =
  /^(?:วัน[ก-๛]*?\s*(?:ที่)?\s*)?(?:ที่\s*)?(\d{1,2})\s*([ก-๛.]+(?: [ก-๛.]+)?)\s*(?:(พ\.?ศ\.?|ค\.?ศ\.?)\s*)?(\d{2}|\d{4})(?:\s*,?\s*(?:เวลา\s*)?(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?\s*(?:น\.?|นาฬิกา)?)?$/u;

const ERA = /\s(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?)\s*(?=\d)/u;

function parseThai(text: string, timeZone: string): Date | undefined {
  // The era ("พ.ศ." Buddhist, "ค.ศ." Christian) would otherwise read as part of the month name.
  const era = ERA.exec(text)?.[1];
  const m = THAI.exec(era === undefined ? text : text.replace(ERA, ' '));
  if (!m) return undefined;
  const [, d, monthName, , yearText, h = '0', mi = '0', s = '0'] = m;
  const month = THAI_MONTHS[(monthName as string).replace(/[.\s]/g, '')];
  if (month === undefined) return undefined;
  let year = +(yearText as string);
  const christian = era !== undefined && era.startsWith('ค');
  if ((yearText as string).length === 2) year += christian ? 2000 : 2500;
  if (!christian && year >= 2400) year -= 543;
  return build(year, month, +(d as string), +h, +mi, +s, undefined, timeZone);
}

const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s*/i;
const EN_TIME =
  /(?:,?\s*(?:at\s*)?(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?)?(?:\s*(Z|UTC|UT|GMT|ICT|[+-]\d{2}:?\d{2}|(?:GMT|UTC)[+-]\d{1,2}(?::?\d{2})?))?$/i;
const EN_MDY = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})/i;
const EN_DMY = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{4})/i;

function parseEnglish(text: string, timeZone: string): Date | undefined {
  const rest = text.replace(WEEKDAY, '');
  let month: number | undefined;
  let day: string | undefined;
  let year: string | undefined;
  let tail: string;
  const mdy = EN_MDY.exec(rest);
  const dmy = mdy ? null : EN_DMY.exec(rest);
  if (mdy) {
    month = EN_MONTHS[(mdy[1] as string).toLowerCase()];
    day = mdy[2];
    year = mdy[3];
    tail = rest.slice(mdy[0].length);
  } else if (dmy) {
    month = EN_MONTHS[(dmy[2] as string).toLowerCase()];
    day = dmy[1];
    year = dmy[3];
    tail = rest.slice(dmy[0].length);
  } else {
    return undefined;
  }
  if (month === undefined) return undefined;
  const t = EN_TIME.exec(tail);
  if (!t || t.index !== 0) return undefined;
  const [, hText = '0', mi = '0', s = '0', ampm, zone] = t;
  let h = +hText;
  if (ampm) {
    if (h < 1 || h > 12) return undefined;
    const pm = ampm.toLowerCase().startsWith('p');
    h = (h % 12) + (pm ? 12 : 0);
  }
  return build(+(year as string), month, +(day as string), h, +mi, +s, zone, timeZone);
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  zone: string | undefined,
  timeZone: string,
): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || y < 1900 || y > 2200) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined; // 31 February
  const offset = zone === undefined ? undefined : zoneOffsetMinutes(zone);
  if (zone !== undefined && offset === undefined) return undefined;
  if (offset !== undefined) return new Date(wall - offset * 60_000);
  // Two passes find the offset in force at that wall-clock time, DST included.
  let utc = wall - offsetAt(wall, timeZone) * 60_000;
  utc = wall - offsetAt(utc, timeZone) * 60_000;
  return new Date(utc);
}

function zoneOffsetMinutes(zone: string): number | undefined {
  const named = ZONE_ABBREVIATIONS[zone.toUpperCase()];
  if (named !== undefined) return named;
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone);
  if (!m) return undefined;
  const minutes = +(m[2] as string) * 60 + +(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

const offsets = new Map<string, number>();

/** Offset of `timeZone` from UTC, in minutes, at `utcMs`. Transitions fall on quarter hours (UTC) in every current zone, so quarter-hour buckets are exact. */
function offsetAt(utcMs: number, timeZone: string): number {
  const key = `${timeZone}@${Math.floor(utcMs / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = computeOffset(utcMs, timeZone);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffset(utcMs: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = +p.value;
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

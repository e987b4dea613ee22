// Calendar arithmetic for written dates: month names, eras, wall-clock time in a zone, offsets.

/** Thai month names, full and abbreviated (dots removed), to month numbers. */
export const THAI_MONTHS: Readonly<Record<string, number>> = (() => {
  const months: Record<string, number> = {};
  const names: readonly (readonly string[])[] = [
    ['มกราคม', 'มค', 'มกรา'],
    ['กุมภาพันธ์', 'กพ', 'กุมภา', 'กุมภาพันธ'],
    ['มีนาคม', 'มีค', 'มีนา'],
    ['เมษายน', 'เมย', 'เมษา'],
    ['พฤษภาคม', 'พค', 'พฤษภา'],
    ['มิถุนายน', 'มิย', 'มิถุนา'],
    ['กรกฎาคม', 'กค', 'กรกฎา', 'กรกฏาคม'],
    ['สิงหาคม', 'สค', 'สิงหา'],
    ['กันยายน', 'กย', 'กันยา'],
    ['ตุลาคม', 'ตค', 'ตุลา'],
    ['พฤศจิกายน', 'พย', 'พฤศจิกา', 'พฤศจิ'],
    ['ธันวาคม', 'ธค', 'ธันวา'],
  ];
  names.forEach((list, i) => {
    for (const name of list) months[name] = i + 1;
  });
  return months;
})();

/** English month names: full, three letters, and `Sept`. */
export const EN_MONTHS: Readonly<Record<string, number>> = (() => {
  const months: Record<string, number> = {};
  'january february march april may june july august september october november december'.split(' ').forEach((name, i) => {
    months[name] = i + 1;
    months[name.slice(0, 3)] = i + 1;
    if (name.length > 4) months[name.slice(0, 4)] = i + 1;
  });
  return months;
})();

/** Wall-clock parts as written; `offsetMinutes` when the text gave a zone. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes?: number;
}

/** Earliest year a story may carry: older dates are typos (a Buddhist-era year read as Christian, say). */
export const MIN_YEAR = 1900;

/**
 * The instant the parts name, or why they name none: a day that does not exist (31 February),
 * an hour past 23 (but 24:00, the day's end), a year before 1900 or past 9999, an offset beyond ±14:00 (RFC 3339's range
 * of real zones). A time without an offset is read in `timeZone`, daylight saving included.
 */
export function buildDate(p: DateParts, timeZone: string): { date: Date } | { invalid: string } {
  if (p.month < 1 || p.month > 12) return { invalid: `month ${p.month} does not exist` };
  if (p.year < MIN_YEAR) return { invalid: `year ${p.year} is before ${MIN_YEAR}` };
  if (p.year > 9999) return { invalid: `year ${p.year} is out of range` };
  // 24:00 is the end of the day (ISO 8601): how a release at midnight is read (core/spoken-clock.ts).
  const endOfDay = p.hour === 24 && p.minute === 0 && p.second === 0;
  if ((p.hour > 23 && !endOfDay) || p.minute > 59 || p.second > 59) return { invalid: `time ${p.hour}:${pad(p.minute)} does not exist` };
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const check = new Date(Date.UTC(p.year, p.month - 1, p.day));
  if (p.day < 1 || check.getUTCDate() !== p.day || check.getUTCMonth() !== p.month - 1) {
    return { invalid: `day ${p.day} of month ${p.month} does not exist in ${p.year}` };
  }
  if (p.offsetMinutes !== undefined) {
    if (Math.abs(p.offsetMinutes) > 14 * 60) return { invalid: `offset ${formatOffset(p.offsetMinutes)} is beyond ±14:00` };
    return { date: new Date(wall - p.offsetMinutes * 60_000) };
  }
  // The offsets in force half a day either side: a wall time in neither's reach (the spring gap,
  // `02:30` in New York on its change day) or in both (the autumn hour, twice) is read as the later
  // instant, as a release time must be (attack trial: the gap's 02:30 was read 01:30 EST, early).
  const candidates = [-12, 12].map((hours) => wall - offsetAt(wall + hours * 3_600_000, timeZone) * 60_000);
  const real = candidates.filter((utc) => utc + offsetAt(utc, timeZone) * 60_000 === wall);
  return { date: new Date(Math.max(...(real.length > 0 ? real : candidates))) };
}

/**
 * A year as written, to a Christian-era year. Buddhist era (พ.ศ.) is 543 ahead. Four digits from
 * 2400 to 3099 are BE; from 3100 they are no year of either era, and are said as written (a
 * `date: 9999-12-31` was refused as 9456: attack trial). Two digits follow the era when written;
 * otherwise 43 to 99 are BE (2543 BE is 2000 CE, so `24/11/69` is 2026) and 00 to 42 are CE: both
 * readings agree on 2000 to 2042.
 */
export function christianYear(written: string, era: 'be' | 'ce' | undefined): number {
  const year = Number(written);
  if (written.length <= 2) {
    const be = era === 'be' || (era === undefined && year >= 43);
    return be ? 2500 + year - 543 : 2000 + year;
  }
  return era === 'be' || (era === undefined && year >= 2400 && year < 3100) ? year - 543 : year;
}

/** Zone abbreviations wire copy uses, in minutes east of UTC. CST is left out (China's or Central); IST is India's unless the site is Irish or Israeli (zoneOffsetMinutes). */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  WAT: 60,
  SAST: 120,
  CAT: 120,
  EAT: 180,
  PKT: 300,
  IST: 330,
  ICT: 420,
  WIB: 420,
  HKT: 480,
  SGT: 480,
  MYT: 480,
  PHT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  // North America's, as embargoes from there are written.
  // CST is not here: China's (+08:00) as often as Central (-06:00), so a line with it is not read.
  EST: -300,
  EDT: -240,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

/** Zones named without saying summer or winter time: their offset is the one in force on the date. */
export const GENERIC_ZONES: Readonly<Record<string, string>> = {
  ET: 'America/New_York',
  CT: 'America/Chicago',
  MT: 'America/Denver',
  PT: 'America/Los_Angeles',
};

/** Cities whose clock a dateline names after its time (`09:00 (New York)`, `09:00 London time`). */
const CITY_ZONES: Readonly<Record<string, string>> = {
  bangkok: 'Asia/Bangkok',
  กรุงเทพ: 'Asia/Bangkok',
  กรุงเทพฯ: 'Asia/Bangkok',
  thailand: 'Asia/Bangkok',
  ประเทศไทย: 'Asia/Bangkok',
  uk: 'Europe/London',
  'u.k.': 'Europe/London',
  britain: 'Europe/London',
  'united kingdom': 'Europe/London',
  'us eastern': 'America/New_York',
  'u.s. eastern': 'America/New_York',
  eastern: 'America/New_York',
  'us pacific': 'America/Los_Angeles',
  pacific: 'America/Los_Angeles',
  'new york': 'America/New_York',
  นิวยอร์ก: 'America/New_York',
  ลอนดอน: 'Europe/London',
  กรุงลอนดอน: 'Europe/London',
  ญี่ปุ่น: 'Asia/Tokyo',
  โตเกียว: 'Asia/Tokyo',
  กรีนิช: 'UTC',
  มาตรฐานกรีนิช: 'UTC',
  toronto: 'America/Toronto',
  vancouver: 'America/Vancouver',
  honolulu: 'Pacific/Honolulu',
  'mexico city': 'America/Mexico_City',
  johannesburg: 'Africa/Johannesburg',
  nairobi: 'Africa/Nairobi',
  cairo: 'Africa/Cairo',
  madrid: 'Europe/Madrid',
  rome: 'Europe/Rome',
  moscow: 'Europe/Moscow',
  istanbul: 'Europe/Istanbul',
  'tel aviv': 'Asia/Jerusalem',
  jerusalem: 'Asia/Jerusalem',
  dublin: 'Europe/Dublin',
  taipei: 'Asia/Taipei',
  melbourne: 'Australia/Melbourne',
  auckland: 'Pacific/Auckland',
  washington: 'America/New_York',
  'washington dc': 'America/New_York',
  chicago: 'America/Chicago',
  'los angeles': 'America/Los_Angeles',
  'san francisco': 'America/Los_Angeles',
  london: 'Europe/London',
  paris: 'Europe/Paris',
  brussels: 'Europe/Brussels',
  berlin: 'Europe/Berlin',
  geneva: 'Europe/Zurich',
  frankfurt: 'Europe/Berlin',
  tokyo: 'Asia/Tokyo',
  seoul: 'Asia/Seoul',
  beijing: 'Asia/Shanghai',
  shanghai: 'Asia/Shanghai',
  'hong kong': 'Asia/Hong_Kong',
  singapore: 'Asia/Singapore',
  'kuala lumpur': 'Asia/Kuala_Lumpur',
  jakarta: 'Asia/Jakarta',
  manila: 'Asia/Manila',
  hanoi: 'Asia/Ho_Chi_Minh',
  yangon: 'Asia/Yangon',
  'phnom penh': 'Asia/Phnom_Penh',
  vientiane: 'Asia/Vientiane',
  'new delhi': 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  mumbai: 'Asia/Kolkata',
  dubai: 'Asia/Dubai',
  sydney: 'Australia/Sydney',
};

/** The IANA zone of a city or country named as a clock (`New York`, `London time`, `(UK time)`, `ตามเวลาประเทศไทย`), or undefined. */
export function cityZone(text: string): string | undefined {
  return CITY_ZONES[
    text
      .toLowerCase()
      .replace(/^\(\s*|\s*\)$/gu, '')
      .replace(/^(?:ตาม)?เวลา\s*/u, '')
      .replace(/\s+time$/u, '')
      .replace(/\s+/gu, ' ')
      .trim()
  ];
}

/**
 * A clock named between a time and its date (`10 a.m. Bangkok time, Dec. 10`, `00:01 (UK TIME) 10
 * December`, `10.00 น. (ตามเวลาประเทศไทย) วันที่ 10`), as a pattern: only the names cityZone knows.
 */
export const CLOCK_NAME = String.raw`\s*\(?\s*(?:ตาม)?(?:เวลา)?\s*(${Object.keys(CITY_ZONES)
  .sort((a, b) => b.length - a.length)
  .map((name) => name.replace(/[.]/g, '\\.').replace(/ /g, '\\s+'))
  .join('|')})(?:\s+time)?\s*\)?`;

/**
 * The region whose winter or summer time an abbreviation names. Desks write one out of its season
 * (`EDT` in December, `BST` in January, `EST` all year), meaning the region's clock that day; a
 * release time so written is held to the later of the two readings (dateline.ts). GMT is not here:
 * it is written for UTC as often as for London.
 */
const SEASONAL_ZONES: Readonly<Record<string, string>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  WET: 'Europe/Lisbon',
  BST: 'Europe/London',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
};

/**
 * IST is India's (+05:30), Ireland's summer time (+01:00) and Israel's (+02:00): a site whose own
 * time zone is Irish or Israeli reads it as its own clock's. An Irish desk's `10:00 IST` was read
 * as India's, and its embargo broken by four and a half hours (a trial).
 */
const IST_SITES: Readonly<Record<string, number>> = {
  'Europe/Dublin': 60,
  Eire: 60,
  'Asia/Jerusalem': 120,
  'Asia/Tel_Aviv': 120,
  Israel: 120,
};

/**
 * Minutes east of UTC for `Z`, `UTC`, `GMT`, `ICT`, `+07:00`, `+0700`, `GMT+7`; undefined when not a
 * zone; NaN when malformed (minutes ≥ 60). `siteZone`: the site's time zone, which says whose IST is meant.
 */
export function zoneOffsetMinutes(zone: string, siteZone?: string): number | undefined {
  const upper = zone.toUpperCase();
  if (upper === 'IST' && siteZone !== undefined && IST_SITES[siteZone] !== undefined) return IST_SITES[siteZone];
  const named = ZONE_ABBREVIATIONS[upper];
  if (named !== undefined) return named;
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[3] ?? '0');
  if (minutes >= 60) return Number.NaN;
  const total = Number(m[2]) * 60 + minutes;
  return m[1] === '-' ? -total : total;
}

/**
 * A zone abbreviation written where its region keeps the other offset that day (`10:00 EDT` on 10
 * December, when New York is on EST): the region, and the instant its clock shows that time. Else undefined.
 */
export function outOfSeason(
  zone: string,
  parts: DateParts,
  written: Date,
  siteZone: string,
): { region: string; local: Date; offset: string } | undefined {
  const upper = zone.toUpperCase();
  const region = upper === 'IST' && IST_SITES[siteZone] !== undefined ? siteZone : SEASONAL_ZONES[upper];
  if (region === undefined) return undefined;
  const local = buildDate({ ...parts, offsetMinutes: undefined }, region);
  if (!('date' in local) || local.date.getTime() === written.getTime()) return undefined;
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return { region, local: local.date, offset: formatOffset(Math.round((wall - local.date.getTime()) / 60_000)) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function formatOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();
const DAY_MS = 86_400_000;

/**
 * Offset of `timeZone` from UTC, in minutes, at `utcMs`. Transitions fall on quarter hours (UTC)
 * in every current zone, so quarter-hour buckets are exact. A UTC day with the same offset a day
 * before and a day after has no transition (a zone changes at most twice a year): one bucket for
 * the day. Datelines of one day were a formatToParts each, a few per cent of a parse.
 */
function offsetAt(utcMs: number, timeZone: string): number {
  const dayKey = `${timeZone}@d${Math.floor(utcMs / DAY_MS)}`;
  const ofDay = offsets.get(dayKey);
  if (ofDay !== undefined) return ofDay;
  const key = `${timeZone}@${Math.floor(utcMs / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = computeOffset(utcMs, timeZone);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
    const start = Math.floor(utcMs / DAY_MS) * DAY_MS;
    if (computeOffset(start - DAY_MS, timeZone) === offset && computeOffset(start + 2 * DAY_MS, timeZone) === offset)
      offsets.set(dayKey, offset);
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

// Datelines as desks write them: a date (Thai, English, numeric, ISO), a time before or after it, a place or a credit beside it.
import {
  EN_MONTHS,
  GENERIC_ZONES,
  THAI_MONTHS,
  ZONE_ABBREVIATIONS,
  buildDate,
  christianYear,
  CLOCK_NAME,
  cityZone,
  outOfSeason,
  zoneOffsetMinutes,
} from './calendar.js';
import { isKnownPlace } from './places.js';
import { spokenClock } from './spoken-clock.js';
import { arabicDigits } from './text.js';

export { isValidTimeZone } from './calendar.js';

/** What a line says as a date: an instant, or a date that is written but cannot be (with why). */
export type DateReading = { date: Date } | { invalid: string };

/** A line read as a dateline: its date, an update date, and the place or credit written beside it. */
export interface Dateline {
  reading: DateReading;
  updated?: DateReading;
  /** A place written before the date (`เชียงราย 24 พ.ย. 2569`, `BANGKOK, 24 Nov 2026`). */
  place?: string;
  /** Text beside the date that `isCredit` accepted (`AFP | 24 พ.ย. 2569`). */
  credit?: string;
  /** The line is labelled as an update (`ปรับปรุง: ...`, `Updated ...`): its date is the update date. */
  update?: boolean;
  /** The line is labelled as a release time (`Embargoed until ...`, `ห้ามเผยแพร่ก่อน ...`): the story goes out then, not before. */
  release?: boolean;
  /** A time of day was written (a date alone may get its time from the next line). */
  timed: boolean;
  /**
   * A numeric date that reads both ways (`05/01/2027`: 5 January day first, 1 May month first),
   * said in words. Read day first; a release time written so is refused (dateline.ts readDateline).
   */
  ambiguous?: string;
  /** `place` is the city whose clock the time is in, written after it (`09:00 (New York)`). */
  cityClock?: true;
  /** The time names its clock (a zone, an offset, a city): else it was read on the site's. */
  zoned?: true;
  /**
   * The zone written is its region's other season's (`10:00 EDT` on 10 December): the instant the
   * region's clock shows that time. The date read is the later of the two (laterOfSeasons).
   */
  season?: { zone: string; region: string; local: Date; offset: string; note?: string };
}

/**
 * A date written with a zone out of its season, read as the later of the zone as written
 * and its region's clock that day, and what the desk is told. An embargo is broken early, never
 * kept late, by the reading the desk did not mean: `10:00 EDT` on 10 December went out at 14:00 UTC
 * where New York's 10:00 is 15:00 UTC (a trial).
 */
function laterOfSeasons(line: Pick<Dateline, 'reading' | 'season'>): { reading: DateReading; note?: string } {
  const { season, reading } = line;
  if (season === undefined || !('date' in reading)) return { reading };
  const later = season.local.getTime() > reading.date.getTime() ? season.local : reading.date;
  const where = season.region.split('/').pop()?.replace(/_/g, ' ');
  return {
    reading: { date: later },
    note: `${season.zone} is not ${where}'s clock on that date (${where} is at ${season.offset} then): read as the later of ${season.zone} as written (${reading.date.toISOString()}) and ${where}'s time (${season.local.toISOString()}); write the UTC offset to be exact`,
  };
}

/**
 * Read a whole string as one date, or undefined when it is not one. Accepts ISO 8601
 * (`2026-11-25`, `2026-11-25T14:30+07:00`), RFC 822, numeric day/month/year (`24/11/2569`,
 * `24.11.69`), English (`November 25, 2026 2:30 PM`) and Thai (`25 พ.ย. 2569 14.30 น.`,
 * `วันพุธที่ 25 พฤศจิกายน พ.ศ. 2569 เวลา 14.30 น.`), Thai or Arabic digits, a time before or after
 * the date. A time without an offset is read in `timeZone` (IANA name, e.g. `Asia/Bangkok`).
 * A date of the right shape that cannot be (31 ก.พ., year 1800, `+25:00`) is `{ invalid }`, and
 * so is a `release` time whose numeric date reads both ways (`05/01/2027`); another is read day
 * first, and `ambiguous` says both readings.
 */
export function readDate(input: string, timeZone: string, release = false): (DateReading & { ambiguous?: string }) | undefined {
  // A release time's midnight is its day's end, as under a label in the text.
  const line = readDateline(input, timeZone, () => false, false, release);
  if (!line || line.place !== undefined || line.credit !== undefined || line.updated !== undefined) return undefined;
  // A release time (front matter's `embargo:`) must not be read one way of two.
  if (release && line.ambiguous) return { invalid: line.ambiguous };
  if (release) return line.reading;
  return line.ambiguous !== undefined && 'date' in line.reading ? { ...line.reading, ambiguous: line.ambiguous } : line.reading;
}

/** `readDate` for callers that only want a valid instant. */
export function parseDate(input: string, timeZone: string): Date | undefined {
  const r = readDate(input, timeZone);
  return r && 'date' in r ? r.date : undefined;
}

/**
 * Read one line as a dateline: a date with an optional time before or after it, optional
 * labels and weekday, and at most a place before it or a credit (as judged by `isCredit`) on
 * either side. Undefined when the line is anything else (prose that mentions a date included).
 * A second, labelled date (`ปรับปรุง: ...`, `Updated ...`) is the update date.
 */
export function readDateline(
  input: string,
  timeZone: string,
  isCredit: (text: string) => boolean,
  dayFirst = false,
  /** Read after a release label: midnight (24:00) is the end of the day named, not its start. */
  released = false,
): Dateline | undefined {
  // Every date shape has digits: a title or a credit line is told apart without normalizing it.
  if (!HAS_DIGIT.test(input)) return undefined;
  const normal = normalize(input);
  if (normal === '' || normal.length > 160) return undefined;
  const full = clockForms(normal);
  // An embargo line (`Embargoed until …`, `ห้ามเผยแพร่ก่อน …`) is the time the story may go out:
  // read without its label and marked (attack trial: each of these went out at once, unread).
  const release = RELEASE_LABEL.exec(full);
  if (release) {
    // `… เป็นต้นไป` ("onwards") closes a Thai release line; after a plain date it is prose (`from … on`).
    // A full stop ends an English one (`… Jan 5, 2027.`).
    const rest = readDateline(
      full
        .slice(release[0].length)
        .replace(/\s*เป็นต้นไป\s*$/u, '')
        .replace(/(?<=[\p{L}\d)])(?<![ap]\.m)\.$/iu, ''),
      timeZone,
      isCredit,
      false,
      true,
    );
    if (!rest || rest.update || rest.updated !== undefined) return undefined;
    // Words before the date of a release time are a time not read (`Noon GMT, 20 December`, `MARKET
    // CLOSE, …`), not a place: read as one, the story was held to midnight, hours early (attack trial).
    if (rest.place !== undefined && rest.credit === undefined && !rest.cityClock)
      return { ...rest, release: true, reading: { invalid: `"${rest.place}" is not a time that can be read` } };
    // An embargo read a day-first way where a US desk meant month first goes out months early
    // (attack trial); a Thai label, or a Thai story (`dayFirst`), is a Thai desk's, whose dates are day first.
    // Words after a release time are for the desks (`ทั้งสื่อสิ่งพิมพ์และออนไลน์`), no credit: one was made the author (attack trial).
    const read = { ...rest, release: true as const, credit: undefined };
    if (rest.ambiguous === undefined) return read;
    if (dayFirst || THAI_SCRIPT.test(release[0])) return { ...read, ambiguous: undefined };
    return { ...read, reading: { invalid: rest.ambiguous } };
  }
  const labelled = UPDATE_LABEL.exec(full);
  // A line that opens with an update label (`ปรับปรุง: …`) is read without it and marked.
  const text = labelled?.index === 0 ? full.slice(labelled[0].length) : full;
  const update = labelled?.index === 0 ? null : labelled;
  if (update && update.index > 0) {
    const first = readDateline(text.slice(0, update.index), timeZone, isCredit);
    // `เผยแพร่: … ปรับปรุง: … โดย: ผู้จัดการออนไลน์`: the update part may carry the credit.
    const second = readDateline(text.slice(update.index + update[0].length), timeZone, isCredit);
    if (first && second && second.place === undefined && !(first.credit && second.credit)) {
      return { ...first, updated: second.reading, credit: first.credit ?? second.credit };
    }
  }
  const found = findDate(text);
  if (!found) return undefined;
  let start = found.start;
  let end = found.end;
  let time: TimeMatch | undefined;
  let clockBefore: string | undefined;
  const after = TIME_AFTER.exec(text.slice(end));
  if (after) {
    time = readTime(after, timeZone);
    end += after[0].length;
  } else {
    const before = TIME_BEFORE.exec(text.slice(0, start));
    if (before) {
      time = readTime(before, timeZone);
      start = before.index;
      // A clock named between the time and the date (`10 a.m. Bangkok time, Dec. 10`): a time
      // with a zone of its own is read in that zone, as a city after the date is.
      if (before[6] !== undefined && time.offsetMinutes === undefined && time.iana === undefined) clockBefore = cityZone(before[6]);
    }
  }
  const prefix = strip(text.slice(0, start));
  const suffix = strip(text.slice(end));
  let place: string | undefined;
  let credit: string | undefined;
  let clock = time?.iana ?? clockBefore ?? timeZone;
  let cityClock = false;
  if (prefix !== '') {
    if (isCredit(prefix)) credit = prefix;
    else if (isPlace(prefix)) place = prefix;
    else {
      const loose = strip(prefix, true);
      if (loose !== '' && isPlace(loose)) place = loose;
      else if (loose !== '') return undefined;
    }
    // `Jazz Night: 20 December 2026` is a label and its date, not a dateline: an event preview was
    // held until its event (a trial). A place before a colon is one known, or Thai.
    if (place !== undefined && /[:：]\s*$/u.test(text.slice(0, start)) && !placeBeforeColon(place)) return undefined;
  }
  if (suffix !== '') {
    if (credit === undefined && isCredit(suffix)) credit = suffix;
    // `December 20, 2026 09:00 (New York)`: the city whose clock it is, written after. Only a city
    // whose zone is known: another would be read on the site's clock (attack trial: hours early).
    else if (
      place === undefined &&
      credit === undefined &&
      time?.offsetMinutes === undefined &&
      clockBefore === undefined &&
      cityZone(suffix) !== undefined
    ) {
      place = suffix;
      clock = cityZone(suffix) as string;
      cityClock = true;
    } else return undefined;
  }
  // A dateline at midnight (`8 ธ.ค. 2569 เที่ยงคืน`, `24:00`) is the one just past, its day's start: read
  // as its end, news was held for a day (attack trial). A release time's midnight is its day's end.
  const hour = time?.hour === 24 && !released ? 0 : (time?.hour ?? 0);
  const parts = { ...found.parts, hour, minute: time?.minute ?? 0, second: time?.second ?? 0 };
  let reading: DateReading;
  if (time?.invalid) reading = { invalid: time.invalid };
  else if (time?.offsetMinutes !== undefined && Number.isNaN(time.offsetMinutes))
    reading = { invalid: `"${time.zone}" is not a UTC offset` };
  else reading = buildDate({ ...parts, offsetMinutes: time?.offsetMinutes }, clock);
  const out = time?.zone !== undefined && 'date' in reading ? outOfSeason(time.zone, parts, reading.date, timeZone) : undefined;
  const season = out && time?.zone !== undefined ? { zone: time.zone, ...out } : undefined;
  if (season) {
    // A dateline ahead is a hold too: the later reading, as for a release time (attack trial: an hour early).
    const later = laterOfSeasons({ reading, season });
    reading = later.reading;
    if (later.note !== undefined) Object.assign(season, { note: later.note });
  }
  const { monthFirst } = found.parts;
  // A line in Thai is a Thai desk's, and Thai desks write the day first.
  const ambiguous =
    monthFirst && !THAI_SCRIPT.test(text)
      ? `${text.slice(found.start, found.end).trim()} may be ${inWords(found.parts)} (day first) or ${inWords({ ...found.parts, ...monthFirst })} (month first)`
      : undefined;
  return {
    reading,
    place,
    credit,
    timed: time !== undefined,
    update: labelled?.index === 0 || undefined,
    ...(ambiguous ? { ambiguous } : {}),
    ...(cityClock ? { cityClock } : {}),
    ...(time?.zone !== undefined || clockBefore !== undefined || cityClock ? { zoned: true as const } : {}),
    ...(season ? { season } : {}),
  };
}

const MONTH_NAMES = 'January February March April May June July August September October November December'.split(' ');

const THAI_SCRIPT = /[\u0E00-\u0E7F]/u;

function inWords(p: { year: number; month: number; day: number }): string {
  return `${p.day} ${MONTH_NAMES[p.month - 1]} ${p.year}`;
}

/** A line that is only a time of day (`16:45`, `16.45 น.`, `เวลา 09:15 น.`): the time of a date on the line before. */
export function readTimeLine(input: string): { hour: number; minute: number; second: number } | undefined {
  // Wire hours too (`1030 HRS` under `Embargoed until 20 December 2026`: a trial held it to midnight, 10.5 hours early).
  const text = clockForms(normalize(input));
  const m = TIME_AFTER.exec(text);
  if (!m || strip(text.slice(m[0].length)) !== '' || /^\s*$/.test(m[0])) return undefined;
  // `3.14` is a number, not a time: a time has a colon, `น.`/`นาฬิกา`, am/pm, or a two-digit hour.
  if (!/:|น|am|pm|a\.m|p\.m/i.test(m[0]) && !/^\D*\d{2}[.]\d{2}/.test(m[0])) return undefined;
  const t = readTime(m);
  // With its zone too (`10:00 GMT` under `Embargoed until 6 January 2027`): the caller reads both lines as one.
  if (
    t.invalid ||
    t.hour > 24 ||
    (t.hour === 24 && t.minute + t.second > 0) ||
    t.minute > 59 ||
    (t.offsetMinutes !== undefined && Number.isNaN(t.offsetMinutes))
  )
    return undefined;
  return { hour: t.hour, minute: t.minute, second: t.second };
}

const HAS_DIGIT = /[0-9๐-๙]/;

function normalize(input: string): string {
  return spokenClock(
    arabicDigits(input)
      .normalize('NFC')
      .replace(/[\u200B\u2060\uFEFF]/gu, '')
      .replace(/\s+/gu, ' ')
      .trim()
      // `พ. ย.` and `พ.ย` are how some keyboards and OCR write `พ.ย.`.
      .replace(/([ก-ฮ])\. (?=[ก-ฮ]\.?)/gu, '$1.'),
  );
}

/**
 * Wire hours (`0001 HRS GMT`) as a clock reads them, and the same time on another clock given for
 * convenience (`16:00 London time (11:00 US Eastern Time)`) left out: the first is read. Only on
 * the short lines that may be datelines.
 */
function clockForms(text: string): string {
  let out = text;
  if (HOURS_WORD.test(out)) out = out.replace(WIRE_HOURS, '$1:$2 hrs').replace(WIRE_ZONED, '$1:$2 ');
  // `10TH DECEMBER`, as a release in capitals writes it.
  if (CAPITAL_ORDINAL.test(out)) out = out.replace(CAPITAL_ORDINAL, (o) => o.toLowerCase());
  // A zone and its offset in brackets (`10:00 ICT (GMT+7)`, `09:00 CST (GMT+8)`): the offset, which is exact.
  // When they disagree (`ICT (GMT+8)`), the later instant: the smaller offset (re-attack trial: an hour early).
  if (out.includes('('))
    out = out.replace(ZONE_AND_OFFSET, (_all, zone: string, offset: string) => {
      const [named, given] = [zoneOffsetMinutes(zone), zoneOffsetMinutes(offset.replace(/\s+/gu, ''))];
      return named !== undefined && given !== undefined && !Number.isNaN(given) && named < given ? zone : offset;
    });
  // The first time, unless only the second names its clock (`11:00 (16:00 GMT)`: read on the site's
  // clock, it went out twelve hours early; attack trial).
  if (out.includes('('))
    out = out.replace(ALSO_AT, (_all, first: string, second: string) => (!named(first) && named(second) ? second : first));
  return out;
}

const HOURS_WORD = /h(?:rs?|ours)\b|\d{4}\s*(?:GMT|UTC)\b/i;
/** Wire hours with a zone and no `HRS` (`0001 GMT`). */
const WIRE_ZONED = /(?<![\d:.])([01]\d|2[0-3])([0-5]\d)\s*(?=(?:GMT|UTC)\b)/giu;
const CAPITAL_ORDINAL = /(?<=\d)(?:ST|ND|RD|TH)\b/gu;

const WIRE_HOURS = /(?<![\d:.])([01]\d|2[0-3])([0-5]\d)\s*(?:hrs?|hours)\b\.?/giu;
const ALSO_AT = /(\d{1,2}[:.]\d{2}[^()\d]{0,40}?)\s*\(\s*(\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?[\p{L} .+-]{1,40}?\d{0,2})\s*\)/giu;

const ZONE_AND_OFFSET = /(?<=\d\s*)([A-Z]{2,5})\s*\(\s*((?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?)\s*\)/gu;

/** Whether a time as written names a clock: words after it besides am or pm (`GMT`, `London time`). */
function named(time: string): boolean {
  return /\p{L}/u.test(time.replace(/^\d{1,2}[:.]\d{2}/u, '').replace(/\b[ap]\.?\s?m\b\.?/iu, ''));
}

interface Found {
  start: number;
  end: number;
  /** `monthFirst`: the other reading of a numeric date whose two first numbers may each be the month. */
  parts: { year: number; month: number; day: number; monthFirst?: { month: number; day: number } };
}

const ERA = String.raw`(?:(พ\.?\s?ศ\.?|ค\.?\s?ศ\.?|B\.?E\.?|A\.?D\.?|C\.?E\.?)\s*)?`;
const DATE_SHAPES: readonly { re: RegExp; read: (m: RegExpExecArray) => Found['parts'] | undefined }[] = [
  {
    // ISO order, Buddhist-era years too (2569-11-24), with -, / or . between.
    re: /(?<![\d.:/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/])/gu,
    read: (m) => ({ year: christianYear(m[1] as string, undefined), month: Number(m[3]), day: Number(m[4]) }),
  },
  {
    // Day/month/year; month/day/year only when the day cannot be a month (11/24/2026).
    re: /(?<![\d.:/-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.:]\d)/gu,
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const [day, month] = b > 12 && a <= 12 ? [b, a] : [a, b];
      const written = m[4] as string;
      // Day first, as Thai and most desks write it; a US desk writes month first. A Buddhist-era year is Thai.
      const christian = written.length === 4 ? Number(written) < 2400 : Number(written) < 43;
      const both = christian && a !== b && a >= 1 && a <= 12 && b >= 1 && b <= 12;
      return { year: christianYear(written, undefined), month, day, ...(both ? { monthFirst: { month: a, day: b } } : {}) };
    },
  },
  {
    re: new RegExp(String.raw`(?<![\d.:])(\d{1,2})\s*([ก-๙][ก-๙.]*)\s*${ERA}(\d{4}|\d{2})(?![\d.:]\d)`, 'gu'),
    read: (m) => {
      let name = (m[2] as string).replace(/\./g, '');
      let era = eraOf(m[3]);
      const glued = /(พศ|คศ)$/u.exec(name);
      if (glued && name.length > glued[0].length) {
        name = name.slice(0, -2);
        era = eraOf(glued[0]);
      }
      const month = THAI_MONTHS[name];
      return month === undefined ? undefined : { year: christianYear(m[4] as string, era), month, day: Number(m[1]) };
    },
  },
  {
    re: new RegExp(String.raw`(?<![\p{L}\d])([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+${ERA}(\d{4})(?!\d)`, 'gu'),
    read: (m) => english(m[1], m[2], m[4], m[3]),
  },
  {
    // `20 December 2026`, and `20-Dec-2026` as forms and spreadsheets write it.
    re: new RegExp(String.raw`(?<![\d.:])(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)([A-Za-z]{3,9})\.?(?:,?\s+|-)${ERA}(\d{4})(?!\d)`, 'gu'),
    read: (m) => english(m[2], m[1], m[4], m[3]),
  },
];

function english(monthName: string | undefined, day: string | undefined, year: string | undefined, era: string | undefined) {
  const month = EN_MONTHS[(monthName ?? '').toLowerCase()];
  return month === undefined ? undefined : { year: christianYear(year ?? '', eraOf(era)), month, day: Number(day) };
}

function eraOf(era: string | undefined): 'be' | 'ce' | undefined {
  if (era === undefined) return undefined;
  return /^(พ|B)/iu.test(era) ? 'be' : 'ce';
}

/** The first date of any shape in the text (the earliest start wins). */
function findDate(text: string): Found | undefined {
  let best: Found | undefined;
  for (const shape of DATE_SHAPES) {
    shape.re.lastIndex = 0;
    for (let m = shape.re.exec(text); m; m = shape.re.exec(text)) {
      if (best && m.index >= best.start) break;
      const parts = shape.read(m);
      if (parts) {
        best = { start: m.index, end: m.index + m[0].length, parts };
        break;
      }
    }
  }
  return best;
}

interface TimeMatch {
  /** A zone named without its season (`ET`): the offset in force on the date. */
  iana?: string;
  hour: number;
  minute: number;
  second: number;
  offsetMinutes?: number;
  zone?: string;
  invalid?: string;
}

const ZONE = String.raw`(?:\s*\(?((?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?|${Object.keys(ZONE_ABBREVIATIONS)
  .sort((a, b) => b.length - a.length)
  .join('|')}|${Object.keys(GENERIC_ZONES).join('|')})\)?(?![\p{L}\d]|[.:]\d))?`;
const CLOCK = String.raw`(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?(?!\d)\s*(?:น\.?|นาฬิกา|hrs?\.?|h\b)?|\s*(?:น\.|นาฬิกา)|(?=\s*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])))\s*(am|pm|a\.m\.|p\.m\.)?${ZONE}`;
/** A time right after the date: `, 14:30`, ` เวลา 14.30 น.`, `T14:30:00+07:00`, ` - 09.15 น. (GMT+7)`. */
const TIME_AFTER = new RegExp(String.raw`^(?:T|\s*[,|/–—-]?\s*(?:เวลา|at|@)?\s*)${CLOCK}`, 'iu');
/** A time right before the date (time-first datelines: `08.00 น. 23 พ.ย. 2569`). */
const TIME_BEFORE = new RegExp(
  String.raw`(?:^|\s)(?:เวลา\s*)?${CLOCK}(?:${CLOCK_NAME})?\s*[,|/–—-]?\s*(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?(?:ของ\s*)?(?:วัน(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)?\s*)?(?:ที่\s*)?$`,
  'iu',
);

/** `siteZone`: the site's time zone, which says whose IST is meant (calendar.ts zoneOffsetMinutes). */
function readTime(m: RegExpExecArray, siteZone?: string): TimeMatch {
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const second = Number(m[3] ?? '0');
  const ampm = m[4]?.toLowerCase();
  const zone = m[5];
  if (ampm) {
    if (hour < 1 || hour > 12) return { hour, minute, second, invalid: `${hour} ${ampm} is not a time` };
    hour = (hour % 12) + (ampm.startsWith('p') ? 12 : 0);
  }
  const iana = zone === undefined ? undefined : GENERIC_ZONES[zone.toUpperCase()];
  if (iana !== undefined) return { hour, minute, second, zone, iana };
  return { hour, minute, second, zone, offsetMinutes: zone === undefined ? undefined : zoneOffsetMinutes(zone, siteZone) };
}

/** Words that may stand around a date without being a place or a credit. */
const DECORATION = new RegExp(
  [
    String.raw`(?:published|posted|updated|last updated|date|dated|on|เผยแพร่|โพสต์|วันที่|ลงวันที่|ประจำวันที่|ณ วันที่)\s*[:：]?`,
    `(?:วัน)?(?:จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัสฯ|พฤหัส|ศุกร์|เสาร์|อาทิตย์)(?:ที่)?`,
    String.raw`(?:จ|อ|พ|พฤ|ศ|ส|อา)\.(?=\s|$)`,
    String.raw`(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?`,
    String.raw`ที่|เวลา|at|น\.|\(?เวลา(?:ประเทศ)?ไทย\)?|\(?(?:ICT|Bangkok time|local time)\)?`,
  ].join('|'),
  'iu',
);
// Asterisks and brackets too: `*** EMBARGOED UNTIL … ***`, `[EMBARGO: …]`.
const EDGE = /^[\s,;|:/·•–—()*_[\]-]+|[\s,;|:/·•–—()*_[\]-]+$/gu;
const DECORATION_HEAD = new RegExp(`^(?:${DECORATION.source})(?=[\\s,;|:/·•–—()-]|$)`, 'iu');
const DECORATION_TAIL = new RegExp(`(?:^|(?<=[\\s,;|:/·•–—()-]))(?:${DECORATION.source})$`, 'iu');
// Thai writes no space between words: a Thai label runs into the next one (`เผยแพร่วันที่ 20 ...`;
// attack trial: unread, out at once). Tried last: `ที่มา: Reuters` is a credit, not `ที่` + `มา`.
const GLUED_HEAD = new RegExp(`^(?:${DECORATION.source})(?:(?=[\\s,;|:/·•–—()-]|$)|(?<=[ก-๙.])(?=[ก-๙0-9]))`, 'iu');
const GLUED_TAIL = new RegExp(`(?:^|(?<=[\\s,;|:/·•–—()-])|(?<=[ก-๙0-9])(?=[ก-๙]))(?:${DECORATION.source})$`, 'iu');

/** The text around a date without separators and decorations (`glued`: Thai labels run together too). */
function strip(text: string, glued = false): string {
  const [head, tail] = glued ? [GLUED_HEAD, GLUED_TAIL] : [DECORATION_HEAD, DECORATION_TAIL];
  let rest = text.replace(EDGE, '');
  for (let i = 0; i < 6; i++) {
    const before = rest;
    rest = rest.replace(head, '').replace(EDGE, '').replace(tail, '').replace(EDGE, '');
    if (rest === before) break;
  }
  return rest;
}

/**
 * Labels of a release time, at the head of a line: wire and press-release embargo lines in English
 * and Thai. `Until 20 Dec 2026` alone in a story's head lines is one too: read as prose, it let the story out.
 */
const RELEASE_LABEL = new RegExp(
  String.raw`^[\s*_\[(]*(?:` +
    [
      String.raw`(?:note\s+to\s+editors\s*[:：]?\s*)?(?:strictly\s+)?(?:under\s+)?embargo(?:ed)?(?:\s+(?:lifts|ends|expires|is\s+lifted))?(?:\s+(?:until|till|to|before|for|at|on|ถึง|จนถึง))?`,
      String.raw`(?:on\s+)?hold\s+until`,
      String.raw`not\s+(?:to\s+be\s+(?:published|released|used)|for\s+(?:release|publication|broadcast|use)(?:\s+or\s+(?:release|publication|broadcast|use))?)(?:\s+(?:before|until|till|prior\s+to))?`,
      String.raw`(?:hold\s+)?for\s+release(?:\s+(?:on|at|after|from))?`,
      String.raw`do\s+not\s+(?:publish|release|use)\s+(?:before|until|till)`,
      String.raw`(?:publish|publication)\s+(?:on|at|after|from|date|time)`,
      String.raw`(?:กรุณา)?(?:ห้าม|งด|อย่า)\s*(?:เผยแพร่|ลงข่าว|ตีพิมพ์|เสนอข่าว|นำเสนอ|ออกอากาศ)\s*(?:ก่อน|จนถึง|จนกว่าจะถึง|จนกว่า)?`,
      String.raw`(?:สามารถ|กำหนด)?(?:เผยแพร่|ลงข่าว|ตีพิมพ์|ออกอากาศ)\s*ได้\s*(?:ตั้งแต่|หลัง(?:จาก)?|เมื่อ|ใน)?`,
      'สำหรับ(?:เผยแพร่|ลงข่าว|ตีพิมพ์)',
      'กำหนด(?:เผยแพร่|ลงข่าว|ตีพิมพ์)',
    ].join('|') +
    String.raw`)[\s*_\])]*[:：]?\s*`,
  'iu',
);

const UPDATE_LABEL = /\s*[|,(]?\s*(?:ปรับปรุง(?:ล่าสุด)?|แก้ไข(?:ล่าสุด)?|อัปเดต|อัพเดท|อัพเดต|last updated|updated)\s*(?:เมื่อ)?\s*[:：]?\s*/iu;

/** Words that start prose or a fact box, not a place name (`เมื่อ 24 พ.ย. 2569`, `On 24 Nov 2026`, `Release date: …` of a film: attack trial, held until it); Thai glues them to the next word. */
const NOT_A_PLACE =
  /^(?:เมื่อ|ตั้งแต่|จนถึง|ภายใน|ในวัน|คือ|เป็น|และ|ช่วง|ระหว่าง|ล่าสุด|วันนี้|(?:when|since|until|till|by|before|after|from|in|as of|the|a|an|release|released|launch|premiere|deadline|opening|closing|expiry|due)(?:\s|$))/iu;
const ENDS_AS_PROSE = /(?:วันที่|ที่|เมื่อ|ตั้งแต่|ภายใน|ว่า)$/u;

/**
 * A place written before a date: Thai place names (places.ts: provinces, cities, `จ.`/`อ.`
 * forms), or at most four capitalised Latin words (`BANGKOK`, `Chiang Rai, Thailand`). No
 * digits, not a prose opener. An unknown Thai word is not a place: `เลื่อนเป็น 1 ธ.ค. 2569` is prose.
 */
/** A place before a colon is one known (`BANGKOK:`, `เชียงใหม่:`): `CONCERT: 20 December 2026` is a label (attack trial: held). */
function placeBeforeColon(place: string): boolean {
  return /[ก-๙]/u.test(place) || cityZone(place) !== undefined;
}

export function isPlace(text: string): boolean {
  if (text.length > 40 || NOT_A_PLACE.test(text) || ENDS_AS_PROSE.test(text)) return false;
  if (/[ก-๙]/u.test(text)) return isKnownPlace(text);
  if (!/^[\p{L}\p{M}][\p{L}\p{M} .,'’()-]*$/u.test(text)) return false;
  const words = text.split(/[\s,]+/u).filter((w) => w !== '');
  if (words.length > 4) return false;
  return words.every((w) => !/^[a-z]/u.test(w) || /^(?:of|de|da|del|la|le|am|an|upon|on)$/u.test(w));
}

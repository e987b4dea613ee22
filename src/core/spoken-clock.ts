// Times of day written in words, as a clock reads them: the Thai six-hour clock (`10 โมงเช้า`, `บ่ายโมง`, `4 ทุ่ม`, `ตีห้า`), noon and midnight.
import { arabicDigits } from './text.js';

/** Thai number words of units (`เอ็ด` only after `สิบ`). */
const UNIT_VALUES: Readonly<Record<string, number>> = { เอ็ด: 1, หนึ่ง: 1, สอง: 2, สาม: 3, สี่: 4, ห้า: 5, หก: 6, เจ็ด: 7, แปด: 8, เก้า: 9 };
const UNITS = 'หนึ่ง|สอง|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า';

/** Thai numbers in words from one to 59 (`สิบเอ็ด` 11, `สิบห้า` 15, `ยี่สิบ` 20, `สี่สิบห้า` 45): the clock's hours and minutes. */
export const THAI_NUMBER_WORDS = `(?:ยี่|สาม|สี่|ห้า)?สิบ(?:เอ็ด|${UNITS})?|${UNITS}`;
const NUMBER = `([0-9๐-๙]{1,2}|${THAI_NUMBER_WORDS})`;

/** The value of a number as NUMBER takes it (60, out of every range, when it is none). */
function numberOf(written: string): number {
  if (/^[0-9๐-๙]+$/u.test(written)) return Number(arabicDigits(written));
  const at = written.indexOf('สิบ');
  if (at < 0) return UNIT_VALUES[written] ?? 60;
  const tens = at === 0 ? 1 : written.startsWith('ยี่') ? 2 : (UNIT_VALUES[written.slice(0, at)] ?? 60);
  const units = written.slice(at + 3);
  return tens * 10 + (units === '' ? 0 : (UNIT_VALUES[units] ?? 60));
}

/** Half past (`ครึ่ง`), or minutes (`15 นาที`, `สิบห้านาที`), after an hour; `ตรง` is on the hour. */
const MINUTES = String.raw`(?:\s*(ครึ่ง)|\s*${NUMBER}\s*นาที|\s*ตรง)?`;
/**
 * Not the start of another Thai word (`เที่ยงธรรม`, `ตีพิมพ์`): the time ends here, or runs into
 * the words a date or a clock opens with, as Thai writes them unspaced (`เที่ยงคืนวันที่ 10`).
 */
const END = '(?:(?![\\u0E01-\\u0E4E])|(?=วัน|ของ|ตาม|เวลา|ณ|น\\.|นาฬิกา))';

/**
 * The Thai clock counts the day in watches: `ตี` 1-5 at night, `โมงเช้า` in the morning (its
 * hours counted from six, `สองโมงเช้า` 08:00, or as the clock shows them, `แปดโมงเช้า`), `บ่าย …
 * โมง` and `… โมงเย็น` after noon, `ทุ่ม` 1-5 in the evening, `เที่ยง` noon and `เที่ยงคืน` (or
 * `6 ทุ่ม`) midnight. Each form with the hours it may count, and the hour of the day of each.
 * A bare `N โมง` is the morning only from 7 to 11: `หกโมง` and `บ่าย`-less `2 โมง` are either
 * half of the day, and stay unread (an embargo line so written is refused, never guessed).
 */
const FORMS: readonly { re: RegExp; hour: (n: number) => number | undefined }[] = [
  { re: new RegExp(`ตี\\s*${NUMBER}${MINUTES}${END}`, 'gu'), hour: (n) => (n >= 1 && n <= 5 ? n : undefined) },
  { re: new RegExp(`บ่าย\\s*(?:${NUMBER}\\s*(?:โมง)?|โมง)${MINUTES}${END}`, 'gu'), hour: (n) => (n >= 1 && n <= 5 ? 12 + n : undefined) },
  { re: new RegExp(`${NUMBER}\\s*โมง\\s*เย็น${MINUTES}${END}`, 'gu'), hour: (n) => (n >= 4 && n <= 6 ? 12 + n : undefined) },
  // `สองโมงเช้า` is 08:00 (the morning's second hour, counted from six), `แปดโมงเช้า` the same; `ห้าโมงเช้า` 11:00.
  { re: new RegExp(`${NUMBER}\\s*โมง\\s*เช้า${MINUTES}${END}`, 'gu'), hour: (n) => (n >= 1 && n <= 5 ? n + 6 : n <= 11 ? n : undefined) },
  { re: new RegExp(`${NUMBER}\\s*ทุ่ม${MINUTES}${END}`, 'gu'), hour: (n) => (n >= 1 && n <= 6 ? 18 + n : undefined) },
  { re: new RegExp(`${NUMBER}\\s*โมง${MINUTES}${END}`, 'gu'), hour: (n) => (n >= 7 && n <= 11 ? n : undefined) },
];

/**
 * Noon and midnight, in Thai and English (`12 noon`, `midnight`, `เที่ยงวัน`, `เที่ยงคืน`). Not after a
 * time or `past` (`12.30 noon`, `half past noon`): read as 12:00, such a release went out half an
 * hour early (attack trial); left as written, the line does not read.
 */
const NOON_MIDNIGHT = new RegExp(
  `(?<!(?:\\b(?:past|to|after|before)|\\d[:.]\\d\\d)\\s*)(?:\\b12\\s*)?\\b(noon|midday|midnight)\\b|เที่ยง\\s*(คืน|วัน)?${MINUTES}${END}`,
  'giu',
);

/** A cheap test first: most lines name no such time. */
const ANY = /โมง|ทุ่ม|ตี|บ่าย|เที่ยง|noon|midday|midnight/iu;

const clock = (hour: number, minute: number) => ` ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} `;

/**
 * `text` with each time of day in words as a clock writes it (`10 โมงเช้า` → `10:00`), for
 * the date and time readers (dateline.ts). Midnight is `24:00`, the end of the day it names: a
 * release `ห้ามเผยแพร่ก่อนเที่ยงคืนวันที่ 10`, `midnight, 10 December`, is read at its latest,
 * never a day early. Thai digits count as digits: embargo-lines.ts reads the line as written.
 */
export function spokenClock(text: string): string {
  if (!ANY.test(text)) return text;
  let out = text;
  for (const { re, hour } of FORMS)
    out = out.replace(re, (all: string, n: string | undefined, half: string | undefined, minutes: string | undefined) => {
      // `บ่ายโมง` names no number: one o'clock.
      const h = hour(n === undefined ? 1 : numberOf(n));
      const m = half ? 30 : minutes === undefined ? 0 : numberOf(minutes);
      return h === undefined || m > 59 ? all : clock(h, m);
    });
  out = out.replace(
    NOON_MIDNIGHT,
    (all: string, english: string | undefined, night: string | undefined, half: string | undefined, minutes: string | undefined) => {
      const m = half ? 30 : minutes === undefined ? 0 : numberOf(minutes);
      // Past midnight (`เที่ยงคืนครึ่ง`) is the next day's, or this one's: unread, as is a minute count past 59.
      if ((english ?? '').toLowerCase() === 'midnight' || night === 'คืน') return m === 0 ? clock(24, 0) : all;
      return m > 59 ? all : clock(12, m);
    },
  );
  return out === text ? text : out.replace(/\s+/gu, ' ').trim();
}

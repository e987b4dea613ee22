import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCredit } from '../../src/core/credit.js';
import { type Dateline, readDate, readDateline } from '../../src/core/dateline.js';

const TZ = 'Asia/Bangkok';
const isCredit = (t: string) => {
  const c = readCredit(t);
  return c !== undefined && 'credit' in c;
};
const read = (line: string) => readDateline(line, TZ, isCredit);
const iso = (d: Dateline | undefined) => (d && 'date' in d.reading ? d.reading.date.toISOString() : d ? d.reading : undefined);

describe('datelines as desks write them', () => {
  it.each([
    ['เชียงราย 24 พ.ย. 2569 09.15 น.', '2026-11-24T02:15:00.000Z'],
    ['08.00 น. 23 พ.ย. 2569', '2026-11-23T01:00:00.000Z'],
    ['24/11/2569 16:45', '2026-11-24T09:45:00.000Z'],
    ['24/11/2026', '2026-11-23T17:00:00.000Z'],
    ['2026-11-24 16:45', '2026-11-24T09:45:00.000Z'],
    ['๒๔/๑๑/๒๕๖๙ ๑๖.๔๕ น.', '2026-11-24T09:45:00.000Z'],
    ['24.11.69', '2026-11-23T17:00:00.000Z'],
    ['11/24/2026 4:45 PM', '2026-11-24T09:45:00.000Z'],
    ['กรุงเทพฯ - 24 พ.ย. 69', '2026-11-23T17:00:00.000Z'],
    ['อ.เมือง จ.เชียงราย 24 พ.ย. 2569', '2026-11-23T17:00:00.000Z'],
    ['พฤ. 24 พ.ย. 2569 - 09:15 น.', '2026-11-24T02:15:00.000Z'],
    ['วันจันทร์ที่ 24 พฤศจิกายน พ.ศ. 2569 เวลา 09.15 น.', '2026-11-24T02:15:00.000Z'],
    ['24พ.ย.2569 9.15น.', '2026-11-24T02:15:00.000Z'],
    ['Monday, November 24, 2026 9:15 a.m. ICT', '2026-11-24T02:15:00.000Z'],
    ['Updated 24 Nov 2026 10:00 GMT+7', '2026-11-24T03:00:00.000Z'],
    ['2026-11-24T10:00:00+09:00', '2026-11-24T01:00:00.000Z'],
  ])('%s', (line, expected) => {
    expect(iso(read(line))).toBe(expected);
  });

  it('keeps the place, and a credit written beside the date', () => {
    expect(read('เชียงราย 24 พ.ย. 2569 09.15 น.')?.place).toBe('เชียงราย');
    expect(read('AFP - 24 พ.ย. 2569')?.credit).toBe('AFP');
    expect(read('24 พ.ย. 2569 | ไทยรัฐออนไลน์')?.credit).toBe('ไทยรัฐออนไลน์');
    const wire = read('BANGKOK, Nov 24, 2026 (Reuters) -');
    expect([wire?.place, wire?.credit]).toEqual(['BANGKOK', 'Reuters']);
  });

  it('reads a published and an updated date on one line', () => {
    const line = read('เผยแพร่: 24 พ.ย. 2569 09:15 ปรับปรุง: 24 พ.ย. 2569 10:00');
    expect(iso(line)).toBe('2026-11-24T02:15:00.000Z');
    expect(line?.updated && 'date' in line.updated ? line.updated.date.toISOString() : undefined).toBe('2026-11-24T03:00:00.000Z');
  });

  it.each([
    ['31 ก.พ. 2569', /day 31 of month 2/],
    ['30/02/2026', /day 30 of month 2/],
    ['24 พ.ย. 2569 เวลา 25.00 น.', /time 25:00/],
    ['2026-11-24T10:00+25:00', /beyond ±14:00/],
    ['1 Jan 1850', /before 1900/],
    ['2026-13-01', /month 13/],
  ])('calls %s a date that cannot be', (line, why) => {
    const r = read(line);
    expect(r && 'invalid' in r.reading ? r.reading.invalid : 'valid').toMatch(why);
  });

  it.each([
    'ดัชนีปิดที่ 1,412 จุด',
    'ยอดผู้เสียชีวิตเพิ่มเป็น 12 ราย',
    'เมื่อวันที่ 24 พ.ย. 2569',
    'ผู้นำเกาหลีเหนือ 25 พ.ย. 2569 กล่าวว่า',
    'On 24 Nov 2026 the index fell',
    'ประชุมวันที่ 10-13 กันยายนนี้',
    '24 พ.ย.',
    'AFP',
  ])('is not fooled by prose or a date without a year: %s', (line) => {
    expect(read(line)).toBeUndefined();
  });

  it('readDate takes a whole string only', () => {
    expect(readDate('เชียงราย 24 พ.ย. 2569', TZ)).toBeUndefined();
    expect(readDate('24 พ.ย. 2569', TZ)).toEqual({ date: new Date('2026-11-23T17:00:00.000Z') });
  });
});

const THAI_FULL = [
  'มกราคม',
  'กุมภาพันธ์',
  'มีนาคม',
  'เมษายน',
  'พฤษภาคม',
  'มิถุนายน',
  'กรกฎาคม',
  'สิงหาคม',
  'กันยายน',
  'ตุลาคม',
  'พฤศจิกายน',
  'ธันวาคม',
];
const THAI_ABBR = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PLACES = ['เชียงราย', 'กรุงเทพฯ', 'จ.ภูเก็ต', 'อ.เมือง จ.ขอนแก่น', 'BANGKOK', 'Chiang Mai'];
const CREDITS = ['AFP', 'รอยเตอร์', 'ที่มา: Reuters', 'ไทยรัฐออนไลน์', 'สำนักข่าวไทย'];
const thaiDigits = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
const p2 = (n: number) => String(n).padStart(2, '0');

describe('property: every supported dateline form gives the instant written', () => {
  const parts = fc.record({
    year: fc.integer({ min: 1990, max: 2040 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    time: fc.option(fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }), { nil: undefined }),
    form: fc.integer({ min: 0, max: 7 }),
    timeFirst: fc.boolean(),
    thaiNumerals: fc.boolean(),
    side: fc.integer({ min: 0, max: 2 }),
    place: fc.constantFrom(...PLACES),
    credit: fc.constantFrom(...CREDITS),
  });

  it('parses and places them (dates 1990 to 2040, forms Thai, English, numeric and ISO)', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const be = p.year + 543;
        const m = p.month - 1;
        const date = [
          `${p.day} ${THAI_FULL[m]} ${be}`,
          `${p.day} ${THAI_ABBR[m]} ${be}`,
          `${p.day} ${THAI_ABBR[m]} ค.ศ. ${p.year}`,
          `${p2(p.day)}/${p2(p.month)}/${be}`,
          `${p.day}.${p.month}.${p.year}`,
          `${p.year}-${p2(p.month)}-${p2(p.day)}`,
          `${EN[m]} ${p.day}, ${p.year}`,
          `${p.day} ${EN[m]?.slice(0, 3)} ${p.year}`,
        ][p.form] as string;
        const thaiForm = p.form <= 4;
        const time = p.time ? `${p2(p.time.h)}${thaiForm ? '.' : ':'}${p2(p.time.m)}${thaiForm ? ' น.' : ''}` : '';
        let line = time === '' ? date : p.timeFirst && thaiForm ? `${time} ${date}` : `${date} ${time}`;
        if (p.thaiNumerals && thaiForm) line = thaiDigits(line);
        if (p.side === 1) line = `${p.place} ${line}`;
        if (p.side === 2) line = `${p.credit} | ${line}`;
        const got = read(line);
        const wall = Date.UTC(p.year, m, p.day, p.time?.h ?? 0, p.time?.m ?? 0) - 7 * 3600_000;
        expect(iso(got), line).toBe(new Date(wall).toISOString());
        if (p.side === 1) expect(got?.place).toBe(p.place);
        if (p.side === 2) expect(got?.credit).toBe(p.credit);
      }),
      { numRuns: 400 },
    );
  });

  it('rejects near misses: the same lines followed by prose, or a day the month lacks', () => {
    fc.assert(
      fc.property(parts, fc.constantFrom('กล่าวว่า ประชาชนต้องระวัง', 'ที่ผ่านมา มีผู้เสียชีวิต', 'the index fell sharply', 'เป็นต้นไป'), (p, prose) => {
        const line = `${p.day} ${THAI_ABBR[p.month - 1]} ${p.year + 543} ${prose}`;
        expect(read(line), line).toBeUndefined();
        const bad = read(`31 ${THAI_ABBR[[1, 3, 5, 8, 10][p.month % 5] as number]} ${p.year + 543}`);
        expect(bad && 'invalid' in bad.reading).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS } from '../../src/config.js';
import { creditNames, readCredit } from '../../src/core/credit.js';
import { parsePlain } from '../../src/core/parse-plain.js';

const author = (line: string) => {
  const r = readCredit(line);
  return r && 'credit' in r ? (r.credit.author ?? `photo:${r.credit.photo}`) : r && 'unsure' in r ? 'unsure' : undefined;
};

describe('credits by evidence', () => {
  it.each([
    ['AFP', 'AFP'],
    ['(AFP)', 'AFP'],
    ['— Associated Press', 'Associated Press'],
    ['ที่มา: รอยเตอร์', 'รอยเตอร์'],
    ['ที่มา รอยเตอร์', 'รอยเตอร์'],
    ['โดย สมชาย ใจดี', 'สมชาย ใจดี'],
    ['By Jane Doe', 'Jane Doe'],
    ['BY JANE DOE', 'JANE DOE'],
    ['Source: Bangkok Post', 'Bangkok Post'],
    ['Jane Doe, Reuters', 'Jane Doe, Reuters'],
    ['Reuters/AFP', 'Reuters/AFP'],
    ['สำนักข่าวไทย', 'สำนักข่าวไทย'],
    ['สำนักข่าวซินหัว', 'สำนักข่าวซินหัว'],
    ['ทีมข่าวการเมือง', 'ทีมข่าวการเมือง'],
    ['ไทยรัฐออนไลน์', 'ไทยรัฐออนไลน์'],
    ['Kyodo News', 'Kyodo News'],
    ['Pattaya Mail', 'Pattaya Mail'],
    ['Jane Doe, Staff Writer', 'Jane Doe, Staff Writer'],
    ['นายสมชาย ใจดี', 'นายสมชาย ใจดี'],
    ['นายกมล สุขใจ', 'นายกมล สุขใจ'],
    ['ดร.สมศรี มีสุข', 'ดร.สมศรี มีสุข'],
    ['สมชาย ใจดี ผู้สื่อข่าวภูมิภาค', 'สมชาย ใจดี ผู้สื่อข่าวภูมิภาค'],
    ['เรื่อง: สมชาย ภาพ: สมศรี', 'สมชาย'],
    ['ภาพ: AFP', 'photo:AFP'],
    ['Reporting by Panu Wongcha-um; Editing by Kim Coghill', 'Panu Wongcha-um'],
  ])('%s is a credit', (line, expected) => {
    expect(author(line)).toBe(expected);
  });

  it.each([
    'ดัชนีปิดที่ 1,412 จุด',
    'ยอดผู้เสียชีวิตเพิ่มเป็น 12 ราย',
    'สำนักข่าวรอยเตอร์รายงานว่า',
    'By the end of the day, stocks fell',
    'โดยทั่วไปแล้วตลาดหุ้นปรับตัวขึ้น',
    'The markets',
    'ข่าวสดวันนี้',
    'ผู้สื่อข่าวรายงานว่าเกิดเหตุ',
    'Apple',
    // Ledes that open with a noun that begins like an honorific (new-user trial).
    'นายกรัฐมนตรีลงพื้นที่เชียงใหม่',
    'นายอำเภอเมืองสั่งปิดถนน',
    'นายกฯ ลงพื้นที่น้ำท่วม',
    'นางสาวไทยคนใหม่',
    'นายกรัฐมนตรีเดินทางไปเ',
  ])('%s is not a credit', (line) => {
    expect([undefined, 'unsure']).toContain(author(line));
  });

  it('calls a bare name unsure, never a credit', () => {
    expect(author('Jane Doe')).toBe('unsure');
    expect(author('สมชาย ใจดี')).toBe('unsure');
  });

  it('takes extra names from the configuration', () => {
    expect(author('Chiang Rai Beacon')).toBe('unsure');
    const r = readCredit('Chiang Rai Beacon', creditNames(['Chiang Rai Beacon']));
    expect(r && 'credit' in r ? r.credit.author : undefined).toBe('Chiang Rai Beacon');
  });
});

const options = {
  boilerplateMarkers: DEFAULT_BOILERPLATE_MARKERS,
  timeZone: 'Asia/Bangkok',
  pageUrl: 'https://x.example/',
  maxTitleLength: 300,
};
const LEDES = ['ดัชนีปิดที่ 1,412 จุด', 'ยอดผู้เสียชีวิตเพิ่มเป็น 12 ราย', 'ฝนตกหนักทั้งคืน', 'Stocks fell 2%', 'ราคาทองพุ่ง', 'น้ำลดแล้ว'];
const HEAD_CREDITS = ['AFP', 'ที่มา: รอยเตอร์', 'โดย สมชาย ใจดี', 'By Jane Doe', 'สำนักข่าวไทย', 'ทีมข่าวภูมิภาค'];
const DATELINES: [string, string][] = [
  ['เชียงราย 24 พ.ย. 2569 09.15 น.', '2026-11-24T02:15:00.000Z'],
  ['08.00 น. 23 พ.ย. 2569', '2026-11-23T01:00:00.000Z'],
  ['24/11/2569 16:45', '2026-11-24T09:45:00.000Z'],
  ['2026-11-24 16:45', '2026-11-24T09:45:00.000Z'],
];

describe('property: a story head in any order keeps its lede', () => {
  it('takes the dateline and credit out, leaves a short lede or subhead in the body', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEDES),
        fc.constantFrom(...HEAD_CREDITS),
        fc.constantFrom(...DATELINES),
        fc.integer({ min: 0, max: 3 }),
        (lede, credit, [dateline, when], layout) => {
          const head = [[credit, dateline], [dateline, credit], [`${dateline}\n${credit}`], [`${credit}\n${dateline}`]][layout] as string[];
          const text = ['หัวข้อข่าว', ...head, lede, 'เนื้อหาข่าวย่อหน้าที่สองยาวพอสมควร'].join('\n\n');
          const story = parsePlain(text, 'a.txt', options);
          expect(story.date?.toISOString(), text).toBe(when);
          expect(story.author, text).toBe(author(credit));
          expect(story.contentHtml.split('\n')[0], text).toBe(`<p>${lede}</p>`);
          expect(story.contentHtml).not.toContain(dateline.slice(0, 6));
        },
      ),
      { numRuns: 150 },
    );
  });
});

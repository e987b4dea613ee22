import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/dateline.js';

const bkk = (s: string) => parseDate(s, 'Asia/Bangkok')?.toISOString();

describe('parseDate', () => {
  it.each([
    ['25 พ.ย. 2569', '2026-11-24T17:00:00.000Z'],
    ['25 พฤศจิกายน 2569', '2026-11-24T17:00:00.000Z'],
    ['วันพุธที่ 25 พฤศจิกายน 2569 เวลา 14.30 น.', '2026-11-25T07:30:00.000Z'],
    ['๒๕ พ.ย. ๒๕๖๙ ๑๔.๓๐ น.', '2026-11-25T07:30:00.000Z'],
    ['25 พ.ย. 69', '2026-11-24T17:00:00.000Z'],
    ['1 ม.ค. ค.ศ. 2027', '2026-12-31T17:00:00.000Z'],
    ['2026-11-25', '2026-11-24T17:00:00.000Z'],
    ['2569-11-25', '2026-11-24T17:00:00.000Z'],
    ['2026-11-25T14:30:00Z', '2026-11-25T14:30:00.000Z'],
    ['2026-11-25 14:30+07:00', '2026-11-25T07:30:00.000Z'],
    ['November 25, 2026 2:30 PM', '2026-11-25T07:30:00.000Z'],
    ['Wed, 25 Nov 2026 14:30:00 +0700', '2026-11-25T07:30:00.000Z'],
    ['Published: 25 Nov 2026 09:00 GMT', '2026-11-25T09:00:00.000Z'],
    // Beyond any Buddhist-era year anyone writes: the year as written (then FAR_FUTURE says 9999, not 9456).
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
    ['3099-01-01', '2555-12-31T17:00:00.000Z'],
  ])('%s', (input, expected) => {
    expect(bkk(input)).toBe(expected);
  });

  it.each(['AFP', 'เพิ่มเพื่อน', '31 ก.พ. 2569', '2026-13-01', 'November 25', '25 พ.ย.', 'ผู้นำเกาหลีเหนือ 25 พ.ย. 2569 กล่าวว่า'])(
    'rejects %s',
    (input) => {
      expect(bkk(input)).toBeUndefined();
    },
  );

  it('reads wall-clock times in the given zone, daylight saving included', () => {
    expect(parseDate('2026-07-01 12:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(parseDate('2026-01-01 12:00', 'America/New_York')?.toISOString()).toBe('2026-01-01T17:00:00.000Z');
  });
});

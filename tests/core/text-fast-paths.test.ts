// cleanLine and limitMarks skip their regular expressions for plain lines: the result must be what the full path gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBoilerplate } from '../../src/core/boilerplate-markers.js';
import { MAX_MARKS_PER_BASE, cleanLine, limitMarks, stripForbidden } from '../../src/core/text.js';

/** The full cleaning, without the fast path (as it was written before it). */
const slowClean = (text: string) => stripForbidden(text).normalize('NFC').replace(/[\u200B\u2060\uFEFF]/g, '').replace(/\s+/gu, ' ').trim();

/** The full mark limit: every run of marks longer than the limit cut. */
const slowLimit = (text: string) => {
  let dropped = 0;
  const out = text.replace(new RegExp(`(\\p{M}{${MAX_MARKS_PER_BASE}})\\p{M}+`, 'gu'), (run, kept: string) => {
    dropped += [...run].length - [...kept].length;
    return kept;
  });
  return { text: out, dropped };
};

/** Characters where the fast paths decide: Thai letters and marks, Latin with combining marks, every kind of space, controls, zero-width, surrogates, emoji. */
const PIECES = [
  'ก', 'ข', 'น', 'ำ', 'ั', 'ิ', '่', '้', '๊', '็', '์', 'ฯ', '๙', 'a', 'Z', 'é', 'e\u0301', '\u0301', '\u0308', ':', '：',
  ' ', '  ', '\t', '\n', '\r', '\u00A0', '\u2003', '\u3000', '\u200B', '\u2060', '\uFEFF', '\u200D', '\u0000', '\u0085', '\uFFFE',
  '\uD800', '\uDC00', '😀', '👨‍👩‍👧', 'İ', 'Σ', '\u00AD', '\u2028', '–', '…',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('the fast paths of line cleaning', () => {
  it('cleanLine gives what the full cleaning gives, for any mix of spaces, marks, controls and emoji', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(cleanLine(s)).toBe(slowClean(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('limitMarks gives what the full pattern gives, for Thai stacks of any height and other scripts', () => {
    const stack = fc
      .array(fc.tuple(fc.constantFrom('ก', 'น', 'a', 'e', ' ', '😀'), fc.array(fc.constantFrom('ั', '่', '้', 'ิ', '็', '\u0301', '\u0308'), { maxLength: 8 })), {
        maxLength: 20,
      })
      .map((parts) => parts.map(([base, marks]) => base + marks.join('')).join(''));
    fc.assert(
      fc.property(fc.oneof(text, stack), (s) => {
        expect(limitMarks(s)).toEqual(slowLimit(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds boilerplate with the markers prepared once, whatever order the calls come in', () => {
    const thai = ['เพิ่มเพื่อน', 'ข่าวที่เกี่ยวข้อง'];
    const english = ['Related:', 'Read more'];
    expect(findBoilerplate(['t', 'body', 'ข่าวที่เกี่ยวข้อง', 'x'], thai)).toBe(2);
    expect(findBoilerplate(['t', 'body', 'ข่าวที่เกี่ยวข้อง', 'x'], english)).toBe(-1);
    expect(findBoilerplate(['t', 'Read more : here'], english)).toBe(1);
    expect(findBoilerplate(['t', 'READ MORE'], english)).toBe(1);
    expect(findBoilerplate(['t', 'Read more'], thai)).toBe(-1);
    // A full-width colon, and Turkish capitals (İ lowers to i + U+0307).
    expect(findBoilerplate(['t', 'Read more：Stocks fall'], english)).toBe(1);
    expect(findBoilerplate(['t', 'body', 'İLGİLİ HABERLER'], ['İlgili Haberler'])).toBe(2);
    expect(findBoilerplate(['t', 'body', 'ilgili haberler: x'], ['İlgili Haberler'])).toBe(2);
  });
});

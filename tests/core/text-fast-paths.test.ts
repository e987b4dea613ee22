// cleanLine and limitMarks skip their regular expressions for plain lines: the result must be what the full path gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS, findBoilerplate } from '../../src/core/boilerplate-markers.js';
import { throughNextSpace } from '../../src/core/excerpt.js';
import { summarize } from '../../src/core/summarize.js';
import { htmlToText } from '../../src/core/html-text.js';
import { MAX_MARKS_PER_BASE, cleanLabel, cleanLine, escapeHtml, limitMarks, stripForbidden, toNfc } from '../../src/core/text.js';

/** The full cleaning, without the fast path (vertical tab, form feed and NEL separate words). */
const slowClean = (text: string) => stripForbidden(text.replace(/[\v\f\u0085]/g, ' ')).normalize('NFC').replace(/[\u200B\u2060\uFEFF]/g, '').replace(/\s+/gu, ' ').trim();

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
  ' ', '  ', '\t', '\n', '\r', '\u00A0', '\u2003', '\u3000', '\u200B', '\u2060', '\uFEFF', '\u200D', '\u0000', '\u0085', '\v', '\f', '\uFFFE',
  '\uD800', '\uDC00', '😀', '👨‍👩‍👧', 'İ', 'Σ', '\u00AD', '\u2028', '–', '…',
  // Thai marks NFC reorders (below vowels 103, PHINTHU 9, after tone marks 107), singletons NFC replaces, spaces at the edges of ranges.
  'ุ', 'ู', 'ฺ', '๋', '\u2000', '\u2126', '\u0340', '\u1680', '\u202F', '\u205F', '\u2029', '\u2027', '\u2030', '\u205E',
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

  it('toNfc is NFC for every character and every pair of characters it may keep as they are', () => {
    const kept: string[] = [];
    const add = (from: number, to: number) => {
      for (let c = from; c <= to; c++) kept.push(String.fromCharCode(c));
    };
    add(0, 0x2ff);
    add(0x0e00, 0x0e7f);
    add(0x2010, 0x2027);
    add(0x2030, 0x205e);
    let wrong = 0;
    for (const a of kept) {
      if (toNfc(a) !== a.normalize('NFC')) wrong++;
      // Thai and a few Latin and punctuation neighbours: every order of two marks, and a mark after any of them.
      for (const b of kept) if (toNfc(a + b) !== (a + b).normalize('NFC')) wrong++;
    }
    expect(wrong).toBe(0);
    // Out of order: below vowel after a tone mark, PHINTHU after a below vowel.
    expect(toNfc('ก\u0e48\u0e38')).toBe('ก\u0e38\u0e48');
    expect(toNfc('ก\u0e38\u0e3a')).toBe('ก\u0e3a\u0e38');
  });

  it('htmlToText reads plain paragraphs as the HTML parser does', () => {
    const paragraph = fc.array(fc.constantFrom(...PIECES, '&', '<', '>', '"', "'", 'x', 'ก่'), { maxLength: 12 }).map((p) => `<p>${escapeHtml(p.join(''))}</p>`);
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 6 }), fc.constantFrom('\n', ''), (ps, joint) => {
        const html = ps.join(joint);
        // A trailing empty element sends the same HTML the parser's way.
        expect(htmlToText(html)).toBe(htmlToText(`${html}<i></i>`));
      }),
      { numRuns: 3000 },
    );
  });

  it('segments Thai words at a cut the same in the text through its next space as in all of it', () => {
    const words = ['กรุงเทพมหานคร', 'ได้', 'เตรียม', 'เครื่อง', 'สูบน้ำ', 'และ', 'เจ้าหน้าที่', 'น้ำท่วม', '700', '3.5', "don't", 'U.S.', 'e-mail', ',', '.', ':', '-', '(', ')', 'ๆ', '1,000', 'ก่', '😀', 'ฯ', ' '];
    const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 80 }), fc.nat(), (parts, n) => {
        const t = parts.join('');
        const at = n % t.length;
        expect(segmenter.segment(throughNextSpace(t, at)).containing(at)?.index).toBe(segmenter.segment(t).containing(at)?.index);
      }),
      { numRuns: 3000 },
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

  it('finds boilerplate from a line\'s opening words exactly as from the whole line', () => {
    // The rules of findBoilerplate over the whole line, without its look at the opening words.
    const norm = (t: string) => {
      let l = cleanLine(t).toLowerCase();
      if (l.includes('\u0307')) l = l.replace(/i\u0307/g, 'i');
      return l.includes(':') || l.includes('：') ? l.replace(/\s*[:：]/gu, ':') : l;
    };
    const slowMatch = (line: string, markers: readonly string[]) => {
      const list = markers.map(norm).filter((m) => m !== '');
      const exact = new Set(list.map((m) => m.replace(/[:：]$/u, '')));
      const thai = list.filter((m) => /[ก-๙]/u.test(m) && !m.endsWith(':')).map((m) => m.replace(/[:：]$/u, ''));
      const longest = Math.max(0, ...list.map((m) => m.length)) + 8;
      const l = norm(line.length > 400 ? line.slice(0, 400) : line);
      if (l.length <= 120 && /^(?:กด|คลิก)?\s?(?:เพิ่มเพื่อน|ติดตาม[^\n]{0,80}?(?:facebook|\bline\b|twitter|youtube|tiktok|instagram|@))/iu.test(l)) return true;
      if (exact.has(l.replace(/[:：]$/u, ''))) return true;
      const head = l.slice(0, longest);
      if (head.includes(':') && list.map((m) => (m.endsWith(':') ? m : `${m}:`)).some((m) => head.startsWith(m))) return true;
      return l.length <= 120 && thai.some((m) => l.startsWith(m) && /^(?:$|[^ก-๙]|ได้ที่|ได้ทาง|คลิก)/u.test(l.slice(m.length)));
    };
    const markers = [...DEFAULT_BOILERPLATE_MARKERS, 'İlgili Haberler', 'a much longer custom marker of the desk:'];
    const pieces = ['ข่าว', 'ที่เกี่ยวข้อง', 'อ่าน', 'เพิ่มเติม', 'เพิ่มเพื่อน', 'กด', 'ติดตาม', 'ทาง facebook', 'Read', 'more', 'İLGİLİ', 'haberler', ':', ' : ', '：', ' ', '  ', '\u200B', '\t', 'e\u0301', 'ได้ที่', 'ประธานาธิบดีคิมต้องการให้การเจรจา', 'share', 'Tags:', 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const line = parts.join('');
        expect(findBoilerplate(['title', line], markers) === 1).toBe(slowMatch(line, markers));
      }),
      { numRuns: 4000 },
    );
  });
});

describe('characters that separate words or turn text around', () => {
  it('reads a vertical tab, a form feed and NEL between words as a space, not as nothing', () => {
    expect(cleanLine('seps\u0085nel a\fb c\vd')).toBe('seps nel a b c d');
  });

  it('drops bidi controls from a summary made from the body', () => {
    expect(summarize('<p>body \u202e rev \u2066x\u2069</p>', 'T')).toBe('body rev x');
  });
});

describe('cleanLabel', () => {
  it('leaves no outer or double space where it removed a bidi control (a credit read " AFP ")', () => {
    const warnings: string[] = [];
    const warn = (w: { message: string }) => void warnings.push(w.message);
    expect(cleanLabel('\u2066 AFP \u2069', 'credit', warn)).toBe('AFP');
    expect(cleanLabel('Bangkok \u202E Post', 'credit', warn)).toBe('Bangkok Post');
    expect(warnings).toHaveLength(2);
  });
});

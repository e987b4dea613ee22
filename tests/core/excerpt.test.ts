import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/core/excerpt.js';
import { htmlToText } from '../../src/core/html-text.js';
import { summarize } from '../../src/core/summarize.js';
import { cleanLine } from '../../src/core/text.js';

const graphemes = (s: string) => [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

/**
 * The excerpt as ICU alone would cut it: every grapheme from Intl.Segmenter (what excerpt did
 * before its fast path for Thai and Latin text), the word boundary from iterating the words.
 */
function icuExcerpt(text: string, max: number): string {
  const clean = cleanLine(text);
  const maxBytes = max * 6;
  let count = 0;
  let bytes = 0;
  let cut = clean.length;
  let over = false;
  for (const { index, segment } of new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(clean)) {
    const size = Buffer.byteLength(segment);
    if (count === max - 1 || (cut === clean.length && bytes + size > maxBytes - 3)) cut = Math.min(cut, index);
    count++;
    bytes += size;
    if (count > max || bytes > maxBytes) {
      over = true;
      break;
    }
  }
  if (!over) return clean;
  let end = 0;
  for (const { index, segment } of new Intl.Segmenter('th', { granularity: 'word' }).segment(clean)) {
    if (index + segment.length > cut) break;
    end = index + segment.length;
  }
  return `${clean.slice(0, end > 0 ? end : cut).replace(/[\s,;:、，.。\-–—]+$/u, '')}…`;
}

describe('excerpt', () => {
  it('cuts Thai and Latin text exactly where ICU alone would (its fast path finds the same graphemes)', () => {
    const pieces = [...'กขคงจฉชซญฎฐณดตถทธนบปผพฟภมยรลวศษสหฬอฮะัาำิีึืุูเแโใไๅๆ็่้๊๋์ํ๎๏๑๒ ', 'a', 'B', ' ', '7', '.', ',', '“', '”', '—', '…', 'é', 'ß', '\u0301', '😀', '👍🏽', '한', 'x\u0e31'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 600 }), fc.integer({ min: 1, max: 250 }), (parts, max) => {
        const text = parts.join('');
        expect(excerpt(text, max)).toBe(icuExcerpt(text, max));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 1, max: 250 }), (text, max) => {
        expect(excerpt(text, max)).toBe(icuExcerpt(text, max));
      }),
      { numRuns: 500 },
    );
  });

  it('settles a long text from its opening exactly as from the whole (the quick path)', () => {
    // Words of Thai, Latin, marks and white space, thousands of code units long: the opening the
    // quick path reads ends before a space, and any text it cannot settle takes the whole way.
    const words = ['ประธานาธิบดี', 'ต้องการ', 'เจรจา', 'ก\u0E48\u0E48', 'news', 'e\u0301', '😀', '\u200B', 'x', 'เพิ่มเพื่อน'];
    const gaps = [' ', '  ', '\n', '\u00A0', '', '\u000B'];
    const word = fc.tuple(fc.constantFrom(...words), fc.constantFrom(...gaps)).map(([w, g]) => w + g);
    fc.assert(
      fc.property(fc.array(word, { minLength: 50, maxLength: 700 }), fc.integer({ min: 1, max: 250 }), (parts, max) => {
        const text = parts.join('');
        expect(excerpt(text, max)).toBe(icuExcerpt(text, max));
      }),
      { numRuns: 400 },
    );
  });

  it('summarizes from the opening of a long body exactly as from all of its text', () => {
    const paragraph = fc
      .array(fc.constantFrom('ประธานาธิบดีคิม', 'ต้องการ ', 'เจรจา', ' ', 'news ', '&amp; ', '<b>bold</b> ', '<a href="https://x.test/?a=1&amp;b=2">link</a>', '\u202E'), {
        minLength: 1,
        maxLength: 60,
      })
      .map((parts) => parts.join(''));
    const block = fc.oneof(
      paragraph.map((p) => `<p>${p}</p>`),
      paragraph.map((p) => `<blockquote><p>${p}</p><p>${p}</p></blockquote>`),
      paragraph.map((p) => `<ul><li>${p}</li><li><p>${p}</p></li></ul>`),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 40 }), (blocks) => {
        const html = blocks.join('\n');
        const text = htmlToText(html).replace(/[\u202A-\u202E\u2066-\u2069]/gu, '').trim();
        expect(summarize(html, 'title')).toBe(excerpt(text === '' ? 'title' : text));
        expect(summarize(html, 'title')).toBe(icuExcerpt(text === '' ? 'title' : text, 200));
      }),
      { numRuns: 400 },
    );
  });

  it('leaves short text alone, NFC and without zero-width spaces', () => {
    expect(excerpt('ก\u200Bา  ร\u0E48', 50)).toBe('กา ร\u0E48');
    expect(excerpt('e\u0301', 50)).toBe('\u00e9');
  });

  it('cuts Thai between words, never inside one', () => {
    const text = 'ประธานาธิบดีคิมต้องการให้การเจรจาเช่นนี้ดำเนินต่อไป';
    const out = excerpt(text, 20);
    const words = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map((s) => s.segment);
    const kept = out.slice(0, -1);
    let acc = '';
    const prefixes = new Set(words.map((w) => (acc += w)));
    expect(prefixes.has(kept)).toBe(true);
    expect(out.endsWith('…')).toBe(true);
  });

  it('never orphans a combining mark, whatever the text and limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 2, max: 80 }), (text, max) => {
        const out = excerpt(text, max);
        expect(graphemes(out).length).toBeLessThanOrEqual(max);
        const source = graphemes(
          text
            .normalize('NFC')
            .replace(/[\u200B\u2060\uFEFF]/g, '')
            .replace(/\s+/gu, ' ')
            .trim(),
        );
        // A cut excerpt ends with the '…' it added; the rest is kept text.
        const cut = out !== source.join('');
        if (cut) expect(out.endsWith('…')).toBe(true);
        const kept = graphemes(cut ? out.slice(0, -1) : out);
        // Every kept grapheme is a whole grapheme of the source, in order: the kept text is a prefix of the source's graphemes.
        expect(kept).toEqual(source.slice(0, kept.length));
      }),
      { numRuns: 300 },
    );
  });
});

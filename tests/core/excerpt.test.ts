import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt } from '../../src/core/excerpt.js';

const graphemes = (s: string) => [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('excerpt', () => {
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

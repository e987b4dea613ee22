// Thai-safe excerpts: cut on word boundaries (Intl.Segmenter), never inside a grapheme cluster.
import { cleanLine } from './text.js';

const wordSegmenters = new Map<string, Intl.Segmenter>();
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

function wordSegmenter(locale: string): Intl.Segmenter {
  let s = wordSegmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    wordSegmenters.set(locale, s);
  }
  return s;
}

/**
 * Shorten `text` to at most `maxGraphemes` user-perceived characters (default 200), ending on a
 * word boundary found by the ICU word breaker (which knows Thai words although Thai has no
 * spaces), then `…`. NFC, zero-width characters removed, white space folded.
 * A single word longer than the limit is cut on a grapheme boundary, so no mark is orphaned.
 */
export function excerpt(text: string, maxGraphemes = 200, locale = 'th'): string {
  const clean = cleanLine(text);
  if (countGraphemes(clean, maxGraphemes + 1) <= maxGraphemes) return clean;
  let out = '';
  let used = 0;
  for (const { segment } of wordSegmenter(locale).segment(clean)) {
    const n = countGraphemes(segment, Number.POSITIVE_INFINITY);
    if (used + n > maxGraphemes - 1) break;
    out += segment;
    used += n;
  }
  if (out.trim() === '') {
    out = '';
    used = 0;
    for (const { segment } of graphemes.segment(clean)) {
      if (used + 1 > maxGraphemes - 1) break;
      out += segment;
      used++;
    }
  }
  return `${out.replace(/[\s,;:、，.。\-–—]+$/u, '')}…`;
}

function countGraphemes(text: string, stopAt: number): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) {
    n++;
    if (n >= stopAt) break;
  }
  return n;
}

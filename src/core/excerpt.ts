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
  // Only a prefix can matter: no grapheme cluster in real text is longer than 16 code units.
  const limit = maxGraphemes * 16 + 64;
  let clean = cleanLine(text.length > limit ? text.slice(0, limit) : text);
  let { count, cut } = findCut(clean, maxGraphemes);
  if (count <= maxGraphemes && text.length > limit) {
    // The prefix was mostly white space: look at the whole text after all.
    clean = cleanLine(text);
    ({ count, cut } = findCut(clean, maxGraphemes));
  }
  if (count <= maxGraphemes) return clean;
  // The last word boundary at or before the cut, from segmenting the text itself (a cut-off
  // string would be segmented differently near its end); word boundaries are grapheme boundaries.
  let end = 0;
  for (const { index, segment } of wordSegmenter(locale).segment(clean)) {
    if (index + segment.length > cut) break;
    end = index + segment.length;
  }
  const kept = clean.slice(0, end > 0 ? end : cut);
  return `${kept.replace(/[\s,;:、，.。\-–—]+$/u, '')}…`;
}

/** Graphemes counted (up to max + 1) and the code-unit offset after the first max - 1 of them. */
function findCut(text: string, max: number): { count: number; cut: number } {
  let count = 0;
  let cut = text.length;
  for (const { index } of graphemes.segment(text)) {
    if (count === max - 1) cut = index;
    count++;
    if (count > max) break;
  }
  return { count, cut };
}

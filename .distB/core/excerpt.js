// Thai-safe excerpts: cut on word boundaries (Intl.Segmenter), never inside a grapheme cluster.
import { cleanLine } from './text.js';
const wordSegmenters = new Map();
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });
function wordSegmenter(locale) {
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
export function excerpt(text, maxGraphemes = 200, locale = 'th', maxBytes = maxGraphemes * 6) {
    return quickExcerpt(text, maxGraphemes, locale, maxBytes) ?? wholeExcerpt(text, maxGraphemes, locale, maxBytes);
}
/**
 * The excerpt from a short opening of `text`, or undefined when that opening cannot settle it.
 * A story's text is thousands of characters and its excerpt a few hundred: cleaning all of it
 * was a sixth of a parse. The opening ends just before a space of `text`, so it cleans to an
 * exact prefix of the cleaned whole (NFC never composes across a space, and no pair or cluster is
 * split). It settles the excerpt when the text is over the limit within it and the word breaker's
 * view past the cut (throughNextSpace) lies inside it: then every input is the whole text's.
 */
export function quickExcerpt(text, maxGraphemes = 200, locale = 'th', maxBytes = maxGraphemes * 6) {
    const from = maxGraphemes * 2;
    const end = text.indexOf(' ', from);
    if (end < 0 || end > from * 2)
        return undefined;
    const clean = cleanLine(text.slice(0, end));
    const { cut, over } = findCut(clean, maxGraphemes, maxBytes);
    if (!over)
        return undefined;
    const space = clean.indexOf(' ', cut + 1);
    if (space < 0 || space + 4 > clean.length)
        return undefined;
    return cutAt(clean, cut, locale);
}
/** The excerpt from cleaning (a long prefix of) the whole text. */
function wholeExcerpt(text, maxGraphemes, locale, maxBytes) {
    // Only a prefix can matter: no grapheme cluster in real text is longer than 16 code units.
    const limit = maxGraphemes * 16 + 64;
    let clean = cleanLine(text.length > limit ? text.slice(0, limit) : text);
    let { cut, over } = findCut(clean, maxGraphemes, maxBytes);
    if (!over && text.length > limit) {
        // The prefix was mostly white space (or marks): look at the whole text after all.
        clean = cleanLine(text);
        ({ cut, over } = findCut(clean, maxGraphemes, maxBytes));
    }
    return over ? cutAt(clean, cut, locale) : clean;
}
/**
 * `clean` cut at the last word boundary at or before `cut` (the start of the word the cut falls
 * in), then `…`. The boundary comes from segmenting the text itself: a string cut off inside a
 * word would be segmented differently near its end. Word boundaries are grapheme boundaries.
 */
function cutAt(clean, cut, locale) {
    // From the last space before the cut: ICU's word rules look at most two characters back (and
    // not past a space), and a run of Thai letters, which its dictionary splits, ends at a space.
    // Segmenting from the text's start cost the run of every word before the cut.
    const from = Math.max(0, clean.lastIndexOf(' ', cut - 1));
    const at = wordSegmenter(locale).segment(throughNextSpace(clean, cut).slice(from)).containing(cut - from)?.index;
    const end = at === undefined ? 0 : from + at;
    const kept = clean.slice(0, end > 0 ? end : cut);
    return `${kept.replace(/[\s,;:、，.。\-–—]+$/u, '')}…`;
}
/**
 * `clean` up to a little past its first space after `at`: ICU finds Thai words within a run of
 * Thai letters (a space ends it) and its other rules look two characters on, so the text after
 * that cannot move a boundary at or before `at`. Segmenting all of a long text cost more than
 * the rest of its excerpt.
 */
export function throughNextSpace(clean, at) {
    const space = clean.indexOf(' ', at + 1);
    return space < 0 ? clean : clean.slice(0, space + 4);
}
/**
 * Text of Thai and Latin letters, digits and punctuation only (after cleanLine: no controls, no
 * zero-width characters, no surrogates). In it, by Unicode's grapheme cluster rules (UAX #29), a
 * cluster is one character and the Thai marks after it (Extend, and SARA AM, a SpacingMark): no
 * Prepend, no Hangul, no emoji, no joiners. So a walk over the code units finds the same clusters
 * as ICU, without Intl.Segmenter's one object per cluster.
 */
const SIMPLE_TEXT = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u024F\u0E01-\u0E3A\u0E3F-\u0E5B\u2010-\u2027\u2030-\u205E]*$/;
const isThaiMark = (c) => c === 0x0e31 || (c >= 0x0e33 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e);
/**
 * Whether the text is over `max` graphemes or `maxBytes` UTF-8 bytes, and the code-unit offset
 * where a cut leaves room for the ellipsis (one grapheme, three bytes).
 */
function findCut(text, max, maxBytes) {
    if (!SIMPLE_TEXT.test(text))
        return findCutBy(graphemes.segment(text), text.length, max, maxBytes);
    let count = 0;
    let bytes = 0;
    let cut = text.length;
    for (let i = 0; i < text.length;) {
        const index = i;
        let size = 0;
        do {
            const c = text.charCodeAt(i++);
            size += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        } while (i < text.length && isThaiMark(text.charCodeAt(i)));
        if (count === max - 1 || (cut === text.length && bytes + size > maxBytes - 3))
            cut = Math.min(cut, index);
        count++;
        bytes += size;
        if (count > max || bytes > maxBytes)
            return { cut, over: true };
    }
    return { cut, over: false };
}
/** findCut over any text: ICU's grapheme clusters. */
function findCutBy(clusters, length, max, maxBytes) {
    let count = 0;
    let bytes = 0;
    let cut = length;
    for (const { index, segment } of clusters) {
        const size = utf8Length(segment);
        if (count === max - 1 || (cut === length && bytes + size > maxBytes - 3))
            cut = Math.min(cut, index);
        count++;
        bytes += size;
        if (count > max || bytes > maxBytes)
            return { cut, over: true };
    }
    return { cut, over: false };
}
/** UTF-8 bytes of a string (no Buffer: the core runs anywhere). */
function utf8Length(text) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80)
            n += 1;
        else if (c < 0x800)
            n += 2;
        else if (c >= 0xd800 && c <= 0xdbff) {
            n += 4;
            i++;
        }
        else
            n += 3;
    }
    return n;
}
//# sourceMappingURL=excerpt.js.map
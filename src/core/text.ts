// Character-level hygiene shared by every renderer: XML-forbidden characters, escaping, normalisation.
import { ProblemCode, type StoryWarning } from './model.js';

/**
 * Characters XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets): C0 controls other than
 * TAB/LF/CR, lone surrogates, U+FFFE and U+FFFF. C1 controls are legal but never meant in a story.
 */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Zero-width characters that only get in the way of search and excerpts; ZWJ/ZWNJ are kept (emoji, Persian). */
const ZERO_WIDTH = /[\u200B\u2060\uFEFF]/g;

/** Cheap pre-check: almost all text has none of these, and then the costlier pattern need not run. */
const MAYBE_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Controls that separate words (vertical tab, form feed, NEL): forbidden or C1, they become spaces, not nothing. */
const SEPARATING_CONTROLS = /[\u000B\u000C\u0085]/g;

/** Remove every character XML 1.0 forbids (and C1 controls); the three that separate words become spaces. */
export function stripForbidden(text: string): string {
  return MAYBE_FORBIDDEN.test(text) ? text.replace(SEPARATING_CONTROLS, ' ').replace(XML_FORBIDDEN, '') : text;
}

/** Count of characters `stripForbidden` would remove. */
export function countForbidden(text: string): number {
  return MAYBE_FORBIDDEN.test(text) ? (text.match(XML_FORBIDDEN)?.length ?? 0) : 0;
}

/**
 * Anything cleanLine would change besides NFC: controls, surrogates (also of valid pairs: only a
 * pre-check), zero-width characters, white space other than single inner spaces. Most lines of
 * a story have none; NFC neither adds nor removes any of these.
 */
const NEEDS_CLEANING = /[\u0000-\u001F\u007F-\u009F\u200B\u2060\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]|[^\S ]| {2}|^ | $/;

/** NFC, no forbidden or zero-width characters, runs of white space folded to one space, trimmed. */
export function cleanLine(text: string): string {
  if (isCleanLine(text)) return text;
  if (!NEEDS_CLEANING.test(text)) return toNfc(text);
  return toNfc(stripForbidden(text)).replace(ZERO_WIDTH, '').replace(/\s+/gu, ' ').trim();
}

/**
 * True when cleanLine would return `text` as it is, shown cheaply: single inner spaces only, no
 * control, zero-width or other white-space character, and the simple NFC of `toNfc`. One pass
 * over the code units, where NEEDS_CLEANING and `toNfc` were two (a story's lines are cleaned
 * several times over: for markers, datelines, credits and paragraphs).
 */
function isCleanLine(text: string): boolean {
  const last = text.length - 1;
  let previous = 0;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === last || text.charCodeAt(i - 1) === 0x20) return false;
    } else if (c < 0x20 || (c >= 0x7f && c <= 0xa0)) {
      return false;
    } else if (c >= 0x0e00 && c <= 0x0e7f) {
      const ccc = THAI_CCC[c - 0x0e00] as number;
      if (ccc !== 0 && previous > ccc) return false;
      previous = ccc;
      continue;
    } else if (!composesNever(c)) {
      // Outside Latin, Thai and general punctuation (and U+2028, U+2029 white space): the full way.
      return false;
    }
    previous = 0;
  }
  return true;
}

/**
 * `text.normalize('NFC')`, without ICU for text already in NFC that shows it simply: Latin
 * below U+0300, general punctuation and Thai. None of these decomposes or composes, so such a
 * text is in NFC unless two adjacent Thai marks of non-zero combining class stand out of order
 * (below vowels 103, tone marks 107, PHINTHU 9), which NFC would reorder. `normalize` was a
 * tenth of a parse.
 */
export function toNfc(text: string): string {
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let ccc = 0;
    if (c >= 0x0e00 && c <= 0x0e7f) ccc = THAI_CCC[c - 0x0e00] as number;
    else if (!composesNever(c)) return text.normalize('NFC');
    if (ccc !== 0 && previous > ccc) return text.normalize('NFC');
    previous = ccc;
  }
  return text;
}

/** Latin below U+0300 and general punctuation but U+2028–U+202F (separators, bidi controls, narrow no-break space): NFC never changes them. */
function composesNever(c: number): boolean {
  return c < 0x300 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e);
}

/** Canonical combining classes of the Thai block (UnicodeData.txt): U+0E38–U+0E39 103, U+0E3A 9, U+0E48–U+0E4B 107, the rest 0. */
const THAI_CCC = Array.from({ length: 0x80 }, (_, i) => {
  const c = 0x0e00 + i;
  return c === 0x0e38 || c === 0x0e39 ? 103 : c === 0x0e3a ? 9 : c >= 0x0e48 && c <= 0x0e4b ? 107 : 0;
});

// A raw CR would be turned into LF by every XML parser (XML 1.0 §2.11); a reference survives.
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };

/** `text` with Thai digits (๐-๙) as Arabic ones, which the date and time readers read. */
export function arabicDigits(text: string): string {
  return text.replace(/[๐-๙]/gu, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/** Escape for XML text and attribute values; forbidden characters are dropped first. */
export function escapeXml(text: string): string {
  return stripForbidden(text).replace(/[&<>"'\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for HTML text and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripForbidden(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Bidi embedding and override controls (U+202A–U+202E) and isolates (U+2066–U+2069): they can reverse how a title reads. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;

/** `text` without bidi controls: for a summary made from a story's body, a label as much as its title. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * What joins two lines of one paragraph: a space, except where the break falls inside a Thai
 * syllable (text hard-wrapped at a fixed width by `fold` or an old CMS export). Thai writes no
 * space between words, and a space there would split the word (and show a vowel sign or tone
 * mark on a dotted circle). Inside a syllable for certain: the next line starts with a sign that
 * follows its consonant (U+0E30-U+0E3A, U+0E45, U+0E47-U+0E4E), or the line ends with a vowel
 * written before its consonant (U+0E40-U+0E44). Any other break stays a space: tools that wrap
 * at a width break at the spaces Thai writes between phrases, and those must come back.
 */
export function lineJoint(before: string, after: string, fixedWidth = false): '' | ' ' {
  const last = before.charCodeAt(before.length - 1);
  const first = after.charCodeAt(0);
  if (last >= 0x0e40 && last <= 0x0e44) return '';
  if ((first >= 0x0e30 && first <= 0x0e3a) || first === 0x0e45 || (first >= 0x0e47 && first <= 0x0e4e)) return '';
  // Cut at a width, not at a space: between two Thai letters the break is inside a phrase.
  if (fixedWidth && last >= 0x0e01 && last <= 0x0e4e && first >= 0x0e01 && first <= 0x0e4e) return '';
  return ' ';
}

/**
 * True when the lines of one paragraph were cut at a fixed width: every line but the last as
 * wide as the others (in columns: Thai vowel signs and tone marks take none), two or more of
 * them, at least 20 columns. Lines wrapped at spaces, or one sentence a line, differ in width.
 */
export function cutAtFixedWidth(lines: readonly string[]): boolean {
  if (lines.length < 3) return false;
  const widths = lines.slice(0, -1).map((line) => {
    let width = 0;
    for (const ch of line.trim()) if (!isThaiMark(ch.charCodeAt(0))) width++;
    return width;
  });
  return widths[0] as number >= 20 && widths.every((w) => w === widths[0]);
}

const isThaiMark = (c: number) => c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e);

/** Combining marks kept on one base character: Thai stacks at most three (ที่, กั๊), Vietnamese two. */
export const MAX_MARKS_PER_BASE = 4;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_MARKS_PER_BASE}})\\p{M}+`, 'gu');

/** Drop combining marks beyond `MAX_MARKS_PER_BASE` on one base character ("Zalgo" text); returns how many went. */
export function limitMarks(text: string): { text: string; dropped: number } {
  if (!mayHaveLongMarkRun(text)) return { text, dropped: 0 };
  let dropped = 0;
  const out = text.replace(MARK_RUN, (run, kept: string) => {
    dropped += [...run].length - [...kept].length;
    return kept;
  });
  return { text: out, dropped };
}

/**
 * False when the text is Thai and Latin letters, digits, punctuation and spaces only (the
 * combining marks among them are Thai: U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E) and no run of
 * marks is longer than MAX_MARKS_PER_BASE. A loop over code units, cheaper than \p{M}.
 */
function mayHaveLongMarkRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e)) {
      if (++run > MAX_MARKS_PER_BASE) return true;
      continue;
    }
    run = 0;
    const simple =
      (c >= 0x20 && c <= 0x7e) ||
      (c >= 0xa0 && c <= 0x24f && c !== 0xad) ||
      (c >= 0x0e01 && c <= 0x0e5b) ||
      (c >= 0x2010 && c <= 0x205e);
    if (!simple) return true;
  }
  return false;
}

/**
 * A one-line label a reader sees (title, author, summary): `cleanLine`, bidi controls removed,
 * combining-mark runs bounded. `warn` hears what was dropped.
 */
export function cleanLabel(text: string, field: string, warn: (warning: StoryWarning) => void): string {
  const line = cleanLine(text);
  const bidi = line.match(BIDI_CONTROLS)?.length ?? 0;
  // Cleaned again without them: a control between two spaces, or at an end beside one, left a double or outer space.
  const { text: bounded, dropped } = limitMarks(bidi > 0 ? cleanLine(withoutBidiControls(line)) : line);
  if (bidi > 0)
    warn({
      code: ProblemCode.CharsRemoved,
      message: `${field}: removed ${bidi} bidirectional control character${bidi === 1 ? '' : 's'} (U+202A–U+202E, U+2066–U+2069)`,
    });
  if (dropped > 0)
    warn({ code: ProblemCode.MarksDropped, message: `${field}: dropped ${dropped} combining marks beyond ${MAX_MARKS_PER_BASE} on one character` });
  return bounded;
}

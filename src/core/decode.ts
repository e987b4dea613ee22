// Bytes → text: BOMs, strict UTF-8, legacy Thai (TIS-620 / windows-874) detection, newlines.
import { isUtf8 } from 'node:buffer';
import { ArticleError } from './errors.js';
import { ProblemCode, type StoryWarning } from './model.js';
import { countForbidden, stripForbidden } from './text.js';
import { utf8Text } from './utf8.js';

export interface Decoded {
  text: string;
  /** The encoding the bytes were read as. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-874';
  warnings: StoryWarning[];
}

/**
 * Decode an article's bytes. UTF-8 (with or without BOM) is expected; UTF-16 with a BOM and
 * legacy Thai (TIS-620 and its superset windows-874) are recognised. Line ends become LF and
 * characters XML forbids are removed (with a warning). Throws ArticleError for binary data,
 * empty files and bytes that are neither valid UTF-8 nor plausible Thai.
 */
export function decodeArticle(bytes: Uint8Array, file?: string): Decoded {
  const warnings: StoryWarning[] = [];
  let text: string;
  let encoding: Decoded['encoding'];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    text = decodeUtf8(bytes.subarray(3), file, 3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = decodeStrict('utf-16le', bytes.subarray(2), file);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = decodeStrict('utf-16be', bytes.subarray(2), file);
  } else {
    assertNotBinary(bytes, file);
    // isUtf8 is native and fast; the JS scan runs only to say where a bad byte is.
    const invalidAt = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
    if (invalidAt < 0) {
      encoding = 'utf-8';
      text = utf8Text(bytes);
    } else if (mostlyNotUtf8(bytes) && looksLikeThai874(bytes)) {
      encoding = 'windows-874';
      text = new TextDecoder('windows-874').decode(bytes);
      warnings.push({ code: ProblemCode.LegacyEncoding, message: 'read as legacy Thai (TIS-620/windows-874); save as UTF-8 to be sure' });
    } else {
      const truncated = invalidAt >= bytes.length - 3 && isTruncatedSequence(bytes, invalidAt);
      throw new ArticleError(
        ProblemCode.BadEncoding,
        truncated
          ? `ends in the middle of a UTF-8 character at byte ${invalidAt} (file still being written?)`
          : `invalid UTF-8 at byte ${invalidAt}, and not legacy Thai (TIS-620/windows-874) either`,
        file,
      );
    }
  }
  // Unicode's own line and paragraph separators, and NEL, end lines too: read as spaces, a whole
  // story became its title, its embargo line with it, and went out at once (attack trial).
  text = text.replace(/\r\n?/g, '\n');
  // Tested apart: one pattern with both took twice the time of the first alone on every story.
  if (OTHER_LINE_ENDS.test(text)) text = text.replace(/[\u0085\u2028\u2029]/g, '\n');
  const forbidden = countForbidden(text);
  if (forbidden > 0) {
    const spaced = /[\v\f]/.test(text) ? ' (vertical tabs and form feeds became spaces)' : '';
    text = stripForbidden(text);
    warnings.push({
      code: ProblemCode.CharsRemoved,
      message: `removed ${forbidden} control or non-character code point(s) that XML forbids${spaced}`,
    });
  }
  if (text.trim() === '') throw new ArticleError(ProblemCode.Empty, 'file is empty or white space only', file);
  return { text, encoding, warnings };
}

const OTHER_LINE_ENDS = /[\u0085\u2028\u2029]/;

function decodeUtf8(bytes: Uint8Array, file: string | undefined, offset: number): string {
  const at = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (at >= 0) throw new ArticleError(ProblemCode.BadEncoding, `invalid UTF-8 at byte ${at + offset}`, file);
  return utf8Text(bytes);
}

function decodeStrict(label: 'utf-16le' | 'utf-16be', bytes: Uint8Array, file: string | undefined): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch (cause) {
    // The byte in the file (after its 2-byte mark), as for UTF-8: the editor goes to it (new-user trial: "invalid utf-16le" alone).
    throw new ArticleError(ProblemCode.BadEncoding, `invalid ${label.toUpperCase()}: ${utf16Fault(bytes, label === 'utf-16le', 2)}`, file, {
      cause,
    });
  }
}

/** Where UTF-16 stops being UTF-16: a half surrogate pair, or an odd byte at the end. */
function utf16Fault(bytes: Uint8Array, little: boolean, offset: number): string {
  const units = bytes.length >> 1;
  const unit = (i: number) =>
    little
      ? (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8)
      : ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number);
  for (let i = 0; i < units; i++) {
    const c = unit(i);
    if (c >= 0xdc00 && c <= 0xdfff) return `a lone low surrogate at byte ${2 * i + offset}`;
    if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 >= units) return `ends in the middle of a character at byte ${2 * i + offset} (file still being written?)`;
      const next = unit(i + 1);
      if (next < 0xdc00 || next > 0xdfff) return `a lone high surrogate at byte ${2 * i + offset}`;
      i++;
    }
  }
  return bytes.length % 2 === 1
    ? `an odd last byte at byte ${bytes.length - 1 + offset} (file still being written?)`
    : `at an unknown byte`;
}

/**
 * UTF-16 saved without its byte order mark (attack trial: reported as binary with no hint): the
 * NULs of its line ends and spaces fall on one side of each pair only, and every pair reads as a
 * character of a script (no NUL pair). The first 2 KB decide.
 */
function utf16Without(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  const sample = bytes.subarray(0, 2048 - (Math.min(bytes.length, 2048) % 2));
  let odd = 0;
  let even = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    const [a, b] = [sample[i] as number, sample[i + 1] as number];
    if (a === 0 && b === 0) return undefined;
    if (a === 0) even++;
    if (b === 0) odd++;
  }
  const pairs = sample.length / 2;
  // Two at least: one NUL in a short UTF-8 file was called UTF-16 (attack trial).
  if (odd >= 2 && even === 0 && odd >= pairs / 64) return 'UTF-16LE';
  if (even >= 2 && odd === 0 && even >= pairs / 64) return 'UTF-16BE';
  return undefined;
}

/** NUL bytes, or many C0 controls, mean this is not a text file at all. */
function assertNotBinary(bytes: Uint8Array, file: string | undefined): void {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = utf16Without(bytes);
    if (utf16) {
      throw new ArticleError(
        ProblemCode.Binary,
        `looks like ${utf16} text without a byte order mark (NUL byte at ${nul}); save it as UTF-8 (or UTF-16 with its mark)`,
        file,
      );
    }
    throw new ArticleError(ProblemCode.Binary, `binary data (NUL byte at ${nul}); not a text article`, file);
  }
  const sample = bytes.subarray(0, 2048);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  if (sample.length > 0 && controls / sample.length > 0.1) {
    throw new ArticleError(ProblemCode.Binary, 'binary data (too many control bytes); not a text article', file);
  }
}

/** Index of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    // Second-byte ranges that exclude overlongs, surrogates and code points above U+10FFFF.
    const min = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    if (b === 0xed) max = 0x9f;
    if (b === 0xf4) max = 0x8f;
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < min || second > max) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** True when the bytes from `at` are a valid prefix of a UTF-8 sequence cut off by the end of the file. */
function isTruncatedSequence(bytes: Uint8Array, at: number): boolean {
  const lead = bytes[at] as number;
  const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc2 ? 1 : -1;
  if (need < 0 || at + need < bytes.length) return false;
  for (let k = at + 1; k < bytes.length; k++) {
    const c = bytes[k] as number;
    if (c < 0x80 || c > 0xbf) return false;
  }
  return true;
}

/**
 * True when most bytes above 0x7F do not form UTF-8 sequences. Legacy Thai text forms a few by
 * chance; a UTF-8 file with a damaged byte or two forms almost nothing but valid ones.
 */
function mostlyNotUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k] as number;
      ok = c >= 0x80 && c <= 0xbf;
    }
    if (ok) {
      valid += need + 1;
      i += need;
    } else {
      invalid++;
    }
  }
  return invalid > (valid + invalid) * 0.2;
}

const THAI_COMBINING = /[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/u;
const THAI_BASE = /[\u0E01-\u0E30\u0E32\u0E33\u0E40-\u0E46]/u;

/**
 * Does this decode as windows-874 into plausible Thai? Every high byte must map to a Thai
 * letter or windows-874 punctuation, and every Thai combining mark must sit on a Thai base
 * (text in another legacy code page decoded as Thai fails this almost at once).
 */
function looksLikeThai874(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('windows-874', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  let thai = 0;
  let latin = 0;
  let prev = '';
  for (const ch of text) {
    if (THAI_COMBINING.test(ch)) {
      if (!THAI_BASE.test(prev) && !THAI_COMBINING.test(prev)) return false;
      thai++;
    } else if (ch >= '\u0E00' && ch <= '\u0E7F') {
      thai++;
    } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
      latin++;
    } else if (ch > '\u007F' && !/[\u00A0\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/u.test(ch)) {
      return false;
    }
    prev = ch;
  }
  // Thai text, not a few bad bytes in an English story read as Thai letters (`\xc0\xaf` is ภฯ):
  // a fifth of the letters, or a Thai word's worth whatever the English around it (wire copy).
  return thai >= 8 || (thai >= 3 && thai >= (thai + latin) * 0.2);
}

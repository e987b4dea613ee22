// Character-level hygiene shared by every renderer: XML-forbidden characters, escaping, normalisation.

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

/** Remove every character XML 1.0 forbids (and C1 controls). */
export function stripForbidden(text: string): string {
  return MAYBE_FORBIDDEN.test(text) ? text.replace(XML_FORBIDDEN, '') : text;
}

/** Count of characters `stripForbidden` would remove. */
export function countForbidden(text: string): number {
  return MAYBE_FORBIDDEN.test(text) ? (text.match(XML_FORBIDDEN)?.length ?? 0) : 0;
}

/** NFC, no forbidden or zero-width characters, runs of white space folded to one space, trimmed. */
export function cleanLine(text: string): string {
  return stripForbidden(text).normalize('NFC').replace(ZERO_WIDTH, '').replace(/\s+/gu, ' ').trim();
}

// A raw CR would be turned into LF by every XML parser (XML 1.0 §2.11); a reference survives.
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' };

/** Escape for XML text and attribute values; forbidden characters are dropped first. */
export function escapeXml(text: string): string {
  return stripForbidden(text).replace(/[&<>"'\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape for HTML text and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripForbidden(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** True when the text is mostly Thai script (letters only are counted). */
export function isMostlyThai(text: string): boolean {
  let thai = 0;
  let letters = 0;
  const end = Math.min(text.length, 4000);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0e01 && c <= 0x0e2e) {
      thai++; // Thai consonants
      letters++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      letters++;
    } else if (c > 0x7f && !(c >= 0x0e2f && c <= 0x0e7f) && /\p{L}/u.test(text[i] as string)) {
      letters++; // another script's letter; Thai vowels and marks are not counted either way
    }
  }
  return letters > 0 && thai / letters >= 0.5;
}

// A story's language from its own text: Thai by script share, English when the letters are Latin only.

/** Share of Thai consonants among letters from which a story is Thai (Thai vowels and marks are not counted). */
const THAI_SHARE = 0.3;
/** Share of Latin letters from which a story with no other evidence is English (a few foreign names allowed). */
const LATIN_SHARE = 0.95;

/**
 * Whether each UTF-16 code unit above U+007F is a letter: 0 not known yet, 1 a letter, 2 not (a
 * regular expression a character was a twentieth of a parse). A surrogate alone is none, as before.
 */
const LETTER = new Uint8Array(0x10000);

function isOtherLetter(c: number): boolean {
  let known = LETTER[c];
  if (known === 0) {
    known = /\p{L}/u.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER[c] = known;
  }
  return known === 1;
}

/**
 * `th` when Thai consonants are at least 30 % of the letters, `en` when at least 95 % are
 * Latin, else undefined (the feed's language applies). The first 4,000 characters decide.
 * A front-matter `lang:` overrides this (parse-markdown).
 */
export function detectLanguage(text: string | readonly string[]): 'th' | 'en' | undefined {
  let thai = 0;
  let latin = 0;
  let letters = 0;
  let left = 4000;
  // Parts read in turn, as if joined with spaces (the paragraphs of a story: no joined copy made).
  for (const part of typeof text === 'string' ? [text] : text) {
    const end = Math.min(part.length, left);
    left -= end + 1;
    for (let i = 0; i < end; i++) {
      const c = part.charCodeAt(i);
      if (c >= 0x0e01 && c <= 0x0e2e) {
        thai++;
        letters++;
      } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
        latin++;
        letters++;
      } else if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) {
        latin++; // accented Latin letters (café, São Paulo)
        letters++;
      } else if (c > 0x7f && !(c >= 0x0e2f && c <= 0x0e7f) && isOtherLetter(c)) {
        letters++;
      }
    }
    if (left <= 0) break;
  }
  if (letters === 0) return undefined;
  if (thai / letters >= THAI_SHARE) return 'th';
  if (latin / letters >= LATIN_SHARE) return 'en';
  return undefined;
}

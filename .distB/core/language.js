// A story's language from its own text: Thai by script share, English when the letters are Latin only.
/** Share of Thai consonants among letters from which a story is Thai (Thai vowels and marks are not counted). */
const THAI_SHARE = 0.3;
/** Share of Latin letters from which a story with no other evidence is English (a few foreign names allowed). */
const LATIN_SHARE = 0.95;
/**
 * `th` when Thai consonants are at least 30 % of the letters, `en` when at least 95 % are
 * Latin, else undefined (the feed's language applies). The first 4,000 characters decide.
 * A front-matter `lang:` overrides this (parse-markdown).
 */
export function detectLanguage(text) {
    let thai = 0;
    let latin = 0;
    let letters = 0;
    const end = Math.min(text.length, 4000);
    for (let i = 0; i < end; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x0e01 && c <= 0x0e2e) {
            thai++;
            letters++;
        }
        else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
            latin++;
            letters++;
        }
        else if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) {
            latin++; // accented Latin letters (café, São Paulo)
            letters++;
        }
        else if (c > 0x7f && !(c >= 0x0e2f && c <= 0x0e7f) && /\p{L}/u.test(text[i])) {
            letters++;
        }
    }
    if (letters === 0)
        return undefined;
    if (thai / letters >= THAI_SHARE)
        return 'th';
    if (latin / letters >= LATIN_SHARE)
        return 'en';
    return undefined;
}
//# sourceMappingURL=language.js.map
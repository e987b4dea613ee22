// One copy of the short strings that thousands of stories repeat, for what the catalog keeps in memory.
/**
 * One copy of each short value many stories repeat (a language, an agency credit, a category, a
 * slug's folder): each parse arrives from a worker as new strings, and 100,000 copies of
 * "th" and "AFP" were 5 MB. Bounded, so that a folder of all-different names cannot grow it.
 */
const SHARED_MAX = 20_000;
const sharedStrings = new Map();
export function shared(text) {
    if (text.length > 64)
        return text;
    const known = sharedStrings.get(text);
    if (known !== undefined)
        return known;
    if (sharedStrings.size < SHARED_MAX)
        sharedStrings.set(text, text);
    return text;
}
//# sourceMappingURL=shared-strings.js.map
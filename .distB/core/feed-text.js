// Text rules that feed validators and readers need beyond escaping: markup-like titles, e-mail in names, distinct dates.
// Element names of HTML (the W3C validator's list and then some): `</b>` in a title is markup, `</foo>` is not.
const HTML_TAG_NAMES = 'a|abbr|acronym|address|applet|area|article|aside|audio|b|base|basefont|bdi|bdo|big|blink|blockquote|body|br|button|canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|dir|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|mark|marquee|menu|meta|meter|nav|noframes|noscript|object|ol|optgroup|option|output|p|param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|section|select|small|source|span|strike|strong|style|sub|summary|sup|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr';
const HTML_TAG = new RegExp(`</?(?:${HTML_TAG_NAMES})\\b[^<>]*>`, 'giu');
/**
 * A title as RSS and Atom carry it. Their titles are plain text, yet readers and the W3C
 * validator treat an HTML tag in them as markup however it is escaped (its `ContainsHTML`
 * rule), so tags of HTML elements are dropped, as WordPress does; every other word stays, `<`
 * and `&` included (`Why <script> tags matter` → `Why tags matter`; `a < b & c` and `Use <T>`
 * are unchanged). JSON Feed and the pages keep the title exactly as written.
 */
export function feedTitle(title) {
    if (!title.includes('<'))
        return title;
    const stripped = title.replace(HTML_TAG, ' ').replace(/\s+/gu, ' ').trim();
    return stripped === '' ? title.replace(/[<>]/g, ' ').replace(/\s+/gu, ' ').trim() : stripped;
}
/** A credit as a person: `Jane Doe <jane@example.com>` → name and e-mail (Atom has a field for each). */
export function splitAuthor(author) {
    const m = /^(.*?)\s*<\s*([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)\s*>\s*$/u.exec(author);
    if (!m)
        return { name: author };
    const name = m[1].trim();
    return { name: name === '' ? m[2] : name, email: m[2] };
}
/**
 * `updated` instants made distinct within one document, newest first as given: a repeated
 * instant moves one millisecond earlier than the one before it. Atom readers (and the W3C
 * validator's `DuplicateUpdated`) take two entries with one `updated` for a duplicate; stories
 * saved together by a copy or a sync share a file time. Deterministic for the same input.
 */
export function distinctUpdated(dates) {
    const seen = new Set();
    return dates.map((date) => {
        let t = date.getTime();
        while (seen.has(t))
            t -= 1;
        seen.add(t);
        return t === date.getTime() ? date : new Date(t);
    });
}
//# sourceMappingURL=feed-text.js.map
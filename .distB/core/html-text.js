// The plain text of story HTML (for summaries and excerpts), read with htmlparser2: the renderer loads it anyway, the sanitizer stays on the parse workers.
import { Parser } from 'htmlparser2';
/** Elements whose text is not text a reader sees. */
const NON_TEXT = new Set(['script', 'style', 'textarea', 'option', 'noscript']);
/** Elements after which a word ends even without a space in the source (a paragraph, a heading, a cell). */
const BLOCK_END = /^(p|h\d|li|blockquote|pre|tr|figcaption)$/;
/**
 * Paragraphs of escaped text only, as a plain-text story's body is written (parse-plain.ts): the
 * text needs no parser. Any other tag or entity takes the parser's way.
 */
const PLAIN_PARAGRAPHS = /^(?:<p>(?:[^<>&]|&(?:amp|lt|gt|quot|#39);)*<\/p>\n?)*$/;
const ESCAPED = /&(amp|lt|gt|quot|#39);/g;
const UNESCAPE = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
/** Plain text of HTML: entities decoded, tags dropped, a space after each block's closing tag. */
export function htmlToText(html) {
    if (PLAIN_PARAGRAPHS.test(html))
        return html.replace(/<p>|(<\/p>)/g, (_, end) => (end ? ' ' : '')).replace(ESCAPED, (_, e) => UNESCAPE[e] ?? e);
    let text = '';
    let hidden = 0;
    const parser = new Parser({
        onopentagname: (name) => {
            if (NON_TEXT.has(name))
                hidden++;
        },
        ontext: (chunk) => {
            if (hidden === 0)
                text += chunk;
        },
        onclosetag: (name, implied) => {
            if (NON_TEXT.has(name))
                hidden = Math.max(0, hidden - 1);
            else if (!implied && BLOCK_END.test(name))
                text += ' ';
        },
    }, { decodeEntities: true, lowerCaseTags: true });
    parser.end(html);
    return text;
}
//# sourceMappingURL=html-text.js.map
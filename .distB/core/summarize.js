// The summary of a story: the one its author wrote, else a Thai-safe excerpt of its text.
import { excerpt, quickExcerpt } from './excerpt.js';
import { htmlToText } from './html-text.js';
import { withoutBidiControls } from './text.js';
/**
 * HTML code units read first for a summary: an excerpt of 200 graphemes is settled by the text's
 * first 400 to 800 code units (excerpt.ts quickExcerpt), and a story's markup is a small part
 * of it. Reading all of a long body's HTML was a sixth of a parse.
 */
const OPENING_HTML = 700;
/**
 * A plain-text summary of at most 200 graphemes from the story's HTML (the title when the body
 * is empty): from the HTML's opening up to the end of a paragraph when that settles it, else from
 * all of it. The opening's text is a prefix of the whole text (the parser streams, and an element
 * left open at the cut adds no text when it closes), so both ways give the same summary.
 */
export function summarize(contentHtml, title) {
    const end = contentHtml.indexOf('</p>', OPENING_HTML);
    if (end >= 0 && end < contentHtml.length - 4) {
        const quick = quickExcerpt(withoutBidiControls(htmlToText(contentHtml.slice(0, end + 4))).trimStart());
        if (quick !== undefined)
            return quick;
    }
    const text = withoutBidiControls(htmlToText(contentHtml)).trim();
    return excerpt(text === '' ? title : text);
}
//# sourceMappingURL=summarize.js.map
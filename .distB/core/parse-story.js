// One entry point from decoded text to a Story, by file extension.
import { parseMarkdown } from './parse-markdown.js';
import { parsePlain } from './parse-plain.js';
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);
/** Parse decoded article text: Markdown for `.md`/`.markdown`, the newsroom plain-text format otherwise. */
export function parseStory(text, file, options) {
    const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
    return MARKDOWN_EXTENSIONS.has(ext) ? parseMarkdown(text, file, options) : parsePlain(text, file, options);
}
//# sourceMappingURL=parse-story.js.map
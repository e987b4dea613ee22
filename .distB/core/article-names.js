// Which file names are articles: one rule for the watcher, the scan and the parser.
/** Extensions treated as articles, lower case. */
export const ARTICLE_EXTENSIONS = ['.txt', '.text', '.md', '.markdown'];
/** True when the file name has an article extension. */
export function isArticleName(name) {
    const lower = name.toLowerCase();
    return ARTICLE_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}
//# sourceMappingURL=article-names.js.map
// One article file's bytes → its Story and slug: decode, parse, slug (pure; no file or store access; run on the parse workers).
import { decodeArticle } from './decode.js';
import { STORED_BASE } from './entry-meta.js';
import { ArticleError } from './errors.js';
import { localMedia } from './local-media.js';
import { parseStory } from './parse-story.js';
import { slugFromPath } from './paths.js';
import { paths } from './routes.js';
import { summarize } from './summarize.js';
/**
 * Decode and parse one file's bytes into its Story and final slug (path-derived, the last
 * segment replaced by a Markdown `slug:`). Decoding warnings join the story's warnings. A file
 * that cannot be published is `{ ok: false }` with an ArticleError naming code and reason.
 */
export function ingestStory(bytes, relPath, options) {
    const pathSlug = slugFromPath(relPath);
    try {
        const decoded = decodeArticle(bytes, relPath);
        const story = parseStory(decoded.text, relPath, { ...options, pageUrl: STORED_BASE + paths.article(pathSlug) });
        story.warnings.push(...decoded.warnings);
        const summary = story.summary ?? summarize(story.contentHtml, story.title);
        const slug = story.slug ? slugFromPath(relPath, story.slug) : pathSlug;
        return { ok: true, story, slug, summary, media: localMedia(story.contentHtml) };
    }
    catch (e) {
        if (e instanceof ArticleError)
            return { ok: false, failure: { code: e.code, message: e.message, line: e.line, reading: e.reading } };
        // A bug of ours on strange input: reported against the file, never thrown at the caller.
        return { ok: false, failure: { code: 'UNREADABLE', message: `the parser failed: ${e instanceof Error ? e.message : String(e)}` } };
    }
}
//# sourceMappingURL=ingest.js.map
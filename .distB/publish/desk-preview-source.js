// The entry a desk preview shows: the published version of a story, or a held or draft file read and parsed now.
import path from 'node:path';
import { STORED_BASE } from '../core/entry-meta.js';
import { readArticle } from '../watch/read-article.js';
/**
 * What a reader will see. Only paths the catalog knows are read (the path comes from a query
 * string); anything else, or a held file that no longer parses, is undefined (404).
 */
export async function previewOf(relPath, inputs) {
    const e = inputs.published;
    if (e) {
        return {
            path: relPath,
            title: e.title,
            contentHtml: e.contentHtml,
            published: e.published,
            updated: e.updated,
            author: e.author,
            image: e.image,
            categories: e.categories,
            language: e.language,
        };
    }
    if (!inputs.unpublished)
        return undefined;
    let read;
    try {
        read = readArticle(path.join(inputs.articlesDir, relPath), relPath, inputs.maxFileBytes);
    }
    catch {
        return undefined;
    }
    if (read.kind !== 'file')
        return undefined;
    const ingested = await inputs.ingest(read.bytes);
    if (!ingested.ok)
        return undefined;
    const story = ingested.story;
    // Stories are parsed against a placeholder origin (core/ingest.ts); show them against the real one.
    const rebase = (text) => text.replaceAll(STORED_BASE, inputs.baseUrl);
    return {
        path: relPath,
        title: story.title,
        contentHtml: rebase(story.contentHtml),
        published: story.date,
        updated: story.updated,
        author: story.author,
        image: story.image === undefined ? undefined : rebase(story.image),
        categories: story.tags,
        language: story.language,
    };
}
//# sourceMappingURL=desk-preview-source.js.map
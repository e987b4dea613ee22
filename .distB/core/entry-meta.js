// What is stored of a published entry besides its body, and the origin stored bodies are written against.
import { hash as hashBytes } from 'node:crypto';
import { categoriesFromPath } from './paths.js';
/**
 * The origin stored stories are written against: a Markdown story's relative links resolve
 * against its page at this origin, and the reader of the store puts the real base URL in its
 * place. So nothing stored depends on the base URL or the port (`.invalid` is reserved, RFC 2606).
 */
export const STORED_BASE = 'https://feedpub.invalid';
/** SHA-256 of a file's bytes (hex): what decides whether a save changed anything. */
export function contentHash(bytes) {
    return hashBytes('sha256', bytes, 'hex');
}
/** The metadata of a published entry: the story, its identity, and its categories (folders, then front-matter tags). */
export function entryMeta(story, slug, record, enclosure, media = []) {
    return {
        path: record.path,
        slug,
        id: record.id,
        published: record.published,
        updated: record.updated,
        hash: record.hash,
        title: story.title,
        author: story.author,
        summary: story.summary,
        categories: [...new Set([...categoriesFromPath(record.path), ...story.tags])],
        image: story.image,
        enclosure,
        language: story.language,
        ...(media.length > 0 ? { media } : {}),
    };
}
//# sourceMappingURL=entry-meta.js.map
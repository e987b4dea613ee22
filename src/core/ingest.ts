// One article file's bytes → its Story and slug, then its EntryMeta: decode, parse, slug, categories (pure; no file or store access).
import { hash as hashBytes } from 'node:crypto';
import { decodeArticle } from './decode.js';
import { ArticleError } from './errors.js';
import type { IdentityRecord } from './identity.js';
import type { Enclosure } from './media.js';
import type { ProblemCode, Story, StoryReading } from './model.js';
import { type ParseOptions, parseStory } from './parse-story.js';
import { categoriesFromPath, slugFromPath } from './paths.js';
import { paths } from './routes.js';

/** What is kept of a published entry in the store's `meta` column (the body is its own column). */
export interface EntryMeta {
  path: string;
  slug: string[];
  id: string;
  published: number;
  updated: number;
  hash: string;
  title: string;
  author?: string;
  /** Only when the file wrote one; otherwise made from the body on demand. */
  summary?: string;
  categories: string[];
  image?: string;
  enclosure?: Enclosure;
  language?: string;
}

/**
 * The origin stored stories are written against: a Markdown story's relative links resolve
 * against its page at this origin, and the reader of the store puts the real base URL in its
 * place. So nothing stored depends on the base URL or the port (`.invalid` is reserved, RFC 2606).
 */
export const STORED_BASE = 'https://feedpub.invalid';

/** Options of every ingest: plain data, so that an ingest can run on a worker thread. */
export type IngestOptions = ParseOptions;

/** A file that cannot be published, as plain data (it crosses a worker boundary). */
export interface IngestFailure {
  code: ProblemCode;
  message: string;
  line?: number;
  reading?: StoryReading;
}

export type Ingested = { ok: true; story: Story; slug: string[] } | { ok: false; failure: IngestFailure };

/** SHA-256 of a file's bytes (hex): what decides whether a save changed anything. */
export function contentHash(bytes: Uint8Array): string {
  return hashBytes('sha256', bytes, 'hex');
}

/**
 * Decode and parse one file's bytes into its Story and final slug (path-derived, the last
 * segment replaced by a Markdown `slug:`). Decoding warnings join the story's warnings. A file
 * that cannot be published is `{ ok: false }` with an ArticleError naming code and reason.
 */
export function ingestStory(bytes: Uint8Array, relPath: string, options: IngestOptions): Ingested {
  const pathSlug = slugFromPath(relPath);
  try {
    const decoded = decodeArticle(bytes, relPath);
    const story = parseStory(decoded.text, relPath, { ...options, pageUrl: STORED_BASE + paths.article(pathSlug) });
    story.warnings.push(...decoded.warnings);
    return { ok: true, story, slug: story.slug ? slugFromPath(relPath, story.slug) : pathSlug };
  } catch (e) {
    if (e instanceof ArticleError) return { ok: false, failure: { code: e.code, message: e.message, line: e.line, reading: e.reading } };
    // A bug of ours on strange input: reported against the file, never thrown at the caller.
    return { ok: false, failure: { code: 'UNREADABLE', message: `the parser failed: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

/** The metadata of a published entry: the story, its identity, and its categories (folders, then front-matter tags). */
export function entryMeta(story: Story, slug: string[], record: IdentityRecord, enclosure: Enclosure | undefined): EntryMeta {
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
  };
}

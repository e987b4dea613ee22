// One article file's bytes → its Story and slug, then its EntryMeta: decode, parse, slug, categories (pure; no file or store access).
import { hash as hashBytes } from 'node:crypto';
import { decodeArticle } from './decode.js';
import { ArticleError } from './errors.js';
import type { IdentityRecord } from './identity.js';
import type { Enclosure } from './media.js';
import { ProblemCode, type Story } from './model.js';
import { type StoryOptions, parseStory } from './parse-story.js';
import { categoriesFromPath, slugFromPath } from './paths.js';

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

/** Options of every ingest: how to parse, and where a story's page will be. */
export interface IngestOptions extends Omit<StoryOptions, 'pageUrl'> {
  /** The absolute URL of the page of a story with this slug (Markdown resolves relative links against it). */
  pageUrl: (slug: readonly string[]) => string;
}

export type Ingested = { ok: true; story: Story; slug: string[] } | { ok: false; error: ArticleError };

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
    const story = parseStory(decoded.text, relPath, {
      boilerplateMarkers: options.boilerplateMarkers,
      timeZone: options.timeZone,
      maxTitleLength: options.maxTitleLength,
      pageUrl: options.pageUrl(pathSlug),
    });
    story.warnings.push(...decoded.warnings);
    return { ok: true, story, slug: story.slug ? slugFromPath(relPath, story.slug) : pathSlug };
  } catch (e) {
    return { ok: false, error: e instanceof ArticleError ? e : new ArticleError(ProblemCode.Unreadable, String(e), relPath, { cause: e }) };
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

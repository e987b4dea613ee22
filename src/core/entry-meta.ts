// What is stored of a published entry besides its body, and the origin stored bodies are written against.
import { hash as hashBytes } from 'node:crypto';
import type { IdentityRecord } from './identity.js';
import type { Enclosure } from './media.js';
import type { Story } from './model.js';
import { categoriesFromPath } from './paths.js';

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
  /** The authors front matter named one by one (Story.authors); without, the credit's. */
  authors?: string[];
  /** Only when the file wrote one; otherwise made from the body on demand. */
  summary?: string;
  categories: string[];
  image?: string;
  enclosure?: Enclosure;
  language?: string;
  /** The images beside the stories that it names (`image:`) or its text shows or links (core/local-media.ts); only when there are any. */
  media?: string[];
  /**
   * The dateline as written (at most 300 characters) and the instant it was read as: the desk
   * shows them after a restart too, when no parse is at hand (new-user trial: they vanished).
   */
  dateline?: string;
  datelineAt?: string;
}

/**
 * The origin stored stories are written against: a Markdown story's relative links resolve
 * against its page at this origin, and the reader of the store puts the real base URL in its
 * place. So nothing stored depends on the base URL or the port (`.invalid` is reserved, RFC 2606).
 */
export const STORED_BASE = 'https://feedpub.invalid';

/** SHA-256 of a file's bytes (hex): what decides whether a save changed anything. */
export function contentHash(bytes: Uint8Array): string {
  return hashBytes('sha256', bytes, 'hex');
}

/** The metadata of a published entry: the story, its identity, and its categories (folders, then front-matter tags). */
export function entryMeta(
  story: Story,
  slug: string[],
  record: IdentityRecord,
  enclosure: Enclosure | undefined,
  media: string[] = [],
): EntryMeta {
  return {
    path: record.path,
    slug,
    id: record.id,
    published: record.published,
    updated: record.updated,
    hash: record.hash,
    title: story.title,
    author: story.author,
    ...(story.authors ? { authors: story.authors } : {}),
    summary: story.summary,
    categories: [...new Set([...categoriesFromPath(record.path), ...story.tags])],
    image: story.image,
    enclosure,
    language: story.language,
    ...(media.length > 0 ? { media } : {}),
    ...datelineOf(story),
  };
}

function datelineOf(story: Story): Pick<EntryMeta, 'dateline' | 'datelineAt'> {
  const d = story.reading?.dateline;
  if (!d) return {};
  const text = d.text.length > 300 ? `${d.text.slice(0, 299)}…` : d.text;
  return d.date ? { dateline: text, datelineAt: d.date } : { dateline: text };
}

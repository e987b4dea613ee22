// Stable identity and dates of a story across restarts, edits, re-saves and renames.
import { hash as digest } from 'node:crypto';
import type { Story } from './model.js';

/** What the state store remembers about one article file. Times are epoch milliseconds. */
export interface IdentityRecord {
  path: string;
  id: string;
  published: number;
  updated: number;
  hash: string;
  /** When the file was first seen (its mtime at first sight, never in the future). */
  firstSeen: number;
  /** When the file disappeared; null while it exists. Kept so a rename can reclaim the id. */
  deletedAt: number | null;
}

/**
 * The identity of a story after reading it at `seenAt`. The id is the front-matter id, else
 * the remembered one, else a name-based UUID (RFC 9562 v5 layout) of the feed id and path, so
 * a fresh build of the same folder gives the same ids. The date written in the file wins for
 * `published`; without one, the date the story was published with, or for a new story the
 * first-seen time (a dateline misspelt in an edit re-dated a published story to when it was first
 * seen: new-user trial). A date read from a wire lede counts only when the story is first seen:
 * stories published before feedpub read ledes keep the date subscribers saw. `updated` moves
 * only when the bytes change.
 */
export function resolveIdentity(
  prev: IdentityRecord | undefined,
  input: { path: string; hash: string; story: Story; seenAt: number; feedId: string; idInUse?: (id: string) => boolean },
): IdentityRecord {
  const { path, hash, story, seenAt, feedId, idInUse } = input;
  const firstSeen = prev?.firstSeen ?? seenAt;
  const published = story.dateSource?.lede && prev ? prev.published : (story.date?.getTime() ?? prev?.published ?? firstSeen);
  const changed = prev !== undefined && prev.hash !== hash;
  let updated: number;
  if (story.updated) updated = story.updated.getTime();
  else if (!prev) updated = published;
  else if (changed) updated = Math.max(seenAt, published);
  else updated = Math.max(prev.updated, published);
  return {
    path,
    id: story.id ?? prev?.id ?? pathId(feedId, path, idInUse),
    published,
    updated: Math.max(updated, published),
    hash,
    firstSeen,
    deletedAt: null,
  };
}

/**
 * The id a new story at `path` gets: the UUID of the feed and path, or, when another story holds
 * that one already, the next variant. A story renamed away from `path` keeps the id this path
 * gave it, so a new story saved under the old name made the same id: two entries with one id, and
 * a tombstone for the live one when the new one was deleted (attack trial).
 */
function pathId(feedId: string, path: string, idInUse?: (id: string) => boolean): string {
  let id = nameBasedUuid(`${feedId}\n${path}`);
  for (let n = 2; idInUse?.(id); n++) id = nameBasedUuid(`${feedId}\n${path}\n${n}`);
  return id;
}

/** `urn:uuid:` of a SHA-1 name-based UUID (version 5 bits set). */
export function nameBasedUuid(name: string): string {
  const h = digest('sha1', name, 'buffer');
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// Stable identity and dates of a story across restarts, edits, re-saves and renames.
import { hash as digest } from 'node:crypto';
/**
 * The identity of a story after reading it at `seenAt`. The id is the front-matter id, else
 * the remembered one, else a name-based UUID (RFC 9562 v5 layout) of the feed id and path, so
 * a fresh build of the same folder gives the same ids. The date written in the file wins for
 * `published`; otherwise the first-seen time. A date read from a wire lede counts only when the
 * story is first seen: stories published before feedpub read ledes keep the date subscribers
 * saw. `updated` moves only when the bytes change.
 */
export function resolveIdentity(prev, input) {
    const { path, hash, story, seenAt, feedId } = input;
    const firstSeen = prev?.firstSeen ?? seenAt;
    const published = story.dateSource?.lede && prev ? prev.published : (story.date?.getTime() ?? firstSeen);
    const changed = prev !== undefined && prev.hash !== hash;
    let updated;
    if (story.updated)
        updated = story.updated.getTime();
    else if (!prev)
        updated = published;
    else if (changed)
        updated = Math.max(seenAt, published);
    else
        updated = Math.max(prev.updated, published);
    return {
        path,
        id: story.id ?? prev?.id ?? nameBasedUuid(`${feedId}\n${path}`),
        published,
        updated: Math.max(updated, published),
        hash,
        firstSeen,
        deletedAt: null,
    };
}
/** `urn:uuid:` of a SHA-1 name-based UUID (version 5 bits set). */
export function nameBasedUuid(name) {
    const h = digest('sha1', name, 'buffer');
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const hex = h.subarray(0, 16).toString('hex');
    return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
//# sourceMappingURL=identity.js.map
// The feed's own id: the configured one, else the one it was first published with from this state store, else made from the public URL.
import type { Logger } from '../log.js';
import type { StateDb } from '../store/state-db.js';

/**
 * The feed's id (Atom `<id>`, the name new stories' ids are made from). Configured (`id`), it is
 * that, and kept. Else it is made from the public URL, so that a build from a fresh state folder
 * gives the same ids each time (a CI job that keeps no state) -- and kept in the store the first
 * time it is a public one, so that a move to another address (a new domain, a proxy's new path)
 * changes no id a subscriber has seen: before, the feed's id followed the base URL, and every
 * story first seen after the move got its id from the new one. A loopback address (a trial run
 * on 127.0.0.1) is never kept: production would publish under it for ever.
 */
export function feedIdFor(store: StateDb, configured: string | undefined, fromUrl: string, log: Logger): string {
  const kept = store.feedId();
  const id = configured ?? kept ?? fromUrl;
  if (configured === undefined && kept !== undefined && kept !== fromUrl && !isLoopback(fromUrl))
    log.info('site.id-kept', { id: kept, url: fromUrl, reason: 'the public URL changed since the feed was first published; its id stays (set "id" in the config to choose one)' });
  if (id !== kept && (configured !== undefined || !isLoopback(id))) {
    try {
      store.keepFeedId(id);
    } catch {
      // A full or read-only disk: kept the next time; the id is the same meanwhile.
    }
  }
  return id;
}

/** This machine's own address in any spelling (a trailing dot, IPv4 in IPv6, any-address), or no URL at all. */
function isLoopback(id: string): boolean {
  let host: string;
  try {
    host = new URL(id).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  const v4 = host.replace(/^\[::ffff:(.*)\]$/, '$1');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '[::]' ||
    /^127\./.test(v4) ||
    v4 === '0.0.0.0' ||
    /^\[::ffff:7f[0-9a-f]{2}:/.test(host)
  );
}

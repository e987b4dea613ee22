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
  if (configured === undefined && kept !== undefined && kept !== fromUrl)
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

function isLoopback(id: string): boolean {
  try {
    const host = new URL(id).hostname;
    return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}

// What the public port's /status tells anyone: counts only, never a file name, a reason or a held story.
import type { SiteStatus } from '../publish/live-site.js';

/** Fixed shape, a handful of numbers: bounded in size whatever the articles folder holds. */
export interface PublicStatus {
  ready: boolean;
  scanned: boolean;
  articles: number;
  drafts: number;
  held: number;
  problems: { error: number; warning: number; info: number };
  watcher: SiteStatus['watcher'];
  lastRebuild: string | null;
}

/** The counts of a full status (the desk's /status has the rest). */
export function publicStatus(status: SiteStatus): PublicStatus {
  const problems = { error: 0, warning: 0, info: 0 };
  for (const p of status.problems) problems[p.severity]++;
  return {
    ready: status.ready,
    scanned: status.scanned,
    articles: status.articles,
    drafts: status.drafts,
    held: status.held.length,
    problems,
    watcher: status.watcher,
    lastRebuild: status.lastRebuild?.at ?? null,
  };
}

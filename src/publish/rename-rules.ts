// When a new path takes over the identity of a story that is gone: beyond the same bytes (publish/apply-files.ts), a story renamed and edited at once.
import type { Story } from '../core/model.js';

/** How long after its deletion a story's identity may move onto a path that still holds another live story. */
export const RENAME_WINDOW_MS = 10_000;

/**
 * Stories taken down in the last RENAME_WINDOW_MS, by title and written date: what tells a story
 * renamed and edited at once (a `git pull` of both, an editor's "save as" then delete), whose new
 * bytes no record has. It is the one story taken down lately (the two events may come in separate
 * batches) with the same title and the same written date: both, and only one, for a daily story
 * keeps its title under a new date, and wire stories share a date (even a minute) but not a
 * title. An undated story is never matched: its date is when its file was first seen.
 */
export class RecentRemovals {
  /** In the order taken down, so the oldest are forgotten first. */
  private readonly byPath = new Map<string, { key: string; at: number }>();
  private readonly byKey = new Map<string, Set<string>>();
  /** Scans applying now (hold): nothing is forgotten meanwhile. */
  private holds = 0;

  /**
   * Keep every removal until the returned release: a scan applies a folder's changes in steps,
   * files gone first, and at thousands of files the new names came more than RENAME_WINDOW_MS
   * after their old ones went (attack trial: --adopt-folder of 6,000 renamed and edited stories
   * kept 3,152 ids, of 30,000 none). Within one scan, a removal and an addition are at once.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
    };
  }

  add(path: string, story: { title: string; publishedMs: number }, at: number): void {
    this.forgetBefore(at);
    this.drop(path);
    const key = `${story.publishedMs}\u0000${story.title}`;
    this.byPath.set(path, { key, at });
    const paths = this.byKey.get(key) ?? new Set<string>();
    this.byKey.set(key, paths.add(path));
  }

  drop(path: string): void {
    const gone = this.byPath.get(path);
    if (!gone) return;
    this.byPath.delete(path);
    const paths = this.byKey.get(gone.key);
    paths?.delete(path);
    if (paths?.size === 0) this.byKey.delete(gone.key);
  }

  /** The path of the story `story` was before it was renamed and edited, if exactly one matches. */
  match(story: Story, now: number): string | undefined {
    if (story.date === undefined) return undefined;
    this.forgetBefore(now);
    const paths = this.byKey.get(`${story.date.getTime()}\u0000${story.title}`);
    return paths?.size === 1 ? [...paths][0] : undefined;
  }

  private forgetBefore(now: number): void {
    if (this.holds > 0) return;
    for (const [path, gone] of this.byPath) {
      if (now - gone.at < RENAME_WINDOW_MS) break;
      this.drop(path);
    }
  }
}

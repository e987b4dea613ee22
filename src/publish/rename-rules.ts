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
  /**
   * Held (embargoed) stories taken down lately, with their titles: a held story renamed and edited
   * at once so that its date no longer reads has neither its bytes nor its date to be known by, and
   * went out at once with its secret text (re-attack trial). Its title is what is left.
   */
  private readonly heldGone = new Map<string, { title: string; until: number; at: number }>();
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

  /** The held story at `path`, with this title and release time (epoch ms), was taken down. */
  addHeld(path: string, title: string, until: number, at: number): void {
    this.forgetBefore(at);
    this.heldGone.delete(path);
    this.heldGone.set(path, { title, until, at });
  }

  /** The latest release time of the held stories with this title taken down lately, if any. */
  heldUntil(title: string, now: number): number | undefined {
    this.forgetBefore(now);
    const found = [...this.heldGone.values()].filter((h) => h.title === title).map((h) => h.until);
    return found.length > 0 ? Math.max(...found) : undefined;
  }

  drop(path: string): void {
    this.heldGone.delete(path);
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
    for (const [path, gone] of this.heldGone) {
      if (now - gone.at < RENAME_WINDOW_MS) break;
      this.heldGone.delete(path);
    }
  }
}

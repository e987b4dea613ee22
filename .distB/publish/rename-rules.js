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
    byPath = new Map();
    byKey = new Map();
    add(path, story, at) {
        this.forgetBefore(at);
        this.drop(path);
        const key = `${story.publishedMs}\u0000${story.title}`;
        this.byPath.set(path, { key, at });
        const paths = this.byKey.get(key) ?? new Set();
        this.byKey.set(key, paths.add(path));
    }
    drop(path) {
        const gone = this.byPath.get(path);
        if (!gone)
            return;
        this.byPath.delete(path);
        const paths = this.byKey.get(gone.key);
        paths?.delete(path);
        if (paths?.size === 0)
            this.byKey.delete(gone.key);
    }
    /** The path of the story `story` was before it was renamed and edited, if exactly one matches. */
    match(story, now) {
        if (story.date === undefined)
            return undefined;
        this.forgetBefore(now);
        const paths = this.byKey.get(`${story.date.getTime()}\u0000${story.title}`);
        return paths?.size === 1 ? [...paths][0] : undefined;
    }
    forgetBefore(now) {
        for (const [path, gone] of this.byPath) {
            if (now - gone.at < RENAME_WINDOW_MS)
                break;
            this.drop(path);
        }
    }
}
//# sourceMappingURL=rename-rules.js.map
// Held (embargoed) stories released at their time: one timer for the earliest, re-armed as the set changes.
/** Longest setTimeout delay Node honours (2^31 - 1 ms, about 24.8 days): longer waits are taken in steps. */
const MAX_DELAY = 2_147_483_647;
/**
 * Keeps the release time of every held story and calls `release` with the paths that are due,
 * to the second: at their time, or at once for times already past (a restart after the hour).
 */
export class ReleaseScheduler {
    release;
    now;
    due = new Map();
    timer;
    armedFor = Number.POSITIVE_INFINITY;
    constructor(release, now = Date.now) {
        this.release = release;
        this.now = now;
    }
    /** Hold `path` until `at` (epoch ms); replaces an earlier hold of the same path. */
    hold(path, at) {
        this.due.set(path, at);
        this.arm();
    }
    /** Forget `path` (published another way, deleted, or no longer dated ahead). */
    drop(path) {
        if (this.due.delete(path))
            this.arm();
    }
    /** Every held path with its release time, soonest first. */
    list() {
        return [...this.due].map(([path, at]) => ({ path, at })).sort((a, b) => a.at - b.at || (a.path < b.path ? -1 : 1));
    }
    releaseAt(path) {
        return this.due.get(path);
    }
    get size() {
        return this.due.size;
    }
    close() {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.armedFor = Number.POSITIVE_INFINITY;
    }
    arm() {
        let next = Number.POSITIVE_INFINITY;
        for (const at of this.due.values())
            if (at < next)
                next = at;
        if (next === this.armedFor && this.timer)
            return;
        clearTimeout(this.timer);
        this.timer = undefined;
        this.armedFor = next;
        if (next === Number.POSITIVE_INFINITY)
            return;
        const delay = Math.min(MAX_DELAY, Math.max(0, next - this.now()));
        this.timer = setTimeout(() => this.fire(), delay);
        // A held story must not keep a finished `build` or `check` alive.
        this.timer.unref();
    }
    fire() {
        this.timer = undefined;
        this.armedFor = Number.POSITIVE_INFINITY;
        const now = this.now();
        const ready = [...this.due].filter(([, at]) => at <= now).map(([path]) => path);
        for (const path of ready)
            this.due.delete(path);
        this.arm();
        if (ready.length > 0)
            this.release(ready.sort());
    }
}
//# sourceMappingURL=scheduler.js.map
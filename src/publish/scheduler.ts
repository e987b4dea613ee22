// Held (embargoed) stories released at their time: one timer for the earliest, re-armed as the set changes.

/** Longest setTimeout delay Node honours (2^31 - 1 ms, about 24.8 days): longer waits are taken in steps. */
const MAX_DELAY = 2_147_483_647;

/**
 * Keeps the release time of every held story and calls `release` with the paths that are due,
 * to the second: at their time, or at once for times already past (a restart after the hour).
 */
export class ReleaseScheduler {
  private readonly due = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;

  constructor(
    private readonly release: (paths: string[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Hold `path` until `at` (epoch ms); replaces an earlier hold of the same path. */
  hold(path: string, at: number): void {
    this.due.set(path, at);
    this.arm();
  }

  /** Forget `path` (published another way, deleted, or no longer dated ahead). */
  drop(path: string): void {
    if (this.due.delete(path)) this.arm();
  }

  /** Every held path with its release time, soonest first. */
  list(): { path: string; at: number }[] {
    return [...this.due].map(([path, at]) => ({ path, at })).sort((a, b) => a.at - b.at || (a.path < b.path ? -1 : 1));
  }

  releaseAt(path: string): number | undefined {
    return this.due.get(path);
  }

  get size(): number {
    return this.due.size;
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
  }

  private arm(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const at of this.due.values()) if (at < next) next = at;
    if (next === this.armedFor && this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = next;
    if (next === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(MAX_DELAY, Math.max(0, next - this.now()));
    this.timer = setTimeout(() => this.fire(), delay);
    // A held story must not keep a finished `build` or `check` alive.
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    const ready = [...this.due].filter(([, at]) => at <= now).map(([path]) => path);
    for (const path of ready) this.due.delete(path);
    this.arm();
    if (ready.length > 0) this.release(ready.sort());
  }
}

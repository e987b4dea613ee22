// The articles folder's identity (real path, device, inode) and whether it can be read: checked twice a second and on events in its parent, so a swap is noticed within a second.
import { constants, type FSWatcher, watch } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** What the configured path leads to now; undefined when it leads to no folder, or to one this process cannot list and enter. */
export interface RootIdentity {
  real: string;
  dev: number;
  ino: number;
}

/** Follow `root` (a folder, or a link to one) to the folder it names now. */
export async function rootIdentity(root: string): Promise<RootIdentity | undefined> {
  try {
    const st = await stat(root);
    if (!st.isDirectory()) return undefined;
    // A folder made unreadable (chmod 000, a share's lost credentials) is as good as gone: the
    // watch is blind in it and a scan cannot list it (attack trial: /status said "native"). When
    // it is readable again, the path "leads somewhere" again: watched anew and scanned.
    await access(root, constants.R_OK | constants.X_OK);
    return { real: await realpath(root), dev: st.dev, ino: st.ino };
  } catch {
    return undefined;
  }
}

const keyOf = (id: RootIdentity | undefined) => (id ? `${id.dev}:${id.ino}:${id.real}` : 'missing');

export interface RootGuardOptions {
  root: string;
  /** Milliseconds between two checks (default 500: one stat and one realpath, a few µs). */
  everyMs?: number;
  /** The path now leads elsewhere (renamed over, link re-pointed, folder replaced by a link), nowhere, or to a folder it cannot read. */
  onChange: (now: RootIdentity | undefined) => void;
}

/**
 * Watches what the articles path leads to. inotify on the folder itself cannot see it being
 * renamed over or a link to it re-pointed (its watches follow the old inode), so the path is
 * checked on a timer, and at once when anything in its parent folder changes under its name.
 */
export class RootGuard {
  private current = 'unknown';
  private timer: NodeJS.Timeout | undefined;
  private parent: FSWatcher | undefined;
  private checking = false;
  private again = false;
  private closed = false;

  constructor(private readonly options: RootGuardOptions) {}

  /** Note the current identity, then start checking. */
  async start(): Promise<RootIdentity | undefined> {
    const { root, everyMs = 500 } = this.options;
    const id = await rootIdentity(root);
    this.current = keyOf(id);
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
    try {
      const name = path.basename(root);
      this.parent = watch(path.dirname(root), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name || String(changed).startsWith(name)) void this.check();
      });
      this.parent.on('error', () => this.parent?.close());
    } catch {
      // An unwatchable parent (permissions, a network share): the timer alone still notices within everyMs.
    }
    return id;
  }

  /**
   * Whether `id` is the folder this guard last saw the path lead to. A request between a swap and
   * the guard's next look (up to `everyMs`) sees a folder the site has not judged yet.
   */
  isCurrent(id: RootIdentity): boolean {
    return keyOf(id) === this.current;
  }

  /** Compare now (a check already running is followed by one more, so no change is missed). */
  async check(): Promise<void> {
    if (this.closed) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      do {
        this.again = false;
        const id = await rootIdentity(this.options.root);
        const key = keyOf(id);
        if (key !== this.current && !this.closed) {
          this.current = key;
          this.options.onChange(id);
        }
      } while (this.again && !this.closed);
    } finally {
      this.checking = false;
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.parent?.close();
  }
}

// The articles folder's identity (real path, device, inode): checked twice a second and on events in its parent, so a swap is noticed within a second.
import { watch } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
/** Follow `root` (a folder, or a link to one) to the folder it names now. */
export async function rootIdentity(root) {
    try {
        const st = await stat(root);
        if (!st.isDirectory())
            return undefined;
        return { real: await realpath(root), dev: st.dev, ino: st.ino };
    }
    catch {
        return undefined;
    }
}
const keyOf = (id) => (id ? `${id.dev}:${id.ino}:${id.real}` : 'missing');
/**
 * Watches what the articles path leads to. inotify on the folder itself cannot see it being
 * renamed over or a link to it re-pointed (its watches follow the old inode), so the path is
 * checked on a timer, and at once when anything in its parent folder changes under its name.
 */
export class RootGuard {
    options;
    current = 'unknown';
    timer;
    parent;
    checking = false;
    again = false;
    closed = false;
    constructor(options) {
        this.options = options;
    }
    /** Note the current identity, then start checking. */
    async start() {
        const { root, everyMs = 500 } = this.options;
        const id = await rootIdentity(root);
        this.current = keyOf(id);
        this.timer = setInterval(() => void this.check(), everyMs);
        this.timer.unref();
        try {
            const name = path.basename(root);
            this.parent = watch(path.dirname(root), { persistent: false }, (_event, changed) => {
                if (changed === null || changed === name || String(changed).startsWith(name))
                    void this.check();
            });
            this.parent.on('error', () => this.parent?.close());
        }
        catch {
            // An unwatchable parent (permissions, a network share): the timer alone still notices within everyMs.
        }
        return id;
    }
    /** Compare now (a check already running is followed by one more, so no change is missed). */
    async check() {
        if (this.closed)
            return;
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
        }
        finally {
            this.checking = false;
        }
    }
    close() {
        this.closed = true;
        clearInterval(this.timer);
        this.parent?.close();
    }
}
//# sourceMappingURL=root-guard.js.map
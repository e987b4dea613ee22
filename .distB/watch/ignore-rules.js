// Which names in the articles folder are articles, and which are editor, sync or system debris.
import { isArticleName } from '../core/article-names.js';
/** Temp, swap, lock and backup names written by editors and sync tools (vim, emacs, JetBrains, gedit, rsync, Office). */
const DEBRIS = /(?:~|\.sw[a-p]|\.tmp|\.temp|\.bak|\.part|\.partial|\.crswap|\.kate-swp|___jb_(?:tmp|old)___|\.lock)$/i;
/** True for names never looked at: hidden (`.x`, rsync's `.x.XXXXXX`), `~x`, `#x#`, swap/lock/temp files, vim's `4913`. */
export function isIgnoredName(name) {
    return name.startsWith('.') || name.startsWith('~') || name.startsWith('#') || DEBRIS.test(name) || name === '4913';
}
/** True when a file with this base name is an article the publisher should read. */
export function isArticleFile(name) {
    return !isIgnoredName(name) && isArticleName(name);
}
/** Deepest folder level walked; deeper trees are reported, not followed. */
export const MAX_DEPTH = 64;
//# sourceMappingURL=ignore-rules.js.map
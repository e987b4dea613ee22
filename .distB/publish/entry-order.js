import { StoredEntry } from './stored-entry.js';
/** Feed order: newest published first; the path breaks ties so the order is total and stable. */
export function compareEntries(a, b) {
    return publishedMs(b) - publishedMs(a) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
/** A stored entry keeps its time as a number: sorting 100,000 of them made a Date per comparison. */
function publishedMs(entry) {
    return entry instanceof StoredEntry ? entry.publishedMs : entry.published.getTime();
}
/** A sorted array of entries with binary-search insert and remove (a splice is a memmove, cheap even at 100,000). */
export class EntryOrder {
    items = [];
    /** The entries in feed order. Read-only view: valid until the next change. */
    get all() {
        return this.items;
    }
    /** Replace the contents with `sorted` (already in feed order). */
    reset(sorted) {
        this.items.length = 0;
        for (const e of sorted)
            this.items.push(e); // a spread of 100,000 arguments would overflow the stack
    }
    insert(entry) {
        this.items.splice(this.position(entry), 0, entry);
    }
    remove(entry) {
        const i = this.position(entry);
        if (this.items[i] === entry)
            this.items.splice(i, 1);
        else {
            // Not where its key says (should not happen): fall back to a scan rather than leave a ghost.
            const j = this.items.indexOf(entry);
            if (j >= 0)
                this.items.splice(j, 1);
        }
    }
    position(entry) {
        let lo = 0;
        let hi = this.items.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (compareEntries(this.items[mid], entry) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
//# sourceMappingURL=entry-order.js.map
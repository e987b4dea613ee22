import { slugKey } from '../core/paths.js';
import { EntryOrder, compareEntries } from './entry-order.js';
import { shared } from './shared-strings.js';
/** The summary of a parse (`story`) or of a failed one (its partial `reading`). */
export function summarizeReading(reading, story) {
    const clip = (text) => (text === undefined ? undefined : text.length > 300 ? `${text.slice(0, 299)}…` : text);
    return {
        title: clip(story?.title ?? reading?.title?.text),
        dateline: clip(reading?.dateline?.text),
        ...(reading?.dateline?.date ? { datelineAt: reading.dateline.date } : {}),
        credit: sharedOrUndefined(clip(story?.author ?? reading?.credits[0]?.text)),
        language: sharedOrUndefined(story?.language ?? reading?.language),
    };
}
const sharedOrUndefined = (text) => (text === undefined ? undefined : shared(text));
/**
 * An in-memory index, nothing else: no file, store or parser access. Every collection is kept
 * in step by the four changes below (`publish`, `unpublish`, `setDraft`, `setStat`/`forgetStat`),
 * so no caller updates one collection without the others.
 */
export class Catalog {
    entries = new Map();
    order = new EntryOrder();
    slugOwners = new Map();
    /** Size and mtime of each file as last read: lets a reconcile skip unchanged files. */
    stats = new Map();
    drafts = new Set();
    /** Held (embargoed) files and their release time (epoch ms). */
    held = new Map();
    /** Published entries by id: two files must never publish one id. */
    idOwners = new Map();
    /** Stories per category and per author (the home page lists them). */
    facetCounts = { categories: new Map(), authors: new Map() };
    changed = new Set();
    /** The images (relative to the articles folder) each held or draft story names or shows: private until a published story does. */
    unreleasedImages = new Map();
    /** What the parser took from each file's latest save, published or not. */
    readings = new Map();
    /** Load entries kept by the last run, with the stats of their files then. One sort, not n inserts. */
    restore(rows) {
        for (const { entry, stat } of rows) {
            this.count(entry, 1);
            this.entries.set(entry.path, entry);
            this.slugOwners.set(slugKey(entry.slug), entry.path);
            this.idOwners.set(entry.id, entry.path);
            this.stats.set(entry.path, stat);
            this.changed.add(entry.path);
        }
        this.order.reset(rows.map((r) => r.entry).sort(compareEntries));
    }
    /** Published entries, newest first (published, then path: a total, stable order). Valid until the next change. */
    list() {
        return this.order.all;
    }
    get(path) {
        return this.entries.get(path);
    }
    get size() {
        return this.entries.size;
    }
    get draftCount() {
        return this.drafts.size;
    }
    /** Category or author names with their story counts (unordered). */
    facet(kind) {
        return this.facetCounts[kind];
    }
    /** The path whose published entry holds this slug (compared as slugKey), if any. */
    slugOwner(slug) {
        const owner = this.slugOwners.get(slugKey(slug));
        return owner !== undefined && this.entries.has(owner) ? owner : undefined;
    }
    /** The path whose published entry has this id, if any. */
    idOwner(id) {
        return this.idOwners.get(id);
    }
    /** Publish `entry` at its path, replacing the entry there. */
    publish(entry) {
        const current = this.entries.get(entry.path);
        this.held.delete(entry.path);
        if (current && this.idOwners.get(current.id) === entry.path)
            this.idOwners.delete(current.id);
        this.idOwners.set(entry.id, entry.path);
        if (current) {
            this.order.remove(current);
            this.count(current, -1);
            const oldKey = slugKey(current.slug);
            if (oldKey !== slugKey(entry.slug) && this.slugOwners.get(oldKey) === entry.path)
                this.slugOwners.delete(oldKey);
        }
        this.drafts.delete(entry.path);
        this.unreleasedImages.delete(entry.path);
        this.slugOwners.set(slugKey(entry.slug), entry.path);
        this.count(entry, 1);
        this.entries.set(entry.path, entry);
        this.order.insert(entry);
        this.changed.add(entry.path);
    }
    /** Take the entry at `path` off the site; true when there was one. */
    unpublish(path) {
        const entry = this.entries.get(path);
        if (!entry)
            return false;
        this.entries.delete(path);
        if (this.idOwners.get(entry.id) === path)
            this.idOwners.delete(entry.id);
        this.order.remove(entry);
        this.count(entry, -1);
        this.changed.add(path);
        const key = slugKey(entry.slug);
        if (this.slugOwners.get(key) === path)
            this.slugOwners.delete(key);
        return true;
    }
    /** The file at `path` is a draft (or no longer one). A draft is never published. */
    setDraft(path, draft) {
        if (draft)
            this.drafts.add(path);
        else
            this.drafts.delete(path);
    }
    /** The file at `path` is held until `until` (epoch ms), or no longer held (undefined). */
    setHeld(path, until) {
        if (until === undefined)
            this.held.delete(path);
        else
            this.held.set(path, until);
    }
    /** The held or draft story at `path` names or shows `images` (relative to the articles folder): its `image:` and those of its text. */
    setUnreleasedImages(path, images) {
        if (images.length === 0)
            this.unreleasedImages.delete(path);
        else
            this.unreleasedImages.set(path, images);
    }
    /** Every held or draft story's images (path → images), to store; `restoreUnreleasedImages` takes it back after a restart. */
    unreleasedImageMap() {
        return this.unreleasedImages;
    }
    restoreUnreleasedImages(images) {
        for (const [path, named] of images)
            if (!this.entries.has(path) && named.length > 0)
                this.unreleasedImages.set(path, named);
    }
    /**
     * True when a held or draft story names or shows the image `rel` and no published story does
     * (`imagesOf`: an entry's images as paths in the articles folder): it is not public before its
     * story. The published stories are looked through only for an image a held one names.
     */
    imageUnreleased(rel, imagesOf) {
        if (![...this.unreleasedImages.values()].some((named) => named.includes(rel)))
            return false;
        for (const entry of this.entries.values())
            if (imagesOf(entry).includes(rel))
                return false;
        return true;
    }
    /** Held files and their release times. */
    heldFiles() {
        return this.held;
    }
    isDraft(path) {
        return this.drafts.has(path);
    }
    setReading(path, reading) {
        this.readings.set(path, reading);
    }
    reading(path) {
        return this.readings.get(path);
    }
    /** Stats of every file last looked at (published, draft or with a problem). */
    knownStats() {
        return this.stats;
    }
    setStat(path, stat) {
        this.stats.set(path, stat);
    }
    /** The file is gone (or its identity moved): forget its stats and draft mark. */
    forget(path) {
        this.stats.delete(path);
        this.drafts.delete(path);
        this.held.delete(path);
        this.unreleasedImages.delete(path);
        this.readings.delete(path);
    }
    /** Paths whose published entry changed (added, edited, removed) since the last call. */
    drainChanged() {
        const changed = this.changed;
        this.changed = new Set();
        return changed;
    }
    count(entry, delta) {
        const bump = (map, key) => {
            const n = (map.get(key) ?? 0) + delta;
            if (n > 0)
                map.set(key, n);
            else
                map.delete(key);
        };
        for (const c of entry.categories)
            bump(this.facetCounts.categories, c);
        if (entry.author !== undefined)
            bump(this.facetCounts.authors, entry.author);
    }
}
//# sourceMappingURL=catalog.js.map
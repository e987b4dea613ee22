// The entries a restart serves from the store: every stored story, but never a file that is not a story.
import { isArticleName } from '../core/article-names.js';
import { paths } from '../core/routes.js';
/** A published story's warnings and notes as the store keeps them (null: none). */
export function storedNotes(notes) {
    return notes.length === 0 ? null : JSON.stringify(notes.map(({ path: _path, ...note }) => note));
}
function notesOf(filePath, json) {
    if (json === null)
        return [];
    try {
        return JSON.parse(json).map((note) => ({ ...note, path: filePath }));
    }
    catch {
        return [];
    }
}
/**
 * The stored entries, as entries with their file stats. A stored entry whose file name is not a
 * story's (feedpub before 19eb44d could publish a `budget.csv` that had briefly been a symbolic
 * link) is taken down here, with a tombstone and its URL gone (410): no scan reads such a file
 * again, so it would otherwise stay published until the file was deleted.
 */
export function restoreEntries(store, toEntry, log, now) {
    const rows = [];
    const retired = [];
    for (const [, meta, size, mtime, notes] of store.storedEntries()) {
        const parsed = JSON.parse(meta);
        if (!isArticleName(parsed.path))
            retired.push({ file: parsed.path, url: paths.article(parsed.slug) });
        else
            rows.push({ entry: toEntry(parsed), stat: { size, mtimeMs: mtime }, notes: notesOf(parsed.path, notes) });
    }
    if (retired.length === 0)
        return rows;
    try {
        store.transaction(() => {
            for (const { file, url } of retired) {
                store.markDeleted(file, now);
                store.deleteEntry(file);
                store.moveUrl(url, null, now);
            }
        });
    }
    catch (error) {
        // Left for the next restart: they are not served either way.
        log.warn('state.retire-failed', { files: retired.length, reason: error.message });
    }
    for (const { file } of retired)
        log.warn('article.retired', { file, reason: 'not a story file name: taken down (an older feedpub published it)' });
    return rows;
}
//# sourceMappingURL=restore-entries.js.map
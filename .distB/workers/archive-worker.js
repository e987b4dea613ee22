// The build's archive worker: renders RFC 5005 archive pages from the state store while the main thread renders story pages.
import { parentPort, workerData } from 'node:worker_threads';
import { renderArchivePage } from '../core/render/documents.js';
import { storedEntries } from '../publish/stored-entry.js';
import { bodyBytes, documentTag } from '../snapshot/encode.js';
import { EntryReader } from '../store/entry-reader.js';
const reader = new EntryReader(workerData.stateFile);
function render({ site, timeZone, page, pages, stories }) {
    // Each story's row is read once, whole: its body and summary are what its entry loads.
    const rows = new Map();
    const toEntry = storedEntries({ body: (path) => rows.get(path)?.body ?? '', summary: (path) => rows.get(path)?.summary }, site.baseUrl);
    const slice = stories.map((story) => {
        const row = reader.entry(story.path);
        if (row === undefined)
            throw new Error(`${story.path} is not in the state store`);
        rows.set(story.path, row);
        const meta = JSON.parse(row.meta);
        const same = Object.keys(story).every((k) => meta[k] === story[k]);
        if (!same)
            throw new Error(`${story.path} in the state store is not the story this build holds`);
        return toEntry(meta);
    });
    return renderArchivePage(site, page, pages, slice, timeZone).map((doc) => {
        // Its own ArrayBuffer (not a slice of Node's pool), so that it moves to the main thread instead of being copied.
        const bytes = bodyBytes(doc);
        const body = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
        return {
            path: doc.path,
            contentType: doc.contentType,
            lastModifiedMs: doc.lastModified.getTime(),
            freshness: doc.freshness,
            hasPage: doc.page !== undefined,
            body,
            tag: documentTag(body),
        };
    });
}
parentPort?.on('message', (request) => {
    let result;
    try {
        const made = render(request);
        result = { id: request.id, made };
        parentPort?.postMessage(result, made.map((m) => m.body.buffer));
    }
    catch (error) {
        result = { id: request.id, error: error.message };
        parentPort?.postMessage(result);
    }
});
//# sourceMappingURL=archive-worker.js.map
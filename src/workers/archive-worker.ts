// The build's archive worker: renders RFC 5005 archive pages from the state store while the main thread renders story pages.
import { parentPort, workerData } from 'node:worker_threads';
import type { EntryMeta } from '../core/entry-meta.js';
import { renderArchivePage } from '../core/render/documents.js';
import { utf8Bytes } from '../core/utf8.js';
import { storedEntries } from '../publish/stored-entry.js';
import { documentTag } from '../snapshot/encode.js';
import { EntryReader } from '../store/entry-reader.js';
import type { ArchiveMade, ArchiveRequest, ArchiveResult, StoryKey } from './archive-pool.js';

const reader = new EntryReader((workerData as { stateFile: string }).stateFile);

function render({ site, timeZone, page, pages, stories }: ArchiveRequest): ArchiveMade[] {
  const toEntry = storedEntries(reader, site.baseUrl);
  const slice = stories.map((story) => {
    const json = reader.meta(story.path);
    if (json === undefined) throw new Error(`${story.path} is not in the state store`);
    const meta = JSON.parse(json) as EntryMeta;
    const same = (Object.keys(story) as (keyof StoryKey)[]).every((k) => meta[k] === story[k]);
    if (!same) throw new Error(`${story.path} in the state store is not the story this build holds`);
    return toEntry(meta);
  });
  return renderArchivePage(site, page, pages, slice, timeZone).map((doc) => {
    // Its own ArrayBuffer (not a slice of Node's pool), so that it moves to the main thread instead of being copied.
    const bytes = utf8Bytes(doc.body);
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

parentPort?.on('message', (request: ArchiveRequest) => {
  let result: ArchiveResult;
  try {
    const made = render(request);
    result = { id: request.id, made };
    parentPort?.postMessage(result, made.map((m) => m.body.buffer as ArrayBuffer));
  } catch (error) {
    result = { id: request.id, error: (error as Error).message };
    parentPort?.postMessage(result);
  }
});

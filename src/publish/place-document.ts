// One document of a build put in place (kept, linked or written), and what a build could not do, reported per document.
import { link, rm } from 'node:fs/promises';
import type { SnapshotItem } from '../snapshot/snapshot.js';
import type { WritePool } from '../workers/write-pool.js';
import { isFile } from './build-folder.js';
import type { BuildManifest, BuiltDocument } from './build-manifest.js';
import type { OthersAside } from './others-aside.js';

export const ENCODINGS = ['', '.gz', '.br'] as const;

/** The files of a document as built: the page alone, or with its .gz and .br (publish/build-precompress.ts). */
export const suffixesOf = (doc: { plain?: boolean } | undefined): readonly string[] => (doc?.plain ? PLAIN : ENCODINGS);
const PLAIN = [''] as const;

/**
 * Documents in flight: enough that the write pool's workers always have the next one while the
 * main thread renders, few enough that the rendered bodies waiting are a few megabytes.
 */
export const WRITE_PARALLEL = 32;

/** Where a build writes: its folder, the workers that compress and write each document, and which documents stay uncompressed. */
export interface Target {
  outDir: string;
  pool: WritePool;
  plain: (urlPath: string) => boolean;
  /** The user's files where this build writes: kept aside, and named. */
  aside: OthersAside;
}

/**
 * What a build could not do, each reported with why, never the end of the build (a story whose
 * page path is another story's folder, a full disk, a folder made read-only), and the number
 * of documents it wrote.
 */
export class BuildFailures {
  readonly skipped: { path: string; reason: string }[] = [];
  written = 0;

  /**
   * `write` for each document; when it fails, the failure is reported and `keepLast` keeps the
   * last build's files of that document where it can: a page that could not be replaced stays
   * as it was, never deleted as if its story were gone.
   */
  guard(write: (item: SnapshotItem) => Promise<void>, keepLast: (item: SnapshotItem) => Promise<void>) {
    return async (item: SnapshotItem): Promise<void> => {
      try {
        await write(item);
      } catch (error) {
        this.report(item.path, error);
        await keepLast(item).catch(() => undefined);
      }
    };
  }

  report(docPath: string, error: unknown): void {
    this.skipped.push({ path: docPath, reason: (error as Error).message });
  }
}

/**
 * The last build's entry for a document whose files stay as they were: without its key, so the
 * next build renders it again and writes it when its bytes differ.
 */
export function keptAsItWas(manifest: BuildManifest, docPath: string, last: BuiltDocument | undefined): void {
  if (last) manifest.documents.set(docPath, { tag: last.tag, ...(last.plain ? { plain: true } : {}) });
}

/**
 * One document, in a new tree or in place: kept as it is, not even rendered, when its key is the
 * last build's and `keep` can keep its files; else rendered, and kept when its bytes are the
 * same; else its body is `put` (with its gzip and brotli, by the write pool's workers: creating
 * a file can take milliseconds on a busy disk, and compressing as long as rendering), told
 * whether the bytes are this item's alone (SnapshotItem.owned) and may move to the writer. It enters
 * the manifest only once its files are in place, so a write that failed is tried again by the
 * next build. True when it was written.
 */
export async function placeDocument(
  item: SnapshotItem,
  manifest: { last: BuiltDocument | undefined; into: BuildManifest; plain: boolean },
  keep: () => boolean | Promise<boolean>,
  put: (body: Buffer, owned: boolean) => Promise<unknown>,
): Promise<boolean> {
  const { last, into, plain } = manifest;
  // A document built with other files (the precompress setting changed) is written again.
  const sameFiles = last !== undefined && (last.plain ?? false) === plain;
  if (item.key !== undefined && sameFiles && last?.key === item.key && (await keep())) {
    into.documents.set(item.path, last);
    return false;
  }
  const doc = await item.doc();
  if (!doc) return false;
  const write = !(sameFiles && last?.tag === doc.tag && (await keep()));
  if (write) await put(doc.identity.body, item.owned === true);
  into.documents.set(item.path, {
    tag: doc.tag,
    ...(item.key === undefined ? {} : { key: item.key }),
    ...(plain ? { plain: true } : {}),
  });
  return write;
}

/** Hard-link a document's files (`suffixes`) from the last build; false (and nothing left half-done) when any is missing. */
export async function linkAll(from: string, to: string, suffixes: readonly string[]): Promise<boolean> {
  // Never a link: a hard link to a symbolic link would carry it, and what it points to, into the new tree.
  if (!suffixes.every((s) => isFile(from + s))) return false;
  try {
    for (const s of suffixes) await link(from + s, to + s);
    return true;
  } catch {
    await Promise.all(suffixes.map((s) => rm(to + s, { force: true })));
    return false;
  }
}

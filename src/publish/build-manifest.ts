// What a build folder holds, as written into it: each document's tag and source key, each copied file's stamp.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unsafeSegment } from '../core/routes.js';
import { documentFile } from './build-paths.js';

/** Written into every build; the next build reads it to leave unchanged files alone. */
export const BUILD_MANIFEST = '.feedpub-manifest.json';

/** One document as built: the tag of its bytes, the source key it was made from (SnapshotItem), and whether it has no .gz and .br. */
export interface BuiltDocument {
  tag: string;
  key?: string;
  plain?: boolean;
}

export interface BuildManifest {
  /** By URL path. */
  documents: Map<string, BuiltDocument>;
  /** Copied files (assets, images) by path inside the build folder: the source's size and time when copied. */
  files: Map<string, string>;
}

/** The third field of a document written without its .gz and .br: `[tag, key or null, "plain"]`. */
const PLAIN = 'plain';

export const emptyManifest = (): BuildManifest => ({ documents: new Map(), files: new Map() });

/**
 * The last build's manifest; empty when there is none or it is unreadable (then every file is
 * written). An older feedpub's manifest held only each document's tag, by path: its documents
 * are rendered and compared by tag, and its files are copied again.
 */
export async function readManifest(outDir: string): Promise<BuildManifest> {
  const manifest = emptyManifest();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path.join(outDir, BUILD_MANIFEST), 'utf8'));
  } catch {
    return manifest;
  }
  if (parsed === null || typeof parsed !== 'object') return manifest;
  const record = parsed as Record<string, unknown>;
  const versioned = record.version === 2;
  const documents = versioned ? record.documents : record;
  if (documents !== null && typeof documents === 'object') {
    for (const [docPath, value] of Object.entries(documents)) {
      if (!isDocumentPath(docPath)) continue;
      if (typeof value === 'string') manifest.documents.set(docPath, { tag: value });
      else if (Array.isArray(value) && typeof value[0] === 'string')
        manifest.documents.set(docPath, {
          tag: value[0],
          ...(typeof value[1] === 'string' ? { key: value[1] } : {}),
          ...(value[2] === PLAIN ? { plain: true } : {}),
        });
    }
  }
  if (versioned && record.files !== null && typeof record.files === 'object') {
    for (const [rel, stamp] of Object.entries(record.files as object))
      if (typeof stamp === 'string' && isInside(rel)) manifest.files.set(rel, stamp);
  }
  return manifest;
}

/**
 * The manifest is read from a folder anyone with write access may have edited: a path that would
 * lead out of the build folder (`..`, absolute, a backslash, NUL) is ignored, never written or removed.
 */
function isDocumentPath(docPath: string): boolean {
  if (!docPath.startsWith('/')) return false;
  try {
    return isInside(documentFile(docPath));
  } catch {
    return false;
  }
}

function isInside(rel: string): boolean {
  // No hidden name either: the build's own files (its mark, this manifest) are never a document's.
  return !path.isAbsolute(rel) && rel.split('/').every((s) => !unsafeSegment(s) && !s.startsWith('.'));
}

/**
 * Files a build in place is about to write that the manifest does not list yet: written before
 * the first of them, removed with the manifest's writing. A build killed between the two leaves
 * it, and the next build knows those files for its own: written again or removed, never taken
 * for the user's (attack trial: a killed build's pages of stories held or deleted since stayed
 * public for good, carried as the user's files).
 */
export const BUILD_PENDING = '.feedpub-pending.json';

/** The files a killed build in place may have written (BUILD_PENDING), inside the folder only. */
export async function readPending(outDir: string): Promise<Set<string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(outDir, BUILD_PENDING), 'utf8'));
    return new Set(Array.isArray(parsed) ? parsed.filter((rel): rel is string => typeof rel === 'string' && isInside(rel)) : []);
  } catch {
    return new Set();
  }
}

export async function writePending(outDir: string, files: Iterable<string>): Promise<void> {
  const file = path.join(outDir, BUILD_PENDING);
  const temp = `${file}.tmp-${process.pid}`;
  await writeFile(temp, `${JSON.stringify([...new Set(files)].sort())}\n`);
  await rename(temp, file);
}

export const removePending = (outDir: string) => rm(path.join(outDir, BUILD_PENDING), { force: true });

/** Write the manifest into `dir` whole (a reader, or a build interrupted here, sees the old one or the new one). */
export async function writeManifest(dir: string, manifest: BuildManifest): Promise<void> {
  // In path order, whatever order the documents were written in: a build that changed nothing
  // writes the same bytes, and then leaves the file as it is.
  const documents: Record<string, (string | null)[]> = {};
  for (const docPath of [...manifest.documents.keys()].sort()) {
    const { tag, key, plain } = manifest.documents.get(docPath) as BuiltDocument;
    documents[docPath] = plain ? [tag, key ?? null, PLAIN] : key === undefined ? [tag] : [tag, key];
  }
  const files = Object.fromEntries([...manifest.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const json = `${JSON.stringify({ version: 2, documents, files })}\n`;
  const file = path.join(dir, BUILD_MANIFEST);
  if ((await readFile(file, 'utf8').catch(() => undefined)) === json) return;
  const temp = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(temp, json);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

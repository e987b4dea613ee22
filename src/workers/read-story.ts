// Read one article file, hash it, and parse it when its bytes changed: on a parse worker (serve, build) or in-line (check).
import { lstatSync } from 'node:fs';
import { contentHash } from '../core/entry-meta.js';
import { ArticleError } from '../core/errors.js';
import type { Ingested } from '../core/ingest.js';
import { ProblemCode } from '../core/model.js';
import { readArticle } from '../watch/read-article.js';

/** A file to read: `knownHash` is its published version's hash, whose bytes need no parse. */
export interface FileJob {
  absPath: string;
  relPath: string;
  maxBytes: number;
  knownHash?: string;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** What reading a file found: no bytes cross back, only their hash and the parse. */
export type FileOutcome =
  | { result: { kind: 'missing' } | { kind: 'directory' } }
  | { result: { kind: 'file' } & FileStat; hash: string; ingested?: Ingested }
  | { error: { code: ProblemCode; message: string; fileStat?: FileStat } };

/**
 * Read `job`'s file (watch/read-article.ts: no links followed, the size cap), hash it, and parse
 * it unless its hash is `knownHash`. Where the file is read is where its bytes live and die: on
 * a worker, the main thread never holds them (at 100,000 stories, tens of MB of dead buffers
 * waited there for a full collection).
 */
export function readStory(job: FileJob, ingest: (bytes: Uint8Array) => Ingested): FileOutcome {
  try {
    const read = readArticle(job.absPath, job.relPath, job.maxBytes);
    if (read.kind !== 'file') return { result: read };
    const hash = contentHash(read.bytes);
    const result = { kind: 'file' as const, size: read.size, mtimeMs: read.mtimeMs };
    return hash === job.knownHash ? { result, hash } : { result, hash, ingested: ingest(read.bytes) };
  } catch (error) {
    if (!(error instanceof ArticleError)) return { error: { code: ProblemCode.Unreadable, message: String(error) } };
    return { error: { code: error.code, message: error.message, ...(error.fileStat ? { fileStat: error.fileStat } : {}) } };
  }
}

/**
 * The outcome of a read that never finished (its worker stuck past the time limit, or crashed):
 * with the file's size and mtime when they can be had, so an unchanged bad file is not read again.
 */
export function unfinishedRead(job: FileJob, code: ProblemCode, message: string): FileOutcome {
  try {
    const st = lstatSync(job.absPath);
    return { error: { code, message, fileStat: { size: st.size, mtimeMs: Math.trunc(st.mtimeMs) } } };
  } catch {
    return { error: { code, message } };
  }
}

/** A failed read as the ArticleError the applier records. */
export function readError(relPath: string, error: Extract<FileOutcome, { error: unknown }>['error']): ArticleError {
  return new ArticleError(error.code, error.message, relPath, error.fileStat ? { fileStat: error.fileStat } : {});
}

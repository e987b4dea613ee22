// Read one article file, hash it, and parse it when its bytes changed: on a parse worker (serve, build) or in-line (check).
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { contentHash } from '../core/entry-meta.js';
import { ArticleError } from '../core/errors.js';
import { ProblemCode } from '../core/model.js';
import { readArticle } from '../watch/read-article.js';
/**
 * Read `job`'s file (watch/read-article.ts: no links followed, the size cap), hash it, and parse
 * it unless its hash is `knownHash`. Where the file is read is where its bytes live and die: on
 * a worker, the main thread never holds them (at 100,000 stories, tens of MB of dead buffers
 * waited there for a full collection).
 */
export function readStory(job, ingest) {
    try {
        linkedFolder(job);
        const read = readArticle(job.absPath, job.relPath, job.maxBytes);
        // Looked at now, not when the batch ends: the folder may be back by then, and its files
        // found missing meanwhile would be taken for deletions.
        if (read.kind === 'missing')
            return existsSync(job.root) ? { result: read } : { result: read, rootGone: true };
        if (read.kind !== 'file')
            return { result: read };
        const hash = contentHash(read.bytes);
        const result = { kind: 'file', size: read.size, mtimeMs: read.mtimeMs };
        return hash === job.knownHash ? { result, hash } : { result, hash, ingested: ingest(read.bytes) };
    }
    catch (error) {
        if (!(error instanceof ArticleError))
            return { error: { code: ProblemCode.Unreadable, message: String(error) } };
        return { error: { code: error.code, message: error.message, ...(error.fileStat ? { fileStat: error.fileStat } : {}) } };
    }
}
/**
 * O_NOFOLLOW guards the file's own name only: a folder on its path replaced by a symbolic link
 * (`mv sub sub.old; ln -s /elsewhere sub`) would publish what it points to. Each folder between
 * the articles folder and the file is looked at (one lstat each; the articles folder itself may
 * be a link, which is followed on purpose).
 */
function linkedFolder(job) {
    const parts = job.relPath.split('/').slice(0, -1);
    let dir = job.root;
    for (const part of parts) {
        dir = path.join(dir, part);
        let link = false;
        try {
            link = lstatSync(dir).isSymbolicLink();
        }
        catch {
            return; // gone: readArticle says so
        }
        if (link) {
            throw new ArticleError(ProblemCode.Symlink, `the folder ${path.relative(job.root, dir)} is a symbolic link: not followed`, job.relPath);
        }
    }
}
/** The size and mtime of a file as it is before a worker reads it, when it can be had. */
export function statBefore(absPath) {
    try {
        const st = lstatSync(absPath);
        return { size: st.size, mtimeMs: Math.trunc(st.mtimeMs) };
    }
    catch {
        return undefined;
    }
}
/**
 * The outcome of a read that never finished (its worker stuck past the time limit, or crashed),
 * with the file's size and mtime from before it was read (`before`), so an unchanged bad file is
 * not read again and one saved since is: a stat taken when the limit fires would pin the old
 * verdict on the new version.
 */
export function unfinishedRead(before, code, message) {
    return { error: { code, message, ...(before ? { fileStat: before } : {}) } };
}
/** A failed read as the ArticleError the applier records. */
export function readError(relPath, error) {
    return new ArticleError(error.code, error.message, relPath, error.fileStat ? { fileStat: error.fileStat } : {});
}
//# sourceMappingURL=read-story.js.map
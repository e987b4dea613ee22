import { lstatSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { imageType } from '../core/media.js';
import { ProblemCode } from '../core/model.js';
import { MAX_DEPTH, isArticleFile, isIgnoredName } from './ignore-rules.js';
/** Ignored files listed per scan: the desk shows them so an editor sees why a save did nothing; a bound keeps a junk folder cheap. */
export const IGNORED_LIMIT = 500;
/**
 * List the article files under `root` (paths relative, `/`-separated, sorted). Symbolic links
 * to article names are reported, never followed; unreadable sub-folders are reported and skipped.
 */
export async function scanFolder(root) {
    const files = [];
    const problems = [];
    const ignored = [];
    try {
        // The root itself may be a link (a deploy's `current`): followed; links inside it never are.
        const st = await stat(root);
        if (!st.isDirectory())
            return { files, problems, ignored, rootOk: false, rootError: 'not a folder' };
    }
    catch (cause) {
        return { files, problems, ignored, rootOk: false, rootError: cause.code ?? String(cause) };
    }
    try {
        await walk(root, '', 0, { files, problems, ignored });
    }
    catch (cause) {
        return { files, problems, ignored, rootOk: false, rootError: cause.code ?? String(cause) };
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    ignored.sort();
    return { files, problems, ignored, rootOk: true };
}
/** List `dir` (at `rel`, `depth` levels down) into `out`, recursively. An unreadable sub-folder is a problem; an unreadable root throws. */
async function walk(dir, rel, depth, out) {
    const { files, problems, ignored } = out;
    let entries;
    try {
        entries = await readdir(dir, { withFileTypes: true });
    }
    catch (cause) {
        if (rel === '')
            throw cause;
        const code = cause.code;
        if (code !== 'ENOENT')
            problems.push({ path: rel, code: ProblemCode.Unreadable, reason: `cannot list folder: ${code}`, severity: 'error' });
        return;
    }
    for (const entry of entries) {
        const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isFile() && !isArticleFile(entry.name) && imageType(entry.name) === undefined && ignored.length < IGNORED_LIMIT)
            ignored.push(childRel);
        if (isIgnoredName(entry.name))
            continue;
        const childAbs = path.join(dir, entry.name);
        if (entry.isSymbolicLink()) {
            if (isArticleFile(entry.name)) {
                problems.push({
                    path: childRel,
                    code: ProblemCode.Symlink,
                    reason: 'symbolic link: not followed (copy the file instead)',
                    severity: 'error',
                });
            }
        }
        else if (entry.isDirectory()) {
            if (depth >= MAX_DEPTH) {
                problems.push({
                    path: childRel,
                    code: ProblemCode.NotAFile,
                    reason: `folder nested deeper than ${MAX_DEPTH} levels: not read`,
                    severity: 'error',
                });
            }
            else {
                await walk(childAbs, childRel, depth + 1, out);
            }
        }
        else if (!entry.isFile()) {
            // A named pipe, socket or device under a story's name: reported as the watcher reports it
            // when one appears while serving, never opened (a pipe would block the read).
            if (isArticleFile(entry.name))
                problems.push({ path: childRel, code: ProblemCode.NotAFile, reason: 'not a regular file', severity: 'error' });
        }
        else if (isArticleFile(entry.name)) {
            try {
                // Synchronous: one direct syscall (~2 µs) instead of a thread-pool round trip (~40 µs) per file.
                const st = lstatSync(childAbs);
                files.push({ path: childRel, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) });
            }
            catch (error) {
                // Node reads names as UTF-8: bytes that are not (a name written in TIS-620 or Latin-1)
                // come back with U+FFFD in their place, a name no call can open. Otherwise the file went
                // between readdir and lstat, and the watcher reports the deletion.
                if (entry.name.includes('\uFFFD') && error.code === 'ENOENT') {
                    problems.push({
                        path: childRel,
                        code: ProblemCode.Unreadable,
                        reason: 'its file name is not valid UTF-8 (a legacy encoding?): rename it, then it is read',
                        severity: 'error',
                    });
                }
            }
        }
    }
}
//# sourceMappingURL=scan-folder.js.map
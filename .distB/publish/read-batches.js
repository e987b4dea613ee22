// How the files to read are grouped into batches: each batch is parsed while the one before it is applied, in one transaction.
import path from 'node:path';
import { statBefore } from '../workers/read-story.js';
/** Files read and applied between two yields to the event loop. */
const READ_BATCH = 256;
/**
 * And at most these many bytes of them: each parse is in memory until its batch is applied.
 * 256 files of 4 MB (the default largest) took 2.1 GB at a first start; 256 of a usual 8 KB are 2 MB.
 */
const READ_BATCH_BYTES = 32 * 1024 * 1024;
/**
 * Start the next batch: `start` each file of `list` from `from` on, at most READ_BATCH of them
 * and at most READ_BATCH_BYTES by their size now (at least one file). The stat is the one a read
 * that never finishes is recorded with (workers/read-story.ts statBefore): the scan's own, from
 * `seen`, when the scan listed the file (a second lstat cost the 100,000-story first start 2 s
 * on this thread). Each file is started as soon as it is taken, so the workers begin while the
 * rest of the batch is stat'ed.
 */
export function startBatch(articlesDir, list, from, start, seen) {
    const batch = [];
    let bytes = 0;
    for (let i = from; i < list.length && batch.length < READ_BATCH && (batch.length === 0 || bytes < READ_BATCH_BYTES); i++) {
        const relPath = list[i];
        const before = seen?.get(relPath) ?? statBefore(path.join(articlesDir, relPath));
        bytes += before?.size ?? 0;
        batch.push({ relPath, started: start(relPath, before) });
    }
    return batch;
}
/**
 * The outcomes of `reads` once all are in, or once none has come in for `quietMs` (undefined for
 * those still running). The clock starts now when the workers are up (`workersUp`: a lone slow
 * file must not hold the saves after it), else once one read is in (they may still be booting).
 * The look waits for the messages already queued (as the parse pool's time limit does): after a
 * long transaction, reads that came in meanwhile are not late.
 */
export function untilQuiet(reads, quietMs, workersUp = false) {
    const done = reads.map(() => undefined);
    let left = reads.length;
    return new Promise((resolve) => {
        let timer;
        const settle = () => {
            clearTimeout(timer);
            resolve([...done]);
        };
        const quiet = () => {
            clearTimeout(timer);
            timer = setTimeout(() => setImmediate(settle), quietMs);
        };
        for (const [k, read] of reads.entries()) {
            void read.then((outcome) => {
                done[k] = outcome;
                if (--left === 0)
                    settle();
                else
                    quiet();
            });
        }
        if (left === 0)
            settle();
        else if (workersUp)
            quiet();
    });
}
//# sourceMappingURL=read-batches.js.map
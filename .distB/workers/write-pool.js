// Worker threads that compress and write the documents of a `build`, while the main thread renders the next ones.
import os from 'node:os';
import { startWorker } from './start-worker.js';
/**
 * Jobs travel in batches, and their results come back in one message per batch: a message cost
 * the main thread about 100 µs under a build's load (a cold build of 10,000 posted one per
 * document, 1.3 s of its main thread's 5 s). A batch goes when BATCH jobs wait, or at the end of
 * the event loop's turn while fewer than IN_FLIGHT batches are unanswered (so the worker always
 * has the next one, and jobs gather while it works).
 */
const BATCH = 16;
const IN_FLIGHT = 2;
/** A worker's heap holds one job's strings at a time: a small young generation keeps it a few MB. */
const LIMITS = { maxYoungGenerationSizeMb: 4 };
/**
 * Compressing a story page takes about as long as rendering it (measured at 10,000 stories: 2.8 s
 * of a cold build's main thread, and 2 s more in file calls), so both move here: the main thread
 * only renders and hashes. Workers start with the first write, and end with `close()`.
 *
 * One worker per core beside the main thread's (one on 2 cores): a cold build of 10,000 stories
 * here took 8.7-9.0 s and 500-560 MB with one, 8.8-11.7 s and 620 MB with two, whose file
 * creations in the same folders contend in the kernel (system time 3 s against 4.5-11 s).
 */
export class WritePool {
    slots = [];
    nextId = 1;
    size;
    constructor(size) {
        this.size = size ?? Math.max(1, Math.min(3, os.availableParallelism() - 1));
    }
    /**
     * Write `body` to `to[0]`, and its gzip and brotli to `to[1]` and `to[2]` when given (their
     * folder exists). A failed write rejects with the file system's error and code (ENOSPC, EACCES, ...).
     */
    write(body, to, move = false) {
        const slot = this.leastBusy();
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            slot.jobs.set(id, { resolve, reject });
            slot.unsent.push({ id, body, to });
            // A body that fills its own ArrayBuffer (never a slice of Node's shared pool) moves.
            if (move && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength)
                slot.moving.push(body.buffer);
            if (slot.unsent.length >= BATCH)
                this.post(slot);
            else
                this.postSoon(slot);
        });
    }
    /** Post what waits once this turn of the event loop has queued all it will, unless the worker has enough already. */
    postSoon(slot) {
        if (slot.flushing)
            return;
        slot.flushing = true;
        setImmediate(() => {
            slot.flushing = false;
            if (slot.posted < IN_FLIGHT)
                this.post(slot);
        });
    }
    post(slot) {
        if (slot.unsent.length === 0 || !this.slots.includes(slot))
            return;
        const jobs = slot.unsent.splice(0);
        try {
            slot.worker.postMessage(jobs, slot.moving.splice(0));
            slot.posted++;
        }
        catch (error) {
            // A body that cannot be posted (detached by an earlier move) fails its own write, never the process.
            for (const { id } of jobs) {
                slot.jobs.get(id)?.reject(error);
                slot.jobs.delete(id);
            }
        }
    }
    /** End the workers (a write still running fails). */
    close() {
        for (const slot of this.slots.splice(0))
            this.fail(slot, 'the build stopped');
    }
    leastBusy() {
        let best;
        for (const slot of this.slots)
            if (!best || slot.jobs.size < best.jobs.size)
                best = slot;
        if (best && (best.jobs.size === 0 || this.slots.length >= this.size))
            return best;
        const slot = { worker: startWorker('write-worker', undefined, LIMITS), jobs: new Map(), unsent: [], posted: 0, moving: [], flushing: false };
        slot.worker.on('message', (results) => {
            slot.posted--;
            if (slot.unsent.length > 0)
                this.postSoon(slot);
            for (const { id, error } of results) {
                const job = slot.jobs.get(id);
                slot.jobs.delete(id);
                if (!error)
                    job?.resolve();
                else
                    job?.reject(Object.assign(new Error(error.message), error.code ? { code: error.code } : {}));
            }
        });
        // A crashed worker fails its writes (each reported by the build) and is replaced on the next.
        slot.worker.on('error', (error) => this.drop(slot, `the writer crashed: ${error.message}`));
        slot.worker.on('exit', () => this.drop(slot, 'the writer stopped'));
        this.slots.push(slot);
        return slot;
    }
    drop(slot, message) {
        const index = this.slots.indexOf(slot);
        if (index >= 0)
            this.slots.splice(index, 1);
        this.fail(slot, message);
    }
    fail(slot, message) {
        for (const job of slot.jobs.values())
            job.reject(new Error(message));
        slot.jobs.clear();
        slot.unsent.length = 0;
        slot.moving.length = 0;
        // Not awaited, as in the parse pool: terminate() of a worker with tsx's loader can hang on Node 20.
        slot.worker.unref();
        void slot.worker.terminate();
    }
}
//# sourceMappingURL=write-pool.js.map
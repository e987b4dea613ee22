// The build's write worker: writes documents, each with its gzip and brotli beside it when asked, off the main thread.
import { writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { brotliBody, gzipBody } from '../snapshot/compress.js';
function write({ id, body, to }) {
    try {
        // Synchronous on purpose: this thread does nothing else, and each async call would cost a
        // round trip through libuv's pool for a 6 KB file.
        writeFileSync(to[0], body);
        if (to.length === 3) {
            writeFileSync(to[1], gzipBody(body));
            writeFileSync(to[2], brotliBody(body));
        }
        return { id };
    }
    catch (error) {
        const { message, code } = error;
        return { id, error: { message, ...(code ? { code } : {}) } };
    }
}
// A batch of jobs in, one message of their results out (write-pool.ts).
parentPort?.on('message', (jobs) => parentPort?.postMessage(jobs.map(write)));
//# sourceMappingURL=write-worker.js.map
import { startWorker } from './start-worker.js';
/**
 * Measured at 10,000 stories: archive pages were 2 s of a cold build's 4.7 s of rendering on the
 * main thread while the write worker sat idle 85 % of the time. One worker, started on the first
 * page asked for and ended by close(); its failure rejects, and the caller renders on the main thread.
 */
export class ArchivePool {
    stateFile;
    worker;
    jobs = new Map();
    nextId = 1;
    /** Set when the worker crashed or could not start: the rest of the build renders on the main thread. */
    broken;
    constructor(stateFile) {
        this.stateFile = stateFile;
    }
    render(page) {
        if (this.broken !== undefined)
            return Promise.reject(new Error(this.broken));
        const worker = this.start();
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            this.jobs.set(id, { resolve, reject });
            worker.postMessage({ ...page, id });
        });
    }
    close() {
        const worker = this.worker;
        this.worker = undefined;
        this.failAll('the build stopped');
        if (worker) {
            // Not awaited, as in the other pools: terminate() of a worker with tsx's loader can hang on Node 20.
            worker.unref();
            void worker.terminate();
        }
    }
    start() {
        if (this.worker)
            return this.worker;
        const worker = startWorker('archive-worker', { stateFile: this.stateFile });
        worker.on('message', (result) => {
            const job = this.jobs.get(result.id);
            this.jobs.delete(result.id);
            if ('made' in result)
                job?.resolve(result.made);
            else
                job?.reject(new Error(result.error));
        });
        const gone = (message) => {
            if (this.worker !== worker)
                return;
            this.worker = undefined;
            this.broken = message;
            this.failAll(message);
        };
        worker.on('error', (error) => gone(`the archive worker crashed: ${error.message}`));
        worker.on('exit', () => gone('the archive worker stopped'));
        this.worker = worker;
        return worker;
    }
    failAll(message) {
        for (const job of this.jobs.values())
            job.reject(new Error(message));
        this.jobs.clear();
    }
}
//# sourceMappingURL=archive-pool.js.map
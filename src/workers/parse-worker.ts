// The parse worker: runs core/parse-file.ts on the bytes it is sent, off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from '../core/parse-file.js';
import type { ParseOptions } from '../core/parse-story.js';

const options = workerData as ParseOptions;

parentPort?.on('message', (job: { id: number; path: string; bytes: Uint8Array }) => {
  parentPort?.postMessage({ id: job.id, outcome: parseFile(job.bytes, job.path, options) });
});

// Ready only now that the parser is loaded: the pool's time limit measures parsing, not start-up.
parentPort?.postMessage({ ready: true });

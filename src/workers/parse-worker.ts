// The parse worker: runs core/ingest.ts on the bytes it is sent, off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type IngestOptions, ingestStory } from '../core/ingest.js';

const options = workerData as IngestOptions;

parentPort?.on('message', (job: { id: number; path: string; bytes: Uint8Array }) => {
  parentPort?.postMessage({ id: job.id, outcome: ingestStory(job.bytes, job.path, options) });
});

// Ready only now that the parser is loaded: the pool's time limit measures parsing, not start-up.
parentPort?.postMessage({ ready: true });

// The parse worker: reads and parses the files it is sent (or parses the bytes), off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type IngestOptions, type Ingested, ingestStory } from '../core/ingest.js';
import type { WorkerJob } from './parse-pool.js';
import { readStory } from './read-story.js';

const options = workerData as IngestOptions;

parentPort?.on('message', (job: WorkerJob) => {
  const outcome =
    'file' in job
      ? readStory(job.file, (bytes) => lean(ingestStory(bytes, job.file.relPath, options)))
      : lean(ingestStory(job.bytes, job.path, options));
  parentPort?.postMessage({ id: job.id, outcome });
});

/**
 * The outcome without the paragraph openings of its reading: only `check --explain` shows them,
 * and it parses in-line. Each is hundreds of characters, copied to the main thread for nothing.
 */
function lean(outcome: Ingested): Ingested {
  const reading = outcome.ok ? outcome.story.reading : outcome.failure.reading;
  if (reading) reading.paragraphs = [];
  return outcome;
}

// Ready only now that the parser is loaded: the pool's time limit measures parsing, not start-up.
parentPort?.postMessage({ ready: true });

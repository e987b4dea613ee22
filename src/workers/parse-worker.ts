// The parse worker: reads and parses the files it is sent (or parses the bytes), off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type Ingested, ingestStory } from '../core/ingest.js';
import { prepareFor } from '../core/parse-story.js';
import { type ParseWorkerData, type WorkerDone, type WorkerJob, runningCell } from './parse-messages.js';
import { readStory } from './read-story.js';

const { options, running, summaries } = workerData as ParseWorkerData;
/** The job this worker is on, for the pool's time limit (parse-pool.ts). */
const cell = runningCell(running);

/**
 * Results go back once the jobs of a message are done, or sooner when they take long: one
 * message per file cost more than a tenth of a first scan's time (100,000 in each direction).
 */
const FLUSH_MS = 20;

parentPort?.on('message', (jobs: WorkerJob[]) => {
  let done: WorkerDone = [];
  let flushed = performance.now();
  for (const job of jobs) {
    prepareFor('file' in job ? job.file.relPath : job.path);
    cell.begin(job.id);
    done.push({ id: job.id, outcome: parse(job) });
    if (performance.now() - flushed >= FLUSH_MS) {
      parentPort?.postMessage({ done });
      done = [];
      flushed = performance.now();
    }
  }
  cell.end();
  if (done.length > 0) parentPort?.postMessage({ done });
});

function parse(job: WorkerJob): unknown {
  return 'file' in job
    ? readStory(job.file, (bytes) => lean(ingestStory(bytes, job.file.relPath, options, summaries)))
    : lean(ingestStory(job.bytes, job.path, options, summaries));
}

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

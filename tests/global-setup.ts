// Before the tests: each worker thread's module bundled once, so that the hundreds of workers the suite starts load one file each instead of compiling TypeScript through tsx.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const WORKERS = ['parse-worker', 'write-worker', 'archive-worker'];

/**
 * Measured on this 2-core machine: a parse worker started from source (tsx registering its loader,
 * then compiling the worker's modules) was ready in 0.6-1.1 s, from one bundled file in about
 * 0.2 s, and the suite starts a few hundred. The bundles are made from the same source the tests
 * run, at every run; packages stay outside (resolved from node_modules, as dist's workers do).
 * Under node_modules so that those imports resolve; one folder per run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const outdir = path.join(ROOT, 'node_modules', '.cache', 'feedpub-test-workers', String(process.pid));
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: WORKERS.map((name) => path.join(ROOT, 'src', 'workers', `${name}.ts`)),
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    sourcemap: 'inline',
    logLevel: 'error',
  });
  // Read by src/workers/start-worker.ts, in the test processes and the CLI processes they spawn.
  process.env.FEEDPUB_WORKER_BUNDLES = outdir;
  return () => rm(outdir, { recursive: true, force: true });
}

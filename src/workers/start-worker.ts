// Start a worker thread from a module beside this one: dist's .js, or the .ts source under vitest or tsx.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';

const FROM_SOURCE = import.meta.url.endsWith('.ts');
/** From source under the tests: this source compiled once (tests/global-setup.ts), whose workers load without tsx. */
const COMPILED = FROM_SOURCE ? process.env.FEEDPUB_TEST_BUILD : undefined;

/**
 * A worker running `name` (a module in src/workers). From source, the worker registers tsx's
 * loader itself before importing it: a worker does not inherit the parent's loader, and its own
 * resolution would start from the process's cwd, so tsx is resolved here, where it is installed.
 */
export function startWorker(name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  if (COMPILED) return new Worker(pathToFileURL(path.join(COMPILED, 'workers', `${name}.js`)), { workerData, resourceLimits });
  const url = new URL(`./${name}${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
  if (!FROM_SOURCE) return new Worker(url, { workerData, resourceLimits });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

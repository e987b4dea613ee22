// The W3C Feed Validation Service's own code as a test oracle: run it on a document, read its events.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where the validator is: `FEEDVALIDATOR` (set by .ci/run), else the shared tools folder beside the repository. */
export const FEEDVALIDATOR = process.env.FEEDVALIDATOR ?? path.resolve(ROOT, '..', 'shared', 'tools', 'w3c-feedvalidator', 'validate');

/** Why the validator cannot run here, or undefined when it can (it needs Debian's python3-libxml2, -rdflib and -html5lib). */
export const feedValidatorMissing: string | undefined = (() => {
  if (!existsSync(FEEDVALIDATOR)) return `the W3C feed validator is not at ${FEEDVALIDATOR} (set FEEDVALIDATOR)`;
  const modules = spawnSync('/usr/bin/python3', ['-c', 'import libxml2, rdflib, html5lib']);
  if (modules.status !== 0) return 'python3-libxml2, python3-rdflib or python3-html5lib is not installed';
  return undefined;
})();

export interface ValidatorEvent {
  level: 'ERROR' | 'WARNING' | 'info';
  type: string;
  line?: number;
  message: string;
}

const EVENT = /^\s+(ERROR|WARNING|info)\s+\[(\w+)\] (?:line (\d+), column \d+: )?(.*)$/;

/**
 * Validate one feed document. Its self link is the base (file mode). The validator warns about
 * dates after its own clock (ImplausibleDate): fixtures must be dated in the past.
 */
export function validateFeed(xml: string): { exit: number; events: ValidatorEvent[]; output: string } {
  // A file, not a pipe: the validator opens its source by name.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'feedpub-w3c-'));
  const file = path.join(dir, 'feed.xml');
  writeFileSync(file, xml);
  const run = spawnSync(FEEDVALIDATOR, [file], { timeout: 60_000 });
  rmSync(dir, { recursive: true, force: true });
  const output = `${run.stdout?.toString() ?? ''}${run.stderr?.toString() ?? ''}`;
  if (run.status === 2 || run.status === null) throw new Error(`feed validator could not run (exit ${run.status}): ${output}`);
  const events: ValidatorEvent[] = [];
  for (const line of output.split('\n')) {
    const m = EVENT.exec(line);
    if (m)
      events.push({
        level: m[1] as ValidatorEvent['level'],
        type: m[2] as string,
        line: m[3] ? Number(m[3]) : undefined,
        message: m[4] as string,
      });
  }
  return { exit: run.status, events, output };
}

/** Errors and warnings, less the ones `allowed` by type (info never counts). */
export function complaints(result: { events: ValidatorEvent[] }, allowed: readonly string[] = []): string[] {
  return result.events
    .filter((e) => e.level !== 'info' && !allowed.includes(e.type))
    .map((e) => `${e.level} [${e.type}] line ${e.line}: ${e.message}`);
}

// Where each document of a build goes (core/routes.ts buildFile), worked out once per path: a build asks three or four times for each.
import { buildFile } from '../core/routes.js';

const known = new Map<string, string>();

/**
 * buildFile(urlPath) for a document, remembered until forgetDocumentFiles(): a build after one
 * story changed spent about 130 ms of its 2 s decoding the same 10,000 paths again (the last
 * manifest, the in-place check, each write, the case check). Throws as buildFile does.
 */
export function documentFile(urlPath: string): string {
  let file = known.get(urlPath);
  if (file === undefined) {
    file = buildFile(urlPath);
    known.set(urlPath, file);
  }
  return file;
}

/** At the end of a build: the paths are a few megabytes at 10,000 stories, and the next build's may differ. */
export function forgetDocumentFiles(): void {
  known.clear();
}

// Every current problem, by path and by the stage that found it: the folder scan, or the reading of the file.
import type { Problem } from '../core/model.js';

/**
 * Where a problem came from. A scan's problems (links, unreadable or too deep folders, the
 * articles folder missing) are replaced by the next scan; a file's problems (unreadable,
 * encoding, parse, slug collision, warnings) by the next reading of that file.
 */
export const ProblemSource = { Scan: 'scan', File: 'file' } as const;
export type ProblemSource = (typeof ProblemSource)[keyof typeof ProblemSource];

/** The path under which problems of the articles folder itself are listed. */
export const ROOT_PATH = '.';

export class ProblemBook {
  private readonly byPath = new Map<string, { scan: Problem[]; file: Problem[] }>();
  /** Found while rendering the site's documents (a URL the sitemaps leave out): never a reason to re-read a file. */
  private documents: Problem[] = [];

  /** Replace every problem the document renderers found. */
  setDocuments(problems: readonly Problem[]): void {
    this.documents = [...problems];
  }

  /** Replace everything known about `path` with what reading its file found (nothing: the file is fine or gone). */
  setFile(path: string, problems: readonly Problem[]): void {
    if (problems.length === 0) this.byPath.delete(path);
    else this.byPath.set(path, { scan: [], file: [...problems] });
  }

  /** Replace every problem a scan found with `found`; file problems stay. */
  setScan(found: readonly Problem[]): void {
    for (const [path, entry] of this.byPath) {
      if (entry.file.length === 0) this.byPath.delete(path);
      else entry.scan = [];
    }
    for (const problem of found) {
      const entry = this.byPath.get(problem.path) ?? { scan: [], file: [] };
      entry.scan.push(problem);
      this.byPath.set(problem.path, entry);
    }
  }

  /** True when reading `path` last failed (an error, not a warning). */
  hasError(path: string): boolean {
    return this.byPath.get(path)?.file.some((p) => p.severity === 'error') ?? false;
  }

  /** Paths whose file problems include `code` (a slug clash, say: retried when the slug is freed). */
  pathsWithCode(code: string): string[] {
    const out: string[] = [];
    for (const [path, entry] of this.byPath) if (entry.file.some((p) => p.code === code)) out.push(path);
    return out;
  }

  /** Paths of files with a problem (a reconcile re-checks them even when no file is listed there). */
  paths(): string[] {
    return [...this.byPath.keys()].filter((p) => p !== ROOT_PATH);
  }

  /**
   * Every current problem, errors first, then by path. A link found by the scan and again when
   * its path was read is one problem, listed once.
   */
  list(): Problem[] {
    const seen = new Set<string>();
    const all: Problem[] = [];
    for (const { scan, file } of [...this.byPath.values(), { scan: this.documents, file: [] }]) {
      for (const p of [...file, ...scan]) {
        const key = `${p.path}\0${p.code}\0${p.reason}`;
        if (seen.has(key)) continue;
        seen.add(key);
        all.push(p);
      }
    }
    const rank = { error: 0, warning: 1, info: 2 } as const;
    return all.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
}

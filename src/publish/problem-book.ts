// Every current problem, by path and by the stage that found it: the folder scan, the reading of the file, or the state store.
import type { Problem } from '../core/model.js';

/**
 * Where a problem came from. A scan's problems (links, unreadable or too deep folders, the
 * articles folder missing) are replaced by the next scan; a file's problems (unreadable,
 * encoding, parse, slug collision, warnings) by the next reading of that file; the store's
 * (a change to the file not yet saved in the state store) by the next write that succeeds.
 */
export const ProblemSource = { Scan: 'scan', File: 'file', Store: 'store' } as const;
export type ProblemSource = (typeof ProblemSource)[keyof typeof ProblemSource];

/** The path under which problems of the articles folder itself are listed. */
export const ROOT_PATH = '.';

interface PathProblems {
  scan: Problem[];
  file: Problem[];
  store: Problem[];
}

export class ProblemBook {
  private readonly byPath = new Map<string, PathProblems>();
  /** Found while rendering the site's documents (a URL the sitemaps leave out): never a reason to re-read a file. */
  private documents: Problem[] = [];

  /** Replace every problem the document renderers found. */
  setDocuments(problems: readonly Problem[]): void {
    this.documents = [...problems];
  }

  /**
   * Replace what reading its file found about `path`, and its scan problems (nothing: the file is
   * fine or gone). False when its file problems were already these: a file read again by each
   * scan (a folder turned link) and found the same is logged once, not at every scan.
   */
  setFile(path: string, problems: readonly Problem[]): boolean {
    const before = this.byPath.get(path)?.file ?? [];
    const key = (list: readonly Problem[]) => JSON.stringify(list.map((p) => [p.code, p.reason, p.line, p.severity]));
    this.put(path, { scan: [], file: [...problems], store: this.byPath.get(path)?.store ?? [] });
    return key(before) !== key(problems);
  }

  /** Replace the store's problem with `path` (nothing: its last change is saved). */
  setStore(path: string, problems: readonly Problem[]): void {
    const entry = this.byPath.get(path) ?? { scan: [], file: [], store: [] };
    this.put(path, { ...entry, store: [...problems] });
  }

  /** Paths with a change the store has not saved yet. */
  storePaths(): string[] {
    return [...this.byPath].filter(([, e]) => e.store.length > 0).map(([path]) => path);
  }

  /** Replace every problem a scan found with `found`; file and store problems stay. */
  setScan(found: readonly Problem[]): void {
    for (const [path, entry] of this.byPath) this.put(path, { ...entry, scan: [] });
    for (const problem of found) {
      const entry = this.byPath.get(problem.path) ?? { scan: [], file: [], store: [] };
      entry.scan.push(problem);
      this.byPath.set(problem.path, entry);
    }
  }

  /** True when reading `path` last failed (an error, not a warning), or its result is not yet stored: it must be read again. */
  hasError(path: string): boolean {
    const entry = this.byPath.get(path);
    return entry !== undefined && (entry.store.length > 0 || entry.file.some((p) => p.severity === 'error'));
  }

  private put(path: string, entry: PathProblems): void {
    if (entry.scan.length + entry.file.length + entry.store.length === 0) this.byPath.delete(path);
    else this.byPath.set(path, entry);
  }

  /** Paths whose file problems include `code` (a slug clash, say: retried when the slug is freed). */
  pathsWithCode(code: string): string[] {
    const out: string[] = [];
    for (const [path, entry] of this.byPath) if (entry.file.some((p) => p.code === code)) out.push(path);
    return out;
  }

  /** What the last reading of `path` found (no scan or store problem). */
  fileProblems(path: string): readonly Problem[] {
    return this.byPath.get(path)?.file ?? [];
  }

  /** The problems of one file (its reading's, then the scan's), errors first. */
  forPath(path: string): Problem[] {
    const entry = this.byPath.get(path);
    if (!entry) return [];
    const rank = { error: 0, warning: 1, info: 2 } as const;
    return [...entry.file, ...entry.scan].sort((a, b) => rank[a.severity] - rank[b.severity]);
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
    for (const { scan, file, store } of [...this.byPath.values(), { scan: this.documents, file: [], store: [] }]) {
      for (const p of [...store, ...file, ...scan]) {
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

/**
 * Where a problem came from. A scan's problems (links, unreadable or too deep folders, the
 * articles folder missing) are replaced by the next scan; a file's problems (unreadable,
 * encoding, parse, slug collision, warnings) by the next reading of that file; the store's
 * (a change to the file not yet saved in the state store) by the next write that succeeds.
 */
export const ProblemSource = { Scan: 'scan', File: 'file', Store: 'store' };
/** The path under which problems of the articles folder itself are listed. */
export const ROOT_PATH = '.';
export class ProblemBook {
    byPath = new Map();
    /** Found while rendering the site's documents (a URL the sitemaps leave out): never a reason to re-read a file. */
    documents = [];
    /** Replace every problem the document renderers found. */
    setDocuments(problems) {
        this.documents = [...problems];
    }
    /**
     * Replace what reading its file found about `path`, and its scan problems (nothing: the file is
     * fine or gone). False when its file problems were already these: a file read again by each
     * scan (a folder turned link) and found the same is logged once, not at every scan.
     */
    setFile(path, problems) {
        const before = this.byPath.get(path)?.file ?? [];
        const key = (list) => JSON.stringify(list.map((p) => [p.code, p.reason, p.line, p.severity]));
        this.put(path, { scan: [], file: [...problems], store: this.byPath.get(path)?.store ?? [] });
        return key(before) !== key(problems);
    }
    /** Replace the store's problem with `path` (nothing: its last change is saved). */
    setStore(path, problems) {
        const entry = this.byPath.get(path) ?? { scan: [], file: [], store: [] };
        this.put(path, { ...entry, store: [...problems] });
    }
    /** Paths with a change the store has not saved yet. */
    storePaths() {
        return [...this.byPath].filter(([, e]) => e.store.length > 0).map(([path]) => path);
    }
    /** Replace every problem a scan found with `found`; file and store problems stay. */
    setScan(found) {
        for (const [path, entry] of this.byPath)
            this.put(path, { ...entry, scan: [] });
        for (const problem of found) {
            const entry = this.byPath.get(problem.path) ?? { scan: [], file: [], store: [] };
            entry.scan.push(problem);
            this.byPath.set(problem.path, entry);
        }
    }
    /** True when reading `path` last failed (an error, not a warning), or its result is not yet stored: it must be read again. */
    hasError(path) {
        const entry = this.byPath.get(path);
        return entry !== undefined && (entry.store.length > 0 || entry.file.some((p) => p.severity === 'error'));
    }
    put(path, entry) {
        if (entry.scan.length + entry.file.length + entry.store.length === 0)
            this.byPath.delete(path);
        else
            this.byPath.set(path, entry);
    }
    /** Paths whose file problems include `code` (a slug clash, say: retried when the slug is freed). */
    pathsWithCode(code) {
        const out = [];
        for (const [path, entry] of this.byPath)
            if (entry.file.some((p) => p.code === code))
                out.push(path);
        return out;
    }
    /** The problems of one file (its reading's, then the scan's), errors first. */
    forPath(path) {
        const entry = this.byPath.get(path);
        if (!entry)
            return [];
        const rank = { error: 0, warning: 1, info: 2 };
        return [...entry.file, ...entry.scan].sort((a, b) => rank[a.severity] - rank[b.severity]);
    }
    /** Paths of files with a problem (a reconcile re-checks them even when no file is listed there). */
    paths() {
        return [...this.byPath.keys()].filter((p) => p !== ROOT_PATH);
    }
    /**
     * Every current problem, errors first, then by path. A link found by the scan and again when
     * its path was read is one problem, listed once.
     */
    list() {
        const seen = new Set();
        const all = [];
        for (const { scan, file, store } of [...this.byPath.values(), { scan: this.documents, file: [], store: [] }]) {
            for (const p of [...store, ...file, ...scan]) {
                const key = `${p.path}\0${p.code}\0${p.reason}`;
                if (seen.has(key))
                    continue;
                seen.add(key);
                all.push(p);
            }
        }
        const rank = { error: 0, warning: 1, info: 2 };
        return all.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    }
}
//# sourceMappingURL=problem-book.js.map
// What a folder scan means for the catalog: which files to read again (new, changed, gone, or known to be bad).
/**
 * The paths to read, in order: new or changed files (size or mtime moved; nothing is read to
 * decide), then known files that are gone, then bad paths and stored stories that are gone.
 * Reading a gone path retires its story.
 */
export function diffFolder(state) {
    const onDisk = new Set(state.onDisk.map((f) => f.path));
    const todo = state.onDisk
        .filter((f) => {
        const k = state.known.get(f.path);
        return !k || k.size !== f.size || k.mtimeMs !== f.mtimeMs;
    })
        .map((f) => f.path);
    const gone = (p) => !onDisk.has(p) && !state.known.has(p);
    for (const p of state.known.keys())
        if (!onDisk.has(p))
            todo.push(p);
    for (const p of state.problemPaths)
        if (gone(p))
            todo.push(p);
    for (const p of state.stored ?? [])
        if (gone(p))
            todo.push(p);
    return todo;
}
//# sourceMappingURL=folder-diff.js.map
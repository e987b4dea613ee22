// What the desk shows, as data the server fills in: DeskView, its files' order, and the state/name filter.
/** A file's state on the desk, in the order the desk lists them and offers them as filters. */
export const DESK_STATES = ['problem', 'kept', 'held', 'draft', 'published', 'ignored'];
/**
 * Sort key: problems (and kept-with-a-problem) first, then held stories, then everything else; by path
 * within a rank. Paths compare by UTF-16 code unit (as `<` does in desk.js), not by locale, so the
 * server and the script agree on where a new row goes and the same view gives the same bytes.
 */
export function deskRank(state) {
    return state === 'problem' ? 0 : state === 'kept' ? 1 : state === 'held' ? 2 : 3;
}
export function compareDeskFiles(a, b) {
    return deskRank(a.state) - deskRank(b.state) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
/** A sorted copy; the input is not touched. */
export function sortDeskFiles(files) {
    return [...files].sort(compareDeskFiles);
}
/** Lower-cased NFC: the form both the server and desk.js search in, so Thai typed in either composition matches. */
export function searchKey(text) {
    return text.normalize('NFC').toLowerCase();
}
/** The text a name search looks in: the path and the title the parser took. */
export function searchText(file) {
    return searchKey(file.title ? `${file.path} ${file.title}` : file.path);
}
export function matchesDeskFilter(file, filter) {
    if (filter.state && file.state !== filter.state)
        return false;
    const q = filter.q ? searchKey(filter.q.trim()) : '';
    return q === '' || searchText(file).includes(q);
}
function isDeskState(value) {
    return DESK_STATES.includes(value);
}
/** The filter from a desk URL's query; an unknown state is ignored, the search is trimmed and capped at 200 characters. */
export function parseDeskQuery(query) {
    const params = typeof query === 'string' ? new URLSearchParams(query) : query;
    const filter = {};
    const state = params.get('state') ?? '';
    if (isDeskState(state))
        filter.state = state;
    const q = (params.get('q') ?? '').trim().slice(0, 200);
    if (q)
        filter.q = q;
    return filter;
}
/** `?state=…&q=…` for a filter (empty parts left out), appended to the desk's path. */
export function deskQueryHref(deskPath, filter) {
    const params = new URLSearchParams();
    if (filter.state)
        params.set('state', filter.state);
    if (filter.q)
        params.set('q', filter.q);
    const query = params.toString();
    return query ? `${deskPath}?${query}` : deskPath;
}
/** The row's element id: injective in the path and free of white space, as HTML ids must be. desk.js makes the same. */
export function deskRowId(path) {
    return `f-${encodeURIComponent(path)}`;
}
/** Where the desk serves a file's preview (a suggestion for the server; any URL in `previewUrl` works). */
export function deskPreviewHref(path, deskPath = '/') {
    return `${deskPath}preview?path=${encodeURIComponent(path)}`;
}
//# sourceMappingURL=desk-view.js.map
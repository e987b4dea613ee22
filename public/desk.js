// feedpub desk: live rows over server-sent events, and instant filter and search. The page works without it.
//
// The desk page names its event stream in <body data-events="/events"> (same origin: CSP connect-src 'self').
// Events (text/event-stream, one JSON `data:` line each; made by renderDeskEvent in src/core/render/desk.ts):
//   event: file     data: {"path":"world/rain.txt","html":"<li class=\"file …\" id=\"f-…\" data-path=…>…</li>"}
//                   a file's row, new or changed: replaces the row with that data-path, or is inserted in order
//   event: remove   data: {"path":"world/rain.txt"}   the file is gone: its row goes
//   event: summary  data: {"html":"<section id=\"desk-summary\">…</section>"}   counts, watcher, rebuild, pings
// A page of more files than it shows (<ol data-partial>: the server sent only the first rows that match)
// cannot be filtered here: its state links and search form go to the server, as without script.
// After a lost connection the script reconnects with backoff (1 s doubling to 30 s, with jitter) and then
// re-reads the page once, since events sent while it was away are not replayed.
(() => {
  'use strict';
  const list = document.getElementById('desk-files');
  if (!list) return;
  const live = document.getElementById('desk-live');
  const empty = document.getElementById('desk-empty');
  const search = document.getElementById('desk-q');
  const stateInput = document.getElementById('desk-state');
  const form = document.getElementById('desk-search');
  const partial = list.hasAttribute('data-partial');
  const params = new URLSearchParams(location.search);
  // Read as the server reads them (parseDeskQuery): a state it knows, at most 200 characters of search.
  const states = new Set(Array.from(document.querySelectorAll('a[data-filter]'), (a) => a.dataset.filter || ''));
  const asked = params.get('state') || '';
  const filter = { state: states.has(asked) ? asked : '', q: (params.get('q') || '').trim().slice(0, 200) };

  // Same search form as the server's searchKey(): NFC, lower case.
  const key = (s) => s.normalize('NFC').toLowerCase();

  function hrefFor(state, q) {
    const p = new URLSearchParams();
    if (state) p.set('state', state);
    if (q) p.set('q', q);
    const s = p.toString();
    return location.pathname + (s ? `?${s}` : '');
  }

  function matches(row) {
    if (filter.state && row.dataset.state !== filter.state) return false;
    const q = key(filter.q);
    return q === '' || (row.dataset.search || '').includes(q);
  }

  function apply() {
    let visible = 0;
    for (const row of list.children) {
      const show = matches(row);
      row.hidden = !show;
      if (show) visible++;
    }
    if (empty) empty.hidden = visible > 0;
    for (const a of document.querySelectorAll('a[data-filter]')) {
      const f = a.dataset.filter || '';
      if (f === filter.state) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
      a.href = hrefFor(f, filter.q);
    }
    if (stateInput) stateInput.value = filter.state;
  }

  function remember() {
    history.replaceState(null, '', hrefFor(filter.state, filter.q));
  }

  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[data-filter]') : null;
    // A modified click (new tab, new window) keeps the plain link, which the server filters the same way.
    if (!a || partial || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    filter.state = a.dataset.filter || '';
    apply();
    remember();
  });
  if (search && !partial) {
    search.addEventListener('input', () => {
      filter.q = search.value.trim().slice(0, 200);
      apply();
      remember();
    });
  }
  if (form && !partial) form.addEventListener('submit', (event) => event.preventDefault());

  function element(html) {
    const t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }

  // The server's order: rank (problem, kept, held, rest), newest save first, then path by UTF-16 code unit, as `<` compares.
  function goesBefore(a, b) {
    const ra = Number(a.dataset.rank);
    const rb = Number(b.dataset.rank);
    if (ra !== rb) return ra < rb;
    const sa = Number(a.dataset.saved ?? -1);
    const sb = Number(b.dataset.saved ?? -1);
    return sa !== sb ? sa > sb : a.dataset.path < b.dataset.path;
  }

  function findRow(path) {
    return document.getElementById(`f-${encodeURIComponent(path)}`);
  }

  function upsert(path, html) {
    const row = element(html);
    if (!row || row.dataset.path !== path) return;
    const old = findRow(path);
    if (old) old.remove();
    let next = null;
    for (const child of list.children) {
      if (goesBefore(row, child)) {
        next = child;
        break;
      }
    }
    // A partial page holds only matching rows, and none past its last while others match beyond it.
    const more = document.getElementById('desk-more');
    if (partial && (!matches(row) || (next === null && more && !more.hidden))) {
      apply();
      refreshSoon();
      return;
    }
    list.insertBefore(row, next);
    row.hidden = !matches(row);
    row.classList.add('changed');
    setTimeout(() => row.classList.remove('changed'), 2500);
    apply();
    refreshSoon();
  }

  // A partial page's rows and its "first N of M" line are the server's: a second after changes
  // stop, it is read again, so rows removed are filled from beyond and the counts hold.
  let refresh = 0;
  function refreshSoon() {
    if (!partial) return;
    clearTimeout(refresh);
    refresh = setTimeout(resync, 1000);
  }

  function replaceSummary(html) {
    const fresh = element(html);
    const old = document.getElementById('desk-summary');
    if (fresh && old) old.replaceWith(fresh);
    apply();
  }

  function data(event) {
    try {
      return JSON.parse(event.data);
    } catch {
      return null;
    }
  }

  async function resync() {
    try {
      const response = await fetch(location.pathname + location.search, { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (!response.ok) return;
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const rows = doc.getElementById('desk-files');
      const summary = doc.getElementById('desk-summary');
      // The folder grew past one page, or shrank back: the page itself changes how it filters.
      if (rows && rows.hasAttribute('data-partial') !== partial) {
        location.reload();
        return;
      }
      const fresh = doc.getElementById('desk-more');
      const more = document.getElementById('desk-more');
      if (fresh && more) more.replaceWith(document.importNode(fresh, true));
      if (rows) list.replaceChildren(...Array.from(rows.children).map((r) => document.importNode(r, true)));
      if (summary) replaceSummary(summary.outerHTML);
      apply();
    } catch {
      // Still offline: the next reconnect tries again.
    }
  }

  function showLive(state) {
    if (!live) return;
    live.hidden = false;
    live.textContent = live.dataset[state] || state;
    live.className = `live is-${state}`;
  }

  let source = null;
  let delay = 1000;
  let timer = 0;
  let lost = false;

  function connect() {
    showLive('connecting');
    source = new EventSource(document.body.dataset.events || '/events');
    source.addEventListener('open', () => {
      delay = 1000;
      showLive('live');
      if (lost) resync();
      lost = false;
    });
    source.addEventListener('error', () => {
      // EventSource retries by itself on some failures and gives up on others; one policy for all.
      source.close();
      lost = true;
      showLive('offline');
      clearTimeout(timer);
      timer = setTimeout(connect, delay + Math.random() * (delay / 2));
      delay = Math.min(delay * 2, 30000);
    });
    source.addEventListener('file', (event) => {
      const d = data(event);
      if (d && typeof d.path === 'string' && typeof d.html === 'string') upsert(d.path, d.html);
    });
    source.addEventListener('remove', (event) => {
      const d = data(event);
      const row = d && typeof d.path === 'string' ? findRow(d.path) : null;
      if (row) row.remove();
      apply();
      refreshSoon();
    });
    source.addEventListener('summary', (event) => {
      const d = data(event);
      if (d && typeof d.html === 'string') replaceSummary(d.html);
    });
  }

  window.addEventListener('pagehide', () => {
    clearTimeout(timer);
    if (source) source.close();
  });
  apply();
  if (typeof EventSource === 'function') connect();
})();

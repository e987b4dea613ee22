// The editor's desk as HTML: the whole page, one file's row and the summary (also sent as fragments over SSE).
import { type DeskWords, explainProblem } from '../desk-words.js';
import { formatDuration, relativeTimeElement, timeElement } from '../human-date.js';
import { escapeHtml } from '../text.js';
import {
  DESK_STATES,
  type DeskFile,
  type DeskFilter,
  type DeskView,
  deskQueryHref,
  deskPage,
  deskRank,
  deskRowId,
  deskSavedMs,
  matchesDeskFilter,
  searchText,
} from './desk-view.js';

export * from './desk-view.js';
export { renderDeskPreview, type DeskPreviewEntry, type DeskPreviewOptions } from './desk-preview.js';

export interface DeskRenderOptions {
  /** The moment the page describes: "saved 3 minutes ago" is counted from here (the core reads no clock). */
  now: Date;
  /** Rows not matching are rendered with `hidden`, so a page works without script and desk.js can re-show them. */
  filter?: DeskFilter;
  /** Path the desk is served at; default `/`. Filter links and the search form point here. */
  deskPath?: string;
  /** Default `/desk.css`, `/desk.js`, `/events` (all same-origin, as `script-src 'self'` and `connect-src 'self'` need). */
  stylesheet?: string;
  script?: string;
  events?: string;
  /** The most rows the page carries (default DESK_PAGE_ROWS). */
  rowLimit?: number;
}

/** Site language and zone, as every date on the desk needs them. */
function dates(view: Pick<DeskView, 'site'>) {
  return { language: view.site.language, timeZone: view.site.timeZone };
}

function fact(label: string, valueHtml: string): string {
  return valueHtml ? `<div><dt>${escapeHtml(label)}</dt><dd>${valueHtml}</dd></div>` : '';
}

/**
 * One file's row: `<li id="f-…" data-path data-state data-rank data-saved data-search>`. The id and `data-path` are
 * stable for a path, so desk.js can replace the row when an SSE `file` event carries this same HTML.
 * `site` is needed for the language and zone of its dates.
 */
export function renderDeskRow(file: DeskFile, words: DeskWords, opts: DeskRenderOptions & Pick<DeskView, 'site'>): string {
  const d = dates(opts);
  const hidden = opts.filter && !matchesDeskFilter(file, opts.filter) ? ' hidden' : '';
  const state = escapeHtml(file.state);
  const langAttr = file.language && file.language !== opts.site.language ? ` lang="${escapeHtml(file.language)}"` : '';
  const parts: string[] = [
    `<li class="file state-${state}" id="${escapeHtml(deskRowId(file.path))}" data-path="${escapeHtml(file.path)}" data-state="${state}" data-rank="${deskRank(file.state)}" data-saved="${deskSavedMs(file)}" data-search="${escapeHtml(searchText(file))}"${hidden}>`,
    `<p class="file-head"><span class="badge state-${state}" title="${escapeHtml(words.stateHelp[file.state])}">${escapeHtml(words.states[file.state])}</span> <code class="path">${escapeHtml(file.path)}</code></p>`,
  ];
  if (file.title) parts.push(`<p class="file-title"${langAttr}>${escapeHtml(file.title)}</p>`);
  if (file.state === 'held' && file.releaseAt) {
    parts.push(
      `<p class="release">${escapeHtml(words.heldUntil)} ${timeElement(file.releaseAt, d)} (${relativeTimeElement(file.releaseAt, opts.now, d)})</p>`,
    );
  }
  if (file.problems.length > 0) {
    const items = file.problems.map((p) => {
      const plain = explainProblem(words, p.code);
      const line = p.line !== undefined ? ` · ${escapeHtml(words.line)} ${escapeHtml(String(p.line))}` : '';
      return `<li class="problem severity-${escapeHtml(p.severity)}">
<p class="problem-what"><strong>${escapeHtml(plain.what)}</strong>${line} <span class="code">${escapeHtml(words.severity[p.severity])} <code>${escapeHtml(p.code)}</code></span></p>
<p class="problem-todo">${escapeHtml(plain.todo)}</p>
<p class="problem-reason">${escapeHtml(words.details)}: ${escapeHtml(p.reason)}</p>
</li>`;
    });
    parts.push(`<ul class="problems">\n${items.join('\n')}\n</ul>`);
  }
  const took = file.latencyMs !== undefined ? ` · ${escapeHtml(words.took)} ${escapeHtml(formatDuration(file.latencyMs, d))}` : '';
  const facts = [
    fact(words.dateline, file.dateline ? `${escapeHtml(file.dateline)}${file.datelineAt ? ` → ${timeElement(new Date(file.datelineAt), d)}` : ''}` : ''),
    fact(words.credit, file.credit ? escapeHtml(file.credit) : ''),
    fact(words.language, file.language ? escapeHtml(file.language) : ''),
    fact(words.saved, file.savedAt ? relativeTimeElement(file.savedAt, opts.now, d) : ''),
    fact(words.published, file.publishedAt ? `${relativeTimeElement(file.publishedAt, opts.now, d)}${took}` : ''),
  ].join('');
  if (facts) parts.push(`<dl class="facts">${facts}</dl>`);
  const links = [
    file.publicUrl ? `<a href="${escapeHtml(file.publicUrl)}">${escapeHtml(words.publicPage)}</a>` : '',
    file.previewUrl ? `<a href="${escapeHtml(file.previewUrl)}">${escapeHtml(words.preview)}</a>` : '',
  ].filter(Boolean);
  if (links.length > 0) parts.push(`<p class="links">${links.join(' ')}</p>`);
  parts.push('</li>');
  return parts.join('\n');
}

/**
 * The header block `<section id="desk-summary">`: state counts (which are also the filter links),
 * the watcher's mode and health, the last rebuild and the latest WebSub pings. Replaced whole by an
 * SSE `summary` event; desk.js then re-marks the active filter.
 */
export function renderDeskSummary(view: DeskView, words: DeskWords, opts: DeskRenderOptions): string {
  const d = dates(view);
  const deskPath = opts.deskPath ?? '/';
  const filter = opts.filter ?? {};
  const total = DESK_STATES.reduce((n, s) => n + (view.counts[s] ?? 0), 0);
  const link = (state: (typeof DESK_STATES)[number] | undefined, label: string, count: number) => {
    const current = filter.state === state ? ' aria-current="true"' : '';
    const cls = state ? ` class="state-${state}"` : '';
    const href = deskQueryHref(deskPath, { ...filter, state });
    return `<a href="${escapeHtml(href)}" data-filter="${state ?? ''}"${cls}${current}>${escapeHtml(label)} <span class="count">${count}</span></a>`;
  };
  const filters = [link(undefined, words.all, total), ...DESK_STATES.map((s) => link(s, words.states[s], view.counts[s] ?? 0))];
  const w = view.watcher;
  const watcher = `${escapeHtml(words.watcherModes[w.mode])} · <strong>${escapeHtml(w.healthy ? words.healthy : words.unhealthy)}</strong>${
    w.detail ? ` <span class="detail">${escapeHtml(w.detail)}</span>` : ''
  }`;
  const r = view.lastRebuild;
  const rebuild = r
    ? `${relativeTimeElement(r.at, opts.now, d)} · ${escapeHtml(formatDuration(r.ms, d))} · ${r.documents} ${escapeHtml(words.documents)}`
    : escapeHtml(words.never);
  const pings =
    view.websub.length === 0
      ? escapeHtml(words.noPings)
      : `<ul class="pings">${view.websub
          .map(
            (p) =>
              `<li class="${p.ok ? 'ok' : 'failed'}"><span class="hub">${escapeHtml(p.hub)}</span> · <strong>${escapeHtml(p.ok ? words.pingOk : words.pingFailed)}</strong> · ${relativeTimeElement(p.at, opts.now, d)}${p.detail ? ` <span class="detail">${escapeHtml(p.detail)}</span>` : ''}</li>`,
          )
          .join('')}</ul>`;
  const folder = view.folder
    ? `<p class="folder-alert" role="alert"><strong>${escapeHtml(words.folderAlert)}</strong> <code>${escapeHtml(view.folder.code)}</code> ${escapeHtml(view.folder.reason)}</p>
`
    : '';
  return `<section id="desk-summary" class="summary">
${folder}<nav class="filters" aria-label="${escapeHtml(words.filterLabel)}">${filters.join('\n')}</nav>
<dl class="health">
<div class="watcher ${w.healthy && w.mode !== 'stopped' ? 'ok' : 'bad'}"><dt>${escapeHtml(words.watcher)}</dt><dd>${watcher}</dd></div>
<div><dt>${escapeHtml(words.lastRebuild)}</dt><dd>${rebuild}</dd></div>
<div><dt>${escapeHtml(words.websub)}</dt><dd>${pings}</dd></div>
</dl>
</section>`;
}

/**
 * The whole desk page: summary, legend, search form, the files (sorted by compareDeskFiles: problems,
 * kept, held, the rest, each newest save first; rows outside the filter carry `hidden`; past
 * DESK_PAGE_ROWS files, only the first that match, the list marked `data-partial` and `#desk-more`
 * above it saying how many others match). No inline script or style: it runs under
 * `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'`.
 */
export function renderDesk(view: DeskView, words: DeskWords, opts: DeskRenderOptions): string {
  const deskPath = opts.deskPath ?? '/';
  const filter = opts.filter ?? {};
  const page = deskPage(view.files, filter, opts.rowLimit);
  const rowOpts = { ...opts, site: view.site, filter };
  const rows = page.rows.map((f) => renderDeskRow(f, words, rowOpts)).join('\n');
  const more = page.partial && page.matching > page.rows.length;
  const count = new Intl.NumberFormat(words.lang);
  const moreText = words.moreFiles.replace('{shown}', count.format(page.rows.length)).replace('{matching}', count.format(page.matching));
  const legend = DESK_STATES.map(
    (s) =>
      `<div><dt><span class="badge state-${s}">${escapeHtml(words.states[s])}</span></dt><dd>${escapeHtml(words.stateHelp[s])}</dd></div>`,
  ).join('\n');
  const title = `${words.desk} · ${view.site.title}`;
  return `<!doctype html>
<html lang="${escapeHtml(words.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(opts.stylesheet ?? '/desk.css')}">
<script src="${escapeHtml(opts.script ?? '/desk.js')}" defer></script>
</head>
<body class="desk" data-events="${escapeHtml(opts.events ?? '/events')}">
<header class="desk-header">
<h1><a href="${escapeHtml(deskPath)}">${escapeHtml(words.desk)}</a> <span class="site">${escapeHtml(view.site.title)}</span></h1>
<p id="desk-live" class="live" data-live="${escapeHtml(words.live)}" data-offline="${escapeHtml(words.offline)}" data-connecting="${escapeHtml(words.connecting)}" hidden></p>
<p class="public"><a href="${escapeHtml(`${view.publicBaseUrl}/`)}">${escapeHtml(view.publicBaseUrl)}</a></p>
</header>
${renderDeskSummary(view, words, { ...opts, filter })}
<form id="desk-search" class="search" method="get" action="${escapeHtml(deskPath)}" role="search">
<label for="desk-q">${escapeHtml(words.searchLabel)}</label>
<input id="desk-q" type="search" name="q" value="${escapeHtml(filter.q ?? '')}" maxlength="200" autocomplete="off" spellcheck="false">
<input id="desk-state" type="hidden" name="state" value="${escapeHtml(filter.state ?? '')}">
<button type="submit">${escapeHtml(words.searchButton)}</button>
${filter.q ? `<a class="clear" href="${escapeHtml(deskQueryHref(deskPath, { state: filter.state }))}">${escapeHtml(words.clearSearch)}</a>` : ''}
</form>
<main>
<p id="desk-empty" class="empty"${page.matching > 0 ? ' hidden' : ''}>${escapeHtml(words.noFiles)}</p>
<p id="desk-more" class="more"${more ? '' : ' hidden'}>${escapeHtml(moreText)}</p>
<ol id="desk-files" class="files"${page.partial ? ' data-partial' : ''}>
${rows}
</ol>
<details class="legend"><summary>${escapeHtml(words.legend)}</summary><dl>
${legend}
</dl></details>
</main>
</body>
</html>
`;
}

/** What changed, for `renderDeskEvent`: a file's row (new or changed), a file gone, or the summary. */
export type DeskChange = { type: 'file'; file: DeskFile } | { type: 'remove'; path: string } | { type: 'summary'; view: DeskView };

/**
 * One server-sent event (https://html.spec.whatwg.org/multipage/server-sent-events.html), ready to write:
 * `event: file` / `data: {"path","html"}` (html from `renderDeskRow`), `event: remove` / `data: {"path"}`,
 * `event: summary` / `data: {"html"}` (from `renderDeskSummary`). JSON never holds a raw line break, so
 * each event is one `data:` line.
 */
export function renderDeskEvent(change: DeskChange, words: DeskWords, opts: DeskRenderOptions & Pick<DeskView, 'site'>): string {
  const payload =
    change.type === 'file'
      ? { path: change.file.path, html: renderDeskRow(change.file, words, { ...opts, filter: undefined }) }
      : change.type === 'remove'
        ? { path: change.path }
        : { html: renderDeskSummary(change.view, words, { ...opts, filter: undefined }) };
  return `event: ${change.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

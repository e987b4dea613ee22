// One entry as a reader will see it, on the desk, under a banner that says it is a preview.
import type { DeskWords } from '../desk-words.js';
import { timeElement } from '../human-date.js';
import { escapeHtml } from '../text.js';

/** The parts of an Entry (or of a last good parse) a preview shows. `contentHtml` is already sanitized. */
export interface DeskPreviewEntry {
  path: string;
  title: string;
  contentHtml: string;
  published?: Date;
  updated?: Date;
  author?: string;
  image?: string;
  categories?: readonly string[];
  language?: string;
  /** A held story's release time: the banner says when it goes out. */
  heldUntil?: Date;
}

export interface DeskPreviewOptions {
  site: { title: string; language: string; timeZone: string };
  /** The reader's stylesheet (the desk must serve it too; default `/style.css`) and the desk's own (default `/desk.css`). */
  stylesheet?: string;
  deskStylesheet?: string;
  /** Link back to the desk; default `/`. */
  deskPath?: string;
}

/**
 * A full page: a "preview" banner (in the desk's language, with the file's path and a link back),
 * then the story laid out as the public story page lays it out: title, date (human-date, site zone),
 * updated date when later, credit, categories, image, body. Marked `noindex`; no script.
 */
export function renderDeskPreview(entry: DeskPreviewEntry, words: DeskWords, opts: DeskPreviewOptions): string {
  const language = entry.language ?? opts.site.language;
  // Dates in the site's language, as the story page writes them (new-user trial: an English story's preview on a Thai site had English dates).
  const d = { language: opts.site.language, timeZone: opts.site.timeZone };
  const meta: string[] = [];
  if (entry.published) meta.push(timeElement(entry.published, d));
  if (entry.updated && entry.published && entry.updated.getTime() > entry.published.getTime()) meta.push(timeElement(entry.updated, d));
  if (entry.author) meta.push(escapeHtml(entry.author));
  const metaLang = language === opts.site.language ? '' : ` lang="${escapeHtml(opts.site.language)}"`;
  const held = entry.heldUntil
    ? `<p>${escapeHtml(words.heldUntil)} ${timeElement(entry.heldUntil, { language: words.lang, timeZone: opts.site.timeZone })} (${escapeHtml(opts.site.timeZone)})</p>\n`
    : '';
  const categories =
    entry.categories && entry.categories.length > 0
      ? `<p class="categories">${entry.categories.map((c) => `<span>${escapeHtml(c)}</span>`).join(' ')}</p>\n`
      : '';
  const image = entry.image ? `<figure><img src="${escapeHtml(entry.image)}" alt=""></figure>\n` : '';
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(`${words.preview}: ${entry.title}`)}</title>
<link rel="stylesheet" href="${escapeHtml(opts.stylesheet ?? '/style.css')}">
<link rel="stylesheet" href="${escapeHtml(opts.deskStylesheet ?? '/desk.css')}">
</head>
<body class="preview">
<aside class="preview-banner" lang="${escapeHtml(words.lang)}" role="note">
<p><strong>${escapeHtml(words.previewBanner)}</strong></p>
${held}<p><code class="path">${escapeHtml(entry.path)}</code> · <a href="${escapeHtml(opts.deskPath ?? '/')}">${escapeHtml(words.backToDesk)}</a></p>
</aside>
<header>
<p>${escapeHtml(opts.site.title)}</p>
</header>
<main>
<article>
<h1>${escapeHtml(entry.title)}</h1>
<p class="meta"${metaLang}>${meta.join(' · ')}</p>
${categories}${image}${entry.contentHtml}
</article>
</main>
</body>
</html>
`;
}

import { timeElement } from '../human-date.js';
import { escapeHtml } from '../text.js';
/**
 * A full page: a "preview" banner (in the desk's language, with the file's path and a link back),
 * then the story laid out as the public story page lays it out: title, date (human-date, site zone),
 * updated date when later, credit, categories, image, body. Marked `noindex`; no script.
 */
export function renderDeskPreview(entry, words, opts) {
    const language = entry.language ?? opts.site.language;
    const d = { language, timeZone: opts.site.timeZone };
    const meta = [];
    if (entry.published)
        meta.push(timeElement(entry.published, d));
    if (entry.updated && entry.published && entry.updated.getTime() > entry.published.getTime())
        meta.push(timeElement(entry.updated, d));
    if (entry.author)
        meta.push(escapeHtml(entry.author));
    const categories = entry.categories && entry.categories.length > 0
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
<p><code class="path">${escapeHtml(entry.path)}</code> · <a href="${escapeHtml(opts.deskPath ?? '/')}">${escapeHtml(words.backToDesk)}</a></p>
</aside>
<header>
<p>${escapeHtml(opts.site.title)}</p>
</header>
<main>
<article>
<h1>${escapeHtml(entry.title)}</h1>
<p class="meta">${meta.join(' · ')}</p>
${categories}${image}${entry.contentHtml}
</article>
</main>
</body>
</html>
`;
}
//# sourceMappingURL=desk-preview.js.map
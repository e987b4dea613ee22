// The public port's HTML error page (404, 503 while starting, ...): in the site's language, with a link to the home page.
import { isThai } from '../desk-words.js';
import { ASSETS, BUILD_PAGES, paths, siteUrls } from '../routes.js';
import { sitePageWords } from '../site-page-words.js';
import { escapeHtml } from '../text.js';
import { MEDIA_TYPES } from './documents.js';
/** What each status means to a Thai reader (the English reason names the path, which the page shows beside it). */
const THAI = {
    400: 'คำขอไม่ถูกต้อง',
    404: 'ไม่พบหน้านี้',
    405: 'ไม่รองรับคำขอแบบนี้',
    503: 'กำลังเริ่มระบบและอ่านข่าวอยู่ โปรดลองใหม่ในอีกสักครู่',
};
/**
 * The page for `status` with `message` (English, as the JSON error says it). A Thai site says
 * what the status means in Thai and keeps the English reason, marked as English, below it.
 */
export function renderErrorPage(language, status, message, links = { home: paths.home, stylesheet: ASSETS.stylesheet }) {
    const thai = isThai(language);
    const said = thai
        ? `<p>${THAI[status] ?? (status >= 500 ? 'ระบบขัดข้อง' : 'คำขอไม่ถูกต้อง')}</p><p lang="en"><small>${escapeHtml(message)}</small></p>`
        : `<p>${escapeHtml(message)}</p>`;
    return `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status}</title><link rel="stylesheet" href="${escapeHtml(links.stylesheet)}"></head><body><main><h1>${status}</h1>${said}<p><a href="${escapeHtml(links.home)}">${sitePageWords(language).latest}</a></p></main></body></html>\n`;
}
/** The 404 page a static export leaves for its web server: links absolute, as on every page of a build. */
export function notFoundDocument(site, updated) {
    const urls = siteUrls(site.baseUrl);
    return {
        path: BUILD_PAGES.notFound,
        contentType: MEDIA_TYPES.html,
        body: renderErrorPage(site.language, 404, 'no such page', { home: urls.home, stylesheet: urls.stylesheet }),
        lastModified: updated,
        freshness: 'live',
    };
}
//# sourceMappingURL=error-page.js.map
// Entries → the HTML index and each story's own page (no script; styled by /style.css).
import { authorsOf } from '../credit-authors.js';
import { timeElement } from '../human-date.js';
import type { Entry, Site } from '../model.js';
import { hasFacetPage, siteUrls } from '../routes.js';
import { type SitePageWords, sitePageWords } from '../site-page-words.js';
import { escapeHtml } from '../text.js';

export interface PageLinks {
  home: string;
  rss: string;
  atom: string;
  json: string;
  stylesheet: string;
}

function head(site: Site, title: string, links: PageLinks, language: string, opml?: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(links.stylesheet)}">
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(site.title)} (RSS)" href="${escapeHtml(links.rss)}">
<link rel="alternate" type="application/atom+xml" title="${escapeHtml(site.title)} (Atom)" href="${escapeHtml(links.atom)}">
<link rel="alternate" type="application/feed+json" title="${escapeHtml(site.title)} (JSON Feed)" href="${escapeHtml(links.json)}">
${opml ? `<link rel="outline" type="text/x-opml" title="${escapeHtml(site.title)}: every feed (OPML)" href="${escapeHtml(opml)}">\n` : ''}</head>
<body>
`;
}

function feedList(words: SitePageWords, links: PageLinks, opml?: string): string {
  return `<nav class="feeds" aria-label="${words.feeds}">${words.subscribe}:
<a href="${escapeHtml(links.rss)}">RSS</a>
<a href="${escapeHtml(links.atom)}">Atom</a>
<a href="${escapeHtml(links.json)}">JSON Feed</a>
${opml ? `<a href="${escapeHtml(opml)}" type="text/x-opml">${words.everyFeed}</a>\n` : ''}</nav>`;
}

function langAttr(e: Entry, site: Site): string {
  return e.language && e.language !== site.language ? ` lang="${escapeHtml(e.language)}"` : '';
}

/** The meta line's dates are written in the site's language: say so inside a story of another. */
function siteLangAttr(e: Entry, site: Site): string {
  return e.language && e.language !== site.language ? ` lang="${escapeHtml(site.language)}"` : '';
}

/** A link to a category's or author's page, with how many stories it has. */
export interface FacetLink {
  name: string;
  href: string;
  count: number;
}

export interface IndexOptions {
  /** Category and author pages listed under the heading (home page only). */
  facets?: { categories: readonly FacetLink[]; authors: readonly FacetLink[] };
  /** Link back to the home page (category and author pages). */
  home?: string;
  /** The OPML list of every feed (home page only): linked in the head and beside the feeds. */
  opml?: string;
}

function facetNav(label: string, links: readonly FacetLink[]): string {
  if (links.length === 0) return '';
  const items = links.map((f) => `<a href="${escapeHtml(f.href)}">${escapeHtml(f.name)}</a> (${f.count})`).join(' · ');
  return `<nav class="facets" aria-label="${escapeHtml(label)}">${escapeHtml(label)}: ${items}</nav>\n`;
}

/**
 * A list page, newest stories first, with autodiscovery links for all three of its feeds: the
 * home page (with the category and author lists), or a category's or author's page.
 */
export function renderIndex(site: Site, entries: readonly Entry[], links: PageLinks, timeZone: string, options: IndexOptions = {}): string {
  const items = entries
    .map(
      (e) => `<li${langAttr(e, site)}>
<h2><a href="${escapeHtml(e.url)}">${escapeHtml(e.title)}</a></h2>
<p class="meta"${siteLangAttr(e, site)}>${timeElement(e.published, { language: site.language, timeZone })}${e.author ? ` · ${escapeHtml(e.author)}` : ''}</p>
<p>${escapeHtml(e.summary)}</p>
</li>`,
    )
    .join('\n');
  const back = options.home ? `<p><a href="${escapeHtml(options.home)}">← ${escapeHtml(site.description)}</a></p>\n` : '';
  const words = sitePageWords(site.language);
  const facets = options.facets ? facetNav(words.categories, options.facets.categories) + facetNav(words.authors, options.facets.authors) : '';
  return `${head(site, site.title, links, site.language, options.opml)}<header>
${back}<h1>${escapeHtml(site.title)}</h1>
${options.home ? '' : `<p>${escapeHtml(site.description)}</p>\n`}${feedList(words, links, options.opml)}
${facets}</header>
<main>
${entries.length === 0 ? `<p>${words.noStories}</p>` : `<ol class="stories">\n${items}\n</ol>`}
</main>
</body>
</html>
`;
}

/** The credit as written, each author it names (core/credit-authors.ts) a link to that author's page. */
function creditLinks(e: Entry, baseUrl: string): string {
  const credit = e.author ?? '';
  const urls = siteUrls(baseUrl);
  let out = '';
  let at = 0;
  for (const name of authorsOf(e)) {
    // Names come from this text, in order; one written otherwise (`Jane Doe,Jr.`), or without a page, stays unlinked.
    const i = credit.indexOf(name, at);
    if (i < 0 || !hasFacetPage(name)) continue;
    out += `${escapeHtml(credit.slice(at, i))}<a href="${escapeHtml(urls.facet('authors', name))}">${escapeHtml(name)}</a>`;
    at = i + name.length;
  }
  return out + escapeHtml(credit.slice(at));
}

/** A story's own page: the link of its feed entry. */
export function renderStoryPage(site: Site, e: Entry, links: PageLinks, timeZone: string): string {
  const language = e.language ?? site.language;
  const words = sitePageWords(site.language);
  const updated =
    e.updated.getTime() > e.published.getTime() ? ` · ${words.updated} ${timeElement(e.updated, { language: site.language, timeZone })}` : '';
  const categories =
    e.categories.length > 0
      ? `<p class="categories">${e.categories.map((c) => (hasFacetPage(c) ? `<a href="${escapeHtml(siteUrls(site.baseUrl).facet('categories', c))}">${escapeHtml(c)}</a>` : escapeHtml(c))).join(' ')}</p>\n`
      : '';
  const image = e.image ? `<figure><img src="${escapeHtml(e.image)}" alt=""></figure>\n` : '';
  return `${head(site, `${e.title} · ${site.title}`, links, language)}<header>
<p><a href="${escapeHtml(links.home)}">${escapeHtml(site.title)}</a></p>
</header>
<main>
<article>
<h1>${escapeHtml(e.title)}</h1>
<p class="meta"${siteLangAttr(e, site)}>${timeElement(e.published, { language: site.language, timeZone })}${updated}${e.author ? ` · ${creditLinks(e, site.baseUrl)}` : ''}</p>
${categories}${image}${e.contentHtml}
</article>
</main>
<footer>${feedList(words, links)}</footer>
</body>
</html>
`;
}

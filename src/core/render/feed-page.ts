// The HTML page a browser gets when a person opens a feed URL: what a feed is, how to subscribe, the stories.
import { pickFeedPageWords } from '../feed-page-words.js';
import { timeElement } from '../human-date.js';
import type { Entry, Site } from '../model.js';
import { escapeHtml } from '../text.js';

export type FeedPageEntry = Pick<Entry, 'title' | 'url' | 'published' | 'author' | 'summary' | 'language'>;

export interface FeedPageInput {
  site: Pick<Site, 'title' | 'description' | 'baseUrl' | 'language'>;
  feed: {
    kind: 'rss' | 'atom' | 'json';
    /** The feed's own title (`Site: category` for a facet feed). */
    title: string;
    /** Absolute URL of the feed: what a reader subscribes to. */
    url: string;
  };
  /** Newest first, as in the feed. */
  entries: readonly FeedPageEntry[];
  /** Page language; default the site's. Decides the words and the date format. */
  language?: string;
  /** The site's zone for every date. */
  timeZone: string;
  /** Default `/style.css`. */
  stylesheet?: string;
  /** Default `${site.baseUrl}/`. */
  homeUrl?: string;
  /**
   * An RFC 5005 archive page: it says so, and its address and subscribe links are `feed.url`, the
   * feed to follow (new-user trial: an archive page invited readers to subscribe to itself).
   */
  archive?: boolean;
}

const MEDIA_TYPES = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const;

/** A one-click subscribe link: a web reader's "add feed" URL, or `feed:` for whatever reader the desktop has. */
export interface SubscribeLink {
  name: string;
  href: string;
}

/**
 * Subscribe links for common readers, the feed URL percent-encoded into each: Feedly
 * (`/i/subscription/feed/<url>`), Inoreader (`?add_feed=`), NewsBlur (`?url=`), The Old Reader
 * (`/feeds/subscribe?url=`), then `feed:<url>` (the feed URI scheme, https://en.wikipedia.org/wiki/Feed_URI_scheme),
 * which desktop readers (NetNewsWire, Thunderbird...) register for. `desktopName` labels the last.
 */
export function subscribeLinks(feedUrl: string, desktopName: string): SubscribeLink[] {
  const enc = encodeURIComponent(feedUrl);
  return [
    { name: 'Feedly', href: `https://feedly.com/i/subscription/feed/${enc}` },
    { name: 'Inoreader', href: `https://www.inoreader.com/?add_feed=${enc}` },
    { name: 'NewsBlur', href: `https://www.newsblur.com/?url=${enc}` },
    { name: 'The Old Reader', href: `https://theoldreader.com/feeds/subscribe?url=${enc}` },
    { name: desktopName, href: `feed:${feedUrl}` },
  ];
}

/**
 * The page for a browser navigation to a feed URL (see http/navigation.ts): a short explanation in the
 * site's language, the feed address in a read-only field (selectable and copyable with no script), the
 * subscribe links, then the entries as the index lists them: title link, date in the site's zone and
 * locale (Buddhist era for Thai), credit, summary. A story in another language keeps its `lang` on its
 * title and summary; the date is page chrome and follows the page. No script; styled by /style.css.
 */
export function renderFeedPage(input: FeedPageInput): string {
  const language = input.language ?? input.site.language;
  const words = pickFeedPageWords(language);
  const d = { language, timeZone: input.timeZone };
  const home = input.homeUrl ?? `${input.site.baseUrl}/`;
  const items = input.entries
    .map((e) => {
      const lang = e.language && e.language !== language ? ` lang="${escapeHtml(e.language)}"` : '';
      return `<li>
<h3${lang}><a href="${escapeHtml(e.url)}">${escapeHtml(e.title)}</a></h3>
<p class="meta">${timeElement(e.published, d)}${e.author ? ` · ${escapeHtml(e.author)}` : ''}</p>
${e.summary ? `<p${lang}>${escapeHtml(e.summary)}</p>` : ''}
</li>`;
    })
    .join('\n');
  const links = subscribeLinks(input.feed.url, words.desktopReader)
    .map((l) => `<li><a href="${escapeHtml(l.href)}" rel="nofollow">${escapeHtml(l.name)}</a></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${input.feed.title} (${words.feed})`)}</title>
<link rel="stylesheet" href="${escapeHtml(input.stylesheet ?? '/style.css')}">
<link rel="alternate" type="${MEDIA_TYPES[input.feed.kind]}" title="${escapeHtml(input.feed.title)}" href="${escapeHtml(input.feed.url)}">
</head>
<body class="feed-page">
<header>
<p><a href="${escapeHtml(home)}">${escapeHtml(input.site.title)}</a></p>
<h1>${escapeHtml(input.feed.title)}</h1>
<section class="feed-about" aria-labelledby="feed-about">
<h2 id="feed-about">${escapeHtml(input.archive ? words.archiveWhat : words.whatIsThis)}</h2>
<p>${escapeHtml(input.archive ? words.archiveExplain : words.explain)}</p>
<p class="feed-address"><label for="feed-url">${escapeHtml(words.address)}</label>
<input id="feed-url" type="url" readonly value="${escapeHtml(input.feed.url)}" aria-describedby="feed-url-hint"></p>
<p id="feed-url-hint" class="hint">${escapeHtml(words.copyHint)}</p>
<p class="subscribe-label">${escapeHtml(words.subscribeWith)}</p>
<ul class="subscribe">
${links}
</ul>
</section>
</header>
<main>
<h2>${escapeHtml(input.archive ? words.archiveStories : words.latest)}</h2>
${input.entries.length === 0 ? `<p>${escapeHtml(words.noStories)}</p>` : `<ol class="stories">\n${items}\n</ol>`}
</main>
<footer><p><a href="${escapeHtml(home)}">${escapeHtml(words.website)}: ${escapeHtml(input.site.title)}</a></p></footer>
</body>
</html>
`;
}

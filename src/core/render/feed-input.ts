// What every format's renderer gives `feed`: the Feed with the site's metadata, and each Entry as an Item.
import { Feed, type Item } from 'feed';
import { authorsOf } from '../credit-authors.js';
import type { Entry, Site, Tombstone } from '../model.js';
import { escapeHtml } from '../text.js';

/** Absolute URLs a feed document links to: the page it describes and its three formats. */
export interface FeedLinks {
  /** Site home page (absolute). */
  home: string;
  rss: string;
  atom: string;
  json: string;
}

/** Feed history (RFC 5005) for one format: links to the neighbouring documents. */
export interface HistoryLinks {
  /** The next older archive document. */
  prevArchive?: string;
  /** The next newer archive document (archives only). */
  nextArchive?: string;
  /** The subscription document (archives only). */
  current?: string;
}

export interface FeedExtras {
  /** RFC 6721 deleted entries (Atom only). */
  tombstones?: readonly Tombstone[];
  /** RFC 5005 links per format; JSON Feed pages with `next_url` (its prevArchive). */
  history?: { rss?: HistoryLinks; atom?: HistoryLinks; json?: HistoryLinks };
  /** This document is an archive (RFC 5005 fh:archive): complete, and will not change. */
  archive?: boolean;
}

/** Everything one format's renderer needs. `updated` is the feed's own date (newest change), never the clock. */
export interface FeedInput {
  site: Site;
  /** Already chosen and ordered, newest first. */
  entries: readonly Entry[];
  updated: Date;
  links: FeedLinks;
  /** Absolute URL of public/feed.xsl, which lets a browser show the XML feeds as a page. */
  stylesheet: string;
  extras: FeedExtras;
}

const GENERATOR = 'feedpub';
export const HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/** A fresh Feed per render (its RSS renderer mutates the items it is given). `text` wraps user text (tokens for XML). */
export function newFeed(input: FeedInput, text: (v: string) => string): Feed {
  const { site, updated, links } = input;
  return new Feed({
    id: site.id,
    title: text(site.title),
    description: text(site.description),
    link: links.home,
    language: site.language,
    updated,
    generator: GENERATOR,
    ttl: Math.max(1, Math.ceil(site.maxAge / 60)),
    feedLinks: { rss: links.rss, atom: links.atom, json: links.json },
    // A browser opening the feed shows it through public/feed.xsl (readers ignore the instruction).
    stylesheet: input.stylesheet,
    author: { name: text(site.author) },
  });
}

/**
 * Longest story body (HTML, in UTF-16 code units) a feed carries whole: a long feature is a tenth
 * of it. Past it the item has the summary, as with `feedContent: "summary"`, and the page the
 * whole text: fifty stories of the largest file size made each feed 200 MB (1.3 GB of memory to
 * render, seconds to compress), more than readers accept.
 */
export const FEED_CONTENT_MAX = 200_000;

/**
 * True when the feeds carry `entry`'s full text: `feedContent: "full"` (the default) and a body
 * under FEED_CONTENT_MAX. A story of a title alone has no body to carry: an empty Atom <content>
 * is the W3C validator's NotBlank warning (attack trial).
 */
export function carriesContent(site: Site, entry: Entry): boolean {
  const length = entry.contentHtml.length;
  return (site.feedContent ?? 'full') === 'full' && length > 0 && length <= FEED_CONTENT_MAX;
}

/**
 * `html`: the item is going into XML, where summaries are HTML (escaped text) rather than plain
 * text. Without `content` (`feedContent: "summary"`) the item has its summary only, so `feed`
 * writes no content:encoded (RSS) or <content> (Atom), and the body is never read from the store.
 */
export function baseItem(e: Entry, text: (v: string) => string, html: boolean, content = true): Item {
  return {
    title: text(e.title),
    id: e.id,
    guid: e.id,
    link: e.url,
    date: e.updated,
    published: e.published,
    description: text(html ? escapeHtml(e.summary) : e.summary),
    ...(content ? { content: text(e.contentHtml) } : {}),
    category: e.categories.map((c) => ({ name: text(c), term: text(c) })),
  };
}

/** Who an entry is by, in feeds: each name of its credit (core/credit-authors.ts), or the site's author. */
export function entryAuthors(e: Entry, site: Site): readonly string[] {
  const names = authorsOf(e);
  return names.length > 0 ? names : [site.author];
}

/** Feed-level links for hubs (WebSub, which `feed` takes only one of) and RFC 5005 history, in a fixed order. */
export function extraLinks(site: Site, history: HistoryLinks | undefined): { rel: string; href: string }[] {
  const out = site.hubs.map((href) => ({ rel: 'hub', href }));
  if (history?.current) out.push({ rel: 'current', href: history.current });
  if (history?.prevArchive) out.push({ rel: 'prev-archive', href: history.prevArchive });
  if (history?.nextArchive) out.push({ rel: 'next-archive', href: history.nextArchive });
  return out;
}

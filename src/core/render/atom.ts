// Atom 1.0 (RFC 4287) through `feed`, with xml:lang, text titles, enclosures with Media RSS, RFC 6721 tombstones and RFC 5005 history.
import { distinctUpdated, feedTitle, splitAuthor } from '../feed-text.js';
import { type FeedInput, HISTORY_NS, baseItem, carriesContent, entryAuthors, extraLinks, newFeed } from './feed-input.js';
import { MEDIA_NS, mediaElements } from './media-rss.js';
import {
  FeedShapeError,
  Tokens,
  childElements,
  documentElement,
  element,
  escapeRssText,
  insertAfter,
  insertBeforeFirst,
  parseXml,
  requireChild,
  writeXml,
} from './feed-xml.js';

const TOMBSTONE_NS = 'http://purl.org/atompub/tombstones/1.0';
const FORMAT = 'Atom';

/**
 * Titles are plain text under the same rule as RSS (feed-text.ts `feedTitle`: HTML tags dropped,
 * every other word kept, `&` and `<` as numeric references) — `type="html"` would carry them
 * literally, but readers then sanitize the decoded title and lose any `<word>` in it. A
 * credit `Name <mail@host>` is an author with a name and an e-mail. Entries copied together share a file time: their `updated` instants are made
 * distinct within the document (feed-text.ts). RFC 6721 deleted entries and RFC 5005's
 * fh:archive go after the feed's metadata, before the first entry: RFC 4287's RELAX NG schema
 * accepts extension elements only there.
 */
export function renderAtom(input: FeedInput): string[] {
  const { site, entries, extras } = input;
  const tombstones = extras.tombstones ?? [];
  const t = new Tokens();
  const feed = newFeed(input, t.put);
  const updated = distinctUpdated(entries.map((e) => e.updated));
  entries.forEach((e, i) => {
    const item = baseItem(e, t.put, true, carriesContent(site, e));
    item.title = t.put(feedTitle(e.title));
    item.date = updated[i] as Date;
    item.author = entryAuthors(e, site).map((credit) => {
      const { name, email } = splitAuthor(credit);
      return { name: t.put(name), ...(email ? { email: t.put(email) } : {}) };
    });
    feed.addItem(item);
  });
  const doc = parseXml(feed.atom1());
  const root = documentElement(doc, 'feed', FORMAT);
  root.attrs.set('xml:lang', site.language);
  if (tombstones.length > 0) root.attrs.set('xmlns:at', TOMBSTONE_NS);
  if (entries.some((e) => e.enclosure)) root.attrs.set('xmlns:media', MEDIA_NS);
  if (extras.archive) root.attrs.set('xmlns:fh', HISTORY_NS);
  const self = requireChild(root, 'link', FORMAT, (l) => l.attrs.get('rel') === 'self');
  insertAfter(
    root,
    self,
    extraLinks(site, extras.history?.atom).map((l) => element('link', { rel: l.rel, href: l.href })),
  );
  const marks = tombstones.map((d) => element('at:deleted-entry', { ref: d.id, when: d.deleted.toISOString() }));
  if (extras.archive) marks.unshift(element('fh:archive'));
  insertBeforeFirst(root, 'entry', marks);

  const items = childElements(root, 'entry');
  if (items.length !== entries.length) throw new FeedShapeError(FORMAT, `${items.length} <entry> elements for ${entries.length} entries`);
  entries.forEach((e, i) => {
    const entry = items[i] as (typeof items)[number];
    if (e.language && e.language !== site.language) entry.attrs.set('xml:lang', e.language);
    const title = requireChild(entry, 'title', FORMAT);
    title.attrs.set('type', 'text');
    title.escape = escapeRssText;
    if (e.enclosure) {
      // After the entry's alternate link (the one without rel: each entry links its own page).
      const alternate = requireChild(entry, 'link', FORMAT, (l) => !l.attrs.has('rel'));
      const { url, type, length } = e.enclosure;
      // Media RSS elements as Atom extension elements: readers show the thumbnail at its size.
      const media = mediaElements(e.enclosure).map(([name, attributes]) => element(name, attributes));
      insertAfter(entry, alternate, [element('link', { rel: 'enclosure', type, length: String(length), href: url }), ...media]);
    }
  });
  return writeXml(doc, t.resolve);
}

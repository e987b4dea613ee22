// The page a browser gets for a feed URL: explanation, copyable address, subscribe links, stories with human dates.
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { renderFeedPage, subscribeLinks } from '../../src/core/render/feed-page.js';
import { FEED_URL, feedPageInput } from './desk-fixtures.js';

const find = (html: string, test: (e: Element) => boolean) => DomUtils.findAll(test, parseDocument(html).children);
const within = (nodes: Element[], test: (e: Element) => boolean) => DomUtils.findAll(test, nodes);

describe('subscribeLinks', () => {
  it('percent-encodes the feed URL into each web reader and gives feed: for desktop readers', () => {
    const enc = encodeURIComponent(FEED_URL);
    expect(subscribeLinks(FEED_URL, 'desktop')).toEqual([
      { name: 'Feedly', href: `https://feedly.com/i/subscription/feed/${enc}` },
      { name: 'Inoreader', href: `https://www.inoreader.com/?add_feed=${enc}` },
      { name: 'NewsBlur', href: `https://www.newsblur.com/?url=${enc}` },
      { name: 'The Old Reader', href: `https://theoldreader.com/feeds/subscribe?url=${enc}` },
      { name: 'desktop', href: `feed:${FEED_URL}` },
    ]);
    expect(enc).not.toMatch(/[&?/:]/);
  });
});

describe('renderFeedPage', () => {
  const html = renderFeedPage(feedPageInput());

  it('explains in Thai what a feed is, and offers the address in a read-only field', () => {
    const text = DomUtils.textContent(find(html, (e) => e.attribs.class === 'feed-about'));
    expect(text).toContain('นี่คือฟีดข่าว');
    expect(text).toContain('ฟีดส่งข่าวใหม่ไปยังโปรแกรมอ่านฟีด');
    const input = find(html, (e) => e.name === 'input')[0]!;
    expect(input.attribs).toMatchObject({ id: 'feed-url', readonly: '', value: FEED_URL });
    expect(find(html, (e) => e.name === 'label')[0]?.attribs.for).toBe('feed-url');
  });

  it('links one-click subscriptions, escaped in the attribute', () => {
    const list = find(html, (e) => e.attribs.class === 'subscribe');
    const hrefs = within(list, (e) => e.name === 'a').map((a) => a.attribs.href);
    expect(hrefs).toEqual(subscribeLinks(FEED_URL, '').map((l) => l.href));
    expect(html).toContain(`href="feed:https://news.example/categories/การเมือง/feed.xml?x=1&amp;y=2"`);
  });

  it('lists the stories with Buddhist-era Bangkok dates, credits and summaries; another language keeps its lang', () => {
    const items = find(html, (e) => e.attribs.class === 'stories').flatMap((ol) =>
      ol.children.filter((c): c is Element => c.type === 'tag'),
    );
    expect(items).toHaveLength(2);
    expect(DomUtils.textContent(items[0]!)).toContain('26 พฤศจิกายน 2569 เวลา 00:30 · AFP');
    expect(html).toContain('<time datetime="2026-11-25T17:30:00.000Z">');
    expect(html).toContain(
      '<h3 lang="en"><a href="https://news.example/articles/markets?a=1&amp;b=2">Asian markets &lt;close&gt; higher</a></h3>',
    );
    expect(DomUtils.textContent(items[1]!)).toContain('25 พฤศจิกายน 2569 เวลา 09:00');
  });

  it('is a styled page with feed autodiscovery and no script', () => {
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('<link rel="stylesheet" href="/style.css">');
    expect(html).toContain(
      `<link rel="alternate" type="application/rss+xml" title="ข่าวเช้า: การเมือง" href="${FEED_URL.replace('&', '&amp;')}">`,
    );
    expect(find(html, (e) => e.name === 'script' || e.name === 'style' || 'style' in e.attribs)).toEqual([]);
  });

  it('speaks English for an English site, and says when there are no stories', () => {
    const page = renderFeedPage({
      ...feedPageInput('en'),
      feed: { kind: 'atom', title: 'Morning', url: 'https://news.example/atom.xml' },
      entries: [],
    });
    expect(page).toContain('This is a news feed');
    expect(page).toContain('<p>No stories yet.</p>');
    expect(page).toContain('type="application/atom+xml"');
  });
});

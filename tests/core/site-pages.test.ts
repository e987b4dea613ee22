// The site's own HTML pages speak the site's language, and mark a date in it inside a story of another.
import { describe, expect, it } from 'vitest';
import type { Entry, Site } from '../../src/core/model.js';
import { renderIndex, renderStoryPage } from '../../src/core/render/pages.js';
import { LINKS, testSite } from './site-fixtures.js';

const site = (language: string): Site => testSite({ title: 'ข่าวเช้า', language });
const links = { ...LINKS, stylesheet: 'https://news.example/style.css' };
const entry = (over: Partial<Entry> = {}): Entry => ({
  path: 'a.txt',
  slug: ['a'],
  url: 'https://news.example/articles/a',
  id: 'urn:uuid:1b4e28ba-2fa1-51d2-883f-0016d3cca427',
  published: new Date('2026-11-25T07:30:00Z'),
  updated: new Date('2026-11-26T08:00:00Z'),
  hash: 'h',
  title: 'เรื่องหนึ่ง',
  contentHtml: '<p>เนื้อหา</p>',
  summary: 'เนื้อหา',
  categories: ['world'],
  ...over,
});
const facets = { categories: [{ name: 'world', href: 'https://news.example/categories/world', count: 1 }], authors: [] };

describe('the site pages', () => {
  it('speak Thai on a Thai site: the feed list, the facet lists, the update and an empty list', () => {
    const home = renderIndex(site('th'), [entry()], links, 'Asia/Bangkok', { facets, opml: 'https://news.example/feeds.opml' });
    expect(home).toContain('aria-label="ฟีด">ติดตาม:');
    expect(home).toContain('>ฟีดทั้งหมด (OPML)</a>');
    expect(home).toContain('aria-label="หมวดหมู่">หมวดหมู่:');
    expect(home).not.toMatch(/Subscribe|Categories|Every feed/);
    expect(renderIndex(site('th'), [], links, 'Asia/Bangkok')).toContain('<p>ยังไม่มีข่าว</p>');
    const page = renderStoryPage(site('th'), entry(), links, 'Asia/Bangkok');
    expect(page).toContain(' · แก้ไข <time');
    expect(page).not.toContain('updated');
  });

  it('speak English on any other site', () => {
    const home = renderIndex(site('en-GB'), [], links, 'Europe/London', { facets });
    expect(home).toContain('aria-label="Feeds">Subscribe:');
    expect(home).toContain('aria-label="Categories">Categories:');
    expect(home).toContain('<p>No stories yet.</p>');
    expect(renderStoryPage(site('en-GB'), entry(), links, 'Europe/London')).toContain(' · updated <time');
  });

  it('mark the meta line of a story in another language with the site language its dates are written in', () => {
    const english = entry({ language: 'en', title: 'One story' });
    const page = renderStoryPage(site('th'), english, links, 'Asia/Bangkok');
    expect(page).toContain('<html lang="en">');
    expect(page).toMatch(/<p class="meta" lang="th"><time/);
    expect(renderIndex(site('th'), [english], links, 'Asia/Bangkok')).toMatch(/<li lang="en">\n<h2>.*\n<p class="meta" lang="th">/);
    expect(renderStoryPage(site('th'), entry(), links, 'Asia/Bangkok')).toMatch(/<p class="meta"><time/);
  });

  it('shows the credit as written, each author it names a link to their page', () => {
    const page = renderStoryPage(site('en'), entry({ author: 'Jane Doe and John <Roe>, Staff Writer, Reuters' }), links, 'UTC');
    const author = (path: string, name: string) => `<a href="${testSite().baseUrl}/authors/${path}/">${name}</a>`;
    expect(page).toContain(
      ` · ${author('Jane%20Doe', 'Jane Doe')} and ${author('John%20%3CRoe%3E', 'John &lt;Roe&gt;')}, Staff Writer, ${author('Reuters', 'Reuters')}</p>`,
    );
    expect(renderStoryPage(site('th'), entry(), links, 'UTC')).not.toContain('/authors/');
  });
});

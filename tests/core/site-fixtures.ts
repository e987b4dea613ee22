// The site settings and feed links the renderer tests share (override what a test is about).
import type { Site } from '../../src/core/model.js';

export function testSite(over: Partial<Site> = {}): Site {
  return {
    title: 'Desk',
    description: 'ข่าวล่าสุด',
    language: 'th',
    author: 'Desk',
    baseUrl: 'https://news.example',
    id: 'https://news.example/',
    itemLimit: 50,
    maxAge: 300,
    hubs: [],
    ...over,
  };
}

/** The three feeds' URLs and the home page, on testSite's base URL. */
export const LINKS = {
  home: 'https://news.example/',
  rss: 'https://news.example/feed.xml',
  atom: 'https://news.example/atom.xml',
  json: 'https://news.example/feed.json',
} as const;

import { describe, expect, it } from 'vitest';
import { buildFile, canonicalPath, facetRespelled, hasFacetPage, matchRoute, paths, siteUrls } from '../../src/core/routes.js';

describe('routes', () => {
  it('respells a category or author URL written as links once wrote it, and nothing else', () => {
    expect(facetRespelled('/authors/24%2F7%20News/feed.xml')).toBe(paths.facetFeed('authors', '24/7 News', 'rss'));
    expect(facetRespelled('/categories/a%5Cb/')).toBe(paths.facet('categories', 'a\\b'));
    expect(facetRespelled('/categories/%2E%2E/feed.json')).toBe(paths.facetFeed('categories', '..', 'json'));
    // Spelled as links write it now, in any percent-encoding: found as it is, never redirected.
    expect(facetRespelled(paths.facetFeed('categories', 'AC/DC', 'atom'))).toBeUndefined();
    expect(facetRespelled(paths.facet('categories', 'การเมือง').replace('%E0%B8%81', '%e0%b8%81'))).toBeUndefined();
    expect(facetRespelled('/categories/world/')).toBeUndefined();
    expect(facetRespelled('/articles/a%2Fb')).toBeUndefined();
    expect(facetRespelled(`/categories/${encodeURIComponent(`${'ก'.repeat(120)}/x`)}/`)).toBeUndefined();
  });

  it('makes every kind of path, percent-encoding each segment', () => {
    expect(paths.feed('rss')).toBe('/feed.xml');
    expect(paths.feed('atom')).toBe('/atom.xml');
    expect(paths.feed('json')).toBe('/feed.json');
    expect(paths.article(['world', 'ข่าว ไทย'])).toBe('/articles/world/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7%20%E0%B9%84%E0%B8%97%E0%B8%A2');
    expect(paths.article(['..', 'a#b?c%'])).toBe('/articles/%2E%2E/a%23b%3Fc%25');
    expect(paths.facet('categories', 'a/b')).toBe('/categories/a%E2%88%95b/');
    expect(paths.facetFeed('authors', 'AFP', 'json')).toBe('/authors/AFP/feed.json');
    expect(paths.archive(3, 'atom')).toBe('/archive/3/atom.xml');
    expect(paths.image('world/photo story.png')).toBe('/articles/world/photo%20story.png');
    expect(paths.sitemapPage(2)).toBe('/sitemap-2.xml');
  });

  it('spells a category or author name that no folder could hold with signs that look the same, and reads it back', () => {
    for (const [name, segment] of [
      ['24/7 News', '24%E2%88%957%20News'],
      ['a\\b', 'a%E2%A7%B5b'],
      ['..', '%EF%BC%8E%EF%BC%8E'],
      ['.', '%EF%BC%8E'],
      ['.NET', '.NET'],
    ] as const) {
      const page = paths.facet('authors', name);
      expect(page).toBe(`/authors/${segment}/`);
      expect(matchRoute(page)).toEqual({ kind: 'facet', facet: 'authors', name });
      expect(matchRoute(paths.facetFeed('categories', name, 'atom'))).toEqual({ kind: 'facet', facet: 'categories', name, format: 'atom' });
      expect(() => buildFile(page)).not.toThrow();
    }
  });

  it('gives a page only to a name whose folder a file system can hold (200 bytes, spelled)', () => {
    expect(hasFacetPage('ก'.repeat(66))).toBe(true);
    expect(hasFacetPage('ก'.repeat(67))).toBe(false);
    expect(hasFacetPage('x'.repeat(200))).toBe(true);
    expect(hasFacetPage('/'.repeat(67))).toBe(false);
  });

  it('matches what it makes, and nothing else', () => {
    expect(matchRoute('/')).toEqual({ kind: 'home' });
    expect(matchRoute('/atom.xml')).toEqual({ kind: 'feed', format: 'atom' });
    expect(matchRoute('/feed.xsl')).toEqual({ kind: 'asset', name: 'feedXsl' });
    expect(matchRoute(paths.article(['world', 'ข่าว']))).toEqual({ kind: 'article', slug: ['world', 'ข่าว'] });
    expect(matchRoute('/articles/world/photo%20story.PNG')).toEqual({ kind: 'image', relPath: 'world/photo story.PNG' });
    expect(matchRoute(paths.facet('categories', 'อาหาร'))).toEqual({ kind: 'facet', facet: 'categories', name: 'อาหาร' });
    expect(matchRoute('/authors/AFP/atom.xml')).toEqual({ kind: 'facet', facet: 'authors', name: 'AFP', format: 'atom' });
    expect(matchRoute('/archive/12/feed.json')).toEqual({ kind: 'archive', page: 12, format: 'json' });
    expect(matchRoute('/sitemap.xml')).toEqual({ kind: 'discovery', name: 'sitemap' });
    expect(matchRoute('/news-sitemap.xml')).toEqual({ kind: 'discovery', name: 'newsSitemap' });
    expect(matchRoute('/feeds.opml')).toEqual({ kind: 'discovery', name: 'opml' });
    expect(matchRoute('/robots.txt')).toEqual({ kind: 'discovery', name: 'robots' });
    expect(matchRoute('/sitemap-3.xml')).toEqual({ kind: 'sitemap-page', page: 3 });
    for (const bad of [
      '/archive/0/feed.xml',
      '/archive/1/index.html',
      '/sitemap-0.xml',
      '/sitemap-01.xml',
      '/categories/x/other.txt',
      '/articles/../etc',
      '/articles/%E0%A4%A',
      '/nope',
    ]) {
      expect(matchRoute(bad), bad).toBeUndefined();
    }
  });

  it('writes each document where the nginx configuration looks for it', () => {
    expect(buildFile('/')).toBe('index.html');
    expect(buildFile('/feed.xml')).toBe('feed.xml');
    expect(buildFile('/articles/a%20b')).toBe('articles/a b.html');
    expect(buildFile('/articles/v1.2')).toBe('articles/v1.2.html');
    expect(buildFile('/categories/x/')).toBe('categories/x/index.html');
    expect(buildFile('/archive/1/atom.xml')).toBe('archive/1/atom.xml');
    expect(buildFile('/sitemap-2.xml')).toBe('sitemap-2.xml');
    expect(buildFile('/feeds.opml')).toBe('feeds.opml');
    expect(buildFile(paths.image('a/b.png'), 'file')).toBe('articles/a/b.png');
    expect(() => buildFile('/articles/%2E%2E/x')).toThrow(/unsafe/);
  });

  it('gives absolute URLs and finds the site’s own images in them', () => {
    const urls = siteUrls('https://news.example/desk');
    expect(urls.feed('rss')).toBe('https://news.example/desk/feed.xml');
    expect(urls.localImage('https://news.example/desk/articles/a/b%20c.jpg?x=1')).toBe('a/b c.jpg');
    expect(urls.localImage('https://news.example/desk/articles/a/story')).toBeUndefined();
    expect(urls.localImage('https://news.example/desk.evil/articles/a.jpg')).toBeUndefined();
    expect(urls.localImage('https://other.example/articles/a.jpg')).toBeUndefined();
  });

  it('spells equivalent encodings one way', () => {
    expect(canonicalPath('/articles/%e0%b8%82')).toBe('/articles/%E0%B8%82');
    expect(canonicalPath('/articles/a%2Fb')).toBe('/articles/a%2Fb');
    expect(canonicalPath('/articles/%E0%A4%A')).toBeUndefined();
  });
});

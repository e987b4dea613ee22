// The words of the site's own HTML pages (home, category, author and story pages), in Thai and English (a sibling of feed-page-words).
import { isThai } from './desk-words.js';
const th = {
    feeds: 'ฟีด',
    subscribe: 'ติดตาม',
    everyFeed: 'ฟีดทั้งหมด (OPML)',
    categories: 'หมวดหมู่',
    authors: 'ผู้เขียน',
    noStories: 'ยังไม่มีข่าว',
    updated: 'แก้ไข',
    latest: 'ข่าวล่าสุด',
};
const en = {
    feeds: 'Feeds',
    subscribe: 'Subscribe',
    everyFeed: 'Every feed (OPML)',
    categories: 'Categories',
    authors: 'Authors',
    noStories: 'No stories yet.',
    updated: 'updated',
    latest: 'Latest stories',
};
/** The pages' words for the site's language: `th*` → Thai, anything else → English (as the desk and the feed pages). */
export function sitePageWords(language) {
    return isThai(language) ? th : en;
}
//# sourceMappingURL=site-page-words.js.map
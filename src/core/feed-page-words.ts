// The words of the page a browser gets for a feed URL, in Thai and English (a sibling of desk-words).
import { isThai } from './desk-words.js';

const th = {
  lang: 'th',
  feed: 'ฟีด',
  whatIsThis: 'นี่คือฟีดข่าว',
  explain:
    'ฟีดส่งข่าวใหม่ไปยังโปรแกรมอ่านฟีดของคุณทันทีที่เผยแพร่ โดยไม่ต้องกลับมาเปิดเว็บไซต์ คัดลอกที่อยู่ด้านล่างไปวางในโปรแกรมอ่านฟีด หรือกดปุ่มเพื่อติดตามด้วยบริการที่ใช้อยู่',
  address: 'ที่อยู่ฟีด',
  copyHint: 'แตะหรือคลิกที่ช่อง เลือกทั้งหมด แล้วคัดลอก',
  subscribeWith: 'ติดตามด้วย',
  desktopReader: 'โปรแกรมอ่านฟีดในเครื่อง',
  latest: 'ข่าวล่าสุดในฟีดนี้',
  website: 'เว็บไซต์',
  noStories: 'ยังไม่มีข่าว',
  archiveWhat: 'นี่คือหน้าเก็บข่าวเก่าของฟีด',
  archiveExplain: 'หน้านี้เก็บข่าวที่เก่ากว่าและจะไม่เปลี่ยนอีก หากต้องการรับข่าวใหม่ทันทีที่เผยแพร่ ให้ติดตามฟีดด้านล่างแทน',
  archiveStories: 'ข่าวในหน้านี้',
} as const;

type Shape<T> = { readonly [K in keyof T]: string };
export type FeedPageWords = Shape<typeof th>;

const en = {
  lang: 'en',
  feed: 'feed',
  whatIsThis: 'This is a news feed',
  explain:
    'A feed brings new stories to your feed reader as soon as they are published, without coming back to the site. Copy the address below into your reader, or subscribe with one of the services.',
  address: 'Feed address',
  copyHint: 'Tap or click the box, select all, and copy.',
  subscribeWith: 'Subscribe with',
  desktopReader: 'a reader on this computer',
  latest: 'Latest stories in this feed',
  website: 'Website',
  noStories: 'No stories yet.',
  archiveWhat: 'This is an archive page of a news feed',
  archiveExplain: 'It holds older stories and does not change. To get new stories as they are published, subscribe to the feed below instead.',
  archiveStories: 'Stories on this page',
} as const satisfies FeedPageWords;

export const FEED_PAGE_WORDS = { th, en } as const satisfies Record<string, FeedPageWords>;

/** `th*` → Thai, anything else → English, as for the desk. */
export function pickFeedPageWords(language: string): FeedPageWords {
  return isThai(language) ? FEED_PAGE_WORDS.th : FEED_PAGE_WORDS.en;
}

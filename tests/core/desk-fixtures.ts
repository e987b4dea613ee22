// A desk as a Thai newsroom would see it mid-morning: shared by the desk unit tests and the browser test.
import type { DeskFile, DeskView } from '../../src/core/render/desk.js';
import type { FeedPageInput } from '../../src/core/render/feed-page.js';

export const NOW = new Date('2026-11-25T03:00:00Z'); // 10:00 in Bangkok

export const FILES: DeskFile[] = [
  {
    path: 'politics/kim-putin.txt',
    state: 'published',
    problems: [],
    title: "'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย",
    dateline: '25 พ.ย. 2569 09.30 น.',
    datelineAt: '2026-11-25T02:30:00.000Z',
    credit: 'AFP',
    language: 'th',
    publicUrl: 'https://news.example/articles/politics/kim-putin',
    previewUrl: '/preview?path=politics%2Fkim-putin.txt',
    savedAt: new Date('2026-11-25T02:57:00Z'),
    publishedAt: new Date('2026-11-25T02:57:00.400Z'),
    latencyMs: 400,
  },
  {
    path: 'economy/baht.md',
    state: 'problem',
    problems: [
      { code: 'BAD_FRONT_MATTER', severity: 'error', line: 3, reason: 'YAML: bad indentation of a mapping entry at line 3, column 5' },
    ],
    savedAt: new Date('2026-11-25T02:59:30Z'),
  },
  {
    path: 'world/embargo.txt',
    state: 'held',
    releaseAt: new Date('2026-11-25T05:00:00Z'),
    problems: [],
    title: 'ผลการเลือกตั้งทั่วไป',
    credit: 'กองบรรณาธิการ',
    language: 'th',
    previewUrl: '/preview?path=world%2Fembargo.txt',
  },
  {
    path: 'sport/final.md',
    state: 'kept',
    problems: [{ code: 'BAD_DATE', severity: 'error', line: 4, reason: 'date: 31 เม.ย. 2569 does not exist' }],
    title: 'Final score: 2-1',
    language: 'en',
    publicUrl: 'https://news.example/articles/sport/final',
    previewUrl: '/preview?path=sport%2Ffinal.md',
  },
  { path: 'notes/todo.md', state: 'draft', problems: [], title: 'ร่าง: สัมภาษณ์' },
  { path: '.~lock.rain.txt#', state: 'ignored', problems: [] },
  {
    path: 'markets.txt',
    state: 'published',
    problems: [{ code: 'UNSURE', severity: 'info', line: 3, reason: 'line 3 may be a credit: "Reuters"' }],
    title: 'Asian markets close higher',
    credit: 'Reuters',
    language: 'en',
    publicUrl: 'https://news.example/articles/markets',
  },
];

export function deskView(files: readonly DeskFile[] = FILES, language = 'th'): DeskView {
  const counts = { problem: 0, kept: 0, held: 0, draft: 0, published: 0, ignored: 0 };
  for (const f of files) counts[f.state]++;
  return {
    site: { title: 'ข่าวเช้า', language, timeZone: 'Asia/Bangkok' },
    publicBaseUrl: 'https://news.example',
    watcher: { mode: 'native', healthy: true },
    lastRebuild: { at: new Date('2026-11-25T02:59:58Z'), ms: 42, documents: 37 },
    websub: [{ hub: 'https://pubsubhubbub.appspot.com/', at: new Date('2026-11-25T02:58:00Z'), ok: true }],
    counts,
    files,
  };
}

export const FEED_URL = 'https://news.example/categories/การเมือง/feed.xml?x=1&y=2';

export function feedPageInput(language = 'th'): FeedPageInput {
  return {
    site: { title: 'ข่าวเช้า', description: 'ข่าวล่าสุด', baseUrl: 'https://news.example', language },
    feed: { kind: 'rss', title: 'ข่าวเช้า: การเมือง', url: FEED_URL },
    timeZone: 'Asia/Bangkok',
    entries: [
      {
        title: "'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย",
        url: 'https://news.example/articles/kim-putin',
        published: new Date('2026-11-25T17:30:00Z'),
        author: 'AFP',
        summary: 'ผู้นำเกาหลีเหนือเตรียมเดินทางเยือนรัสเซีย',
        language: 'th',
      },
      {
        title: 'Asian markets <close> higher',
        url: 'https://news.example/articles/markets?a=1&b=2',
        published: new Date('2026-11-25T02:00:00Z'),
        summary: 'Stocks rose across the region.',
        language: 'en',
      },
    ],
  };
}

// The desk page, its rows, summary and SSE events: content, order, filtering without script, CSP-safe markup, escaping.
import fc from 'fast-check';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { DESK_WORDS } from '../../src/core/desk-words.js';
import {
  DESK_PAGE_ROWS,
  type DeskFile,
  deskRowId,
  parseDeskQuery,
  renderDesk,
  renderDeskEvent,
  renderDeskPreview,
  renderDeskRow,
  renderDeskSummary,
  sortDeskFiles,
} from '../../src/core/render/desk.js';
import { FILES, NOW, deskView } from './desk-fixtures.js';

const th = DESK_WORDS.th;
const en = DESK_WORDS.en;

function rows(html: string): Element[] {
  return DomUtils.findAll((e) => e.name === 'li' && DomUtils.hasAttrib(e, 'data-path'), parseDocument(html).children);
}
function all(html: string, test: (e: Element) => boolean): Element[] {
  return DomUtils.findAll(test, parseDocument(html).children);
}

describe('renderDesk', () => {
  const html = renderDesk(deskView(), th, { now: NOW });

  it('lists files problems first, then kept, held, and the rest, the newest save first, then by path', () => {
    expect(rows(html).map((r) => r.attribs['data-path'])).toEqual([
      'economy/baht.md',
      'sport/final.md',
      'world/embargo.txt',
      'politics/kim-putin.txt',
      '.~lock.rain.txt#',
      'markets.txt',
      'notes/todo.md',
    ]);
    // Saved a minute ago, a file sorts before one saved earlier in its rank.
    const saved = (path: string, minutes: number): DeskFile => ({
      path,
      state: 'published',
      problems: [],
      savedAt: new Date(NOW.getTime() - minutes * 60_000),
    });
    const unsaved: DeskFile = { path: 'b.txt', state: 'published', problems: [] };
    expect(sortDeskFiles([saved('a.txt', 5), saved('z.txt', 1), unsaved]).map((f) => f.path)).toEqual(['z.txt', 'a.txt', 'b.txt']);
    expect(sortDeskFiles(FILES).map((f) => f.path)).toEqual(rows(html).map((r) => r.attribs['data-path']));
  });

  it('says in Thai what a problem is, where, and what to do', () => {
    const row = rows(html)[0]!;
    const text = DomUtils.textContent(row);
    expect(row.attribs.id).toBe('f-economy%2Fbaht.md');
    expect(row.attribs['data-state']).toBe('problem');
    expect(text).toContain('มีปัญหา');
    expect(text).toContain('ส่วนหัวระหว่างบรรทัด --- เขียนไม่ถูกต้อง · บรรทัด 3');
    expect(text).toContain('ข้อผิดพลาด BAD_FRONT_MATTER');
    expect(text).toContain('bad indentation of a mapping entry');
    expect(text).toContain('30 วินาทีที่ผ่านมา'); // saved 02:59:30, now 03:00:00
  });

  it('shows what the parser took, links, latency, and a held story’s release time in Buddhist era Bangkok time', () => {
    const text = DomUtils.textContent(rows(html));
    expect(text).toContain("'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย");
    // The dateline as written, and the instant it was read as, in the desk's time zone.
    expect(text).toContain('25 พ.ย. 2569 09.30 น. → 25 พฤศจิกายน 2569 เวลา 09:30');
    expect(text).toContain('ใช้เวลา 400 มิลลิวินาที');
    expect(text).toContain('จะเผยแพร่เมื่อ 25 พฤศจิกายน 2569 เวลา 12:00 (ในอีก 2 ชั่วโมง)');
    const links = all(html, (e) => e.name === 'a' && e.attribs.href === 'https://news.example/articles/politics/kim-putin');
    expect(links.map((a) => DomUtils.textContent(a))).toEqual(['หน้าเว็บ']);
    expect(all(html, (e) => e.name === 'a' && e.attribs.href === '/preview?path=politics%2Fkim-putin.txt')).toHaveLength(1);
  });

  it('marks an English story in a Thai desk with its language', () => {
    const title = all(html, (e) => e.attribs.class === 'file-title' && DomUtils.textContent(e) === 'Final score: 2-1');
    expect(title[0]?.attribs.lang).toBe('en');
  });

  it('shows counts as filter links, watcher health, rebuild and pings', () => {
    const filters = all(html, (e) => e.name === 'a' && DomUtils.hasAttrib(e, 'data-filter'));
    expect(filters.map((a) => [a.attribs.href, DomUtils.textContent(a)])).toEqual([
      ['/', 'ทั้งหมด 7'],
      ['/?state=problem', 'มีปัญหา 1'],
      ['/?state=kept', 'ยังแสดงฉบับก่อน 1'],
      ['/?state=held', 'ตั้งเวลาไว้ 1'],
      ['/?state=draft', 'ฉบับร่าง 1'],
      ['/?state=published', 'เผยแพร่แล้ว 2'],
      ['/?state=ignored', 'ไม่นำมาใช้ 1'],
    ]);
    const summary = DomUtils.textContent(all(html, (e) => e.attribs.id === 'desk-summary'));
    expect(summary).toContain('ติดตามการบันทึกทันที · ปกติ');
    expect(summary).toContain('37 เอกสาร');
    expect(summary).toContain('https://pubsubhubbub.appspot.com/ · สำเร็จ · 2 นาทีที่ผ่านมา');
  });

  it('has no inline script, no style attributes, and loads its script and styles from its own origin', () => {
    expect(all(html, (e) => DomUtils.hasAttrib(e, 'style') || e.name === 'style')).toEqual([]);
    expect(all(html, (e) => Object.keys(e.attribs).some((a) => a.startsWith('on')))).toEqual([]);
    const scripts = all(html, (e) => e.name === 'script');
    expect(scripts.map((s) => [s.attribs.src, s.children.length])).toEqual([['/desk.js', 0]]);
    expect(all(html, (e) => e.name === 'link' && e.attribs.rel === 'stylesheet').map((l) => l.attribs.href)).toEqual(['/desk.css']);
    expect(html).toContain('<body class="desk" data-events="/events">');
  });

  it('filters without script: rows outside ?state= and ?q= carry hidden, the filter link is current', () => {
    const filtered = renderDesk(deskView(), th, { now: NOW, filter: parseDeskQuery('state=published&q=KIM') });
    expect(
      rows(filtered)
        .filter((r) => !DomUtils.hasAttrib(r, 'hidden'))
        .map((r) => r.attribs['data-path']),
    ).toEqual(['politics/kim-putin.txt']);
    const current = all(filtered, (e) => DomUtils.hasAttrib(e, 'aria-current'));
    expect(current.map((a) => a.attribs.href)).toEqual(['/?state=published&q=KIM']);
    expect(all(filtered, (e) => e.attribs.id === 'desk-q')[0]?.attribs.value).toBe('KIM');
    expect(all(filtered, (e) => e.attribs.id === 'desk-empty')[0]?.attribs).toHaveProperty('hidden');
  });

  it('searches titles in Thai too, and says so when nothing matches', () => {
    const byTitle = renderDesk(deskView(), th, { now: NOW, filter: { q: 'เลือกตั้ง' } });
    expect(
      rows(byTitle)
        .filter((r) => !DomUtils.hasAttrib(r, 'hidden'))
        .map((r) => r.attribs['data-path']),
    ).toEqual(['world/embargo.txt']);
    const none = renderDesk(deskView(), th, { now: NOW, filter: { q: 'zzz' } });
    expect(all(none, (e) => e.attribs.id === 'desk-empty')[0]?.attribs).not.toHaveProperty('hidden');
  });

  it('past rowLimit files, carries only the first that match, marks the list partial and says how many others match', () => {
    const visible = (html: string) => rows(html).map((r) => [r.attribs['data-path'], DomUtils.hasAttrib(r, 'hidden')]);
    const more = (html: string) => all(html, (e) => e.attribs.id === 'desk-more')[0];
    const partial = (html: string) => all(html, (e) => e.attribs.id === 'desk-files')[0]?.attribs;

    // Seven files, three to a page: problems and kept first, none hidden (the script cannot re-show a row the page lacks).
    const page = renderDesk(deskView(), en, { now: NOW, rowLimit: 3 });
    expect(visible(page)).toEqual([
      ['economy/baht.md', false],
      ['sport/final.md', false],
      ['world/embargo.txt', false],
    ]);
    expect(partial(page)).toHaveProperty('data-partial');
    expect(more(page)?.attribs).not.toHaveProperty('hidden');
    expect(DomUtils.textContent(more(page)!)).toBe(
      'Showing the first 3 of 7 matching files: search by name or choose a state to see the others.',
    );

    // A state or a search narrows on the server: the two published files fit, and nothing says more.
    const published = renderDesk(deskView(), th, { now: NOW, rowLimit: 3, filter: { state: 'published' } });
    expect(visible(published)).toEqual([
      ['politics/kim-putin.txt', false],
      ['markets.txt', false],
    ]);
    expect(partial(published)).toHaveProperty('data-partial');
    expect(more(published)?.attribs).toHaveProperty('hidden');
    const none = renderDesk(deskView(), th, { now: NOW, rowLimit: 3, filter: { q: 'zzz' } });
    expect(rows(none)).toEqual([]);
    expect(all(none, (e) => e.attribs.id === 'desk-empty')[0]?.attribs).not.toHaveProperty('hidden');

    // At the limit, every file as before: the page filters itself.
    const whole = renderDesk(deskView(), th, { now: NOW, rowLimit: FILES.length, filter: { state: 'published' } });
    expect(rows(whole)).toHaveLength(FILES.length);
    expect(partial(whole)).not.toHaveProperty('data-partial');
    expect(more(whole)?.attribs).toHaveProperty('hidden');
  });

  it('renders a desk of 20,000 files as one page of DESK_PAGE_ROWS rows', () => {
    const many: DeskFile[] = Array.from({ length: 20_000 }, (_, i) => ({
      path: `story-${String(i).padStart(5, '0')}.txt`,
      state: i % 1000 === 7 ? 'problem' : 'published',
      problems: [],
      title: `ข่าวทดสอบหมายเลข ${i}`,
    }));
    const page = renderDesk(deskView(many), th, { now: NOW });
    const paths = rows(page).map((r) => r.attribs['data-path']);
    expect(paths).toHaveLength(DESK_PAGE_ROWS);
    expect(paths.slice(0, 21)).toEqual([
      ...Array.from({ length: 20 }, (_, k) => `story-${String(k * 1000 + 7).padStart(5, '0')}.txt`),
      'story-00000.txt',
    ]);
    expect(Buffer.byteLength(page)).toBeLessThan(1_000_000);
  });

  it('speaks English for an English site', () => {
    const page = renderDesk(deskView(FILES, 'en'), en, { now: NOW });
    expect(page).toContain('<html lang="en">');
    expect(DomUtils.textContent(rows(page)[0]!)).toContain('The header between the --- lines is not valid · line 3');
    expect(page).toContain('Publishes <time datetime="2026-11-25T05:00:00.000Z">November 25, 2026 at 12:00 PM</time>');
  });
});

describe('parseDeskQuery', () => {
  it('keeps known states and a trimmed, capped search', () => {
    expect(parseDeskQuery('state=problem&q=%20rain%20')).toEqual({ state: 'problem', q: 'rain' });
    expect(parseDeskQuery('state=constructor')).toEqual({});
    expect(parseDeskQuery(new URLSearchParams({ q: 'x'.repeat(500) })).q).toHaveLength(200);
  });
});

describe('SSE fragments', () => {
  const opts = { now: NOW, site: deskView().site };

  it('a file event carries the same row the page has, on one data line', () => {
    const file = FILES[1]!;
    const event = renderDeskEvent({ type: 'file', file }, th, opts);
    const [eventLine, dataLine, blank1, blank2] = event.split('\n');
    expect(eventLine).toBe('event: file');
    expect(blank1).toBe('');
    expect(blank2).toBe('');
    const data = JSON.parse(dataLine!.slice('data: '.length));
    expect(data).toEqual({ path: 'economy/baht.md', html: renderDeskRow(file, th, opts) });
    expect(renderDesk(deskView(), th, { now: NOW })).toContain(data.html);
  });

  it('a remove event names the path; a summary event carries the header block', () => {
    expect(renderDeskEvent({ type: 'remove', path: 'a\nb.txt' }, th, opts)).toBe('event: remove\ndata: {"path":"a\\nb.txt"}\n\n');
    const summary = renderDeskEvent({ type: 'summary', view: deskView() }, th, opts);
    expect(JSON.parse(summary.split('\n')[1]!.slice(6)).html).toBe(renderDeskSummary(deskView(), th, { now: NOW }));
  });
});

describe('a problem of the articles folder itself', () => {
  it('is said above the list, escaped, as an alert, and not counted as a file', () => {
    const reason = 'articles folder /srv/a holds none of the 3 published stories <b>';
    const view = { ...deskView(), watcher: { mode: 'native' as const, healthy: false }, folder: { code: 'ROOT_FOREIGN', reason } };
    const html = renderDeskSummary(view, th, { now: NOW });
    expect(html).toContain(
      '<p class="folder-alert" role="alert"><strong>โฟลเดอร์บทความมีปัญหา:</strong> <code>ROOT_FOREIGN</code> articles folder /srv/a holds none of the 3 published stories &lt;b&gt;</p>',
    );
    expect(html.indexOf('folder-alert')).toBeLessThan(html.indexOf('class="filters"'));
    expect(renderDeskSummary(deskView(), th, { now: NOW })).not.toContain('folder-alert');
  });
});

describe('escaping hostile names and titles', () => {
  const hostile = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '" onmouseover="x',
      "'><img src=x onerror=alert(1)>",
      '&amp;&lt;',
      '</li></ol><p>',
      'ข่าว"<b>',
    ),
  );

  it('a row is one element whatever the path, title, credit or reason, and its attributes give the values back', () => {
    fc.assert(
      fc.property(hostile, hostile, hostile, hostile, (path, title, credit, reason) => {
        const file: DeskFile = {
          path,
          title,
          credit,
          state: 'problem',
          problems: [{ code: reason, severity: 'error', reason }],
          publicUrl: `https://x.example/${path}`,
        };
        const html = renderDeskRow(file, th, { now: NOW, site: deskView().site });
        const doc = parseDocument(html, { decodeEntities: true });
        const top = doc.children.filter((n) => n.type === 'tag') as Element[];
        expect(top).toHaveLength(1);
        expect(all(html, (e) => e.name === 'script' || e.name === 'img' || DomUtils.hasAttrib(e, 'onerror'))).toEqual([]);
        const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDFFF]/g, '');
        if (clean(path) === path) {
          expect(top[0]!.attribs['data-path']).toBe(path);
          expect(top[0]!.attribs.id).toBe(deskRowId(path));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('renderDeskPreview', () => {
  it('shows the entry as a reader would, under an unmistakable preview banner', () => {
    const html = renderDeskPreview(
      {
        path: 'politics/kim-putin.txt',
        title: "'คิม' เตรียมพบ 'ปูติน' <ที่รัสเซีย>",
        contentHtml: '<p>เนื้อข่าว</p>',
        published: new Date('2026-11-25T02:30:00Z'),
        author: 'AFP',
        categories: ['การเมือง'],
      },
      th,
      { site: { title: 'ข่าวเช้า', language: 'th', timeZone: 'Asia/Bangkok' } },
    );
    const banner = all(html, (e) => e.attribs.class === 'preview-banner');
    expect(DomUtils.textContent(banner)).toContain('ตัวอย่าง: ผู้อ่านจะเห็นข่าวนี้แบบนี้');
    expect(DomUtils.textContent(banner)).toContain('politics/kim-putin.txt');
    expect(html).toContain('<h1>&#39;คิม&#39; เตรียมพบ &#39;ปูติน&#39; &lt;ที่รัสเซีย&gt;</h1>');
    expect(html).toContain('<time datetime="2026-11-25T02:30:00.000Z">25 พฤศจิกายน 2569 เวลา 09:30</time> · AFP');
    expect(html).toContain('<p>เนื้อข่าว</p>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(all(html, (e) => e.name === 'script' || DomUtils.hasAttrib(e, 'style'))).toEqual([]);
  });

  it("writes dates in the site's language as the story page does, and a held story's release in the banner", () => {
    const html = renderDeskPreview(
      {
        path: 'wire.txt',
        title: 'Wire story',
        contentHtml: '<p>Text</p>',
        published: new Date('2026-12-15T03:00:00Z'),
        language: 'en',
        heldUntil: new Date('2026-12-15T03:00:00Z'),
      },
      th,
      { site: { title: 'ข่าวเช้า', language: 'th', timeZone: 'Asia/Bangkok' } },
    );
    // New-user trial: the preview said "December 15, 2026 at 10:00 AM" where the page says 15 ธันวาคม 2569.
    expect(html).toContain('<p class="meta" lang="th"><time datetime="2026-12-15T03:00:00.000Z">15 ธันวาคม 2569 เวลา 10:00</time></p>');
    const banner = DomUtils.textContent(all(html, (e) => e.attribs.class === 'preview-banner'));
    expect(banner).toContain('จะเผยแพร่เมื่อ 15 ธันวาคม 2569 เวลา 10:00 (Asia/Bangkok)');
  });
});

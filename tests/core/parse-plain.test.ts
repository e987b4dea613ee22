import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS } from '../../src/config.js';
import { parsePlain } from '../../src/core/parse-plain.js';
import { decodeArticle } from '../../src/core/decode.js';
import { summarize } from '../../src/core/summarize.js';

const options = {
  boilerplateMarkers: DEFAULT_BOILERPLATE_MARKERS,
  timeZone: 'Asia/Bangkok',
  maxTitleLength: 300,
};
const seed = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt'));

describe('parsePlain on the reference story', () => {
  const story = parsePlain(decodeArticle(seed).text, 'kim-putin.txt', options);

  it('takes the first line as the title and the credit line as the author', () => {
    expect(story.title).toBe("'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย");
    expect(story.author).toBe('AFP');
    expect(story.language).toBe('th');
  });

  it('keeps the six story paragraphs and drops all boilerplate', () => {
    const paragraphs = story.contentHtml.split('\n');
    expect(paragraphs).toHaveLength(6);
    expect(paragraphs[0]).toMatch(/^<p>ผู้นำเกาหลีเหนือ คิม จอง อึน/);
    expect(paragraphs[5]).toMatch(/ยุติการเจรจากับรัสเซียแล้ว\.<\/p>$/);
    for (const gone of ['เพิ่มเพื่อน', 'ข่าวที่เกี่ยวข้อง', 'ลอบสังหาร']) expect(story.contentHtml).not.toContain(gone);
    // The file ends mid-word ("… ทหาร กล่า") inside the boilerplate; the story says กล่าว ("said") only as a whole word.
    expect(story.contentHtml).not.toMatch(/กล่า(?!ว)/);
    expect(story.contentHtml).not.toContain('บูดานอฟ');
    expect(summarize(story.contentHtml, story.title)).not.toContain('บูดานอฟ');
  });

  it('writes a summary that ends on a Thai word boundary', () => {
    const summary = summarize(story.contentHtml, story.title);
    expect(story.summary).toBeUndefined(); // the file wrote none: made from the text on demand
    expect(summary.endsWith('…')).toBe(true);
    expect([...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(summary)].length).toBeLessThanOrEqual(200);
    expect(summary.startsWith('ผู้นำเกาหลีเหนือ คิม จอง อึน')).toBe(true);
    const body = summary.slice(0, -1);
    const words = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(story.contentHtml.replace(/<[^>]+>/g, ' '))].map(
      (s) => s.index,
    );
    expect(words.length).toBeGreaterThan(0);
    // The cut point is a word boundary of the full text.
    const full = story.contentHtml.replace(/<\/?p>/g, '').replace(/\n/g, ' ');
    expect(full.startsWith(body)).toBe(true);
    const boundaries = new Set([...new Intl.Segmenter('th', { granularity: 'word' }).segment(full)].map((s) => s.index));
    expect(boundaries.has(body.length) || boundaries.has(body.trimEnd().length)).toBe(true);
  });
});

describe('parsePlain', () => {
  it('reads a Thai dateline and a labelled credit in either order', () => {
    const text = 'หัวข้อข่าว\n\nที่มา: รอยเตอร์\n\n25 พ.ย. 2569 14.30 น.\n\nเนื้อหาข่าว\n';
    const story = parsePlain(text, 'a.txt', options);
    expect(story.author).toBe('รอยเตอร์');
    expect(story.date?.toISOString()).toBe('2026-11-25T07:30:00.000Z');
    expect(story.contentHtml).toBe('<p>เนื้อหาข่าว</p>');
  });

  it('refuses a title line of only invisible characters (EMPTY, on its line), as Markdown does', () => {
    for (const line of ['\u200b', '\u202e\u202c', '\u00a0\u3000\u200b']) {
      expect(() => parsePlain(`${line}\n\nเนื้อหาข่าว\n`, 'a.txt', options)).toThrow(
        expect.objectContaining({ code: 'EMPTY', line: 1, message: expect.stringContaining('no visible text') }),
      );
    }
  });

  it('escapes markup written in the text', () => {
    const story = parsePlain('Title <b>\n\n<script>alert(1)</script> & more\n', 'a.txt', options);
    expect(story.title).toBe('Title <b>');
    expect(story.contentHtml).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>');
  });

  it('does not take a long first paragraph for a credit', () => {
    const story = parsePlain('Title\n\nThis is the first sentence of the story. It goes on.\n', 'a.txt', options);
    expect(story.author).toBeUndefined();
    expect(story.contentHtml).toContain('first sentence');
  });

  it('cuts over-long titles on a word boundary', () => {
    const story = parsePlain(`${'word '.repeat(1000)}\n\nbody\n`, 'a.txt', options);
    expect([...story.title].length).toBeLessThanOrEqual(300);
    expect(story.title.endsWith('word…')).toBe(true);
  });

  it('fails with EMPTY when only boilerplate is left', () => {
    expect(() => parsePlain('\n\n', 'a.txt', options)).toThrow(/no title/);
  });
});

describe('a dateline that does not read', () => {
  it('notes a short line with a year and another number that gave no date, and nothing for one that did', () => {
    for (const [text, line] of [
      ['Island ferries resume\n\nPHUKET, Dcember 6, 2026 09:00\n\nFerries sailed again.\n', 'PHUKET, Dcember 6, 2026 09:00'],
      ['เรือกลับมาวิ่ง\n\nภูเก็ต 6 ธันวาคอม ๒๕๖๙ 09.00 น.\n\nเรือกลับมาให้บริการ\n', 'ภูเก็ต 6 ธันวาคอม ๒๕๖๙ 09.00 น.'],
    ] as const) {
      const story = parsePlain(text, 'a.txt', options);
      expect(story.date).toBeUndefined();
      expect(story.hints).toEqual([expect.stringMatching(/^line 3: looks like a dateline, but no date could be read from it/)]);
      expect(story.contentHtml).toContain(line);
    }
    const dated = parsePlain('Island ferries resume\n\nPHUKET, December 6, 2026 09:00\n\nFerries sailed in 2026, 12 of them.\n', 'a.txt', options);
    expect(dated.date).toBeDefined();
    expect(dated.hints).toEqual([]);
  });
});

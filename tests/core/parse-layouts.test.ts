import { describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS } from '../../src/config.js';
import type { ArticleError } from '../../src/core/errors.js';
import { parseMarkdown } from '../../src/core/parse-markdown.js';
import { parsePlain } from '../../src/core/parse-plain.js';

const options = {
  boilerplateMarkers: DEFAULT_BOILERPLATE_MARKERS,
  timeZone: 'Asia/Bangkok',
  pageUrl: 'https://news.example/articles/x',
  maxTitleLength: 300,
};
const plain = (text: string) => parsePlain(text, 'a.txt', options);
const failure = (fn: () => unknown): ArticleError => {
  try {
    fn();
  } catch (error) {
    return error as ArticleError;
  }
  throw new Error('expected a failure');
};

describe('plain-text stories in the layouts desks use', () => {
  it('reads a place-first dateline and a Thai desk credit, keeps a short lede', () => {
    const story = plain('น้ำท่วมเชียงราย\n\nเชียงราย 24 พ.ย. 2569 09.15 น.\n\nทีมข่าวภูมิภาค\n\nยอดผู้เสียชีวิตเพิ่มเป็น 12 ราย\n\nเนื้อหาต่อ');
    expect(story.date?.toISOString()).toBe('2026-11-24T02:15:00.000Z');
    expect(story.author).toBe('ทีมข่าวภูมิภาค');
    expect(story.contentHtml).toBe('<p>ยอดผู้เสียชีวิตเพิ่มเป็น 12 ราย</p>\n<p>เนื้อหาต่อ</p>');
    expect(story.reading?.dateline).toMatchObject({ line: 3, place: 'เชียงราย' });
  });

  it('reads a time-first dateline and a credit in one paragraph under the title', () => {
    const story = plain('ตลาดหุ้นปิดบวก\n08.00 น. 23 พ.ย. 2569\nAFP\n\nดัชนีปิดที่ 1,412 จุด\n\nเนื้อหา');
    expect(story.date?.toISOString()).toBe('2026-11-23T01:00:00.000Z');
    expect(story.author).toBe('AFP');
    expect(story.contentHtml.split('\n')[0]).toBe('<p>ดัชนีปิดที่ 1,412 จุด</p>');
  });

  it('reads a numeric Buddhist-era dateline in the second paragraph', () => {
    const story = plain('หัวข้อ\n\nที่มา: รอยเตอร์\n\n24/11/2569 16:45\n\nเนื้อหา');
    expect([story.author, story.date?.toISOString()]).toEqual(['รอยเตอร์', '2026-11-24T09:45:00.000Z']);
  });

  it('keeps a short lede that has no credit evidence in the body', () => {
    const story = plain('ตลาดหุ้นปิดบวก\n\nดัชนีปิดที่ 1,412 จุด\n\nนักลงทุนต่างชาติซื้อสุทธิ');
    expect(story.author).toBeUndefined();
    expect(story.contentHtml).toBe('<p>ดัชนีปิดที่ 1,412 จุด</p>\n<p>นักลงทุนต่างชาติซื้อสุทธิ</p>');
  });

  it('leaves a bare name in the body and says so as a hint', () => {
    const story = plain('Markets\n\nJane Doe\n\nStocks rose.');
    expect(story.author).toBeUndefined();
    expect(story.contentHtml).toContain('<p>Jane Doe</p>');
    expect(story.hints).toEqual([expect.stringMatching(/^line 3: "Jane Doe" may be a credit/)]);
  });

  it('takes the agency from a wire dateline and keeps the lede as written', () => {
    const story = plain('Markets close higher\n\nBANGKOK, Nov 24 (Reuters) - Thai stocks rose on Monday.\n\nMore.');
    expect(story.author).toBe('Reuters');
    expect(story.contentHtml).toContain('<p>BANGKOK, Nov 24 (Reuters) - Thai stocks rose on Monday.</p>');
    expect(story.language).toBe('en');
  });

  it.each([
    ['31 ก.พ. 2569', 3],
    ['24 พ.ย. 2569 เวลา 25.00 น.', 3],
    ['2026-11-24T10:00+25:00', 3],
  ])('reports the impossible date %s as BAD_DATE on its line, never as the author', (line, n) => {
    const error = failure(() => plain(`หัวข้อ\n\n${line}\n\nAFP\n\nเนื้อหา`));
    expect([error.code, error.line]).toEqual(['BAD_DATE', n]);
    expect(error.message).toContain(line);
  });

  it('records where each part came from for check --explain', () => {
    const story = plain('หัวข้อ\n\nAFP\n\n24 พ.ย. 2569\n\nย่อหน้าแรก\n\nย่อหน้าสอง\n\nเพิ่มเพื่อน\n\nข่าวที่เกี่ยวข้อง');
    expect(story.reading).toMatchObject({
      title: { line: 1, text: 'หัวข้อ' },
      dateline: { line: 5, date: '2026-11-23T17:00:00.000Z' },
      credits: [{ line: 3, author: 'AFP' }],
      paragraphs: [{ line: 7 }, { line: 9 }],
      cut: { line: 11, marker: 'เพิ่มเพื่อน' },
      language: 'th',
    });
  });
});

describe('bounded text', () => {
  it('drops combining marks beyond four per character and says so', () => {
    const story = plain(`T${'\u0301'.repeat(5000)}itle\n\nb${'\u0e49'.repeat(100_000)}ody`);
    expect(story.title).toBe(`T${'\u0301'.repeat(4)}itle`);
    expect(story.contentHtml.length).toBeLessThan(40);
    expect(story.warnings.map((w) => w.message).join('\n')).toMatch(/title: dropped 4996 combining marks[\s\S]*body: dropped 99996/);
    expect(new Set(story.warnings.map((w) => w.code))).toEqual(new Set(['MARKS_DROPPED']));
  });

  it('keeps Thai stacked marks (up to three) untouched', () => {
    const story = plain('กั๊กที่นั่งปู่\n\nเนื้อหา');
    expect(story.title).toBe('กั๊กที่นั่งปู่');
    expect(story.warnings).toEqual([]);
  });

  it('removes bidi overrides from titles and credits', () => {
    const story = plain('Safe\u202Eevil\u202C title\n\nBy Jane\u202E Doe\n\nbody');
    expect(story.title).toBe('Safeevil title');
    expect(story.author).toBe('Jane Doe');
    expect(story.warnings).toContainEqual({ code: 'CHARS_REMOVED', message: expect.stringMatching(/^title: removed 2 bidirectional/) });
  });

  it('removes from front matter what XML forbids that YAML escapes wrote (a lone surrogate, a control), and says so', () => {
    const story = parseMarkdown(
      '---\ntitle: "Lone \\uD800 surrogate"\nauthor: "Writer \\x07"\ntags: ["tag\\uDC00", "🇹🇭"]\n---\n\nbody',
      'a.md',
      options,
    );
    expect(story.title).toBe('Lone surrogate');
    expect(story.author).toBe('Writer');
    expect(story.tags).toEqual(['tag', '🇹🇭']);
    expect(story.warnings).toContainEqual({
      code: 'CHARS_REMOVED',
      message: 'front matter: removed 3 control or non-character code point(s) that XML forbids',
    });
  });

  it('removes bidi overrides from front-matter tags and categories, which name pages and feeds', () => {
    const story = parseMarkdown('---\ntitle: T\ntags: ["x\u202Ey", "ok"]\ncategories: "a\u2066b"\n---\n\nbody', 'a.md', options);
    expect(story.tags).toEqual(['xy', 'ok', 'ab']);
    expect(story.warnings.filter((w) => /^(tags|categories): removed 1 bidirectional/.test(w.message))).toHaveLength(2);
  });

  it("takes a front-matter list of authors (author or Hugo's authors, names or { name }) as one credit naming each", () => {
    const md = (front: string) => parseMarkdown(`---\ntitle: T\n${front}\n---\n\nbody`, 'a.md', options);
    expect(md('author: [Jane Doe, { name: John Roe }]').author).toBe('Jane Doe, John Roe');
    expect(md('authors:\n  - Jane Doe\n  - Reuters').author).toBe('Jane Doe, Reuters');
    expect(md('authors: Kim Lee').author).toBe('Kim Lee');
    expect(md('author: AFP\nauthors: [ignored]').author).toBe('AFP');
    expect(md('author: []').author).toBeUndefined();
    expect(failure(() => md('author: [[nested]]'))).toMatchObject({
      code: 'BAD_FIELD',
      message: expect.stringContaining('author: must be a name or a list of names'),
    });
    // Front matter names each author as written: never split as a credit line in the text is (attack trial).
    expect(md('author: ["Doe, Jane", "AC/DC", "Smith and Wesson", "", " , "]').authors).toEqual(['Doe, Jane', 'AC/DC', 'Smith and Wesson']);
    expect(md('author: { name: "Bangkok Post, Thailand" }').authors).toEqual(['Bangkok Post, Thailand']);
    expect(md('author: Jane Doe and John Roe').authors).toEqual(['Jane Doe and John Roe']);
    const many = `authors: [${Array.from({ length: 51 }, (_, i) => `Writer ${i}`).join(', ')}]`;
    expect(failure(() => md(many))).toMatchObject({
      code: 'TOO_COMPLEX',
      message: '51 authors; at most 50 are allowed per story',
      line: 3,
    });
    expect(md(many.replace(', Writer 50', '')).authors).toHaveLength(50);
  });

  it('cuts a title by bytes when its graphemes are few but heavy', () => {
    const family = '👨‍👩‍👧‍👦';
    const story = plain(`${family.repeat(290)}\n\nbody`);
    expect(new TextEncoder().encode(story.title).length).toBeLessThanOrEqual(300 * 6);
    expect(story.title.endsWith('…')).toBe(true);
  });
});

describe('language per story', () => {
  it('tags Latin-only text English and Thai text Thai; front matter wins', () => {
    expect(plain('Flood in the north\n\nRivers rose overnight.').language).toBe('en');
    expect(plain('น้ำท่วม\n\nแม่น้ำเอ่อล้น iPhone').language).toBe('th');
    const md = parseMarkdown('---\ntitle: Bonjour\nlang: fr\n---\nLe texte.', 'a.md', options);
    expect(md.language).toBe('fr');
  });
});

describe('front-matter dates go through the same checks whatever YAML made of them', () => {
  it.each([
    ['date: !!timestamp 1800-01-01', /before 1900|between 1900 and 9999/],
    ['date: 1800-01-01', /before 1900/],
    ['date: 2026-11-24T10:00:00+25:00', /beyond ±14:00/],
    ['date: 31 ก.พ. 2569', /day 31 of month 2/],
  ])('%s is BAD_DATE on its line', (field, why) => {
    const error = failure(() => parseMarkdown(`---\ntitle: T\n${field}\n---\nbody`, 'a.md', options));
    expect([error.code, error.line]).toEqual(['BAD_DATE', 3]);
    expect(error.message).toMatch(why);
  });

  it.each([
    ['tags: [a, b', 'column 7: Flow sequence'],
    ['meta: {a: 1', 'column 7: Flow map'],
    ['author: "unterminated', 'column 9: Missing closing "quote'],
    ["author: 'unterminated", "column 9: Missing closing 'quote"],
  ])('points BAD_FRONT_MATTER for %s at the line that opens it, not the one after (new-user trial)', (field, where) => {
    const error = failure(() => parseMarkdown(`---\ntitle: T\n${field}\ndate: 2026-11-24\n\ncategory: x\n---\nbody`, 'a.md', options));
    expect([error.code, error.line]).toEqual(['BAD_FRONT_MATTER', 3]);
    expect(error.message).toContain(`at ${where}`);
  });

  it('reports a YAML alias bomb as BAD_FRONT_MATTER', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ];
    const error = failure(() => parseMarkdown(`---\ntitle: T\n${bomb.join('\n')}\n---\nbody`, 'a.md', options));
    expect(error.code).toBe('BAD_FRONT_MATTER');
  });
});

describe('layouts a newsroom trial found (73 stories in the house styles of Thai and wire desks)', () => {
  const B = 'เนื้อหาข่าวย่อหน้าแรกยาวพอสมควรเพื่อให้เป็นเนื้อหาจริงของข่าวนี้ ไม่ใช่หัวข่าว';
  const read = (text: string) => {
    const s = plain(text);
    return {
      title: s.title,
      author: s.author,
      date: s.date?.toISOString(),
      updated: s.updated?.toISOString(),
      first: s.contentHtml.split('\n')[0],
    };
  };

  it.each([
    ['ตรวจหวย งวด 16 พ.ย. 2569', `ตรวจหวย งวด 16 พ.ย. 2569\n\nไทยรัฐออนไลน์\n\n${B}`, 'ไทยรัฐออนไลน์', undefined],
    [
      'ราคาทองวันนี้ 24 พ.ย. 69',
      `ราคาทองวันนี้ 24 พ.ย. 69\n\n24 พ.ย. 2569 09:30 น.\n\nไทยรัฐออนไลน์\n\n${B}`,
      'ไทยรัฐออนไลน์',
      '2026-11-24T02:30:00.000Z',
    ],
  ])('keeps a title that holds a date as the title: %s', (title, text, author, date) => {
    expect(read(text)).toMatchObject({ title, author, date, first: `<p>${B}</p>` });
  });

  it('reads a Manager Online header: published, updated and credit on one line, or update on its own line', () => {
    expect(read(`หัวข้อ\n\nเผยแพร่: 24 พ.ย. 2569 09:15   ปรับปรุง: 24 พ.ย. 2569 10:00   โดย: ผู้จัดการออนไลน์\n\n${B}`)).toMatchObject({
      author: 'ผู้จัดการออนไลน์',
      date: '2026-11-24T02:15:00.000Z',
      updated: '2026-11-24T03:00:00.000Z',
      first: `<p>${B}</p>`,
    });
    for (const sep of ['\n', '\n\n']) {
      expect(read(`หัวข้อ\n\nเผยแพร่: 24 พ.ย. 2569 07:40${sep}ปรับปรุง: 24 พ.ย. 2569 08:05\n\n${B}`)).toMatchObject({
        date: '2026-11-24T00:40:00.000Z',
        updated: '2026-11-24T01:05:00.000Z',
        first: `<p>${B}</p>`,
      });
    }
  });

  it.each([
    ['กรุงเทพฯ 24 พ.ย. (รอยเตอร์) - ราคาน้ำมันดิบปรับตัวสูงขึ้นในวันอังคาร', 'รอยเตอร์'],
    ['ปักกิ่ง, 24 พ.ย. (ซินหัว) -- จีนเปิดให้บริการรถไฟความเร็วสูงสายใหม่', 'ซินหัว'],
    ['BEIJING, Nov. 24 (Xinhua) -- China opened a new high-speed rail line on Tuesday.', 'Xinhua'],
  ])('keeps a wire lede in the body and takes its agency: %s', (lede, agency) => {
    expect(read(`หัวข้อ\n\n${lede}\n\n${B}`)).toMatchObject({ author: agency, first: `<p>${lede}</p>` });
  });

  it.each([
    ['BANGKOK, Dec 3, 2026 (Reuters) - The baht rose on Thursday.', '2026-12-02T17:00:00.000Z', 'Reuters'],
    ['WASHINGTON, December 3, 2026 (AP) — Lawmakers met on Thursday.', '2026-12-02T17:00:00.000Z', 'AP'],
    ['กรุงเทพฯ 24 พ.ย. 2569 (รอยเตอร์) - ราคาน้ำมันดิบปรับตัวสูงขึ้นในวันอังคาร', '2026-11-23T17:00:00.000Z', 'รอยเตอร์'],
  ])('dates a story by the whole date of its wire lede, and keeps the lede as written: %s', (lede, date, agency) => {
    const story = plain(`หัวข้อ\n\n${lede}\n\n${B}`);
    expect([story.date?.toISOString(), story.author, story.contentHtml.split('\n')[0]]).toEqual([date, agency, `<p>${lede}</p>`]);
    expect(story.dateSource?.line).toBe(3);
  });

  it.each([
    ['BANGKOK, Dec 3 (Reuters) - The baht rose on Thursday.', 'has no year'],
    ['กรุงเทพฯ 24 พ.ย. (รอยเตอร์) - ราคาน้ำมันดิบปรับตัวสูงขึ้น', 'has no year'],
    ['WASHINGTON, Feb 30, 2026 (AP) - Lawmakers met.', 'is not a real date'],
  ])('leaves a story undated by a wire lede without a whole date, with a hint on its line: %s', (lede, why) => {
    const story = plain(`หัวข้อ\n\n${lede}\n\n${B}`);
    expect(story.date).toBeUndefined();
    expect((story.hints ?? []).filter((h) => h.startsWith('line 3: the wire dateline') && h.includes(why))).toHaveLength(1);
  });

  it('keeps the dateline of the head over the date of a wire lede', () => {
    const story = plain(`หัวข้อ\n\n25 พ.ย. 2569 09.00 น.\n\nBANGKOK, Dec 3, 2026 (Reuters) - Text.\n\n${B}`);
    expect([story.date?.toISOString(), story.dateSource?.line]).toEqual(['2026-11-25T02:00:00.000Z', 3]);
  });

  it('takes the time from the line after a date written without one', () => {
    expect(read(`หัวข้อ\n\n24 พ.ย. 69\n16:45\n\n${B}`)).toMatchObject({ date: '2026-11-24T09:45:00.000Z', first: `<p>${B}</p>` });
    expect(read(`หัวข้อ\n\n24 พ.ย. 69\n\n16:45 น.\n\n${B}`)).toMatchObject({ date: '2026-11-24T09:45:00.000Z', first: `<p>${B}</p>` });
  });

  it.each(['นัดประชุมอีกครั้ง 30 พ.ย. 2569', 'เลื่อนเป็น 1 ธ.ค. 2569'])('keeps a short line with a date inside it as text: %s', (line) => {
    expect(read(`หัวข้อ\n\n${line}\n\n${B}`)).toMatchObject({ date: undefined, first: `<p>${line}</p>` });
  });

  it('reads wire time zones', () => {
    expect(read('Title\n\nNov 24, 2026 | 18:45 JST\n\nBody text here.').date).toBe('2026-11-24T09:45:00.000Z');
  });

  it.each([
    'แท็ก : น้ำท่วม ภูเก็ต',
    'Tags : flood, south',
    'กดเพิ่มเพื่อน LINE @thairath เพื่อรับข่าวสารก่อนใคร',
    'Read more: Asian currencies firm on Fed bets',
    'Share this article',
    'อ่านข่าวต้นฉบับได้ที่ : https://tna.mcot.net/region-123456',
    'อ่านข่าวเพิ่ม :',
    'ติดตามข่าวสารข่าวสดได้ทาง Facebook และ LINE @khaosod',
    'แท็กที่เกี่ยวข้อง',
    'Our Standards: The Thomson Reuters Trust Principles.',
  ])('cuts the boilerplate tail that starts with: %s', (tail) => {
    expect(plain(`หัวข้อ\n\n${B}\n\n${tail}\n\nขยะท้ายหน้า`).contentHtml).toBe(`<p>${B}</p>`);
  });

  it.each(['แชร์ลูกโซ่ระบาดหนักในภาคอีสาน', 'Share prices fell sharply on Monday', 'ข่าวล่าสุดระบุว่ามีผู้เสียชีวิต'])(
    'keeps text that only starts like a marker: %s',
    (line) => {
      expect(plain(`หัวข้อ\n\n${B}\n\n${line}`).contentHtml).toContain(line);
    },
  );
});

describe('YAML timestamps are judged as written', () => {
  it.each(['date: !!timestamp 2026-02-31T10:00:00Z', 'date: !!timestamp 2026-13-01'])('%s is BAD_DATE, not rolled over', (field) => {
    const error = failure(() => parseMarkdown(`---\ntitle: T\n${field}\n---\nbody`, 'a.md', options));
    expect([error.code, error.line]).toEqual(['BAD_DATE', 3]);
    expect(error.message).toContain('is not a real date');
  });
});

describe('a paragraph hard-wrapped inside Thai words', () => {
  // One sentence, broken at a fixed width: before a vowel sign (ั), before a tone mark (่), and
  // after a vowel written before its consonant (เ); and at a space Thai writes between phrases.
  const wrapped = ['ผู้นำเกาหลีเหนือเดินทางถึงร', 'ัสเซียแล้วเมื่อวันที', '่ 12 ก.ย. โดยเ', 'ดินทางด้วยรถไฟ', 'ส่วนตัว'];
  const joined = 'ผู้นำเกาหลีเหนือเดินทางถึงรัสเซียแล้วเมื่อวันที่ 12 ก.ย. โดยเดินทางด้วยรถไฟ ส่วนตัว';

  it('plain text: joins the lines without a space inside a syllable, with one elsewhere', () => {
    const story = parsePlain(`หัวข่าว\n\n${wrapped.join('\n')}\n`, 'wrap.txt', options);
    expect(story.contentHtml).toBe(`<p>${joined}</p>`);
  });

  it('Markdown: the same, and a break between whole words stays a line break', () => {
    const story = parseMarkdown(`---\ntitle: หัวข่าว\n---\n\n${wrapped.join('\n')}\n\nEnglish\nlines\n`, 'wrap.md', options);
    expect(story.contentHtml).toContain(`<p>${joined.replace(' ส่วนตัว', '\nส่วนตัว')}</p>`);
    expect(story.contentHtml).toContain('<p>English\nlines</p>');
  });

  it('never takes a wrapped piece of the lede for a credit or a dateline (new-user trial)', () => {
    const story = parsePlain('หัวข่าว\n\n24 พ.ย. 2569 10.00 น.\n\nนายกรัฐมนตรีเดินทางไปเ\nยี่ยมประชาชนที่เชียงใหม่\n', 'lede.txt', options);
    expect(story.author).toBeUndefined();
    expect(story.contentHtml).toBe('<p>นายกรัฐมนตรีเดินทางไปเยี่ยมประชาชนที่เชียงใหม่</p>');
    // A wrapped piece that would read as a byline on its own ("Mr Somchai Jaidee" then "…went").
    const byline = parsePlain('หัวข่าว\n\nนายสมชาย ใจดีเ\nดินทางถึงเชียงใหม่\n', 'lede.txt', options);
    expect(byline.author).toBeUndefined();
    expect(byline.contentHtml).toBe('<p>นายสมชาย ใจดีเดินทางถึงเชียงใหม่</p>');
  });

  it('joins the lines of a paragraph cut at a fixed width without a space between Thai letters, and only then', () => {
    const text = 'สำนักงานสถิติแห่งชาติรายงานว่าอัตราการว่างงานในไตรมาสที่สามลดลงเหลือร้อยละหนึ่งจุดสองเนื่องจากภาคการท่องเที่ยวฟื้นตัว';
    const cut: string[] = [];
    // Thirty columns a line, as a tool that wraps at a width writes it (vowel signs and tone marks take no column).
    for (let line = '', width = 0, i = 0; i < text.length; i++) {
      line += text[i];
      if (!/[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/.test(text[i + 1] ?? '') && ++width === 30) [cut[cut.length], line, width] = [line, '', 0];
      if (i === text.length - 1 && line) cut.push(line);
    }
    expect(cut.length).toBeGreaterThan(2);
    expect(parsePlain(`หัวข่าว\n\n${cut.join('\n')}\n`, 'fold.txt', options).contentHtml).toBe(`<p>${text}</p>`);
    // Lines of other widths (one phrase a line) keep their spaces.
    const phrases = 'ฝนตกหนักทั้งคืน\nน้ำท่วมถนนหลายสาย\nรถติดยาวหลายกิโลเมตร';
    expect(parsePlain(`หัวข่าว\n\n${phrases}\n`, 'p.txt', options).contentHtml).toBe(`<p>${phrases.replaceAll('\n', ' ')}</p>`);
  });

  it('never leaves a Thai vowel sign or tone mark after a space', () => {
    const story = parsePlain(`หัวข่าว\n\n${wrapped.join('  \n  ')}\n`, 'wrap.txt', options);
    expect(story.contentHtml).not.toMatch(/\s[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]/);
  });
});

describe("a Markdown story's release time", () => {
  it.each(['publishDate', 'PublishDate', 'Embargo', 'embargoed_until', 'release_date'])(
    'holds it until %s when that is later than its date (attack trial: out at once)',
    (key) => {
      const story = parseMarkdown(
        `---\ntitle: Merger\ndate: 2026-12-01 10:00\n${key}: 2026-12-20 09:00\n---\n\nAlpha will buy Beta.\n`,
        'a.md',
        options,
      );
      expect(story.date?.toISOString()).toBe('2026-12-20T02:00:00.000Z');
      expect(story.reading?.dateline).toMatchObject({ line: 4, release: true });
    },
  );

  it('keeps its date when the release time is earlier, and refuses one that is no date', () => {
    const story = parseMarkdown('---\ntitle: Merger\ndate: 2026-12-20 09:00\npublishDate: 2026-12-01\n---\n\nbody\n', 'a.md', options);
    expect(story.date?.toISOString()).toBe('2026-12-20T02:00:00.000Z');
    expect(failure(() => parseMarkdown('---\ntitle: Merger\nembargo: yes\n---\n\nbody\n', 'a.md', options)).code).toBe('BAD_DATE');
  });
});

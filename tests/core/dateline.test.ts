import { describe, expect, it } from 'vitest';
import { parseDate, readDateline } from '../../src/core/dateline.js';
import { parseMarkdown } from '../../src/core/parse-markdown.js';
import { parsePlain } from '../../src/core/parse-plain.js';

const bkk = (s: string) => parseDate(s, 'Asia/Bangkok')?.toISOString();

describe('parseDate', () => {
  it.each([
    ['25 พ.ย. 2569', '2026-11-24T17:00:00.000Z'],
    ['25 พฤศจิกายน 2569', '2026-11-24T17:00:00.000Z'],
    ['วันพุธที่ 25 พฤศจิกายน 2569 เวลา 14.30 น.', '2026-11-25T07:30:00.000Z'],
    ['๒๕ พ.ย. ๒๕๖๙ ๑๔.๓๐ น.', '2026-11-25T07:30:00.000Z'],
    ['25 พ.ย. 69', '2026-11-24T17:00:00.000Z'],
    ['1 ม.ค. ค.ศ. 2027', '2026-12-31T17:00:00.000Z'],
    ['2026-11-25', '2026-11-24T17:00:00.000Z'],
    ['2569-11-25', '2026-11-24T17:00:00.000Z'],
    ['2026-11-25T14:30:00Z', '2026-11-25T14:30:00.000Z'],
    ['2026-11-25 14:30+07:00', '2026-11-25T07:30:00.000Z'],
    ['November 25, 2026 2:30 PM', '2026-11-25T07:30:00.000Z'],
    ['Wed, 25 Nov 2026 14:30:00 +0700', '2026-11-25T07:30:00.000Z'],
    ['Published: 25 Nov 2026 09:00 GMT', '2026-11-25T09:00:00.000Z'],
    // Beyond any Buddhist-era year anyone writes: the year as written (then FAR_FUTURE says 9999, not 9456).
    ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z'],
    ['3099-01-01', '2555-12-31T17:00:00.000Z'],
  ])('%s', (input, expected) => {
    expect(bkk(input)).toBe(expected);
  });

  it.each(['AFP', 'เพิ่มเพื่อน', '31 ก.พ. 2569', '2026-13-01', 'November 25', '25 พ.ย.', 'ผู้นำเกาหลีเหนือ 25 พ.ย. 2569 กล่าวว่า'])(
    'rejects %s',
    (input) => {
      expect(bkk(input)).toBeUndefined();
    },
  );

  it('reads wall-clock times in the given zone, daylight saving included', () => {
    expect(parseDate('2026-07-01 12:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(parseDate('2026-01-01 12:00', 'America/New_York')?.toISOString()).toBe('2026-01-01T17:00:00.000Z');
  });

  // Attack trial: the spring gap's 02:30 in New York was read 01:30 EST, a release half an hour early.
  it.each([
    ['2027-03-14 02:30', 'America/New_York', '2027-03-14T07:30:00.000Z'], // no such time: after the gap
    ['2026-11-01 01:30', 'America/New_York', '2026-11-01T06:30:00.000Z'], // twice: the second
    ['2027-03-28 01:30', 'Europe/London', '2027-03-28T01:30:00.000Z'],
    ['2026-10-25 01:30', 'Europe/London', '2026-10-25T01:30:00.000Z'],
    ['2026-10-04 02:15', 'Australia/Lord_Howe', '2026-10-03T15:45:00.000Z'], // a half-hour change
    ['2027-03-14 01:30', 'America/New_York', '2027-03-14T06:30:00.000Z'], // either side of a change, as written
    ['2027-03-14 03:30', 'America/New_York', '2027-03-14T07:30:00.000Z'],
  ])('reads %s in %s across a clock change as the later instant', (input, zone, iso) => {
    expect(parseDate(input, zone)?.toISOString()).toBe(iso);
  });
});

describe('embargo lines', () => {
  const read = (line: string) => readDateline(line, 'Asia/Bangkok', () => false);
  // Attack trial: each of these went out at once, unread, with the story it was to hold.
  it.each([
    ['Embargoed until December 20, 2026 09:00', '2026-12-20T02:00:00.000Z'],
    ['Embargo until 20 December 2026 09:00', '2026-12-20T02:00:00.000Z'],
    ['EMBARGOED UNTIL 00:01 GMT, 20 December 2026', '2026-12-20T00:01:00.000Z'],
    ['*** EMBARGOED UNTIL 20 December 2026 09:00 ***', '2026-12-20T02:00:00.000Z'],
    ['[EMBARGO: 20 Dec 2026 09:00 ICT]', '2026-12-20T02:00:00.000Z'],
    ['Not for release before December 20, 2026', '2026-12-19T17:00:00.000Z'],
    ['Not to be published before 20 Dec 2026, 9am', '2026-12-20T02:00:00.000Z'],
    ['Hold for release: December 20, 2026 09:00', '2026-12-20T02:00:00.000Z'],
    ['For release December 20, 2026', '2026-12-19T17:00:00.000Z'],
    ['Embargo lifts at 00:01 GMT on 20 December 2026', '2026-12-20T00:01:00.000Z'],
    ['Embargoed until 00:01 GMT, Sunday 20 December 2026', '2026-12-20T00:01:00.000Z'],
    ['EMBARGOED UNTIL: December 20, 2026 at 12:01 a.m. ET', '2026-12-20T05:01:00.000Z'],
    ['Embargoed until December 20, 2026 09:00 (New York)', '2026-12-20T14:00:00.000Z'],
    ['ห้ามเผยแพร่ ก่อน 20 ธ.ค. 2569', '2026-12-19T17:00:00.000Z'],
    ['กรุณาอย่าเผยแพร่ก่อน 20 ธ.ค. 2569', '2026-12-19T17:00:00.000Z'],
    ['เผยแพร่ได้ตั้งแต่ 20 ธ.ค. 2569 เวลา 09.00 น. เป็นต้นไป', '2026-12-20T02:00:00.000Z'],
    ['ห้ามเผยแพร่ก่อน 20 ธ.ค. 2569 09.00 น.', '2026-12-20T02:00:00.000Z'],
    ['ห้ามเผยแพร่จนถึงวันที่ 20 ธ.ค. 2569 เวลา 09.00 น.', '2026-12-20T02:00:00.000Z'],
    ['เผยแพร่ได้ตั้งแต่ 20 ธ.ค. 2569', '2026-12-19T17:00:00.000Z'],
    ['Embargo ถึง 20 ธ.ค. 2569', '2026-12-19T17:00:00.000Z'],
  ])('%s', (line, expected) => {
    const found = read(line);
    expect(found?.release).toBe(true);
    expect(found && 'date' in found.reading ? found.reading.date.toISOString() : found).toBe(expected);
  });

  it.each([
    ['เผยแพร่วันที่ 20 ธันวาคม 2569 เวลา 09.00 น.', '2026-12-20T02:00:00.000Z'],
    ['20 December 2026, 9am', '2026-12-20T02:00:00.000Z'],
    ['20 Dec 2026 9 p.m.', '2026-12-20T14:00:00.000Z'],
    ['20-Dec-2026', '2026-12-19T17:00:00.000Z'],
    ['December 20, 2026 09:00 (Bangkok)', '2026-12-20T02:00:00.000Z'],
    ['20 Dec 2026 09:00 PT', '2026-12-20T17:00:00.000Z'],
  ])('and dates as desks type them: %s', (line, expected) => {
    const found = read(line);
    expect(found && 'date' in found.reading ? found.reading.date.toISOString() : found).toBe(expected);
    expect(found?.release).toBeUndefined();
  });

  it.each([
    'Until 5 May 2026, the company grew',
    'The embargo ended on 20 Dec 2026 for most firms',
    'ห้ามเผยแพร่ภาพนี้ซ้ำ',
    // An event's hours, a city whose clock is not known, and CST (China's or Central?) are no dateline.
    'วันที่ 20 ธันวาคม 2569 เวลา 09.00-12.00 น.',
    'Embargoed until December 20, 2026 09:00 (Springfield)',
    'Embargoed until 20 Dec 2026 09:00 CST',
    // A product's or a film's release date (attack trial: product news was held until it).
    'Release date: 2026-12-20 09:00',
  ])('is not read: %s', (line) => {
    expect(read(line)).toBeUndefined();
  });

  it('refuses a story whose embargo line does not read, in the head or under a standfirst, plain text or Markdown (trials: out at once)', () => {
    const options = {
      timeZone: 'Asia/Bangkok',
      boilerplateMarkers: [] as string[],
      maxTitleLength: 300,
      pageUrl: 'https://news.example/articles/m',
    };
    for (const line of [
      'Embargoed until further notice',
      'Embargoed until the market closes',
      'EMBARGOED UNTIL 00:01 THURSDAY 17 DECEMBER',
      'ห้ามเผยแพร่ก่อนวันจันทร์หน้า',
    ]) {
      const plain = () =>
        parsePlain(`Merger agreed\n\nA standfirst.\n\nBy Jane Doe\n\n${line}\n\nAlpha will buy Beta.\n`, 'm.txt', options);
      expect(plain).toThrow(/embargo line/);
      expect(() => parseMarkdown(`---\ntitle: Merger\n---\n\n**${line}**\n\nAlpha will buy Beta.\n`, 'm.md', options)).toThrow(
        /line 5: the embargo line/,
      );
    }
    // News about embargoes and bans is no embargo line (attack trial: each of these was refused).
    for (const line of [
      'Embargo on Iranian oil to continue until 2028, officials say.',
      'Embargoed goods seized at port',
      'EMBARGO: A history of sanctions',
      'Hold for release of hostages urged by UN',
      'Not for release before the election, the minister said of the report.',
      'ห้ามเผยแพร่ภาพผู้ต้องหาก่อนศาลพิพากษา',
      'ห้ามเผยแพร่ก่อนการเลือกตั้ง กกต. เตือนสื่อ',
    ]) {
      expect(parsePlain(`Headline\n\nA standfirst.\n\n${line}\n\nBody.\n`, 'n.txt', options).date, line).toBeUndefined();
    }
    // A list mark, a note, full-width letters or a soft hyphen before the label, a full stop after: still an embargo.
    for (const line of [
      'Note: embargoed until 10:00 ET Jan 5, 2027',
      '• Embargoed until 10:00 ET Jan 5, 2027.',
      'Ｅｍｂａｒｇｏｅｄ until 10:00 ET Jan 5, 2027',
      'Em\u00ADbargoed until 10:00 ET Jan 5, 2027',
    ]) {
      expect(parsePlain(`Headline\n\nA standfirst.\n\n${line}\n\nBody.\n`, 'n.txt', options).date?.toISOString(), line).toBe(
        '2027-01-05T15:00:00.000Z',
      );
    }
    expect(parsePlain('H\n\nหมายเหตุ: ห้ามนำเสนอก่อน 5 ม.ค. 2570 10.00 น.\n\nเนื้อข่าว\n', 'n.txt', options).date?.toISOString()).toBe(
      '2027-01-05T03:00:00.000Z',
    );
    // A story about a trade embargo is no embargo line.
    expect(parsePlain('US lifts embargo on Cuba\n\nThe embargo on Cuba ends today.\n', 'c.txt', options).date).toBeUndefined();
    const md = parseMarkdown(
      '---\ntitle: Merger\ndate: 2026-12-01\n---\n\n**Embargoed until 20 Dec 2026 09:00 ICT**\n\nAlpha.\n',
      'm.md',
      options,
    );
    expect(md.date?.toISOString()).toBe('2026-12-20T02:00:00.000Z');
  });

  it('holds a story until its embargo line, before or after its dateline, and takes both lines out of the text', () => {
    const options = { timeZone: 'Asia/Bangkok', boilerplateMarkers: [] as string[], maxTitleLength: 300 };
    for (const head of ['1 Dec 2026 10:00\n\nEmbargoed until 20 Dec 2026 09:00', 'EMBARGOED UNTIL 20 Dec 2026 09:00\n\n1 Dec 2026 10:00']) {
      const story = parsePlain(`Merger agreed\n\n${head}\n\nAlpha will buy Beta.\n`, 'm.txt', options);
      expect(story.date?.toISOString()).toBe('2026-12-20T02:00:00.000Z');
      expect(story.contentHtml).not.toMatch(/Dec 2026|Embargo/i);
      expect(story.reading?.dateline?.release).toBe(true);
    }
  });

  it('holds an embargo whose zone is out of its season to the later reading, and reads IST as the site says (trials: hours early)', () => {
    const release = (line: string, zone: string) => {
      const found = readDateline(line, zone, () => false);
      return found && 'date' in found.reading ? found.reading.date.toISOString() : found;
    };
    // New York is on EST in December: 10:00 there is 15:00 UTC, not EDT's 14:00.
    expect(release('Embargoed until 10:00 EDT, 10 December 2026', 'Asia/Bangkok')).toBe('2026-12-10T15:00:00.000Z');
    // EST in July: New York's 10:00 is 14:00 UTC, EST as written 15:00: the later.
    expect(release('Embargoed until 10:00 EST, 10 July 2026', 'Asia/Bangkok')).toBe('2026-07-10T15:00:00.000Z');
    // London is on GMT in January: BST's 00:01 would be 23:01 the day before.
    expect(release('Embargoed until 00:01 BST, 10 January 2027', 'Asia/Bangkok')).toBe('2027-01-10T00:01:00.000Z');
    // In season, as written.
    expect(release('Embargoed until 10:00 EDT, 10 July 2026', 'Asia/Bangkok')).toBe('2026-07-10T14:00:00.000Z');
    expect(release('Embargoed until 10:00 CET, 10 December 2026', 'Asia/Bangkok')).toBe('2026-12-10T09:00:00.000Z');
    // IST: India's, unless the site is Irish (GMT in December, +01:00 in July) or Israeli.
    expect(release('Embargoed until 10:00 IST, 10 December 2026', 'Asia/Bangkok')).toBe('2026-12-10T04:30:00.000Z');
    expect(release('Embargoed until 10:00 IST, 10 December 2026', 'Europe/Dublin')).toBe('2026-12-10T10:00:00.000Z');
    expect(release('Embargoed until 10:00 IST, 10 July 2026', 'Europe/Dublin')).toBe('2026-07-10T09:00:00.000Z');
    expect(release('Embargoed until 10:00 IST, 10 December 2026', 'Asia/Jerusalem')).toBe('2026-12-10T08:00:00.000Z');
    // A dateline ahead holds the story too: the same later reading, with a note saying which it took.
    const options = { timeZone: 'Asia/Bangkok', boilerplateMarkers: [] as string[], maxTitleLength: 300 };
    const dated = parsePlain('Storm hits\n\nNEW YORK, July 10, 2026 10:00 EST\n\nBody.\n', 'a.txt', options);
    expect(dated.date?.toISOString()).toBe('2026-07-10T15:00:00.000Z');
    expect(dated.reading?.notes.map((n) => n.note)).toEqual([
      expect.stringMatching(/^EST is not New York's clock on that date \(New York is at -04:00 then\): read as the later/),
    ]);
    const held = parsePlain('Storm hits\n\nBy Jane Doe\n\nBody.\n\nEmbargoed until 10:00 EDT, 10 December 2026\n', 'a.txt', options);
    expect(held.date?.toISOString()).toBe('2026-12-10T15:00:00.000Z');
    expect(held.reading?.notes.map((n) => [n.line, n.note])).toEqual([
      [7, expect.stringMatching(/^EDT is not New York's clock .* read as the later/)],
    ]);
    // Front matter and a Markdown line alike.
    const md = (body: string) => parseMarkdown(body, 'a.md', { ...options, pageUrl: 'https://news.example/a' });
    expect(md('---\ntitle: Storm\nembargo: 10 December 2026 10:00 EDT\n---\n\nBody.\n').date?.toISOString()).toBe(
      '2026-12-10T15:00:00.000Z',
    );
    expect(md('---\ntitle: Storm\ndate: 10 December 2026 10:00 EDT\n---\n\nBody.\n').date?.toISOString()).toBe('2026-12-10T15:00:00.000Z');
    expect(release('LONDON, 20 January 2027 00:01 BST', 'Asia/Bangkok')).toBe('2027-01-20T00:01:00.000Z');
    // A site's zone spelled by its old IANA name is the same site.
    expect(release('Embargoed until 10:00 IST, 10 December 2026', 'Eire')).toBe('2026-12-10T10:00:00.000Z');
    const line = md('# Storm\n\n**Embargoed until 10:00 EDT, 10 December 2026**\n\nBody.\n');
    expect([line.date?.toISOString(), line.reading?.notes.length]).toEqual(['2026-12-10T15:00:00.000Z', 1]);
  });

  it('takes a label and its date in the head for news, not a dateline, and says when a front-matter date reads two ways (trials: an event preview held)', () => {
    const options = { timeZone: 'Asia/Bangkok', boilerplateMarkers: [] as string[], maxTitleLength: 300 };
    const jazz = parsePlain('Jazz festival returns\n\nJazz Night: 20 December 2026\n\nTen bands this year.\n', 'a.txt', options);
    expect([jazz.date, jazz.reading?.notes, jazz.contentHtml]).toEqual([
      undefined,
      [],
      '<p>Jazz Night: 20 December 2026</p>\n<p>Ten bands this year.</p>',
    ]);
    for (const line of ['JAZZ NIGHT: 20 December 2026', 'CONCERT: 20 December 2026'])
      expect(parsePlain(`Jazz festival returns\n\n${line}\n\nTen bands.\n`, 'a.txt', options).date, line).toBeUndefined();
    // A place known before a colon is a dateline still.
    for (const line of ['BANGKOK: 20 November 2026', 'Bangkok: 20 November 2026', 'เชียงใหม่: 20 พ.ย. 2569'])
      expect(parsePlain(`Storm\n\n${line}\n\nBody.\n`, 'a.txt', options).reading?.dateline?.place, line).toBeDefined();
    const md = parseMarkdown('---\ntitle: Note\ndate: 05/01/2026\n---\n\nBody.\n', 'a.md', {
      ...options,
      pageUrl: 'https://news.example/a',
    });
    expect(md.date?.toISOString()).toBe('2026-01-04T17:00:00.000Z');
    expect(md.reading?.notes).toEqual([
      { line: 3, note: expect.stringMatching(/^date: 05\/01\/2026 may be 5 January 2026 \(day first\) or 1 May 2026/) },
    ]);
  });

  it('refuses an embargo whose numeric date reads both ways, in a line or in front matter; a dateline so written is read day first with a note', () => {
    const options = {
      timeZone: 'Asia/Bangkok',
      boilerplateMarkers: [] as string[],
      maxTitleLength: 300,
      pageUrl: 'https://news.example/articles/m',
    };
    // A US desk's 1 May read as 5 January went out four months early (attack trial).
    for (const head of [
      'Embargoed until 05/01/2027 10:00 GMT',
      '1 Dec 2026\n\nEmbargoed until 05/01/2027 10:00 GMT',
      'A standfirst.\n\nNot for release before 05/01/2027 10:00 GMT',
    ]) {
      expect(() => parsePlain(`Merger agreed\n\n${head}\n\nAlpha will buy Beta.\n`, 'm.txt', options), head).toThrow(
        /may be 5 January 2027 \(day first\) or 1 May 2027 \(month first\).*write the month in words/,
      );
    }
    expect(() => parseMarkdown('---\ntitle: Merger\nembargo: 05/01/2027 10:00\n---\n\nAlpha.\n', 'm.md', options)).toThrow(
      /embargo: "05\/01\/2027 10:00" is a release time that may be 5 January 2027/,
    );
    // One way only: a day over 12, the same number twice, a Buddhist-era year or a line in Thai (Thai desks write day first).
    for (const [line, iso] of [
      ['Embargoed until 13/01/2027 10:00 GMT', '2027-01-13T10:00:00.000Z'],
      ['Embargoed until 01/13/2027 10:00 GMT', '2027-01-13T10:00:00.000Z'],
      ['Embargoed until 05/05/2027 10:00 GMT', '2027-05-05T10:00:00.000Z'],
      ['ห้ามเผยแพร่ก่อน 05/01/2570 10.00 น.', '2027-01-05T03:00:00.000Z'],
      ['ห้ามเผยแพร่ก่อน 05/01/2027 10.00 น.', '2027-01-05T03:00:00.000Z'],
    ]) {
      expect(parsePlain(`Merger agreed\n\n${line}\n\nAlpha will buy Beta.\n`, 'm.txt', options).date?.toISOString(), line).toBe(iso);
    }
    const dated = parsePlain('Merger agreed\n\nBANGKOK, 05/01/2027\n\nAlpha will buy Beta.\n', 'm.txt', options);
    expect(dated.date?.toISOString()).toBe('2027-01-04T17:00:00.000Z');
    expect(dated.reading?.notes.map((n) => n.note).join()).toMatch(/may be 5 January 2027 \(day first\) or 1 May 2027/);
  });

  it('reads an embargo notice at the foot of a story, where a press release puts it, but not a paragraph of prose', () => {
    const options = {
      timeZone: 'Asia/Bangkok',
      boilerplateMarkers: [] as string[],
      maxTitleLength: 300,
      pageUrl: 'https://news.example/articles/m',
    };
    const paragraphs = Array.from({ length: 14 }, (_, k) => `Paragraph ${k + 1} of the release.`).join('\n\n');
    const foot = (line: string) => `Minister to unveil budget\n\n${paragraphs}\n\n-ENDS-\n\n${line}\n`;
    // Below the twelfth line it went out at once (attack trial).
    expect(parsePlain(foot('Embargoed until 10:00 GMT 6 January 2027'), 'm.txt', options).date?.toISOString()).toBe(
      '2027-01-06T10:00:00.000Z',
    );
    expect(
      parseMarkdown(
        `---\ntitle: Budget\n---\n\n${foot('**Embargoed until 10:00 GMT 6 January 2027**')}`,
        'm.md',
        options,
      ).date?.toISOString(),
    ).toBe('2027-01-06T10:00:00.000Z');
    expect(() => parsePlain(foot('Embargoed until further notice'), 'm.txt', options)).toThrow(/line 33: the embargo line/);
    const prose =
      'Not for release before 5 January 2027, the report was leaked to reporters who then wrote about its findings on the budget deficit.';
    expect(parsePlain(foot(prose), 'm.txt', options).date).toBeUndefined();
  });
});

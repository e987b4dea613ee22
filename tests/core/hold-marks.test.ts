// Do-not-publish marks: the lines desks type and the front-matter fields other tools write, read in both formats; news that opens with the same words stays news.
import { describe, expect, it } from 'vitest';
import { ingestStory } from '../../src/core/ingest.js';
import { holdLine, markedTitle, yesNo } from '../../src/core/hold-marks.js';

const options = { boilerplateMarkers: [], timeZone: 'Asia/Bangkok', maxTitleLength: 200 };
const BODY = 'The minister presents the budget to parliament that day.\n\nOfficials said the cabinet agreed it.\n';

function read(text: string, file = 'a.txt') {
  const result = ingestStory(Buffer.from(text), file, options);
  if (!result.ok) throw new Error(`${result.failure.code}: ${result.failure.message}`);
  return result.story;
}

function failure(text: string, file = 'a.md') {
  const result = ingestStory(Buffer.from(text), file, options);
  return result.ok ? undefined : { code: result.failure.code, withholds: result.failure.withholds === true };
}

const NOTICES = [
  'DO NOT PUBLISH',
  'Do not use',
  'Please do not publish this story yet',
  'NOT FOR PUBLICATION',
  'HOLD FOR LEGAL',
  'Hold for legal review per Somchai',
  'HOLD: do not publish',
  'KILL',
  'MANDATORY KILL',
  'Kill this story',
  'Story pulled, do not use',
  'EDS: This story has been withdrawn',
  'ATTENTION EDITORS: KILL',
  "Editor's note: do not run",
  'This story is on hold',
  'For internal use only',
  'DRAFT',
  'Draft - do not publish',
  'EMBARGOED',
  '*** EMBARGOED ***',
  'UNDER EMBARGO',
  '**DO NOT PUBLISH**',
  '[DO NOT PUBLISH]',
  'ห้ามเผยแพร่',
  'ห้ามเผยเเพร่',
  'งดเผยแพร่',
  'ระงับการเผยแพร่',
  'ยังไม่เผยแพร่',
  'ข่าวนี้ห้ามเผยแพร่',
  'ห้ามเผยแพร่จนกว่าจะได้รับอนุมัติ',
  'ถอนข่าว',
  'รอตรวจสอบ',
  'หมายเหตุถึงบรรณาธิการ: ห้ามเผยแพร่',
];

const NEWS = [
  'Do not use the lifts during the fire, officials said',
  'Hold the line',
  'Hold on, says the coach',
  'Draft: five things we learned',
  'Drafted players report to camp',
  'Kill switch fails at plant',
  'Withdrawn troops return home',
  'Not for the faint-hearted',
  'Internal memo leaks',
  '"Do not publish," the minister told reporters.',
  'Under embargo until 1990, South Africa was cut off from world sport.',
  'ร่าง พ.ร.บ.งบฯ ผ่านสภา',
  'ห้ามเผยแพร่ภาพผู้ต้องหา',
  'งดจำหน่ายสุรา 3 วัน',
];

describe('do-not-publish lines', () => {
  it.each(NOTICES)('keeps a plain-text story a draft for %s, above or below the headline, with the line out of the text', (notice) => {
    for (const text of [`${notice}\nBudget plan\n\n${BODY}`, `Budget plan\n\n${notice}\n\n${BODY}`]) {
      const story = read(text);
      expect(story.draft, text).toBe(true);
      expect(story.title).toBe('Budget plan');
      expect(story.contentHtml).not.toContain(notice.replace(/[*[\]]/g, ''));
      expect(story.warnings).toContainEqual({ code: 'HELD_BACK', message: expect.stringMatching(/^line [13]: ".+" says not to publish/) });
    }
  });

  it.each(NOTICES)('keeps a Markdown story a draft for %s among its first lines', (notice) => {
    const story = read(`# Budget plan\n\n${notice}\n\n${BODY}`, 'a.md');
    expect(story.draft).toBe(true);
    expect(story.title).toBe('Budget plan');
    expect(story.warnings.map((w) => w.code)).toContain('HELD_BACK');
  });

  it.each(NEWS)('publishes %s as news, in either format', (line) => {
    const plain = read(`Budget plan\n\n${line}\n\n${BODY}`);
    expect(plain.draft).toBe(false);
    expect(plain.warnings.map((w) => w.code)).not.toContain('HELD_BACK');
    expect(read(`# Budget plan\n\n${line}\n\n${BODY}`, 'a.md').draft).toBe(false);
    // As the headline too.
    expect(read(`${line}\n\n${BODY}`).title).toBe(line);
  });

  it('reads a mark on the headline itself and keeps the headline', () => {
    for (const [line, title] of [
      ['DRAFT: Budget plan', 'Budget plan'],
      ['HOLD – Budget plan', 'Budget plan'],
      ['Budget plan [DO NOT PUBLISH]', 'Budget plan'],
      ['Budget plan (draft)', 'Budget plan'],
      ['งบประมาณ (ร่าง)', 'งบประมาณ'],
    ]) {
      const story = read(`${line}\n\n${BODY}`);
      expect([story.draft, story.title], line).toEqual([true, title]);
      expect(read(`# ${line}\n\n${BODY}`, 'a.md').title).toBe(title);
    }
    expect(markedTitle('Budget plan (AFP)')).toBeUndefined();
    expect(markedTitle('Budget plan [UPDATED]')).toBeUndefined();
  });

  it('leaves a notice in fenced code, beyond the head, or with a time to the embargo reader', () => {
    expect(read(`# Budget plan\n\n\`\`\`\nDO NOT PUBLISH\n\`\`\`\n\n${BODY}`, 'a.md').draft).toBe(false);
    const far = `Budget plan\n\n${'A paragraph.\n\n'.repeat(4)}DO NOT PUBLISH\n`;
    expect(read(far).draft).toBe(false);
    // A time makes it an embargo line: held to its time, never a draft.
    const held = read(`Budget plan\n\nHOLD: 10:30 GMT 20 December 2026\n\n${BODY}`);
    expect([held.draft, held.date?.toISOString()]).toEqual([false, '2026-12-20T10:30:00.000Z']);
    expect(holdLine('DO NOT PUBLISH before 10:30 GMT')).toBeUndefined();
  });
});

describe('draft fields other tools write', () => {
  const md = (field: string) => `---\ntitle: Budget plan\n${field}\n---\n\n${BODY}`;

  it.each([
    'published: false',
    'published: no',
    'status: draft',
    'status: pending',
    'status: Private',
    'draft: yes',
    'draft: True',
    'draft: on',
  ])('keeps a story with %s a draft', (field) => {
    expect(read(md(field), 'a.md').draft).toBe(true);
  });

  it.each(['published: true', 'status: publish', 'status: developing', 'draft: no', 'draft: false'])(
    'publishes a story with %s',
    (field) => {
      const story = read(md(field), 'a.md');
      expect(story.draft).toBe(false);
      expect(story.warnings).toEqual([]);
    },
  );

  it('says which field keeps a story a draft when it is not `draft:`', () => {
    expect(read(md('status: pending'), 'a.md').warnings).toEqual([
      { code: 'HELD_BACK', message: expect.stringMatching(/^line 3: "status: pending" says not to publish/) },
    ]);
  });

  it('takes `published:` as a date when it is one', () => {
    expect(read(md('published: 2026-11-01'), 'a.md').date?.toISOString()).toBe('2026-10-31T17:00:00.000Z');
  });

  it('refuses a draft value that reads neither way, and takes a published version down', () => {
    expect(failure(md('draft: maybe'))).toEqual({ code: 'BAD_FIELD', withholds: true });
  });

  it('takes a published version down when front matter that does not parse names a draft, status or release field', () => {
    expect(failure(md('draft: true\nfoo: ['))).toEqual({ code: 'BAD_FRONT_MATTER', withholds: true });
    expect(failure(md('published: false\nfoo: ['))).toEqual({ code: 'BAD_FRONT_MATTER', withholds: true });
    expect(failure(md('embargo: 2026-12-20 10:30\nfoo: ['))).toEqual({ code: 'BAD_FRONT_MATTER', withholds: true });
    // Other broken front matter keeps the last good version up, as before.
    expect(failure(md('draft: false\nfoo: ['))).toEqual({ code: 'BAD_FRONT_MATTER', withholds: false });
    expect(failure(md('status: developing\nfoo: ['))).toEqual({ code: 'BAD_FRONT_MATTER', withholds: false });
  });

  it('reads yes and no as desks write them', () => {
    expect([yesNo('Yes'), yesNo('OFF'), yesNo(true), yesNo('maybe'), yesNo(1)]).toEqual([true, false, true, undefined, undefined]);
  });
});

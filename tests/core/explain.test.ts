import { describe, expect, it } from 'vitest';
import { formatExplanation } from '../../src/core/explain.js';
import type { StoryReading } from '../../src/core/model.js';

const reading: StoryReading = {
  format: 'plain text',
  title: { line: 1, text: 'Floods recede' },
  dateline: { line: 3, text: '2026-13-45', invalid: 'month 13 does not exist' },
  credits: [],
  paragraphs: [],
  notes: [],
};

describe('formatExplanation', () => {
  it('says a credit or dateline was not read before a failed parse’s error, not that the file has none', () => {
    const text = formatExplanation({
      path: 'a.txt',
      reading,
      problems: [{ path: 'a.txt', code: 'BAD_DATE', reason: 'not a real date', severity: 'error', line: 3 }],
      outcome: 'not published',
    });
    expect(text).toMatch(/credit\s+none read before the error on line 3\n/);
    expect(text).not.toContain('the feed author is used');
    const noDate = formatExplanation({
      path: 'a.txt',
      reading: { ...reading, dateline: undefined },
      problems: [{ path: 'a.txt', code: 'EMPTY', reason: 'no body', severity: 'error' }],
      outcome: 'not published',
    });
    expect(noDate).toMatch(/dateline\s+none read before the error\n/);
  });

  it('says what stands in for a missing credit or dateline when the story parsed', () => {
    const text = formatExplanation({
      path: 'a.txt',
      story: { reading: { ...reading, dateline: undefined } } as never,
      problems: [],
      outcome: 'published as /articles/a',
    });
    expect(text).toMatch(/dateline\s+none found: the story is dated when the file was first seen/);
    expect(text).toMatch(/credit\s+none found: the feed author is used/);
  });

  it('names the authors a credit gives, as the feeds and author pages get them', () => {
    const credit = (text: string) => ({ line: 2, text, evidence: 'a label', author: text });
    const text = (line: string) =>
      formatExplanation({ path: 'a.txt', story: { reading: { ...reading, credits: [credit(line)] } } as never, problems: [], outcome: 'published' });
    expect(text('Jane Doe, Staff Writer')).toMatch(/credit\s+line 2\s+Jane Doe, Staff Writer {2}→ {2}author "Jane Doe", because of a label/);
    expect(text('นายสมชาย ใจดี')).toContain('→  author "สมชาย ใจดี"');
    expect(text('Jane Doe and John Roe')).toContain('→  authors "Jane Doe", "John Roe"');
  });

  it('says a parser note once, not again as the hint the desk shows for it', () => {
    const note = 'the wire dateline "BANGKOK, Dec 3" has no year; the story is dated when the file was first seen';
    const text = formatExplanation({
      path: 'a.txt',
      story: { reading: { ...reading, dateline: undefined, notes: [{ line: 3, note }] } } as never,
      problems: [
        { path: 'a.txt', code: 'UNSURE', reason: `line 3: ${note}`, severity: 'info', line: 3 },
        { path: 'a.txt', code: 'UNSURE', reason: 'another hint', severity: 'info' },
      ],
      outcome: 'published as /articles/a',
    });
    expect(text.split(note).length - 1).toBe(1);
    expect(text).toContain('UNSURE: another hint');
  });
});

// desk-words: which table a site language gets, and that every problem code is explained in both languages.
import { describe, expect, it } from 'vitest';
import { DESK_PROBLEM_CODES, DESK_WORDS, explainProblem, pickDeskWords } from '../../src/core/desk-words.js';
import { FEED_PAGE_WORDS, pickFeedPageWords } from '../../src/core/feed-page-words.js';
import { ProblemCode } from '../../src/core/model.js';

const THAI = /[\u0E01-\u0E5B]/;

function leaves(value: unknown, prefix = ''): [string, string][] {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as object).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('pickDeskWords', () => {
  it.each(['th', 'th-TH', 'TH', 'th_TH', ' th '])('%s gets Thai', (language) => {
    expect(pickDeskWords(language)).toBe(DESK_WORDS.th);
  });
  it.each(['en', 'en-GB', 'tha', 'thx', 'lo', ''])('%s gets English', (language) => {
    expect(pickDeskWords(language)).toBe(DESK_WORDS.en);
  });
  it('uses the same rule for the feed page', () => {
    expect(pickFeedPageWords('th-TH')).toBe(FEED_PAGE_WORDS.th);
    expect(pickFeedPageWords('de')).toBe(FEED_PAGE_WORDS.en);
  });
});

describe('the tables', () => {
  it('have the same keys in Thai and English, none empty', () => {
    for (const [th, en] of [
      [DESK_WORDS.th, DESK_WORDS.en],
      [FEED_PAGE_WORDS.th, FEED_PAGE_WORDS.en],
    ] as const) {
      const thLeaves = leaves(th);
      expect(thLeaves.map(([k]) => k)).toEqual(leaves(en).map(([k]) => k));
      for (const [, text] of [...thLeaves, ...leaves(en)]) expect(text.trim()).not.toBe('');
    }
  });

  it('write Thai in the Thai table and no Thai in the English one', () => {
    const thText = leaves(DESK_WORDS.th).filter(([k]) => k !== 'lang');
    const untranslated = thText.filter(([, v]) => !THAI.test(v)).map(([k]) => k);
    expect(untranslated).toEqual([]);
    expect(leaves(DESK_WORDS.en).filter(([, v]) => THAI.test(v))).toEqual([]);
  });

  it('explain every model problem code plus TOO_COMPLEX and IMAGE_MISMATCH, with something to do', () => {
    expect(DESK_PROBLEM_CODES).toEqual(expect.arrayContaining([...Object.values(ProblemCode), 'TOO_COMPLEX', 'IMAGE_MISMATCH']));
    for (const words of [DESK_WORDS.th, DESK_WORDS.en]) {
      for (const code of DESK_PROBLEM_CODES) {
        const plain = explainProblem(words, code);
        expect(plain, code).not.toBe(words.unknownProblem);
        expect(plain.todo.length, code).toBeGreaterThan(plain.what.length / 2);
      }
    }
    expect(explainProblem(DESK_WORDS.th, 'BAD_DATE').what).toBe('วันที่ไม่ถูกต้อง');
    expect(explainProblem(DESK_WORDS.en, 'FAR_FUTURE').todo).toContain('543');
  });

  it('fall back for a code they do not know, including inherited property names', () => {
    expect(explainProblem(DESK_WORDS.en, 'SOMETHING_NEW')).toBe(DESK_WORDS.en.unknownProblem);
    expect(explainProblem(DESK_WORDS.en, 'constructor')).toBe(DESK_WORDS.en.unknownProblem);
    expect(explainProblem(DESK_WORDS.th, '__proto__')).toBe(DESK_WORDS.th.unknownProblem);
  });
});

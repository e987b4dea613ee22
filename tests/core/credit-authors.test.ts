// A credit line's authors: each person and agency it names, so that each has its own author page and feeds.
import { describe, expect, it } from 'vitest';
import { authorsOf, creditAuthors } from '../../src/core/credit-authors.js';

describe('credit authors', () => {
  it.each([
    ['AFP', ['AFP']],
    ['Jane Doe and John Roe, Reuters', ['Jane Doe', 'John Roe', 'Reuters']],
    ['Reuters/AFP', ['Reuters', 'AFP']],
    ['AFP / รอยเตอร์', ['AFP', 'รอยเตอร์']],
    ['Reuters · AFP; AP | Kyodo', ['Reuters', 'AFP', 'AP', 'Kyodo']],
    ['สมชาย ใจดี และ สมหญิง รักไทย', ['สมชาย ใจดี', 'สมหญิง รักไทย']],
    ['Jane <jane@example.com>, John <john@example.org>', ['Jane <jane@example.com>', 'John <john@example.org>']],
    // Names never taken apart inside: no separator, or one that is part of a name.
    ['AT&T Newsroom', ['AT&T Newsroom']],
    ["O'Brien & Sons", ["O'Brien & Sons"]],
    ['24/7 News', ['24/7 News']],
    ['Andrew Sandberg', ['Andrew Sandberg']],
    // One Thai reporter, however the byline is written: courtesy title and role are not the name.
    ['สมชาย ใจดี ผู้สื่อข่าวภูมิภาค', ['สมชาย ใจดี']],
    ['นายสมชาย ใจดี', ['สมชาย ใจดี']],
    ['นางสาวสมหญิง รักไทย และ นาย สมชาย ใจดี', ['สมหญิง รักไทย', 'สมชาย ใจดี']],
    ['ดร.สมศรี มีสุข', ['ดร.สมศรี มีสุข']],
    ['นายกฯ', ['นายกฯ']],
    ['ผู้สื่อข่าว', ['ผู้สื่อข่าว']],
    ['ทีมข่าวการเมือง', ['ทีมข่าวการเมือง']],
    // A suffix stays with its name; a role after a name is nobody's name.
    ['Jane Doe, Jr., AP', ['Jane Doe, Jr.', 'AP']],
    ['Jane Doe, Staff Writer', ['Jane Doe']],
    ['Jane Doe, Senior Correspondent, and John Roe', ['Jane Doe', 'John Roe']],
    ['สมชาย ใจดี, ผู้สื่อข่าวภูมิภาค', ['สมชาย ใจดี']],
    ['Staff Writer', ['Staff Writer']],
    // Any beat before the role (trial: "Technology Reporter" had an author page).
    ['Jane Pradit, Technology Reporter', ['Jane Pradit']],
    ['Kim Lee, Southeast Asia Correspondent', ['Kim Lee']],
    ['Ann Roe, Chief Economics Editor; AP', ['Ann Roe', 'AP']],
    ['Ed Editor', ['Ed Editor']],
    ['AFP, AFP', ['AFP']],
  ])('%s → %j', (credit, names) => {
    expect(creditAuthors(credit)).toEqual(names);
  });

  it('gives no author for an entry without a credit, and the same names for the same credit', () => {
    expect(authorsOf({})).toEqual([]);
    const a = authorsOf({ author: 'Jane Doe and John Roe' });
    expect(a).toEqual(['Jane Doe', 'John Roe']);
    expect(authorsOf({ author: 'Jane Doe and John Roe' })).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctUpdated, feedTitle, splitAuthor } from '../../src/core/feed-text.js';

describe('feedTitle', () => {
  it.each([
    ['Why <script> tags & "quotes" matter </b> in 2026', 'Why tags & "quotes" matter in 2026'],
    ['Some <b>bold</b> words', 'Some bold words'],
    ['a < b & c > d', 'a < b & c > d'],
    ['Use <T> generics', 'Use <T> generics'],
    ['<b></b>', 'b /b'],
    ['ข่าว <i>ด่วน</i>', 'ข่าว ด่วน'],
  ])('%s', (input, expected) => {
    expect(feedTitle(input)).toBe(expected);
  });

  it('keeps every word that is not an HTML tag', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Zก-ฮ0-9&"']{1,8}$/), { minLength: 1, maxLength: 6 }), (words) => {
        const title = words.join(' <b> ');
        expect(feedTitle(title).split(' ')).toEqual(words);
      }),
    );
  });
});

describe('splitAuthor', () => {
  it('separates an e-mail address written in angle brackets', () => {
    expect(splitAuthor('Jane <jane@example.com>')).toEqual({ name: 'Jane', email: 'jane@example.com' });
    expect(splitAuthor('AFP')).toEqual({ name: 'AFP' });
    expect(splitAuthor('<x@y.example>')).toEqual({ name: 'x@y.example', email: 'x@y.example' });
  });
});

describe('distinctUpdated', () => {
  it('moves repeated instants a millisecond apart, keeping the first and the order', () => {
    const t = new Date('2026-01-02T03:04:05.000Z');
    const out = distinctUpdated([t, t, new Date(t.getTime() - 1), t]).map((d) => d.toISOString());
    expect(out).toEqual(['2026-01-02T03:04:05.000Z', '2026-01-02T03:04:04.999Z', '2026-01-02T03:04:04.998Z', '2026-01-02T03:04:04.997Z']);
    expect(new Set(out).size).toBe(4);
  });
});

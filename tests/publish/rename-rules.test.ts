// Which story a file renamed and edited at once was: the one taken down lately with its title and written date.
import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/model.js';
import { RENAME_WINDOW_MS, RecentRemovals } from '../../src/publish/rename-rules.js';

const story = (title: string, date?: string) => ({ title, ...(date ? { date: new Date(date) } : {}) }) as Story;
const at = Date.UTC(2026, 11, 4, 9);
const nine = Date.UTC(2026, 10, 24, 2, 15);

describe('RecentRemovals', () => {
  it('matches the one story with the same title and written date, taken down within the window', () => {
    const lately = new RecentRemovals();
    lately.add('flood.txt', { title: 'Flood', publishedMs: nine }, at);
    lately.add('weather.txt', { title: 'Weather', publishedMs: nine }, at);
    expect(lately.match(story('Flood', '2026-11-24T02:15:00Z'), at + 100)).toBe('flood.txt');
    // Another title at the same minute, the same title on another day, an undated story: no match.
    expect(lately.match(story('Floods', '2026-11-24T02:15:00Z'), at + 100)).toBeUndefined();
    expect(lately.match(story('Weather', '2026-11-25T02:15:00Z'), at + 100)).toBeUndefined();
    expect(lately.match(story('Flood'), at + 100)).toBeUndefined();
    expect(lately.match(story('Flood', '2026-11-24T02:15:00Z'), at + RENAME_WINDOW_MS)).toBeUndefined();
  });

  it('matches none when two stories fit, and forgets one that is dropped (renamed already)', () => {
    const lately = new RecentRemovals();
    lately.add('a.txt', { title: 'Same', publishedMs: nine }, at);
    lately.add('b.txt', { title: 'Same', publishedMs: nine }, at + 1);
    expect(lately.match(story('Same', '2026-11-24T02:15:00Z'), at + 2)).toBeUndefined();
    lately.drop('a.txt');
    expect(lately.match(story('Same', '2026-11-24T02:15:00Z'), at + 2)).toBe('b.txt');
  });
});

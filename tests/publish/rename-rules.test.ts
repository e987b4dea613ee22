// RecentRemovals: a story renamed and edited at once is matched by title and written date, within the window, or within one scan however long.
import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/model.js';
import { RENAME_WINDOW_MS, RecentRemovals } from '../../src/publish/rename-rules.js';

const dated = new Date('2026-01-02T09:00:00Z');
const story = (title: string) => ({ title, date: dated }) as Story;

describe('RecentRemovals', () => {
  it('matches within the window, and forgets after it', () => {
    const lately = new RecentRemovals();
    lately.add('old/a.txt', { title: 'A', publishedMs: dated.getTime() }, 0);
    expect(lately.match(story('A'), RENAME_WINDOW_MS - 1)).toBe('old/a.txt');
    expect(lately.match(story('A'), RENAME_WINDOW_MS)).toBeUndefined();
  });

  it('forgets nothing while a scan holds it, however long its steps take (attack trial: --adopt-folder of 6,000 lost 2,848 ids)', () => {
    const lately = new RecentRemovals();
    const release = lately.hold();
    lately.add('old/a.txt', { title: 'A', publishedMs: dated.getTime() }, 0);
    lately.add('old/b.txt', { title: 'B', publishedMs: dated.getTime() }, 5 * RENAME_WINDOW_MS);
    expect(lately.match(story('A'), 60 * RENAME_WINDOW_MS)).toBe('old/a.txt');
    release();
    release(); // once only
    expect(lately.match(story('B'), 60 * RENAME_WINDOW_MS)).toBeUndefined();
  });
});

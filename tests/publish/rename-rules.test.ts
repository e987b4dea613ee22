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

  it('remembers held stories taken down by title, the latest release of several, within the window (re-attack trial)', () => {
    const lately = new RecentRemovals();
    lately.addHeld('embargo.txt', 'Merger', 5_000, 0);
    lately.addHeld('embargo-copy.txt', 'Merger', 9_000, 1);
    lately.addHeld('other.txt', 'Other', 7_000, 2);
    expect(lately.heldUntil('Merger', RENAME_WINDOW_MS - 1)).toBe(9_000);
    expect(lately.heldUntil('Something else', 3)).toBeUndefined();
    lately.drop('embargo-copy.txt'); // its identity moved to a new path (same bytes)
    expect(lately.heldUntil('Merger', 3)).toBe(5_000);
    expect(lately.heldUntil('Other', RENAME_WINDOW_MS + 2)).toBeUndefined();
  });
});

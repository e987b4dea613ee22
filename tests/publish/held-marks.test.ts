// HeldMarks: a new file with no readable date is held when it is a held story by its text (its headline, or half its paragraphs, as skeletons), until the latest release, across restarts.
import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/model.js';
import { HeldMarks, paragraphDigests, skeleton } from '../../src/publish/held-marks.js';
import type { HeldMark } from '../../src/store/state-db.js';

const story = (title: string, ...paragraphs: string[]) => ({ title, contentHtml: paragraphs.map((p) => `<p>${p}</p>`).join('\n') }) as Story;
const memory = (rows: HeldMark[] = []) => {
  const kept = new Map(rows.map((m) => [m.path, m]));
  return { kept, heldMarks: () => [...kept.values()], putHeldMark: (m: HeldMark) => void kept.set(m.path, m), dropHeldMark: (p: string) => void kept.delete(p) };
};
const ONE = 'The budget bill passed its third reading late on Monday night.';
const TWO = 'The opposition walked out before the final vote was taken.';
const THREE = 'Markets rose on the news, and the baht firmed against the dollar.';

describe('HeldMarks', () => {
  it('compares texts as skeletons: case, quotes, spacing and the order of Thai marks aside (attack trial)', () => {
    expect(skeleton('Minister’s  Budget')).toBe(skeleton("minister's budget"));
    expect(skeleton('น้ำท่วมหนัก')).toBe(skeleton('นำ้ท่วมหนัก'));
    expect(skeleton('Budget cuts')).not.toBe(skeleton('Budget cut'));
  });

  it('knows a held story by its headline (as headline or paragraph) or half its paragraphs, never by a credit or a dateline', () => {
    const held = new HeldMarks(memory(), 0);
    held.hold('budget.txt', 5_000, story('Budget passes', ONE, TWO, THREE));
    expect(held.twin(story('Budget passes at last', ONE, 'A new paragraph written today, long enough.', TWO), 1)).toMatchObject({ path: 'budget.txt', until: 5_000 });
    expect(held.twin(story('BUDGET PASSES', 'Entirely rewritten text of the story.'), 1), 'its headline').toMatchObject({ until: 5_000 });
    expect(held.twin(story('15 Jnu 2027 09:00', 'Budget passes', 'Rewritten.'), 1), 'its headline under a broken dateline').toMatchObject({ until: 5_000 });
    expect(held.twin(story('Budget talks', ONE), 1), 'one paragraph of three').toBeUndefined();
    expect(held.twin(story('Weather', 'AFP', 'Politics desk', '15 Jan 2027 09:00'), 1)).toBeUndefined();
    expect(held.twin(story('Budget passes', ONE, TWO), 5_000), 'released').toBeUndefined();
  });

  it('takes the latest release of several, forgets a story released or made public, and keeps marks across restarts until their release', () => {
    const store = memory([{ path: 'old.txt', until: 10, title: 'x', paragraphs: paragraphDigests(`<p>${THREE}</p>`) }]);
    const held = new HeldMarks(store, 100);
    expect(store.kept.has('old.txt'), 'released before this start').toBe(false);
    held.hold('a.txt', 5_000, story('A', ONE, TWO));
    held.hold('b.txt', 9_000, story('B', ONE, TWO));
    expect(held.twin(story('C', ONE, TWO), 200)).toMatchObject({ path: 'b.txt', until: 9_000 });
    held.release('b.txt');
    expect(held.twin(story('C', ONE, TWO), 200)).toMatchObject({ path: 'a.txt', until: 5_000 });
    const again = new HeldMarks(store, 300);
    expect(again.twin(story('C', ONE, TWO), 300)).toMatchObject({ until: 5_000 });
    expect([...store.kept.keys()]).toEqual(['a.txt']);
  });
});

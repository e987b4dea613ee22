// HeldMarks: a story with no date of its own is held when it is a held story by its text (its headline, or half its paragraphs, as skeletons), until the latest release, across restarts.
import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/model.js';
import { HeldMarks, paragraphDigests, skeleton } from '../../src/publish/held-marks.js';
import type { HeldMark } from '../../src/store/state-db.js';

const story = (title: string, ...paragraphs: string[]) =>
  ({ title, contentHtml: paragraphs.map((p) => `<p>${p}</p>`).join('\n') }) as Story;
const memory = (rows: HeldMark[] = []) => {
  const key = (m: Pick<HeldMark, 'path' | 'title'>) => `${m.path}|${m.title}`;
  const kept = new Map(rows.map((m) => [key(m), m]));
  return {
    kept,
    heldMarks: () => [...kept.values()],
    putHeldMark: (m: HeldMark) => void kept.set(key(m), m),
    dropHeldMark: (m: Pick<HeldMark, 'path' | 'title'>) => void kept.delete(key(m)),
  };
};
const ONE = 'The budget bill passed its third reading late on Monday night.';
const TWO = 'The opposition walked out before the final vote was taken.';
const THREE = 'Markets rose on the news, and the baht firmed against the dollar.';

describe('HeldMarks', () => {
  it('compares texts as skeletons: case, quotes, spacing, Thai mark order, Thai digits, ß and character references aside (attack trials)', () => {
    expect(skeleton('Minister’s  Budget')).toBe(skeleton("minister's budget"));
    expect(skeleton('น้ำท่วมหนัก')).toBe(skeleton('นำ้ท่วมหนัก'));
    expect(skeleton('งบ ๒,๕๐๐ ล้านบาท')).toBe(skeleton('งบ 2,500 ล้านบาท'));
    expect(skeleton('Straße')).toBe(skeleton('STRASSE'));
    expect(skeleton('Budget cuts')).not.toBe(skeleton('Budget cut'));
    expect(paragraphDigests('<p>Acme&#39;s merger with Bolt &amp; Co</p>')).toEqual(
      paragraphDigests("<p>Acme's merger with Bolt & Co</p>"),
    );
  });

  it('knows a held story by its headline (as headline or paragraph) or half its paragraphs, two at least; never by a short headline or one standard line', () => {
    const held = new HeldMarks(memory(), 0);
    held.hold('budget.txt', 5_000, story('Budget passes the House', ONE, TWO, THREE));
    expect(held.twin(story('Budget passes at last', ONE, 'A new paragraph written today, long enough.', TWO), 1)).toMatchObject({
      path: 'budget.txt',
      until: 5_000,
    });
    expect(held.twin(story('BUDGET PASSES THE HOUSE', 'Entirely rewritten text of the story.'), 1), 'its headline').toMatchObject({
      until: 5_000,
    });
    expect(held.twin(story('15 Jnu 2027 09:00', 'Budget passes the House', 'Rewritten.'), 1), 'under a broken dateline').toMatchObject({
      until: 5_000,
    });
    expect(held.twin(story('Budget talks', ONE, TWO), 1)).toMatchObject({ by: '2 of its 3 paragraphs' });
    expect(held.twin(story('Budget talks', ONE), 1), 'one paragraph of three').toBeUndefined();
    expect(held.twin(story('Budget passes', ONE, TWO), 5_000), 'released').toBeUndefined();
    held.hold(
      'fire.txt',
      7_000,
      story(
        'Fire at the market hall',
        'Fire crews were called at dawn to the old market.',
        'This is a developing story and will be updated.',
      ),
    );
    expect(
      held.twin(story('Quake', 'A quake shook the north.', 'This is a developing story and will be updated.'), 1),
      'one standard line of two',
    ).toBeUndefined();
    held.hold('fix.txt', 6_000, story('Correction', THREE));
    expect(
      held.twin(story('Sports', 'Correction', 'The score was wrong in an earlier version.'), 1),
      'a short headline tells nothing',
    ).toBeUndefined();
  });

  it('knows a held story by its lede of 60 letters or more kept word for word, under a new headline with the rest edited (new-user trial)', () => {
    const held = new HeldMarks(memory(), 0);
    const lede = 'กระทรวงการคลังเตรียมเสนอคณะรัฐมนตรีปรับขึ้นภาษีมูลค่าเพิ่มจากร้อยละ 7 เป็นร้อยละ 10 ตั้งแต่เดือนเมษายนปีหน้า';
    held.hold(
      'vat.txt',
      5_000,
      story('คลังเตรียมขึ้นภาษีมูลค่าเพิ่มเป็นร้อยละ 10', lede, 'นักเศรษฐศาสตร์เตือนว่าการขึ้นภาษีอาจกระทบการบริโภค', 'โฆษกกระทรวงการคลังปฏิเสธที่จะให้ความเห็น'),
    );
    expect(held.twin(story('คลังจ่อขึ้น VAT เป็น 10%', lede, 'นักเศรษฐศาสตร์เตือนว่าการขึ้นภาษีอาจกระทบการบริโภคของครัวเรือน'), 1)).toMatchObject({
      path: 'vat.txt',
      by: 'its first paragraph, word for word',
    });
    // A held story's later paragraph (background) is no lede, and a short lede says too little.
    held.hold(
      'dam.txt',
      5_000,
      story(
        'Court rules on the dam',
        'The court ruled on Monday that the dam must be repaired.',
        'The dam was built in 1964 and has supplied water to four provinces ever since then.',
      ),
    );
    expect(
      held.twin(
        story(
          'Dam inspected',
          'Engineers inspected the dam.',
          'The dam was built in 1964 and has supplied water to four provinces ever since then.',
        ),
        1,
      ),
    ).toBeUndefined();
  });

  it('keeps marks by file and headline (a file overwritten by another held story, a draft), the latest release wins, and a story published drops its own', () => {
    const store = memory([{ path: 'old.txt', until: 10, title: '', paragraphs: paragraphDigests(`<p>${THREE}</p>`) }]);
    const held = new HeldMarks(store, 100);
    expect(store.kept.size, 'released before this start').toBe(0);
    held.hold('slot.txt', 5_000, story('Sigma wins the award', ONE, TWO));
    held.hold('slot.txt', 9_000, story('Tau loses the award', THREE));
    expect(held.twin(story('Sigma', ONE, TWO), 200)).toMatchObject({ path: 'slot.txt', until: 5_000 });
    expect(held.twin(story('Both', ONE, TWO, THREE), 200)).toMatchObject({ until: 9_000 });
    held.published('slot.txt', story('Tau loses the award', THREE));
    expect(held.twin(story('Both', ONE, TWO, THREE), 200)).toMatchObject({ until: 5_000 });
    const again = new HeldMarks(store, 300);
    expect(again.twin(story('Sigma', ONE, TWO), 300)).toMatchObject({ until: 5_000 });
    expect(store.kept.size).toBe(1);
  });
});

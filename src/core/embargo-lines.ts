// Embargo lines among a story's first lines: the release time they give, or a problem when one does not read.
import { readDateline } from './dateline.js';
import { ArticleError } from './errors.js';
import { ProblemCode } from './model.js';

/**
 * How an embargo line opens, whatever follows: `Embargoed until further notice`, `EMBARGO: 0001
 * GMT 20/12`, `ห้ามเผยแพร่ก่อน 20 ธันวา`. Only at a line's head: a story about a trade embargo
 * says "the embargo on ...", and its headline is no line of this.
 */
const EMBARGO_OPENING =
  /^[\s*_#>[(]*(?:note\s+to\s+editors\s*[:：]?\s*)?(?:strictly\s+)?(?:under\s+)?(?:embargo(?:ed)?(?=[\s:：*_\])]|$)|not\s+(?:to\s+be\s+(?:published|released)|for\s+(?:release|publication|broadcast))|hold\s+(?:for\s+release|until)|on\s+hold\s+until|do\s+not\s+(?:publish|release)|(?:กรุณา)?(?:ห้าม|งด|อย่า)\s*(?:เผยแพร่|ลงข่าว|ตีพิมพ์|เสนอข่าว|ออกอากาศ)|(?:สามารถ)?(?:เผยแพร่|ลงข่าว|ตีพิมพ์)\s*ได้(?:ตั้งแต่|หลัง|เมื่อ))/iu;

/** Lines looked at: the head and opening paragraphs, where desks put an embargo (under a standfirst and a byline too). */
const LOOKED_AT = 12;

/**
 * The latest release time of the embargo lines among `lines` (the story's first lines after its
 * title), or none. An embargo line whose time does not read is BAD_DATE: the story is not
 * published (or keeps its last good version) until the line reads or goes, since publishing it
 * would break the embargo it states (trials: `Embargoed until 00:01 GMT, Sunday 20 December`, a
 * time zone unknown, `until further notice`: each went out at once, line and all).
 */
export function embargoRelease(
  lines: readonly { n: number; text: string }[],
  timeZone: string,
  file: string,
): { date: Date; line: number; text: string } | undefined {
  let latest: { date: Date; line: number; text: string } | undefined;
  for (const { n, text } of lines.slice(0, LOOKED_AT)) {
    if (!EMBARGO_OPENING.test(text)) continue;
    const found = readDateline(text, timeZone, () => false);
    if (found?.release && 'date' in found.reading) {
      if (latest === undefined || found.reading.date.getTime() > latest.date.getTime())
        latest = { date: found.reading.date, line: n, text: text.trim() };
      continue;
    }
    const why = found && 'invalid' in found.reading ? `is not a real date (${found.reading.invalid})` : 'has no time that can be read';
    throw new ArticleError(
      ProblemCode.BadDate,
      `line ${n}: the embargo line "${text.trim().slice(0, 120)}" ${why}, so the story is not published: write the time as a dateline is written (20 December 2026 09:00 ICT, 20 ธ.ค. 2569 09.00 น., with the year), or delete the line once the story may go out`,
      file,
      { line: n },
    );
  }
  return latest;
}

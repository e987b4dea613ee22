// Embargo lines in a story (any line among its first, a short one below): the release time they give, or a problem when one does not read.
import { readDateline } from './dateline.js';
import { ArticleError } from './errors.js';
import { ProblemCode } from './model.js';

/** What may stand before an embargo label: a list mark, a number, `Note:`, `หมายเหตุ:`, `ข่าวนี้`. */
const LEAD = /^[\s*_#>[(•·–—-]*(?:\d{1,2}[.)]\s+)?(?:(?:note|notes|editors?|note\s+to\s+editors|หมายเหตุ|ข่าวนี้)\s*[:：]?\s*)?/iu;

/**
 * How an embargo line opens, whatever follows: `Embargoed until further notice`, `EMBARGO: 0001
 * GMT 20/12`, `Note: embargoed until ...`, `ห้ามเผยแพร่ก่อน 20 ธันวา`. Only the labels that say
 * when, at a line's head: news about embargoes says "Embargo on Iranian oil ...", "Embargoed goods
 * seized", "ห้ามเผยแพร่ภาพผู้ต้องหา..." (attack trial: each of those was refused).
 */
const EMBARGO_OPENING = new RegExp(
  `${LEAD.source}(?:strictly\\s+)?(?:under\\s+)?(?:embargo(?:ed)?\\s*(?:until|till|to|[:：])|embargo\\s+(?:lifts|ends|expires)\\s+(?:at|on)|not\\s+for\\s+(?:release|publication|broadcast)(?:\\s+or\\s+\\w+)?\\s+(?:before|until)|hold\\s+(?:for\\s+release\\s*(?:until|[:：])|until)|on\\s+hold\\s+until|do\\s+not\\s+(?:publish|release)\\s+(?:before|until)|(?:กรุณา)?(?:ห้าม|งด|อย่า)\\s*(?:เผยแพร่|ลงข่าว|ตีพิมพ์|เสนอข่าว|นำเสนอ|ออกอากาศ)\\s*(?:ก่อน|จนถึง|จนกว่า)|(?:สามารถ)?(?:เผยแพร่|ลงข่าว|ตีพิมพ์)\\s*ได้\\s*(?:ตั้งแต่|หลัง|เมื่อ))`,
  'iu',
);

/**
 * What a time someone tried to write has: a digit, a month, a weekday, noon, or "notice" (until
 * further notice). `Not for release before the election` is prose about a report, not an embargo.
 */
const WHEN =
  /[0-9๐-๙]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])|\b(?:mon|tues?|wed|thu(?:rs)?|fri|sat|sun)(?:day)?\b|noon|midnight|notice|(?:มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา)|(?:ม\.ค|ก\.พ|มี\.ค|เม\.ย|พ\.ค|มิ\.ย|ก\.ค|ส\.ค|ก\.ย|ต\.ค|พ\.ย|ธ\.ค)\.|เที่ยง|โมง|ทุ่ม|จันทร์|อังคาร|พุธ|พฤหัส|ศุกร์|เสาร์|อาทิตย์/iu;

/** `Embargoed until …` says it is an embargo whatever follows (`until the market closes`): no time needed to be one. */
const UNTIL = /^(?:strictly\s+)?(?:under\s+)?embargo(?:ed)?\s+(?:until|till)\b/iu;

/** Lines looked at whatever their length: the head and opening paragraphs, where desks put an embargo (under a standfirst and a byline too). */
const LOOKED_AT = 12;

/**
 * Below them, a line is an embargo line only if it is short: a notice at a release's foot (under
 * `ENDS`, in notes to editors) went out at once (attack trial); a paragraph of prose that opens
 * with `Not for release before …` is the story's text.
 */
const NOTICE_CHARS = 120;

/** Characters foldWidth changes: most lines have none, and are tested as they are. */
const WIDE = /[\uFF01-\uFF5E\u00AD]/u;

/**
 * The latest release time of the embargo lines among `lines` (the story's lines after its title:
 * the first LOOKED_AT, and short ones below), or none. An embargo line whose time does not read is BAD_DATE: the story is not
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
  for (const [k, { n, text }] of lines.entries()) {
    if (k >= LOOKED_AT && text.trim().length > NOTICE_CHARS) continue;
    const folded = WIDE.test(text) ? foldWidth(text) : text;
    if (!EMBARGO_OPENING.test(folded)) continue;
    const labelled = folded.replace(LEAD, '');
    if (!WHEN.test(folded) && !UNTIL.test(labelled)) continue;
    const found = readDateline(labelled, timeZone, () => false);
    if (found?.release && 'date' in found.reading) {
      if (latest === undefined || found.reading.date.getTime() > latest.date.getTime())
        latest = { date: found.reading.date, line: n, text: text.trim() };
      continue;
    }
    const why = found?.ambiguous
      ? `gives a date that ${found.ambiguous.replace(/^\S+ /, '')}`
      : found && 'invalid' in found.reading
        ? `is not a real date (${found.reading.invalid})`
        : 'has no time that can be read';
    const fix = found?.ambiguous
      ? 'write the month in words'
      : 'write the time as a dateline is written (20 December 2026 09:00 ICT, 20 ธ.ค. 2569 09.00 น., with the year)';
    throw new ArticleError(
      ProblemCode.BadDate,
      `line ${n}: the embargo line "${text.trim().slice(0, 120)}" ${why}, so the story is not published: ${fix}, or delete the line once the story may go out`,
      file,
      { line: n },
    );
  }
  return latest;
}

/** Full-width Latin and digits as ASCII, soft hyphens gone (attack trial: `Ｅｍｂａｒｇｏｅｄ`, `Em\u00ADbargoed` went out). */
function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u00AD/gu, '');
}

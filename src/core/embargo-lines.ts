// Embargo lines in a story's text (its head and its foot alike): the release time they give, or a problem when one among the first lines does not read.
import { ZONE_ABBREVIATIONS, cityZone } from './calendar.js';
import { type Dateline, readDateline } from './dateline.js';
import { ArticleError } from './errors.js';
import { ProblemCode } from './model.js';
import { THAI_NUMBER_WORDS, spokenClock } from './spoken-clock.js';

/** What may stand before an embargo label: list marks, quotes, rules, a number (`1.`). */
const MARKS = `(?:[\\s*_#>[(•·–—=|"'“”‘’«»\u0060+~<-]|\\p{Extended_Pictographic}|\uFE0F)*(?:\\d{1,2}[.)]\\s+)?`;

/**
 * A short heading before the label, ended by a colon, a bar or a dash (`PRESS RELEASE: `, `Acme
 * Corp | `, `NEWS RELEASE / `, `Editors' note – `), a sentence's opening (`This release is `, `All
 * information in this release is `), or Thai courtesy (`ขอความกรุณา`, `ขอความร่วมมือสื่อมวลชน`,
 * `ข่าวประชาสัมพันธ์ `); two at most (`PLEASE NOTE: THIS RELEASE IS`). Trials: each let a held release out.
 */
/** A kicker before the label with a space only (`PRESS RELEASE Embargoed until …`, `URGENT …`, `ข่าวด่วน …`): a heading (re-attack trial: out at once). */
const KICKER = String.raw`(?:(?:press|news|media)\s+(?:release|advisory|alert)|urgent|important|n\.?\s?b\.?|notes?\s+to\s+editors|ข่าวด่วน|ด่วน(?:ที่สุด)?|หมายเหตุ|สำคัญ(?:มาก)?)\s*[:：–—-]?\s+${MARKS}`;
const OPENER = String.raw`this\s+is\s+an\s+embargoed\s+(?:(?:press|news|media)\s+)?release[.:]?\s+|(?:(?:all\s+)?(?:the\s+)?(?:information|details|content)\s+in\s+)?(?:this|the)\s+(?:(?:press|news|media)\s+)?(?:release|story|item|announcement|report|statement|article|information|material|document|study|paper|research|findings|results|data)\s+(?:is|are)\s+|(?:ข่าว(?:ประชาสัมพันธ์|แจก|นี้)?\s*)?(?:ขอความกรุณา|ขอความร่วมมือ|ขอให้|กรุณา|โปรด)\s*(?:(?:จาก)?(?:สื่อมวลชน|ผู้สื่อข่าว|กองบรรณาธิการ)(?:ทุกท่าน|ทุกสำนัก)?\s*)?|ข่าว(?:ประชาสัมพันธ์|แจก|นี้)\s*`;
const PREFIX = String.raw`(?:[^:：|/–—\n]{1,60}?\s*(?:[:：|/]|\s[–—-])\s*${MARKS}|${KICKER}|${OPENER}){0,2}`;

/** A notice's own opening words before its label (`This release is`, `ขอความร่วมมือสื่อมวลชน`): part of the notice, no heading over it (new-user trial: a date alone after them went out at once). */
const OPENERS = new RegExp(`^(?:${MARKS}(?:${OPENER}|${KICKER}))+`, 'iu');

const THAI_VERBS = '(?:เผยแพร่|ลงข่าว|ตีพิมพ์|เสนอข่าว|นำเสนอ|ออกอากาศ|โพสต์|แชร์)';
const EN_USES =
  '(?:(?:online|web|print|broadcast)\\s+(?:use|publication|release)|release|publication|broadcast|use|posting|distribution|print|online|web|air)';
/** Misspelt as typed in a hurry (`Embaroged`, `Embargeod`, `Embagoed`): letters of the word only, so no other word matches. */
const EMBARGO = '(?:embargo(?:ed)?|emb[aegor]{3,6}d)';

/**
 * The labels that say when a story may go out, in English and Thai, as wires and press releases
 * write them. What follows is the time, read as a dateline is (dateline.ts): the label is given
 * to the reader in one spelling it knows, `Embargoed until` or `ห้ามเผยแพร่ก่อน`.
 */
const LABELS: readonly { re: string; as: string; thai?: true }[] = [
  {
    // `Embargoed until`, `EMBARGO:`, `EMBARGO -`, `Embargo lifts at`, `Under strict embargo until`, `Media embargo:`, `Embargoed for release until`.
    re: String.raw`(?:strict(?:ly)?\s+|under\s+(?:(?:a|an|strict)\s+)?)?(?:(?:media|news|press|publication)\s+)?${EMBARGO}(?:\s+(?:for\s+release|lifts|ends|expires|is\s+lifted|date|time))?(?:\s+(?:until|till|to|before|at|on))?`,
    as: 'Embargoed until',
  },
  // `Please respect the embargo: …`, with its colon or dash (without, a sentence that mentions one).
  { re: String.raw`please\s+(?:respect|observe|honou?r|note)\s+the\s+embargo(?=\s*[:：–—-])`, as: 'Embargoed until' },
  { re: String.raw`not\s+to\s+be\s+(?:published|released|used|broadcast)(?:\s+(?:before|until|till|prior\s+to))?`, as: 'Embargoed until' },
  {
    // `Not for release before`, `Not for release, publication or broadcast before`.
    re: String.raw`(?:strict(?:ly)?\s+)?not\s+for\s+${EN_USES}(?:\s*,\s*${EN_USES})*(?:\s*,?\s*(?:or|and|/)\s*${EN_USES})?(?:\s+(?:before|until|till|prior\s+to))?`,
    as: 'Embargoed until',
  },
  {
    re: String.raw`(?:please\s+)?(?:do\s+not|don['’]t)\s+(?:publish|release|use|broadcast|air|post|print|distribute)(?:\s*(?:or|and|/|,)\s*(?:publish|release|use|broadcast|air|post|print|distribute))*(?:\s+(?:this|it))?\s+(?:before|until|till|prior\s+to)`,
    as: 'Embargoed until',
  },
  {
    re: String.raw`(?:please\s+)?(?:on\s+)?hold(?:\s+for\s+release)?\s+(?:until|till)|(?:hold\s+)?for\s+release(?=\s*[:：])|hold(?=\s*[:：])|no\s+(?:publication|release|broadcast)\s+(?:before|until|till|prior\s+to)`,
    as: 'Embargoed until',
  },
  {
    // `ห้ามเผยแพร่ก่อน`, `ห้ามเผยแพร่ข่าวนี้ก่อน`, `ห้ามออกอากาศหรือเผยแพร่ก่อน`.
    re: String.raw`(?:ห้าม|งด|อย่า)\s*(?:นำ(?:ข่าว(?:นี้)?)?ไป)?${THAI_VERBS}(?:\s*(?:หรือ|และ|/|,)\s*${THAI_VERBS})*\s*(?:ข่าว(?:นี้)?)?\s*(?:ก่อน|จนถึง|จนกว่าจะถึง|จนกว่า)`,
    as: 'ห้ามเผยแพร่ก่อน',
    thai: true,
  },
  // `Publish on …`, `เผยแพร่ได้ …`: the dateline reader's labels (dateline.ts RELEASE_LABEL), for Markdown's text too.
  { re: String.raw`publish\s+(?:on|at|after|from)`, as: 'Embargoed until' },
  { re: String.raw`(?:สามารถ)?(?:เผยแพร่|ลงข่าว|ตีพิมพ์)(?:ข่าว(?:นี้)?)?\s*ได้\s*(?:ตั้งแต่|หลัง(?:จาก)?|เมื่อ|ใน)?`, as: 'เผยแพร่ได้ตั้งแต่', thai: true },
  { re: String.raw`กำหนด(?:การ)?(?:เผยแพร่|ลงข่าว|ตีพิมพ์)(?=\s*[:：])`, as: 'เผยแพร่ได้ตั้งแต่', thai: true },
];

/**
 * A word every label has: a line without one is tested no further. Every line of every story is
 * looked at, on the parse workers of a first start and of each save; the heading pattern before a
 * label tried dozens of starts on each.
 */
const LABEL_WORD =
  /emb[aegor]{3}|release|publi|print|broadcast|distribut|hold|not\s+(?:to|for|before)\s|do\s+not\s|เผยแพร่|ลงข่าว|ตีพิมพ์|นำเสนอ|เสนอข่าว|ออกอากาศ|โพสต์|แชร์/iu;

/** A line that opens (after marks and a heading) with a label: the label's index in LABELS is the group that matched. */
const LABEL_GROUPS = `(?:${LABELS.map((l) => `(${l.re})`).join('|')})\\s*(?:[:：]|\\s?[–—]|\\s-)?\\s*`;
const OPENING = new RegExp(`^${MARKS}${PREFIX}${LABEL_GROUPS}`, 'iu');

/** The same with the label first: a notice's own words after its time (`… 2026 – not for broadcast before this time`) are no heading before another label. */
const LABEL_FIRST = new RegExp(`^${MARKS}${LABEL_GROUPS}`, 'iu');

/** `Embargoed until …` says it is an embargo whatever follows (`until the market closes`, `until further notice`). */
const UNTIL = /^(?:strictly\s+)?embargoed\s+(?:until|till)\b/iu;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const THAI_MONTHS = String.raw`มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา|(?:ม\.ค|ก\.พ|มี\.ค|เม\.ย|พ\.ค|มิ\.ย|ก\.ค|ส\.ค|ก\.ย|ต\.ค|พ\.ย|ธ\.ค)\.`;
const WEEKDAYS = '(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?';
/** Parts of a Thai day with no hour (`ห้ามเผยแพร่ก่อนบ่ายวันที่ 10`): a time written, and not read (spoken-clock.ts reads the hours). */
const THAI_DAY_PARTS = 'บ่าย|เช้า|เย็น|ค่ำ|ดึก|กลางคืน|กลางวัน';
/**
 * Words of a Thai time that spoken-clock.ts may not read (`เที่ยงคืนครึ่ง`, `สองยาม`, `ตีห้าสามสิบ`,
 * `หลังเวลา 10.30 น.`, `เวลาเปิดตลาด`): a time tried, never a sentence going on. Counted as prose,
 * such a notice was news, and went out at once with the notice as its first paragraph (new-user trial).
 */
const THAI_CLOCK_WORDS = `โมง|ทุ่ม|ตี|ยาม|ย่ำรุ่ง|ย่ำค่ำ|เที่ยง|คืน|ครึ่ง|ตรง|นาที|ชั่วโมง|กว่า|เศษ|ราว|ประมาณ|หลัง|ตั้งแต่|(?:เปิด|ปิด)ตลาด|${THAI_NUMBER_WORDS}`;
/** The hours in English words. */
const EN_HOURS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
/** The same in English (`half past ten`, `a quarter to eleven`, `ten o'clock`, `market open`). */
const EN_CLOCK_WORDS = `half|past|quarter|a|to|o'clock|oclock|${EN_HOURS}|fifteen|twenty|thirty|forty|fifty|market|open|opening|close|closing|sharp`;
const THAI_WEEKDAYS = 'จันทร์|อังคาร|พุธ|พฤหัส(?:บดี)?|ศุกร์|เสาร์|อาทิตย์';

/** A time someone tried to write starts right after its label: a digit, a month, a weekday, `วันที่`. */
const TIME_START = new RegExp(
  String.raw`^(?:(?:on|at|วันที่|เวลา|วัน|ใน|ช่วง|ตอน)\s*)?(?:[0-9๐-๙]|(?:${MONTHS})\b|${WEEKDAYS}\b|${THAI_MONTHS}|${THAI_WEEKDAYS}|noon|midnight|midday|(?:half|quarter|${EN_HOURS}|market)\b|${THAI_CLOCK_WORDS}|${THAI_DAY_PARTS}|further\s+notice)`,
  'iu',
);

/**
 * And it has a clock, a day with its month, a numeric date, Thai hours, a Thai weekday named as a
 * day, or "further notice": `Embargo: 60 years on`, `Embargo ends at midnight for Iranian oil
 * buyers`, `ห้ามเผยแพร่ก่อนวันเลือกตั้ง 7 วัน` are news (attack trial: each was refused).
 */
const TIME_SIGNAL = new RegExp(
  String.raw`[0-9๐-๙]{1,2}[:.][0-9๐-๙]{2}|\b\d{3,4}\s*(?:GMT|UTC|hrs?)\b|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\b|\b(?:${MONTHS})\.?\s+\d{1,2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[0-9๐-๙]{1,2}\s*(?:${THAI_MONTHS})|น\.|นาฬิกา|โมง|ทุ่ม|วัน(?:${THAI_WEEKDAYS})|further\s+notice`,
  'iu',
);

/** A clock time as desks write one. */
const CLOCK = /[0-9๐-๙]{1,2}[:.][0-9๐-๙]{2}|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b\d{3,4}\s*(?:GMT|UTC|hrs?)\b|น\.|นาฬิกา/iu;

/** Lines in which an embargo line that does not read stops the story: the head and opening paragraphs, where desks put one. */
const LOOKED_AT = 12;

/** The longest embargo line below them that stops the story when it does not read: a notice, not a paragraph. */
const FOOT_NOTICE = 100;

/** A line in quotation marks: a quotation. */
const QUOTED = /^\s*["“”«'‘]/u;

/** Words of a time and its zone, in lower case: others are a sentence going on. */
const TIME_WORDS = new RegExp(
  `^(?:on|at|the|of|until|till|and|or|am|pm|a\\.m\\.|p\\.m\\.|noon|midnight|midday|hrs?|hours?|local|time|today|tonight|tomorrow|from|after|before|onwards|st|nd|rd|th|further|notice|${EN_CLOCK_WORDS}|${MONTHS}|${WEEKDAYS})$`,
  'iu',
);

/** Thai words of a date and a time, out of the count of what else a Thai line says. */
const THAI_TIME_WORDS = new RegExp(
  `วันที่|วัน|เวลา|น\\.|นาฬิกา|พ\\.ศ\\.|เป็นต้นไป|ตามเวลา(?:ประเทศไทย)?|ช่วง|ตอน|${THAI_CLOCK_WORDS}|${THAI_DAY_PARTS}|${THAI_MONTHS}|${THAI_WEEKDAYS}`,
  'gu',
);

/** Where a date may begin in what follows a label: a digit, or a month's name. */
const DATE_BEGIN = new RegExp(String.raw`[0-9๐-๙]|\b(?:${MONTHS})\b`, 'iu');

const CONNECTOR = /^(?:on|at|the|of|until|till|by|from)$/iu;

/** Whether `rest` is a few words (a time in words: `dawn on`, `หัวค่ำ`) and then a date that reads whole. */
function wordsBeforeDate(rest: string, clock: Clock): boolean {
  const at = rest.search(DATE_BEGIN);
  if (at <= 0 || at > 40) return false;
  // Words of a time count here (`half past ten`): they are the time not read. Thai has no spaces: at
  // most twelve letters (`หัวค่ำ`, `รุ่งเช้า`, `เลิกงาน`), not a clause (`ศาลมีคำพิพากษา ตามคำสั่ง…`).
  // A name and a colon or a table's bar (`Embargo on Russian LNG: 1 January 2027`) is a list of dates, not a time:
  // the words of a time are lower case, unless the whole line is capitals.
  const before = rest.slice(0, at).replace(/วันที่|เวลา|วัน|ของ/gu, ' ');
  if (/[:：|]/u.test(before)) return false;
  const thai = (before.match(/[\u0E01-\u0E4E]/gu) ?? []).length;
  const words = (before.match(/[A-Za-z']+/gu) ?? []).filter((w) => !CONNECTOR.test(w));
  if (words.some((w) => /^[A-Z]/u.test(w)) && rest !== rest.toUpperCase()) return false;
  if (thai > 12 || words.length > 4 || thai + words.length === 0) return false;
  const found = readDateline(
    `Embargoed until ${rest.slice(at).replace(/[\s.)\]*]+$/u, '')}`,
    clock.timeZone,
    () => false,
    clock.dayFirst(),
  );
  return found !== undefined && 'date' in found.reading;
}

/** A clause of an event right after a release date (`… 2026 at the opening ceremony`, `… following the announcement`): its time, not read. */
const EVENT_AFTER = /^[\s,;(–—-]*(?:at|after|following|during|upon|as|when|once|before|by|in\s+the)\b|^\s*(?:ขณะ|เมื่อ|ระหว่าง|ในงาน|ช่วง)/iu;

/** How far after a date its time in words may stand, in Thai (no spaces: `หลังพิธีเปิดสิบโมง`), or where the date's end is not known. */
const AFTER_DATE = 20;

/** A date as written in full (`20 December 2026`, `December 20, 2026`, `2026-12-20`, `20/12/2026`, `20 ธ.ค. 2569`): where its end is. */
const DATE_TEXT = new RegExp(
  String.raw`[0-9๐-๙]{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\.?,?\s+\d{4}|(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[0-9๐-๙]{1,2}\s*(?:${THAI_MONTHS})[\u0E01-\u0E4E]*\s*(?:พ\.ศ\.\s*)?[0-9๐-๙]{2,4}`,
  'iu',
);

/**
 * Whether `rest` has a date that reads and goes on with a time it does not read (`20 ธ.ค. 2569
 * ไม่เกินสิบโมง`, `… หลังพิธีเปิดสิบโมง`, `… 2026 at sunset for all media`): counted as a sentence, such
 * a notice went out at once (re-attack trial). Right after the date only: words of a time further
 * on are a sentence's (`Embargo to 31 March 2027 hits rice traders in the evening markets`), as is a
 * date then words with no time (`… ซึ่งเป็นเวลาปิดหีบ`).
 */
function clockAfterDate(rest: string, clock: Clock, strict = false): boolean {
  if (!TIME_WORDY.test(rest) && !strict) return false;
  const date = DATE_TEXT.exec(rest);
  if (date) {
    const after = rest.slice(date.index + date[0].length);
    if (strict) return TIME_WORDY.test(after) || EVENT_AFTER.test(after);
    return /^\s*[\u0E01-\u0E4E]/u.test(after) ? TIME_WORDY.test(after.slice(0, AFTER_DATE + 2)) : TIME_RIGHT_AFTER.test(after);
  }
  if (!TIME_WORDY.test(rest)) return false;
  for (let cut = rest.lastIndexOf(' '); cut > 0; cut = rest.lastIndexOf(' ', cut - 1)) {
    const found = readDateline(`Embargoed until ${rest.slice(0, cut)}`, clock.timeZone, () => false, clock.dayFirst());
    if (found !== undefined && 'date' in found.reading) return TIME_WORDY.test(rest.slice(cut, cut + AFTER_DATE));
  }
  return false;
}

/**
 * Whether a notice refused takes a published story down (ArticleError.withholds). `Until further
 * notice` under any label does, unless quoted or attributed. Otherwise one that states an embargo
 * (no report of one, no heading over it) and reads as a notice: `Embargoed until` or `Not for …`
 * with a few words, or a time in words or an event (`at`, `after`, …); under a bare `Embargo` only
 * with a time right after it. Never one with a sign of news: who said it (`…, diplomats said`,
 * `ตามประกาศ กสทช.`), a sentence after the label, a headline's colon before one (`Embargoed until
 * sunset: how a wire story leaked …`). Re-attack trials: with every refusal withholding, news lines
 * an update added took published stories down; with too few, pull-backs stayed public.
 */
function withholds(line: Attempt, text: string): boolean {
  if (QUOTED.test(text) || ATTRIBUTED.test(text)) return false;
  const rest = line.rest.replace(/^(?:notice|note|advisory|alert|details)\s*[:：]\s*/iu, '');
  if (FURTHER.test(rest)) return true;
  if (!line.notice || line.headed) return false;
  const strong = UNTIL.test(line.labelled) || STRONG_LABEL.test(line.labelled) || line.strict;
  // A sentence, or a headline's colon before one (`Embargoed until sunset: how a wire story leaked …`).
  if (proseWords(firstSentence(rest) ?? rest) > 4) return false;
  const colon = /(?<![0-9๐-๙])[:：](?![0-9๐-๙])/u.exec(rest);
  if (colon && proseWords(rest.slice(colon.index)) >= 3) return false;
  // Under `Embargo`, `Embargoed` alone: a time right after it (`Embargo talks resume at noon …` is news).
  if (!strong && !TIME_START.test(rest)) return false;
  return (
    UNTIL.test(line.labelled) ||
    STRONG_LABEL.test(line.labelled) ||
    TIME_WORDY.test(rest) ||
    /\b(?:at|after|following|during|upon)\b/iu.test(rest)
  );
}

/** A story held until someone says so (`until further notice`, `จนกว่าจะแจ้งอีกครั้ง`): pulled back, never news. */
const FURTHER = /\b(?:until|till)?\s*further\s+(?:notice|instructions?|advice|orders)\b|จนกว่าจะ(?:แจ้ง|มีประกาศ|ได้รับ)|แจ้งให้ทราบ|แจ้งอีกครั้ง/iu;

/** Who said it: news reports a rule or a ban (`…, the court ruled`, `ตามคำสั่งศาล`), a notice does not. */
const ATTRIBUTED =
  /,\s*(?:[\p{L}'’.-]+\s+){0,4}(?:said|says|told|reported|announced|ruled|ordered|added|confirmed|warned)\b|\b(?:according\s+to|the\s+(?:court|judge|ministry|regulator)\s+(?:ruled|ordered|said))\b|ตามประกาศ|ตามคำสั่ง|ตามระเบียบ|ข้อกำหนด|กล่าวว่า|ระบุว่า|เปิดเผยว่า/iu;

function timeInWordsError(n: number, text: string, file: string, withholds: boolean): ArticleError {
  return new ArticleError(
    ProblemCode.BadDate,
    `line ${n}: the embargo line "${text.trim().slice(0, 120)}" has a time in words that cannot be read, so the story is not published: write the time as a dateline is written (20 December 2026 09:00 ICT, 20 ธ.ค. 2569 09.00 น., with the year), or delete the line once the story may go out`,
    file,
    { line: n, withholds },
  );
}

/**
 * For a release line the dateline reader read: a BAD_DATE error, as the embargo reader gives, when
 * under a label that states an embargo its time is approximate (`Embargoed until about 10:00 GMT
 * on …`) or its date stands without the words of its time (`Embargoed until 20 December 2026 at
 * sunset`); `news` for a date alone that reports when an embargo ends; undefined otherwise.
 */
export function judgeReleaseLine(
  line: { n: number; text: string },
  timeZone: string,
  file: string,
  /** The dateline reader read a time in it. */
  timed: boolean,
): ArticleError | 'news' | undefined {
  const folded = spokenClock(WIDE.test(line.text) ? foldWidth(line.text) : line.text);
  const clock: Clock = { timeZone, dayFirst: () => false };
  const found = attempt(folded, clock);
  if (found === undefined || found.headed) return undefined;
  if (found.notice && APPROXIMATE.test(found.rest)) return approximateError(line.n, line.text, file, withholds(found, line.text));
  if (timed || found.found?.timed) return undefined;
  if (timeWordsBeside(found.rest, clock, found.strict)) return timeInWordsError(line.n, line.text, file, withholds(found, line.text));
  // A date alone after words that report an embargo is news, as the embargo reader has it (new-user trial: held in plain text).
  return REPORTS_END.test(found.labelled) ? 'news' : undefined;
}

/** Labels that tell when an embargo ends: with a date alone, an explainer's (`Embargo ends: 1 March 2027`), not a notice. */
const REPORTS_END = /embargo(?:ed)?\s+(?:lifts|ends|expires|is\s+lifted)\b/iu;

/**
 * A time said to be approximate right after the label (`about 10:00`, `around 10am`, `เวลาประมาณ
 * 10.00 น.`, `ราว 10 โมง`): an embargo is to the minute. A second clock in brackets after the time
 * (`(about 17:00 Bangkok)`) is no such time.
 */
const APPROXIMATE = new RegExp(
  String.raw`^(?:at\s+|เวลา\s*)?(?:\b(?:about|approximately|approx\.?|around|roughly|circa|ca?\.|some\s+time\s+after)\s*(?:at\s+)?|~\s*|(?:โดย)?(?:ประมาณ|ราว\s*ๆ|ราว)\s*)(?=[0-9๐-๙]|${THAI_NUMBER_WORDS})|^[^()]*?(?:\(\s*approx(?:imately)?\.?\s*\)|\bor\s+(?:thereabouts|so|when|after|once|until)\b|\bgive\s+or\s+take\b|โดยประมาณ|หรือหลัง|หรือเมื่อ)`,
  'iu',
);

function approximateError(n: number, text: string, file: string, withholds: boolean): ArticleError {
  return new ArticleError(
    ProblemCode.BadDate,
    `line ${n}: the embargo line "${text.trim().slice(0, 120)}" gives an approximate time, so the story is not published: write the exact time (20 December 2026 09:00 ICT, 20 ธ.ค. 2569 09.00 น.), or delete the line once the story may go out`,
    file,
    { line: n, withholds },
  );
}

/** Words of a time beside a date that reads (`sunrise on 20 December 2026`, `20 December 2026 at sunset`). */
function timeWordsBeside(rest: string, clock: Clock, strict = false): boolean {
  return timeWordsBefore(rest) || clockAfterDate(rest, clock, strict);
}

/** A clock time first after a label (`10:30 …`, `at 9 a.m. …`). */
const CLOCK_FIRST = new RegExp(String.raw`^(?:at\s+)?(?:${CLOCK.source})`, 'iu');

/** What may follow that clock and stand before its date: its zone, `น.`, `on`, `วันที่`; then the date. */
const DATE_AFTER_CLOCK = new RegExp(
  String.raw`^\s*(?:น\.|นาฬิกา)?\s*(?:(?:[A-Z]{2,5}|hrs?)\b)?[\s,]*(?:on\s+|the\s+|(?:วันที่|วัน)\s*)*(?:[0-9๐-๙]|(?:${MONTHS})\b|${WEEKDAYS}\b|${THAI_WEEKDAYS}|${THAI_MONTHS})`,
  'iu',
);

/** Words of a time before the date (`breakfast time, Sunday 20 December 2026`, `รุ่งเช้าวันอาทิตย์ที่ 20 …`). */
function timeWordsBefore(rest: string): boolean {
  const at = rest.search(DATE_BEGIN);
  return at > 0 && TIME_WORDY.test(rest.slice(0, at));
}

/** How many words after a label are a sentence's, not a time's: lower-case English words, and Thai beyond its date words (one for each three letters). */
function proseWords(rest: string): number {
  const english = (rest.match(/(?<![\p{L}])[a-z][a-z.']*/gu) ?? []).filter((w) => !TIME_WORDS.test(w.replace(/\.$/, ''))).length;
  const thai = (rest.replace(THAI_TIME_WORDS, '').match(/[\u0E01-\u0E4E]/gu) ?? []).length;
  return english + Math.floor(thai / 3);
}

/** A Markdown table's rule under its header row (`|---|:--:|`). */
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/u;

/** The cells of a table row (`| Time | 10:30 GMT |`). */
function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/u, '')
    .replace(/\|$/u, '')
    .split('|')
    .map((cell) => cell.replace(/^[\s*_`]+|[\s*_`]+$/gu, ''));
}

/** A table cell that names a time (`Time`, `Embargo time`, `Time (GMT):`, `Hour`), and the zone it names. */
const TIME_CELL = /^(?:(?:embargo(?:ed)?|release)\s+)?(?:time|hour)\s*(?:\(([^()]{1,30})\))?\s*[:：]?$/iu;

/** A cell that names what a table's column holds (`Date`, `Time`, `Embargo date`, `วันที่`, `เวลา`). */
const COLUMN_CELL = /^(?:(?:embargo(?:ed)?|release)\s+)?(?:date|time|day|hour)s?\s*(?:\([^()]{1,30}\))?\s*[:：]?$|^(?:วันที่|เวลา|วันเวลา)$/iu;

/** A Markdown table row with its outer bars (`| Time | 10:30 GMT |`). */
const TABLE_ROW = /^\s*\|.*\|\s*$/u;

/** A table header row laid out by columns (`| Embargo | Time |`, `| Embargo date | Embargo time |`): its label alone, or none. */
function byColumns(row: string): string | undefined {
  const cells = tableCells(row);
  const [first, ...others] = cells;
  if (first === undefined || others.length === 0 || !others.every((c) => COLUMN_CELL.test(c))) return undefined;
  return `${first.replace(/\s*(?:date|time)$/iu, '')}:`;
}

/**
 * The line under a notice as words of it: a quotation's or a heading's marks and emphasis gone
 * (`> 20 December 2026`, `### 10:30 GMT`, `**Time:** 10:30 GMT`); a table row's cells (`| Time |
 * 10:30 GMT |` as its time, with a zone its label names; `| 20 December 2026 | 10:30 GMT |` as both).
 */
function wrappedPart(text: string, tableRow: boolean): string {
  const plain = (WIDE.test(text) ? foldWidth(text) : text).trim();
  if (tableRow) {
    const cells = tableCells(plain).filter((c) => c !== '');
    const named = cells.length === 2 ? TIME_CELL.exec(cells[0] as string) : null;
    if (named) return `${cells[1]}${named[1] === undefined ? '' : ` ${named[1]}`}`;
    return cells.join(' ');
  }
  return plain
    .replace(/^(?:[>#]\s*)+/u, '')
    .replace(/[*_`]+/gu, '')
    .replace(/^\s*(?:(?:embargo(?:ed)?|release)\s+)?time\s*[:：]\s*/iu, '')
    .trim();
}

/** Characters foldWidth changes: most lines have none, and are tested as they are. */
const WIDE = /[\uFF01-\uFF5E\u00AD]|เเ/u;

export interface EmbargoRelease {
  date: Date;
  /** The line of the latest release time, and its text. */
  line: number;
  text: string;
  /** Every line read as an embargo line (a label wrapped onto the next line counts both): they leave the text. */
  lines: number[];
  /** What the desk is told of how the latest was read (a zone out of its season: dateline.ts laterOfSeasons). */
  note?: string;
}

/**
 * The latest release time of the embargo lines among `lines` (the story's lines after its title),
 * or none. Any line that opens with a label and reads is one, in the head or at the foot (under
 * `ENDS`, in notes to editors). Among the first LOOKED_AT, a line whose label is followed by a
 * time that does not read is BAD_DATE: the story is not published (or keeps its last good
 * version) until the line reads or goes, since publishing it would break the embargo it states
 * (trials: `Embargoed until 00:01 GMT, Sunday 20 December`, a zone unknown, `until further notice`).
 * Lower down, so is a notice whose first sentence is at most FOOT_NOTICE characters; a longer line
 * is the story's text, as is a line whose label reports an embargo (`Embargo ends`) with no clock.
 */
export function embargoRelease(
  lines: readonly { n: number; text: string }[],
  timeZone: string,
  file: string,
  /** Read only, never refused: lines cut off as page boilerplate. */
  cut = false,
  /**
   * Whether the story is Thai: then a numeric date is day first under any label (a Thai office's
   * `EMBARGO: 10/12/2026 10:00` was refused as two-way). Asked only of a line with a label.
   */
  thai: () => boolean = () => false,
): EmbargoRelease | undefined {
  let known: boolean | undefined;
  const clock: Clock = { timeZone, dayFirst: () => (known ??= thai()) };
  let latest: EmbargoRelease | undefined;
  const taken: number[] = [];
  let joined = -1;
  for (const [k, { n, text }] of lines.entries()) {
    // The second half of a line read with the one before (a wrapped label or time).
    if (k === joined) continue;
    const wide = WIDE.test(text) ? foldWidth(text) : text;
    if (!LABEL_WORD.test(wide)) continue;
    // A time in words (`10 โมงเช้า`, `noon`) as a clock writes it: each test below knows clocks.
    const folded = spokenClock(wide);
    // A table row: the next row holds more of the notice, under a rule when this is its header row.
    const ruled = TABLE_RULE.test(lines[k + 1]?.text ?? '') && lines[k + 1]?.n === n + 1;
    const record = (found: Dateline & { joined?: true; third?: true }) => {
      // A table's header row goes with its rule (and the row below, when its time was read there);
      // a notice over three lines (label, date, time) with both below.
      const two = found.joined && (ruled || found.third === true);
      if (found.joined) joined = two ? k + 2 : k + 1;
      // A quotation stays (`"Embargoed until …", the announcement read`): the story quotes one, and is held by it all the same.
      if (!QUOTED.test(text)) taken.push(n, ...(found.joined || ruled ? [n + 1] : []), ...(two ? [n + 2] : []));
      if (!('date' in found.reading) || (latest !== undefined && found.reading.date.getTime() <= latest.date.getTime())) return;
      const note = found.season?.note ?? unzoned(found, text, clock.timeZone);
      latest = { date: found.reading.date, line: n, text: text.trim(), lines: taken, ...(note === undefined ? {} : { note }) };
    };
    // Under a rule, a row without its outer bars too (`Embargo | 20 December 2026`, `--- | ---`, `Time | 10:30 GMT`).
    const isRow = (t: string) => TABLE_ROW.test(t) || (ruled && t.includes('|'));
    const rowLine = isRow(folded) ? lines[ruled ? k + 2 : k + 1] : undefined;
    const row = rowLine !== undefined && rowLine.n === n + (ruled ? 2 : 1) && isRow(rowLine.text) ? rowLine : undefined;
    // A table laid out by columns (`| Embargo | Time |` over `| 20 December 2026 | 10:30 GMT |`): its label, then the row below.
    const columns = row === undefined ? undefined : byColumns(folded);
    const line = attempt(columns ?? folded, clock);
    const loose = line?.found && 'date' in line.found.reading ? undefined : looseRelease(folded, clock);
    if (loose !== undefined && loose !== 'unread') {
      if (line?.notice && !line.headed && !cut && APPROXIMATE.test(line.rest)) throw approximateError(n, text, file, withholds(line, text));
      record(loose);
      continue;
    }
    if (!line) {
      // A notice in words no label has, with a time that does not read: refused where one would be.
      if (loose === 'unread' && !cut && (k < LOOKED_AT || (firstSentence(text.trim()) ?? text.trim()).length <= FOOT_NOTICE)) {
        throw new ArticleError(
          ProblemCode.BadDate,
          `line ${n}: the embargo line "${text.trim().slice(0, 120)}" has no time that can be read, so the story is not published: write it as \`Embargoed until 20 December 2026 09:00 GMT\`, or delete the line once the story may go out`,
          file,
          // A published story goes down for a notice (`EMBARGO NOTICE: …`), not for a sentence that
          // opens with such words (`Embargo on Iranian crude lifts at noon …, diplomats said`).
          { line: n, withholds: /^[^0-9๐-๙]*[:：–—]/u.test(text) && /embargo|ห้าม|งด/iu.test(text) && /[0-9๐-๙]/u.test(text) },
        );
      }
      continue;
    }
    // A table's next row holds the rest (`| Embargo | 20 December 2026 |`, `|---|---|`, `| Time | 10:30
    // GMT |`: held to the day's start in the second re-attack trial), as the next line does.
    const next = row ?? lines[k + 1];
    // A label alone (`EMBARGOED UNTIL:`) takes its time from the next line, a blank line between them or not (a trial: refused).
    const follows = next !== undefined && (next.n === n + 1 || (line.rest === '' && next.n === n + 2) || next === row);
    const wrapped = follows ? wrappedPart(next.text, row !== undefined) : undefined;
    let found: (Dateline & { joined?: true; third?: true }) | undefined = readRelease(
      columns ?? (row ? tableCells(folded).join(' ') : folded),
      line,
      wrapped,
      clock,
    );
    // A label alone, its date, then its time, a line each (`## EMBARGOED UNTIL` / `## 20 December 2026` / `## 10:30 GMT`,
    // the same in a quotation): held to the day's start in the re-attack trial.
    const third = lines[k + 2];
    if (
      found?.joined &&
      !found.timed &&
      line.rest === '' &&
      row === undefined &&
      next !== undefined &&
      next === lines[k + 1] &&
      third?.n === next.n + 1
    ) {
      const time = wrappedPart(third.text, false);
      const timed = attempt(`${folded} ${wrapped} ${time}`, clock)?.found;
      if (timed?.timed && 'date' in timed.reading) found = { ...timed, joined: true, third: true };
      else if (timeInWords(time) && !cut)
        throw timeInWordsError(third.n, third.text, file, withholds({ ...line, rest: `${wrapped} ${time}` }, text));
    }
    if (found && 'date' in found.reading) {
      // A date read without the time in words beside it (`Embargoed until sunrise on 20 December
      // 2026`, `… 2026 at sunset`), with the line below when it was read with it (`> Embargoed until
      // sunrise on` / `> 20 December 2026`), or a time in words alone on that line (`**at sunset**`, a
      // table's `| Time | sunset |`): held to the day's start, hours early (second re-attack trial).
      // Refused where a notice may be refused; elsewhere it holds to the day's start, as before.
      const refusable = !cut && !line.headed && (k < LOOKED_AT || (firstSentence(text.trim()) ?? text.trim()).length <= FOOT_NOTICE);
      const beside = found.joined && wrapped !== undefined ? `${line.rest} ${wrapped}` : line.rest;
      const below = line.notice && !found.joined && follows && wrapped !== undefined && timeInWords(wrapped);
      if (!found.timed && refusable && (timeWordsBeside(beside, clock, line.strict) || below))
        throw timeInWordsError(n, text, file, withholds(line, text));
      // A date alone, with no time, is an embargo only under a label that states one and no heading:
      // `- Embargo ends: 1 March 2027`, `คำสั่งศาล: ห้ามเผยแพร่จนถึง 31 ธ.ค. 2569` are news (attack trial: held).
      if (!found.timed && (!line.notice || line.headed)) continue;
      // An approximate time (`Embargoed until about 10:00 GMT …`) was read as exact, up to the minutes it allows early.
      if (line.notice && !line.headed && !cut && APPROXIMATE.test(line.rest)) throw approximateError(n, text, file, withholds(line, text));
      record(found);
      continue;
    }
    // A notice that does not read stops the story: its label, then a time tried right after it, and
    // not a sentence going on (`Embargo ends on 1 January 2027 for Cuban cigar importers, officials
    // said`, `ห้ามเผยแพร่ก่อน 17.00 น. วันที่ 8 ก.พ. 2570 ซึ่งเป็นเวลาปิดหีบ`: news, refused in a trial).
    // Lower down, only a short one: a notice at the foot, not a paragraph (attack trials both ways).
    // Its first sentence is the notice (`EMBARGOED UNTIL … 2026. This press release must not be published before then.`).
    const notice = firstSentence(text.trim()) ?? text.trim();
    if (cut || (k >= LOOKED_AT && notice.length > FOOT_NOTICE)) continue;
    // A label that reports an embargo stops the story only with a clock after it (`Embargo ends: 05/01/2027` is an explainer's).
    // A time after words that state an embargo that does not read (`EMBARGO NOTICE: 00:01 CST, …`) stops it too.
    // The time right after the label is judged as such below (a Thai election rule's `17.00 น. … ซึ่ง…` is news).
    const unread = loose === 'unread' && !TIME_START.test(line.rest);
    // `Until further notice` (any label, `Hold until …` too) and Thai `จนกว่าจะแจ้งอีกครั้ง`: a story pulled
    // back, never news; `Embargoed until` an event in a few words (`the speech is delivered`, `we say
    // so`), and a Thai label before an event (`ก่อนการแถลงข่าว`): no time that reads (second re-attack: out at once).
    const furthered = FURTHER.test(line.rest) && !ATTRIBUTED.test(text);
    const evented =
      line.notice &&
      !line.headed &&
      !DATE_BEGIN.test(line.rest) &&
      !/[:：]/u.test(line.rest) &&
      !ATTRIBUTED.test(text) &&
      ((UNTIL.test(line.labelled) && proseWords(line.rest) <= 4) || (/[\u0E00-\u0E7F]/u.test(line.labelled) && TIME_WORDY.test(line.rest)));
    if (!unread && !furthered && !evented && !line.notice && !CLOCK.test(line.rest)) continue;
    const until = UNTIL.test(line.labelled);
    const tried = until || (TIME_START.test(line.rest) && TIME_SIGNAL.test(line.rest));
    // A clock named in Thai that is not read (`ตามเวลาท้องถิ่น`, `ตามเวลาสหรัฐฯ`) is a time on another
    // clock, never prose: the story went out at once, the line left in its text (attack trial).
    const otherClock = line.notice && tried && THAI_CLOCK.test(line.rest);
    // A few words where the time should be, then a date that reads (`Not for release before dawn on
    // 20 December 2026`, `ห้ามเผยแพร่ก่อนหัวค่ำ วันที่ 20 ธ.ค. 2569`): a time in words not read, never news
    // (re-attack trial: out at once under every label but `Embargoed until`).
    const worded =
      line.notice &&
      !line.headed &&
      (wordsBeforeDate(line.rest, clock) || clockAfterDate(line.rest, clock, line.strict) || timeWordsBefore(line.rest));
    // A clock right after `Embargoed until` or `Not for release before` is a release time, whatever
    // words follow it (`Embargoed until 10:30 when the minister speaks on 20 December 2026`: out at
    // once as a sentence in the second re-attack trial).
    // Under other labels, when words and not its date follow the clock (`EMBARGO: 10:30 when …`); a
    // clock, its date, then a clause is a sentence (`ห้ามเผยแพร่ก่อน 17.00 น. วันที่ 8 ก.พ. 2570 ซึ่งเป็นเวลาปิดหีบ`).
    // Only with a date further on: `Embargoed until 10am: the secret life of press releases` is a headline (re-attack trial).
    const afterClock = line.rest.replace(CLOCK_FIRST, '');
    const clocked =
      !line.headed &&
      line.notice &&
      CLOCK_FIRST.test(line.rest) &&
      DATE_BEGIN.test(afterClock) &&
      (until || STRONG_LABEL.test(line.labelled) || !DATE_AFTER_CLOCK.test(afterClock));
    if (
      !unread &&
      !otherClock &&
      !worded &&
      !clocked &&
      !furthered &&
      !evented &&
      (!tried || proseWords(firstSentence(line.rest) ?? line.rest) >= (until ? 3 : 2))
    )
      continue;
    if (line.notice && !line.headed && APPROXIMATE.test(line.rest)) throw approximateError(n, text, file, withholds(line, text));
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
      { line: n, withholds: withholds(line, text) },
    );
  }
  return latest;
}

export const NO_ZONE = 'the release time names no zone';

/**
 * What the desk is told of a release time in English that names no clock: it was read on the
 * site's, which is another's than a wire's or a company's abroad (a trial: a London release on a
 * Bangkok desk, `Embargoed until 00:01 Thursday 10 December`, out seven hours early). A Thai line
 * is a Thai desk's, on Thailand's clock as the site's zone says.
 */
export function unzoned(found: Dateline, text: string, timeZone: string): string | undefined {
  // Thai letters, not Thai digits: `Embargoed until 10 December 2026 ๑๐:๐๐` is English (attack trial: no note).
  if (found.zoned || !('date' in found.reading) || /[\u0E01-\u0E4E]/u.test(text)) return undefined;
  return `${NO_ZONE}: read on this site's clock (${timeZone}) as ${found.reading.date.toISOString()}; if it is another's (a wire's, a company's abroad), write its zone (GMT, EST, +00:00)`;
}

/**
 * Words that state a release time where no label of LABELS stands, at the line's head (`EMBARGOED
 * MATERIAL – …`, `EMBARGO NOTICE:`, `Strict embargo until`, `Release time:`, `For publication …`, a
 * Thai kicker with `(ห้ามเผยแพร่ก่อน …)`): each went out at once in a trial, the notice its
 * headline. Only at the head: `The EU embargo on Russian oil takes effect at 00:01 CET on …` is news
 * (re-attack trial: held, or refused).
 */
const LOOSE_WORD =
  /^[\s*_#>"'“”‘’«»=|•·[(-]*(?:(?:strict(?:ly)?\s+)?embargo|(?:news\s+)?release(?:\s+(?:time|date))?\s*(?:[:–—(]|-\s|at\b|embargoed\b)|time\s+of\s+release|publish\s*[:–—]|for\s+(?:immediate\s+)?(?:release|publication)\b|(?:ข่าวประชาสัมพันธ์\s*\(?\s*)?ห้าม(?:นำ\S{0,20})?เผยแพร่)/iu;

/** Where a release time may begin after such words: a digit, a month or weekday, after a mark or a space. */
const LOOSE_START = new RegExp(String.raw`(?<![\d:.])[0-9๐-๙]|(?<=[\s:–—(|-])(?:${MONTHS}|${WEEKDAYS})\b`, 'giu');

/** A zone named in the words before the time (`Embargo (GMT): 00:01 …`): the time's clock. The dateline reader's abbreviations of three letters or more. */
const ZONE_WORD = new RegExp(
  String.raw`\b(${Object.keys(ZONE_ABBREVIATIONS)
    .filter((zone) => zone.length >= 3)
    .join('|')})\b`,
  'u',
);

/** A time of day as such lines write it, read or not: a clock (CLOCK), noon, midnight, Thai hours (`ตีหก`, `สองยาม`). */
const ANY_TIME_SOURCE = String.raw`${CLOCK.source}|\bnoon\b|\bmidnight\b|\bmidday\b|โมง|ทุ่ม|เที่ยง|บ่าย|ยาม|ย่ำ|ตี\s*(?:[0-9๐-๙]|หนึ่ง|สอง|สาม|สี่|ห้า|หก)`;
const ANY_TIME = new RegExp(ANY_TIME_SOURCE, 'iu');

/**
 * The latest release time read after such words (a time of day with it: a date alone is news), or
 * `unread` when a time was written and none reads (the line is refused where a label's would be).
 */
function looseRelease(text: string, clock: Clock): Dateline | 'unread' | undefined {
  const line = text.trim();
  if (line.length > 200) return undefined;
  const words = LOOSE_WORD.exec(line);
  if (!words) return undefined;
  // A time in words and then a date (`For publication: dusk, 20 December 2026`, `Release time: half
  // past ten, …`): unread, as under a label (re-attack trial: out at once, the notice its headline).
  if (!ANY_TIME.test(line)) {
    const rest = line.slice(words[0].length).replace(/^[\s:–—-]+/u, '');
    // From the date on, past the rest of the notice's words (`EMBARGO NOTICE: 20 December 2026 at half past ten`).
    const at = rest.search(DATE_BEGIN);
    const dated = at > 0 && at <= 20 ? rest.slice(at) : rest;
    return wordsBeforeDate(rest, clock) || clockAfterDate(dated, clock) ? 'unread' : undefined;
  }
  let best: Dateline | undefined;
  let unknownClock = false;
  for (const m of line.matchAll(LOOSE_START)) {
    const before = line.slice(0, m.index);
    let rest = line.slice(m.index).replace(/[\s)\].]+$/u, '');
    // A clock named in brackets before the time (`Embargo (GMT):`, `Release time (London):`): the time's.
    const named = /\(([^()]{2,30})\)/u.exec(before)?.[1]?.trim();
    const zone =
      named === undefined ? undefined : (ZONE_WORD.exec(named)?.[1] ?? (cityZone(named) === undefined ? undefined : `(${named})`));
    if (named !== undefined && zone === undefined && /\p{L}/u.test(named)) unknownClock = true;
    if (zone !== undefined && !ZONE_WORD.test(rest)) rest = rest.replace(/(\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)/iu, `$1 ${zone}`);
    const found = readDateline(`Embargoed until ${rest}`, clock.timeZone, () => false, clock.dayFirst());
    if (!found?.timed || !('date' in found.reading)) continue;
    if (best === undefined || ('date' in best.reading && found.reading.date.getTime() > best.reading.date.getTime())) best = found;
  }
  return best !== undefined && !unknownClock ? best : 'unread';
}

/** A line that is an embargo label and nothing more (`EMBARGOED UNTIL:`): its time is on a line of its own. */
export function labelAlone(text: string): boolean {
  const folded = WIDE.test(text) ? foldWidth(text) : text;
  if (!LABEL_WORD.test(folded)) return false;
  const line = attempt(folded, { timeZone: 'UTC', dayFirst: () => false });
  return line !== undefined && line.rest === '' && line.notice && !line.headed;
}

/** How a release time is read: in the site's zone, and day first when the story is Thai. */
interface Clock {
  timeZone: string;
  dayFirst: () => boolean;
}

interface Attempt {
  /** The label as written, without what stood before it. */
  labelled: string;
  /** A label that states an embargo (`Embargoed until`, `Not for release before`, `ห้ามเผยแพร่ก่อน`), not one that reports one (`Embargo ends`, `Embargo date`). */
  notice: boolean;
  /** Words stood before the label (`PRESS RELEASE:`, `คำสั่งศาล:`). */
  headed: boolean;
  /** What follows the label. */
  rest: string;
  /** The line up to the end of its label: `rest`, or part of it, reads after it. */
  opening: string;
  /** The time read, if any: the label given in a spelling the dateline reader knows. */
  found: (Dateline & { joined?: true }) | undefined;
  /**
   * A label no sentence opens with (`Embargoed until`, `Not for release before`, `ห้ามเผยแพร่ก่อน`, any
   * with a colon): words of a time anywhere after its date are its time's. After another (`Embargo
   * to …`), only right after the date: `… hits rice traders in the evening markets` is news.
   */
  strict: boolean;
}

/** A line that opens with a label, and the time after it read as a dateline. */
function attempt(written: string, clock: Clock): Attempt | undefined {
  const line = plainRules(written);
  const first = LABEL_FIRST.exec(line);
  const opening = first ?? OPENING.exec(line);
  if (!opening) return undefined;
  const group = opening.slice(1).findIndex((g) => g !== undefined);
  const label = LABELS[group] as (typeof LABELS)[number];
  // Closing marks as opening ones: `=== … ===`, `"…"`, `**…**`.
  const rest = line
    .slice(opening[0].length)
    .replace(/^[\s|*_`]+/u, '')
    .replace(/[\s*_#=|"'“”‘’«»\])>`+~<-]+$/u, '')
    .trim();
  const found = rest === '' ? undefined : readDateline(`${label.as} ${rest}`, clock.timeZone, () => false, clock.dayFirst());
  // The label as matched (a heading pattern would take `Embargo ends:` itself for a heading), and whether words stood before it.
  const labelled = opening[group + 1] as string;
  const before = first ? '' : opening[0].slice(0, opening[0].toLowerCase().lastIndexOf(labelled.toLowerCase()));
  const headed = /[\p{L}\d]/u.test(before.replace(OPENERS, ''));
  const strict = UNTIL.test(labelled) || STRONG_LABEL.test(labelled) || label.thai === true || /[:：]\s*$/u.test(opening[0]);
  return {
    labelled,
    notice: !REPORTED.test(labelled),
    headed,
    rest,
    opening: opening[0],
    found: found?.release ? found : undefined,
    strict,
  };
}

/**
 * A rule of marks (`- - - - PRESS RELEASE - - - -`, `=-=-=-`) as one space: the heading and
 * marks before a label could split such a run in so many ways that one 173-character line took
 * six seconds to read (attack trial). A rule is decoration wherever it stands.
 */
function plainRules(line: string): string {
  return line.includes('  ') || /(?:\s*[-–—=*_~+#|•·]){3}/u.test(line) ? line.replace(/(?:\s*[-–—=*_~+#|•·]){3,}\s*/gu, ' ') : line;
}

/** Labels that report an embargo more often than they state one: a date after them alone is news (`Embargo ends: 1 March 2027`, a sanctions explainer's key dates). */
const REPORTED =
  /embargo(?:ed)?\s+(?:lifts|lifted|ends|ended|expires|is\s+lifted|date|time|at|on)\b|^\s*(?:on\s+hold\b|hold\b(?!\s+for\s+release))/iu;

/**
 * The line's release time; else its first sentence's (`… 6 JANUARY 2027. This release must not
 * be published before then.`); else with the next line of its paragraph, when the label or the
 * time was wrapped onto it (`Embargoed` / `until 10:00 GMT …`). A date read alone takes a time
 * alone on the next line (`… 6 January 2027` / `10:00 GMT`: the time was dropped, and the story
 * went out 17 hours early).
 */
function readRelease(folded: string, line: Attempt, wrapped: string | undefined, clock: Clock): Attempt['found'] {
  const reads = (a: Attempt | undefined) => a?.found !== undefined && 'date' in a.found.reading;
  if (line.found && 'date' in line.found.reading) {
    if (wrapped === undefined || line.found.timed) return line.found;
    // The time alone on the next line, or under a label of its own (`Embargo date: …` / `Embargo time: 00:01 GMT`).
    const time = attempt(wrapped, clock)?.rest ?? wrapped;
    const timed = attempt(`${folded} ${time}`, clock)?.found;
    return timed?.timed && 'date' in timed.reading ? { ...timed, joined: true } : line.found;
  }
  const sentence = firstSentence(line.rest);
  const first = sentence === undefined ? undefined : attempt(line.opening + sentence, clock);
  if (reads(first)) return first?.found;
  const joined = wrapped === undefined ? undefined : attempt(`${folded} ${wrapped}`, clock);
  if (reads(joined)) return { ...(joined?.found as Dateline), joined: true };
  // A notice's time, then words for the desks (`…, for all media`, `– please respect the embargo`,
  // `ทุกช่องทาง`, `ขอบคุณค่ะ`): the longest opening that reads as a date with its time (attack trial:
  // out at once). Under a label that states an embargo only: `Embargo ends on 1 January 2027 for
  // Cuban cigar importers` is news.
  if (line.notice && line.rest.length <= 200) {
    // English words for the desks after the time need no mark before them (`… 20 December 2026 for all
    // media`, `… 10:30 GMT to any outlet`: second re-attack trial, out at once as a sentence).
    const marks = new Set([...line.rest.matchAll(AFTER_TIME)].map((m) => m.index));
    // After a Thai year, for a date alone only (`ห้ามเผยแพร่ก่อนวันที่ 20 ธ.ค. 2569 ทุกช่องทาง`: re-attack trial,
    // out at once where English held): a time read so would make news of a rule a notice (`… 17.00 น.
    // วันที่ 8 ก.พ. 2570 ซึ่งเป็นเวลาปิดหีบ`).
    const years = new Set([...line.rest.matchAll(/(?<=[0-9๐-๙]{4})\s+(?=[\u0E01-\u0E4E])/gu)].map((m) => m.index));
    const cuts = [...new Set([...marks, ...years, ...[...line.rest.matchAll(ENGLISH_AFTER)].map((m) => m.index)])].sort((a, b) => b - a);
    const until = UNTIL.test(line.labelled) || STRONG_LABEL.test(line.labelled);
    for (const cut of cuts) {
      // Not a zone, or a second time, cut off: `… 09:00 CST` stays refused, not read on the site's clock.
      if (cut === 0 || ZONE_NEXT.test(line.rest.slice(cut))) continue;
      const opening = attempt(line.opening + line.rest.slice(0, cut), clock)?.found;
      if (opening === undefined || !('date' in opening.reading)) continue;
      if (opening.timed && !(years.has(cut) && !marks.has(cut))) return opening;
      if (opening.timed) continue;
      // A date alone holds too, as it would alone on the line, when a few words for the desks follow
      // it (`Embargoed until 20 December 2026 (check against delivery)`): after a mark, or after
      // `Embargoed until`'s date; not a sentence (`Embargo to 31 March 2027 hits Thai rice traders`),
      // nor words of a time it did not read (refused below).
      const after = line.rest.slice(cut);
      const thai = years.has(cut) && after.trim().length <= 20;
      if (!line.headed && after.length <= 40 && !TIME_WORDY.test(after) && (marks.has(cut) || until || thai)) return opening;
    }
  }
  return line.found ?? first?.found;
}

/** Labels that state an embargo in so many words, as `Embargoed until` does (not `Embargo to`, which news writes too). */
const STRONG_LABEL = /^(?:not\s+for|not\s+to\s+be|(?:please\s+)?do\s+not)\b/iu;

/** A lower-case English word after a space: where words for the desks may begin in English. */
const ENGLISH_AFTER = /\s+(?=[a-z])/gu;

/** Words of a time that no reader reads (sunrise, half past, the Thai day's parts), besides ANY_TIME's. */
const TIME_WORDY_SOURCE = String.raw`${ANY_TIME_SOURCE}|\b(?:half|quarter|o['’]?clock|sun[\s-]?(?:rise|set|down|up)|nightfall|twilight|first\s+light|after\s+dark|dawn|dusk|daybreak|when|once|upon|(?:on|upon)\s+delivery|conclusion|mid-?(?:morning|day|afternoon)|top\s+of\s+the\s+hour|(?:close|end)(?:\s+|-)of(?:\s+|-)(?:the\s+)?(?:trading|play|business|day|session|meeting|conference)|day['’]s\s+end|market\s+(?:open|close)|opening\s+bell|trading\s+hours|cob|eod|tb[acd]|to\s+be\s+(?:confirmed|announced|advised)|to\s+follow|\d{1,2}\s?h(?:\s?\d{2})?|at\s+\d{1,2}(?![\d:.])|morning|afternoon|evening|night|lunchtime|teatime|breakfast|lunch|dinner|supper|end\s+of\s+(?:the\s+)?(?:day|business)|close\s+of\s+business|${EN_HOURS})\b|เช้า|บ่าย|เย็น|ค่ำ|รุ่ง|สาง|พระอาทิตย์|ตะวัน|โพล้เพล้|มืด|หลัง|เลิก|ตลาด|แถลง|พิธี|แจ้งให้ทราบ|ยังไม่ยืนยัน|ขณะ|เมื่อ|\bat\s+\d{4}\b`;
const TIME_WORDY = new RegExp(TIME_WORDY_SOURCE, 'iu');

/** English words of a time right after a date, a few small words at most between (`… 2026 at sunset`, `…, close of business`). */
const TIME_RIGHT_AFTER = new RegExp(
  String.raw`^[\s,;(–—-]*(?:(?:at|by|on|in|around|about|from|before|after|until|till|during|the)\s+)*(?:${TIME_WORDY_SOURCE})`,
  'iu',
);

/** Whether a short line is a time written in a way the readers may not read (`10.30 น. ตามเวลาลอนดอน`, `half past ten`). */
export function timeInWords(text: string): boolean {
  return text.length <= 60 && TIME_WORDY.test(text);
}

/** Where a notice's time may end and words for the desks begin: a comma, a semicolon, a bracket, a dash, or a space after Thai hours. */
const AFTER_TIME = /\s*[,;(–—]|\s+-\s|(?<=น\.|นาฬิกา)\s+/gu;

/**
 * What follows a cut that is still part of the time: a zone, a city's clock (`London time`, a name
 * alone in brackets: `(Toronto)`, Thai `ตามเวลา…`), a second time, a date. Cut off, the time was read
 * on the site's clock, hours early (attack trial).
 */
const ZONE_NEXT =
  /^[\s,;(–—-]*(?:[A-Z]{2,5}\b|[A-Z][a-z]+\s+time\b|\d|(?:GMT|UTC)[+-]|(?:ตาม)?เวลา)|^\s*\(\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,3}\s*(?:\)|$)/u;

/** A clock named in Thai (`ตามเวลา…`, `(เวลาลอนดอน)`). */
const THAI_CLOCK = /ตามเวลา|\(\s*เวลา/u;

/** The first sentence of a line that has more than one (`… 6 JANUARY 2027. This release must not …`). */
function firstSentence(text: string): string | undefined {
  // A full stop after a Latin letter or a digit, before a capital: not Thai `น.` or `ธ.ค.`, not `Jan. 5`.
  return /^(.+?[A-Za-z\d)])\.\s+["“]?[A-Z]/u.exec(text)?.[1];
}

/** Full-width Latin and digits as ASCII, soft hyphens gone (attack trial: `Ｅｍｂａｒｇｏｅｄ`, `Em\u00ADbargoed` went out). */
function foldWidth(text: string): string {
  return (
    text
      .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
      .replace(/\u00AD/gu, '')
      // แ typed as two เ, a common Thai typo (`ห้ามเผยเเพร่ก่อน`: re-attack trial, out at once).
      .replace(/เเ/gu, 'แ')
  );
}

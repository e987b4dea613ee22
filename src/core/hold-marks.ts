// Marks that say a story must not go out: a newsroom's line (`DO NOT PUBLISH`, `HOLD FOR LEGAL`, `KILL`, `ห้ามเผยแพร่`) and the front-matter fields other tools write for a draft (`published: false`, `status: draft`).
import { ArticleError } from './errors.js';
import { ProblemCode } from './model.js';

/**
 * Words that say "not this story, not now" whatever follows them: a phrase no headline or lede
 * opens with, so the line may go on with the desk's reasons (`DO NOT PUBLISH – legal is
 * checking`, `Hold for legal per Somchai`, `ห้ามเผยแพร่จนกว่าจะได้รับอนุมัติ`).
 */
const PHRASES = [
  String.raw`(?:please\s+|pls\s+)?(?:do\s+not|don[’']?t|never)\s+(?:publish|use|run|print|post|air|broadcast|release|distribute|move|file)(?:\s+(?:this|the|yet))?(?:\s+(?:story|item|copy|article|piece|version|report|text|release))?`,
  String.raw`not\s+(?:for|to\s+be)\s+(?:publication|published|release|released|use|used|broadcast|distribution|distributed|print|printed)`,
  String.raw`(?:mandatory\s+)?kill(?:ed)?\s+(?:this\s+)?(?:story|item|copy|article|version)`,
  String.raw`mandatory\s+kill`,
  String.raw`(?:this\s+)?(?:story|item|article|copy|report)\s+(?:is\s+|has\s+been\s+)?(?:killed|withdrawn|pulled|spiked|on\s+hold|held|embargoed)`,
  String.raw`(?:on\s+)?hold\s+(?:for|pending)\s+(?:legal|lawyers?|review|editors?|the\s+desk|desk|checks?|approval|sign[-\s]?off|clearance|fact[-\s]?check(?:ing)?)(?:\s+(?:review|check|checks|clearance|team|department|sign[-\s]?off))?`,
  String.raw`(?:on\s+)?hold\s+(?:this|the)\s+(?:story|item|copy|article)`,
  String.raw`(?:for\s+)?internal\s+(?:use\s+)?only`,
  String.raw`draft\s+(?:only|copy|version|story)|(?:working|unedited|rough)\s+draft`,
  String.raw`under\s+embargo|strictly\s+embargoed|embargoed\s+(?:story|item|copy|material|release)`,
  // Thai: "do not publish", "publication suspended", "not yet published", "news withdrawn", "awaiting checks", "this news is banned from publication".
  '(?:ข่าวนี้)?(?:ห้าม|งด|ระงับ(?:การ)?|ยังไม่(?:ให้)?|ยังไม่ต้อง|ไม่ให้)(?:นำ(?:ข่าว(?:นี้)?)?(?:ไป)?)?(?:เผยแพร่|เผยเเพร่|ลงข่าว|ตีพิมพ์|ออกอากาศ|ใช้ข่าว(?:นี้)?|โพสต์|ลง)',
  '(?:ถอน|ดึง)ข่าว(?:นี้)?|ข่าว(?:นี้)?ถูก(?:ถอน|ดึง|ระงับ)|รอ(?:การ)?ตรวจ(?:สอบ)?|รอฝ่ายกฎหมาย|ฉบับร่าง|ร่างข่าว',
];

/**
 * One word a desk types as a mark (`DRAFT`, `HOLD`, `KILL`): alone on its line in any case; with
 * more words (`DRAFT: Budget plan`, `HOLD – legal`) only in capitals, as slugs are written, so a
 * headline that opens with the word (`Draft: five things we learned`) stays a headline.
 */
const WORDS = String.raw`draft|hold|on\s+hold|kill|killed|spiked|withdrawn|embargoed|embargo|unpublished|ร่าง`;

/** Desk words after a phrase: a separator, or a word that says until when, why or on whose word. */
const GOES_ON = String.raw`(?:\s*[:：;,.!?–—/|(\[-]|\s+(?:until|till|pending|per|by|for|from|as|while|because|yet|now|today|please)\b|(?:จนกว่า|เนื่องจาก|เพราะ|ตาม|รอ|ก่อนได้รับ|ข่าวนี้|ทุกช่องทาง))`;

/** A note to the desk before the mark (`ATTENTION EDITORS:`, `EDS:`, `หมายเหตุถึงบรรณาธิการ:`). */
const TO_THE_DESK = String.raw`(?:(?:attention|attn\.?|note\s+to|notice\s+to|message\s+to|advisory\s+to)\s+)?(?:editors?|eds\.?|desks?|subs|all\s+clients|clients)\s*[:：–—-]\s*|(?:editor[’']?s\s+note|advisory|note|urgent|nb)\s*[:：–—-]\s*|(?:หมายเหตุ(?:ถึง)?(?:บรรณาธิการ|กองบรรณาธิการ|บก\.?)?|ถึง(?:บรรณาธิการ|กองบรรณาธิการ|บก\.?))\s*[:：–—-]?\s*`;

/** Markup and rules around a line (`**…**`, `### …`, `> …`, `=== … ===`, `<!-- … -->`, `[…]`, `(…)`). */
const AROUND = /^[\s*_=~#>|•·[\](){}<!–—-]+|[\s*_=~#|•·[\](){}<>!.–—-]+$/gu;
const QUOTED = /^[\s*_#>]*["“”'‘«„]/u;

const PHRASE_LINE = new RegExp(`^(?:${TO_THE_DESK})?(?:${PHRASES.join('|')})(?:$|${GOES_ON})`, 'iu');
const WORD_ALONE = new RegExp(`^(?:${TO_THE_DESK})?(?:${WORDS})$`, 'iu');
const WORD_BEFORE = new RegExp(`^(?:${TO_THE_DESK})?(?:${WORDS})\\s*[:：–—|/-]\\s*(\\S.*)$`, 'iu');
const WORD_LABEL = new RegExp(`^(?:${TO_THE_DESK})?(${WORDS.toUpperCase().replace(/\\S/g, '\\s')})\\s*[:：–—|/-]\\s*(\\S.*)$`, 'u');

/** Lines longer than this are prose, whatever they open with. */
const LONGEST = 160;

/** A line as a reader sees its words: markup, rules and brackets around it gone. */
function bare(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').replace(AROUND, '').trim();
}

/**
 * The mark when the whole line is a do-not-publish notice (its words for the desk after it
 * allowed), else undefined. A line in quotation marks is a quotation, not the desk's; a line with
 * a number is not a notice without a time.
 */
export function holdLine(text: string): string | undefined {
  // A number is a time, a date or a count: the embargo reader's (`HOLD: 10:30 GMT …`) or news (`Under embargo until 1990, …`).
  if (text.length > LONGEST || QUOTED.test(text) || /[0-9๐-๙]/u.test(text)) return undefined;
  const line = bare(text);
  if (line === '') return undefined;
  if (PHRASE_LINE.test(line) || WORD_ALONE.test(line)) return line;
  if (WORD_LABEL.test(line)) return line;
  // A one-word mark in any case before a notice (`Draft - do not publish`, `Hold: not for publication`).
  const rest = WORD_BEFORE.exec(line)?.[1];
  return rest !== undefined && PHRASE_LINE.test(rest) ? line : undefined;
}

/**
 * A headline with a mark on it: a one-word mark in capitals before it (`DRAFT: Budget plan`,
 * `HOLD – Budget plan`), or a notice in brackets after it (`Budget plan [DO NOT PUBLISH]`,
 * `งบประมาณ (ร่าง)`). The headline without the mark, and the mark; undefined for a headline.
 */
export function markedTitle(text: string): { title: string; mark: string } | undefined {
  const line = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  const label = WORD_LABEL.exec(line.replace(/^[\s*_#>]+/u, ''));
  // `HOLD: do not publish` is a notice with no headline on it.
  if (label && !PHRASE_LINE.test(bare(line)) && holdLine(label[2] as string) === undefined)
    return { title: (label[2] as string).trim(), mark: (label[1] as string).trim() };
  const bracket = /^(.*\S)\s*[([{]([^()[\]{}]{1,60})[)\]}]\s*$/u.exec(line);
  if (bracket) {
    const inside = bracket[2] as string;
    if (PHRASE_LINE.test(bare(inside)) || WORD_ALONE.test(bare(inside)) || WORD_LABEL.test(bare(inside)))
      return { title: bracket[1] as string, mark: bare(inside) };
  }
  return undefined;
}

/** What a draft mark says, for the desk: the line, the mark, and how to publish. */
export function holdMessage(line: number, mark: string): string {
  return `line ${line}: "${mark.slice(0, 80)}" says not to publish, so the story is kept as a draft, out of every feed and page: delete the line (or the mark) to publish it`;
}

/** Values of `published:` and `draft:` as YAML 1.1 and desks write them (`yes`, `no`, `on`, `off`), any case. */
const TRUE = new Set(['true', 'yes', 'y', 'on']);
const FALSE = new Set(['false', 'no', 'n', 'off']);

/** `true`/`false` however written, else undefined. */
export function yesNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const word = String(value).trim().toLowerCase();
  return TRUE.has(word) ? true : FALSE.has(word) ? false : undefined;
}

/** `status:` values that mean "not out" in the tools stories come from (WordPress, Ghost, Jekyll exports, desks). */
const DRAFT_STATUS = new Set([
  'draft',
  'drafts',
  'pending',
  'private',
  'trash',
  'hidden',
  'unpublished',
  'hold',
  'held',
  'on hold',
  'scheduled',
  'future',
  'embargoed',
  'killed',
  'withdrawn',
  'review',
  'in review',
]);

/**
 * Whether front matter keeps the story a draft, and by which field: `draft` (a boolean however
 * written), Jekyll's `published: false`, or a `status:` of draft, pending, private... (any other
 * status, `publish` or `developing`, says nothing). A `draft` value that reads neither way is
 * BAD_FIELD, and takes a published version down: the desk meant something by it.
 */
export function frontMatterHold(
  meta: Record<string, unknown>,
  file: string,
  lineOf: (key: string) => number,
): { key: string; value: string } | undefined {
  const draft = meta.draft;
  if (draft !== undefined && draft !== null) {
    const read = yesNo(draft);
    if (read === undefined)
      throw new ArticleError(
        ProblemCode.BadField,
        `draft: "${String(draft).slice(0, 40)}" must be true or false (the story stays unpublished until it is)`,
        file,
        {
          line: lineOf('draft'),
          withholds: true,
        },
      );
    if (read) return { key: 'draft', value: 'true' };
  }
  if (yesNo(meta.published) === false) return { key: 'published', value: 'false' };
  const status = meta.status;
  if (typeof status === 'string' && DRAFT_STATUS.has(status.trim().toLowerCase().replace(/[-_]/g, ' ')))
    return { key: 'status', value: status.trim() };
  return undefined;
}

/**
 * Front matter that does not parse, with a line that names a field able to hold the story back
 * (`draft`, `published`, `status`, a release time): the problem takes a published version down,
 * as such a field that reads would (attack trial: `draft: true` added above a broken line left the story out).
 */
export function brokenFrontMatterHolds(source: string, isReleaseKey: (key: string) => boolean): boolean {
  for (const raw of source.split('\n')) {
    const field = /^\s*["']?([A-Za-z_][\w -]*?)["']?\s*:\s*["']?([^"'#]*)/.exec(raw);
    if (!field) continue;
    const key = field[1] as string;
    const value = (field[2] as string).trim();
    const name = key.toLowerCase();
    if (isReleaseKey(key)) return true;
    if (name === 'draft' && yesNo(value) !== false) return true;
    if (name === 'published' && yesNo(value) === false) return true;
    if (name === 'status' && DRAFT_STATUS.has(value.toLowerCase().replace(/[-_]/g, ' '))) return true;
  }
  return false;
}

// Marks that say a story must not go out: a newsroom's line (`DO NOT PUBLISH`, `HOLD FOR LEGAL`, `KILL`, `ห้ามเผยแพร่`) and the front-matter fields other tools write for a draft (`published: false`, `status: draft`).
//
// A desk writes its marks as no headline is written: an order in capitals (`DO NOT PUBLISH`, `KILL`,
// a reason only after the plainest: `DO NOT PUBLISH – call Somchai`), addressed to the desk (`EDS: do
// not use`), about "this story", a publishing phrase alone, or, in Thai, the whole line. Headlines,
// kickers, live blogs and law reports open with the same words in other ways (`Do not use, FDA warns`,
// `KILLED: 3 IN BANGKOK BLAST`, `HELD: The ban is lawful`, `EMBARGO` over a sanctions headline,
// `ห้ามเผยแพร่! ศาลสั่ง…`): four attack trials made each kind of those a draft under a looser rule, so
// the rule leans to news, and the README lists the desk forms it leaves as text.
import { ArticleError } from './errors.js';
import { ProblemCode } from './model.js';

/**
 * How a line was read as a mark. `whole`: an order and nothing else, anywhere in the head. `head`: an
 * order with its reason or desk words after it (`DO NOT PUBLISH – call Somchai`, `DO NOT PUBLISH
 * ONLINE`), under the headline or right above one. `below`: words a kicker also is (`DRAFT`,
 * `EMBARGO`, `UNDER EMBARGO`), under the headline only.
 */
export interface HoldMark {
  mark: string;
  kind: 'whole' | 'head' | 'below';
}

const VERBS = String.raw`(?:publish|use|run|print|post|air|broadcast|release|distribute|move|file|share|send|go\s+live|pub)\b`;
/** What a desk calls the copy in its notes (`this story`); `this report`, `this version`, `this text` are news's words too (trial). */
const NOUNS = 'story';

/** Phrases a desk writes, no headline's opening in capitals or as the whole line. */
const PHRASES = [
  // Not `never`: `Never publish what you cannot confirm` is a maxim, `NEVER POST YOUR BOARDING PASS` advice (trial).
  String.raw`(?:please\s+|pls\s+|plz\s+)?(?:do\s+not|don[’']?t|dnp)\s+(?:${VERBS})(?:\s*(?:or|and|/|,)\s*(?:${VERBS}))*`,
  'dnp|do[-_./]not[-_./]publish',
  String.raw`not\s+(?:yet\s+|ready\s+)?(?:for|to\s+be)\s+(?:public\s+)?(?:publication|published|release|released|use|used|broadcast|distribution|distributed|print|printed|pub)\b(?:\s+(?:or|and)\s+(?:publication|release|use|broadcast|distribution|print)\b)*`,
  String.raw`kill\s+advisory|mandatory\s+kill|(?:mandatory\s+|please\s+)?kill(?:ed)?(?:\s+(?:the|this)\s+(?:${NOUNS}))?`,
  // `STORY WITHDRAWN`, not `REPORT WITHDRAWN` or `ARTICLE WITHDRAWN BY JOURNAL` (caps headlines: trial).
  String.raw`(?:the\s+|this\s+)?(?:story|item|copy)\s+(?:is\s+|has\s+been\s+)?(?:killed|withdrawn|pulled|spiked|on\s+hold|held|embargoed|cancell?ed)`,
  String.raw`(?:on\s+)?(?:hold|held|holding)\s+(?:for|pending|until)\s+(?:legal|lawyers?|review|editors?|the\s+desk|desk|checks?|approval|sign[-\s]?off|clearance|fact[-\s]?check(?:ing)?|release|further\s+notice)(?:\s+(?:review|check|checks|clearance|team))?\b`,
  String.raw`(?:on\s+)?hold\s+(?:this|the)\s+(?:${NOUNS})\b`,
  String.raw`(?:for\s+)?internal\s+(?:use\s+)?only\b`,
  String.raw`(?:please\s+)?disregard(?:\s+(?:this|the)\s+(?:${NOUNS}))?`,
  // Not `FIRST DRAFT`: a newsletter's name (trial).
  String.raw`(?:working\s+|unedited\s+|rough\s+)?draft(?:\s+(?:only|copy|version|story))?`,
  String.raw`under\s+embargo|strictly\s+embargoed|embargoed\s+(?:story|item|copy|material|release)|for\s+release\s*[:：]\s*on\s+hold`,
];

/** A correction's own notice (`This story has been withdrawn and replaced with a corrected version`): the story is the replacement. */
const REPLACED = /\b(?:and\s+)?(?:replaced|reissued|superseded|corrected\s+version|updated\s+version)\b/iu;

/** Said only by a desk, as the whole line in any case (`Story withdrawn`, `Mandatory kill`, `Spike this`, `This is a draft`, `Spiked by the editor`). */
const DESK_ONLY =
  /^(?:story\s+(?:has\s+been\s+|is\s+)?(?:withdrawn|killed|pulled|spiked|on\s+hold|held)|mandatory\s+kill|kill\s+advisory|(?:spike|kill|withdraw)\s+this(?:\s+one)?|this\s+is\s+(?:a|the)\s+draft|not\s+yet\s+cleared\s+for\s+\w+|(?:spiked|killed|pulled|withdrawn|held)\s+by\s+(?:the\s+)?(?:editor|desk|subs?|legal|lawyers?))$/iu;
/** A desk's too, but a feature's headline or a column's kicker as well (`Please hold`, `Sub judice`): under the headline only. */
const DESK_HEAD = /^(?:(?:please|pls|plz)\s+hold(?:\s+(?:this(?:\s+one)?|it))?|hold\s+(?:pls|plz|please)|embargoed|sub\s+judice)$/iu;

/** About this story itself (`Reuters has withdrawn this story`, `Please do not publish this story yet`): any case, any words after. */
const SELF = new RegExp(
  String.raw`^(?:(?:\S+\s+){0,3}(?:has|have|is|are)\s+(?:withdrawn|killed|pulled|spiked|withdrawing|killing)\s+this\s+(?:${NOUNS})|(?:please\s+)?(?:do\s+not|don[’']?t)\s+(?:${VERBS})\s+this\s+(?:${NOUNS})|(?:please\s+)?(?:kill|disregard|withdraw|spike|hold)\s+this\s+(?:${NOUNS})|this\s+(?:${NOUNS})\s+(?:is|has\s+been)\s+(?:withdrawn|killed|pulled|spiked|on\s+hold|held|embargoed|cancell?ed))\b`,
  'iu',
);

/** One word a desk types as a mark: in capitals, alone, repeated (`KILL KILL KILL`), or with its reason after a separator. */
const WORD = 'DRAFT|HOLD|LEGAL HOLD|KILL|KILLED|SPIKE|SPIKED|WITHDRAWN|EMBARGOED|EMBARGO|UNPUBLISHED|PULLED|HELD|ELIMINATION|DISREGARD|DNP';
const WORD_ALONE = new RegExp(String.raw`^(?:${WORD})(?:\s+V?\d{1,3}(?:\.\d+)?)?(?:[\s,;/–—-]+(?:${WORD}))*$`, 'u');
/** One-word orders: no kicker says them. */
const ORDERS = /^(?:KILL|HOLD|SPIKE|DNP)(?:[\s,;/–—-]+(?:KILL|HOLD|SPIKE|DNP))*$/u;
/** A phrase of one word (`Draft`, `kill`): a mark only as WORD says, in capitals. */
const ONE_WORD = /^(?:draft|kill|killed|disregard|dnp)$/iu;

/** A note to the desk before the mark (`ATTENTION EDITORS:`, `EDS:`, `LEGAL –`, `หมายเหตุถึงบรรณาธิการ:`): the mark counts in any case after it. */
const TO_THE_DESK =
  /^(?:(?:(?:attention|attn\.?|note\s+to|notice\s+to|message\s+to|advisory\s+to)\s+)?(?:editors?|eds\.?|desks?|subs|all\s+clients|clients)(?:[’']?\s*note)?|editor[’']?s\s+note|desk\s+note|legal|reminder|fyi)\s*[:：–—-]\s*/iu;
const THAI_DESK =
  /^(?:หมายเหตุ(?:ถึง)?\s*(?:บรรณาธิการ|กองบรรณาธิการ|บก\.?)?|ถึง\s*(?:บรรณาธิการ|กองบรรณาธิการ|บก\.?)|บก\.?|ด่วน(?:ที่สุด)?|สำคัญ(?:มาก)?)\s*[:：!–—-]?\s*/u;

/** A heading in capitals before the mark (`CONFIDENTIAL – NOT FOR PUBLICATION`, `TEST STORY - DO NOT PUBLISH`, `AFP`). */
const CAPS_HEAD = /^[\p{Lu}\d][\p{Lu}\d .&'’]{0,30}?\s*(?:[:：|/]|\s?[–—-]+)\s*/u;
/** A wire's name before its advisory (`AFP KILL`, `AP KILL ADVISORY`). */
const AGENCY = /^(?:AFP|AP|REUTERS|ANSA|DPA|EFE|XINHUA|KYODO|BERNAMA)\s+/u;
/** Instructions no headline's kicker is: in capitals, any reason in mixed case after them (`HOLD FOR LEGAL (ext 4432)`, `DO NOT PUBLISH - v2`). */
const STRONG = /^(?:DO NOT PUBLISH|DON'T PUBLISH|NOT FOR PUBLICATION|DNP|HOLD FOR LEGAL|KILL THIS STORY)$/u;

/** Not `ออกอากาศ`: a broadcast suspended (`ระงับการออกอากาศ – กสทช. สั่ง…`, `งดออกอากาศ`) is news (trial). */
const THAI_VERB = '(?:เผยแพร่|เผยเเพร่|เผยแพร|เผยแผ่|ลงข่าว|ลงเว็บ(?:ไซต์)?|ลงออนไลน์|ตีพิมพ์|ใช้ข่าว|ปล่อยข่าว|ลง(?=\\s|$|นะ|ครับ|ค่ะ|ก่อน))';
const THAI_PUBLISH = String.raw`(?:กรุณา|โปรด|ขอ|ยัง)?\s*(?:(?:ข่าวนี้)?(?:ห้าม|งด|อย่า(?:เพิ่ง)?|ระงับ(?:การ)?|ยกเลิก(?:การ)?|ยังไม่(?:ให้|ต้อง)?|ไม่ให้)\s*(?:นำ(?:ข่าว(?:นี้)?)?(?:ออก|ไป)?)?\s*${THAI_VERB}(?:ข่าว)?(?:นี้)?|ไม่ใช้ข่าวนี้|ระงับข่าว(?:นี้)?|(?:ขอ)?(?:ถอน|ดึง|ยกเลิก)ข่าว(?:นี้)?(?:ด่วน)?|ข่าว(?:นี้)?(?:ขอถอน|ถูก(?:ถอน|ดึง|ระงับ|ยกเลิก))|ฉบับร่าง|ร่างข่าว)`;
const THAI_POLITE = String.raw`(?:\s*(?:โดย)?เด็ดขาด)?(?:ค่ะ|คะ|ครับ|นะ(?:คะ|ครับ|ค่ะ)?|จ้า|จ้ะ)?(?:พี่|น้อง|ทุกคน)?`;
/**
 * The desk's reason after a Thai mark: waiting on the desk, the lawyers or an approval, with or
 * without a separator; not any words (`ยังไม่เผยแพร่ จนกว่าคดีจะสิ้นสุด`, `รอตรวจสอบ: ยังไม่พบต้นฉบับ`,
 * `โปรดอย่าเผยแพร่ต่อ` are news: trial).
 */
const THAI_REASON = String.raw`(?:\s*[:：–—(-]?\s*(?:รอ\s*(?:ฝ่าย)?(?:กฎหมาย|บก\.?|บรรณาธิการ|อนุมัติ|ตรวจ)|จนกว่า(?:จะ)?(?:ได้รับ)?(?:การ)?(?:อนุมัติ|แจ้ง|ตรวจ)|ก่อนได้รับ(?:การ)?อนุมัติ|ติดต่อ\s*(?:บก|ฝ่าย))\S*(?:\s+\S+){0,4}\)?)?`;
/**
 * Thai: the whole line, with a polite word before or after it and, after a space or not, the
 * desk's reason (`ห้ามเผยแพร่ จนกว่าจะได้รับอนุมัติ`). No capitals to tell a headline by: a line that
 * goes on otherwise (`ห้ามเผยแพร่ภาพผู้ต้องหา`, `ห้ามเผยแพร่! ศาลสั่งปิดเว็บไซต์`, `ยังไม่ลงรอยกัน`) is text.
 */
const thaiLine = (phrase: string) =>
  new RegExp(`^${phrase}${THAI_POLITE}(?:\\s+${THAI_PUBLISH}${THAI_POLITE})?${THAI_REASON}${THAI_POLITE}$`, 'u');
const THAI_LINE = thaiLine(THAI_PUBLISH);

const PHRASE = new RegExp(`^(?:${PHRASES.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
/** One-word marks a headline may carry as its own: instructions in capitals, not words of news (`KILLED`, `HELD`, `EMBARGO`). */
const TITLE_WORD = /^(?:DRAFT|KILL|DNP|HOLD FOR LEGAL)$/u;
/** In brackets before the headline, a hold too (`[HOLD] Budget plan`): a tag after it is news's (`Trade deal – HOLD`). */
const TITLE_WORD_BEFORE = /^(?:DRAFT|KILL|DNP|HOLD|HOLD FOR LEGAL)$/u;
/** Phrases that tell the desk what to do (or not), not what happened: a headline's own mark in brackets or after a dash. */
const INSTRUCTION = /\b(?:not|don[’']?t|never|dnp|internal|legal|kill|hold|disregard)\b/iu;

/** Characters that show nothing, and bidi controls: a word processor's, inside `DO NOT PUB\u200BLISH` or `ห้าม\u200Bเผยแพร่`. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
/** Markup, rules, brackets and symbols around a line (`**…**`, `+++ … +++`, `🚫 … 🚫`, `<!-- … -->`, `XXX … XXX`). */
const AROUND =
  /^(?:[\s*_=~#>|•·[\](){}<!.…–—+`'"“”‘’«»/\\-]|\p{Extended_Pictographic}|\uFE0F|X{3,}\s)+|(?:[\s*_=~#>|•·[\](){}<!.…–—+`'"“”‘’«»/\\-]|\p{Extended_Pictographic}|\uFE0F|\sX{3,})+$/gu;
const QUOTED = /^[\s*_#>]*["“”'‘«„]/u;

/** Lines longer than this are prose, whatever they open with (and no pattern here runs on more). */
const LONGEST = 160;

/** Words one of the marks has: a line without one is looked at no further (every short line of every story passes here). */
const MARK_WORD =
  /judice|publi|\bpub\b|\buse|\brun\b|print|post|\bair\b|broadcast|releas|distribut|\bmove|\bfile|share|send|live|kill|hold|held|draft|embarg|withdr|spike|pull|disregard|dnp|internal|eliminat|เผย|ลง|ตีพิมพ์|ออกอากาศ|ใช้|โพสต์|ปล่อย|ส่งต่อ|ถอน|ดึง|ยกเลิก|ระงับ|รอ|อนุมัติ|ร่าง/iu;

/** A phrase in mixed case counts as the whole line only when it names publishing or the lawyers (`Do not publish`, `Hold for legal`): `Do not use.`, `Don't move.` are ledes. */
const MIXED_WHOLE = /publi|\bpub\b|legal|lawyer|internal/iu;

/** A desk's note that the story may go (`HOLD FOR LEGAL – cleared by legal 14 May`, `approved by desk, ok to run`). */
const CLEARED =
  /(?<![\p{L}\p{N}])(?<!not\s+(?:yet\s+)?)(?:cleared|approved|lifted|ok(?:'?d)?\s+to\s+(?:run|publish|go)|go\s+ahead|อนุมัติแล้ว|ลงได้)(?![\p{L}\p{N}])/iu;

/** What a desk adds after a mark in capitals (`DO NOT PUBLISH ONLINE`, `… ANY OF THIS`, `… YET`); not any words (`DO NOT USE TAP WATER`). */
const CAPS_MORE =
  /^\s+(?:YET|NOW|TODAY|ONLINE|ON\s+(?:THE\s+)?WEB(?:SITE)?|ANY\s+OF\s+(?:THIS|IT)|ANYTHING(?:\s+BELOW)?|THIS(?:\s+(?:STORY|ITEM|ONE))?|PLEASE|PLS|OR\s+(?:SHARE|POST|BROADCAST|AIR))[!.]*$/u;
/** The same after a publishing phrase in mixed case (`Do not publish yet`, `Not for publication yet!`). */
const MIXED_MORE = /^\s+(?:yet|now|today|please|pls|online|per\s+\p{Lu}\S*(?:\s+\p{Lu}\S*)?)[!.]*$/u;

/** A line as a reader sees its words: invisible characters, markup, rules and symbols around it gone, full-width letters folded. */
function bare(text: string): string {
  return folded(text).replace(/\s+/gu, ' ').replace(AROUND, '').trim();
}

/**
 * Full-width letters as ASCII (`ＤＯ ＮＯＴ`), invisible characters gone. Not NFKC: it splits Thai's
 * sara am (`นำ` → nikhahit and sara aa), and no Thai mark read.
 */
function folded(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\uFF01-\uFF5E]/gu, (c) => String.fromCharCode((c.codePointAt(0) as number) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

const hasLower = (text: string) => /\p{Ll}/u.test(text);

/** The mark when the whole line says not to publish (hold-marks.ts, top), else undefined. */
export function holdLine(text: string): HoldMark | undefined {
  if (text.length > LONGEST || QUOTED.test(text) || !MARK_WORD.test(folded(text))) return undefined;
  // A zero-width space is a word's break in Thai and may stand for a space (`DO\u200BNOT\u200BPUBLISH`) or split a word (`PUB\u200BLISH`): both read.
  return readHold(bare(text)) ?? (text.includes('\u200B') ? readHold(bare(text.replace(/\u200B/g, ' '))) : undefined);
}

function readHold(line: string): HoldMark | undefined {
  if (line === '' || CLEARED.test(line)) return undefined;
  const whole = { mark: line, kind: 'whole' } as const;
  const thai = line.replace(THAI_DESK, '');
  if (THAI_LINE.test(thai)) return whole;
  if (SELF.test(line) && !REPLACED.test(line)) return whole;
  if (DESK_ONLY.test(line)) return whole;
  if (DESK_HEAD.test(line)) return { mark: line, kind: 'head' };
  const desk = TO_THE_DESK.exec(line);
  const rest = desk ? line.slice(desk[0].length) : line;
  // After a note to the desk, any case; still the mark alone or with its reason (`MEMO: DO NOT USE PERSONAL PHONES, STAFF TOLD` is a headline).
  if (
    desk &&
    rest !== '' &&
    (SELF.test(rest) || DESK_ONLY.test(rest) || DESK_HEAD.test(rest) || capsMark(rest.toUpperCase()) !== undefined)
  )
    return whole;
  if (phrases(rest)) return whole;
  const mark = capsMark(rest);
  if (mark) return mark;
  const agency = AGENCY.exec(rest);
  if (agency) return capsMark(rest.slice(agency[0].length));
  // A caps heading before the plainest instructions (`SUB JUDICE – DO NOT PUBLISH`), nothing else (`RATING: HOLD`,
  // `STATUS: ON HOLD PENDING APPROVAL`: fact boxes, trials).
  const headed = rest.replace(CAPS_HEAD, '');
  if (headed === rest) return undefined;
  if (DESK_ONLY.test(headed)) return { mark: line, kind: 'whole' };
  const order = PHRASE.exec(headed)?.[0];
  if (order === undefined || !STRONG.test(order.replace(/\s+/gu, ' ').toUpperCase())) return undefined;
  // `CAUTION – do not publish`, `MEMO: do not publish`: the plainest order in any case, alone.
  return capsMark(headed) ?? (headed.length === order.length ? { mark: line, kind: 'whole' } : undefined);
}

/** Two marks or more and nothing else, in any case (`Story pulled, do not use`, `Draft - do not publish`). */
function phrases(line: string): boolean {
  const parts = line.split(/\s*[,;–—|]\s*|\s+-+\s+|\s*-\s+|\s+-\s*/u).filter((p) => p !== '');
  return parts.length >= 2 && parts.every((part) => PHRASE.exec(part)?.[0].length === part.length || WORD_ALONE.test(part.toUpperCase()));
}

/**
 * A mark in capitals: a phrase alone, or with the desk's reason after a separator (`DO NOT PUBLISH –
 * legal is checking`; `DO NOT USE: a sign on the broken lift` is a caption), or with a few more
 * words in capitals (`DO NOT PUBLISH ONLINE`, under the headline only: `DO NOT USE, FDA WARNS` is a
 * caps headline); one word alone, or under the headline with its reason (`KILL: wrong figures`;
 * `KILLED: 3 IN BANGKOK BLAST` is a headline). In mixed case, a phrase that names publishing or the
 * lawyers, alone or with the desk's reason (`Do not publish until legal clears`).
 */
function capsMark(line: string): HoldMark | undefined {
  if (line === '') return undefined;
  // An order (`KILL`, `HOLD`, `KILL KILL KILL`) anywhere in the head; a word that is also a kicker's (`EMBARGO`, `DRAFT`,
  // `WITHDRAWN` over an NFL or a sanctions headline: trial) under the headline only.
  if (WORD_ALONE.test(line)) return { mark: line, kind: ORDERS.test(line) ? 'whole' : 'below' };
  const phrase = PHRASE.exec(line);
  if (!phrase || ONE_WORD.test(phrase[0])) return undefined;
  const after = line.slice(phrase[0].length);
  if (!hasLower(phrase[0])) {
    // A state rather than an order (`UNDER EMBARGO` over a headline is a kicker: trial): under the headline only.
    if (after === '') return { mark: line, kind: INSTRUCTION.test(phrase[0]) ? 'whole' : 'below' };
    // A reason only after the plainest instructions, and then only where a headline is not (`DO NOT USE: Cough syrup…`,
    // `HOLD FOR LEGAL? WHY THE PM'S LAWYERS…`, `KILLED: Editor of local news site` are headlines: trials).
    if (STRONG.test(phrase[0].replace(/\s+/gu, ' ').replace('’', "'")) && /^\s*[:：;,.!?–—|/([-]/u.test(after) && /[\p{Ll}\d]/u.test(after))
      return { mark: line, kind: 'head' };
    return CAPS_MORE.test(after) ? { mark: line, kind: 'head' } : undefined;
  }
  return MIXED_WHOLE.test(phrase[0]) && (after === '' || MIXED_MORE.test(after)) ? { mark: line, kind: 'whole' } : undefined;
}

/**
 * A headline with a mark on it: in brackets before or after it (`[DRAFT] Budget plan`, `Budget
 * plan [DO NOT PUBLISH]`, `งบประมาณ (ห้ามเผยแพร่)`), after a dash or between stars at its end
 * (`Budget plan – WITHDRAWN`, `Budget plan ***DO NOT PUBLISH***`), or a phrase in capitals before
 * it (`DO NOT PUBLISH: Budget plan`). The mark must be one in capitals or Thai: `Fed decision
 * (hold)`, `Nadal out (withdrawn)` are headlines. The headline without it and the mark; undefined for a headline.
 */
export function markedTitle(text: string): { title: string; mark: string } | undefined {
  if (text.length > 2 * LONGEST) return undefined;
  const line = text.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  // A mark of its own on a headline: an instruction (`DO NOT PUBLISH`, `DRAFT`, `KILL`, `[do not publish]`) or Thai
  // publishing words, never a tag a headline carries (`[EMBARGO]`, `– KILLED`, `(HELD)`, `(รอตรวจสอบ)`: trials).
  const strong = (mark: string, bracketed: boolean) => {
    const found = holdLine(mark);
    const word = bare(mark);
    const thai = THAI_LINE.test(word) && /^(?:ห้าม|งด|อย่า|ระงับ)/u.test(word);
    // In lower case only the plainest order (`[do not publish]`): `(not for publication)`, `(internal use only)` tag a leak's headline (trial).
    const order = hasLower(word) ? /^(?:do\s+not|don[’']?t)\s+(?:publish|run|use)\b/iu.test(word) : INSTRUCTION.test(word);
    return found?.kind === 'whole' && (TITLE_WORD.test(word) || (bracketed && thai) || (/\s/u.test(word) && PHRASE.test(word) && order));
  };
  const before = /^[[(]\s*([^()[\]]{1,60}?)\s*[\])]\s*(\S.*)$/u.exec(line);
  if (before && (strong(before[1] as string, true) || TITLE_WORD_BEFORE.test(bare(before[1] as string))))
    return { title: before[2] as string, mark: (before[1] as string).trim() };
  const after =
    /^(.*\S)\s*(?:[([{]\s*([^()[\]{}]{1,60}?)\s*[)\]}]|\s(?:[–—]|-{1,2})\s*([^–—]{1,60}?)|\*{2,3}\s*([^*]{1,60}?)\s*\*{2,3})\s*$/u.exec(
      line,
    );
  const suffix = after?.[2] ?? after?.[3] ?? after?.[4];
  if (after && suffix !== undefined && strong(suffix, after[2] !== undefined)) return { title: after[1] as string, mark: suffix.trim() };
  const phrase = PHRASE.exec(bare(line));
  if (phrase && !hasLower(phrase[0]) && !WORD_ALONE.test(phrase[0]) && MIXED_WHOLE.test(phrase[0])) {
    const rest = /^\s*[:：–—|-]+\s*(\S.*)$/u.exec(bare(line).slice(phrase[0].length))?.[1];
    if (rest !== undefined && hasLower(rest)) return { title: rest, mark: phrase[0] };
  }
  return undefined;
}

/** What a draft mark says, for the desk: the line, the mark, and how to publish. */
export function holdMessage(line: number, mark: string): string {
  return `line ${line}: "${mark.slice(0, 80)}" says not to publish, so the story is kept as a draft, out of every feed and page: delete the line (or the mark) to publish it`;
}

/** Values of `published:` and `draft:` as YAML 1.1 and desks write them (`yes`, `no`, `on`, `off`, 1, 0), any case. */
const TRUE = new Set(['true', 'yes', 'y', 'on']);
const FALSE = new Set(['false', 'no', 'n', 'off']);

/** `true`/`false` however written, else undefined. */
export function yesNo(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  return TRUE.has(word) ? true : FALSE.has(word) ? false : undefined;
}

/** `status:` values that mean "not out" in the tools stories come from (WordPress, Ghost, Jekyll exports, desks). */
const DRAFT_STATUS = new Set([
  'draft',
  'drafts',
  'pending',
  'private',
  'trash',
  'trashed',
  'hidden',
  'unpublished',
  'hold',
  'held',
  'on hold',
  'scheduled',
  'future',
  'embargoed',
  'killed',
  'spiked',
  'withdrawn',
  'deleted',
  'rejected',
  'in review',
  'in progress',
  'not ready',
  'needs review',
  'pending review',
  'awaiting approval',
  'wip',
  'work in progress',
  'do not publish',
  'not for publication',
  'ร่าง',
  'ฉบับร่าง',
  'ห้ามเผยแพร่',
  'รอตรวจ',
  'รอตรวจสอบ',
  'รออนุมัติ',
]);

const draftStatus = (value: unknown): boolean =>
  typeof value === 'string'
    ? DRAFT_STATUS.has(value.trim().toLowerCase().replace(/[-_]/g, ' '))
    : Array.isArray(value) && value.some(draftStatus);

/** True for the draft fields themselves (`draft`, `isDraft`): their meaning needs no word on the desk. */
export const isDraftField = (key: string) => fieldName(key) === 'draft' || fieldName(key) === 'isdraft';

/** Field names as desks vary them: `Draft`, `IS_DRAFT`, `isDraft` are `draft`/`isdraft`. */
const fieldName = (key: string) => key.toLowerCase().replace(/[\s_-]/g, '');

/**
 * Whether front matter keeps the story a draft, and by which field: `draft` or `isDraft` (a
 * boolean however written), Jekyll's `published: false`, `publish: false`, a `status:` of
 * draft, pending, private... (any other status, `publish` or `developing`, says nothing), any
 * case of their names; or a note field (`note: DO NOT PUBLISH`) or a comment line (`# HOLD`) that
 * is a mark. A `draft` value that reads neither way is BAD_FIELD, and takes a published version
 * down: the desk meant something by it.
 */
export function frontMatterHold(
  meta: Record<string, unknown>,
  file: string,
  lineOf: (key: string) => number,
  source = '',
): { key: string; value: string; line?: number } | undefined {
  for (const [key, value] of Object.entries(meta)) {
    const name = fieldName(key);
    if (value === undefined || value === null || value === '') continue;
    if (name === 'draft' || name === 'isdraft') {
      const read = yesNo(value);
      if (read === undefined)
        throw new ArticleError(
          ProblemCode.BadField,
          `${key}: "${String(value).slice(0, 40)}" must be true or false (the story stays unpublished until it is)`,
          file,
          { line: lineOf(key), withholds: true },
        );
      if (read) return { key, value: String(value) };
    } else if ((name === 'published' || name === 'publish') && yesNo(value) === false) return { key, value: String(value) };
    else if ((name === 'status' || name === 'state') && draftStatus(value)) return { key, value: String(value) };
    else if (NOTE_FIELDS.has(name)) {
      // A note is the desk's whatever its case (`note: do not publish – legal`), a list of notes too, a block's first line.
      const notes = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      const mark = notes.map((v) => v.trim().split('\n')[0] as string).find((v) => holdLine(v.toUpperCase()) !== undefined || holdLine(v));
      if (mark !== undefined) return { key, value: mark };
    }
  }
  // A comment in the front matter is the desk's (`# DO NOT PUBLISH`).
  const lines = source.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const comment = /^\s*#\s*(.+)$/.exec(lines[k] as string)?.[1];
    const mark = comment === undefined ? undefined : holdLine(comment);
    // Line k of the front matter is line k + 2 of the file, under its opening `---`.
    if (mark) return { key: '#', value: mark.mark, line: k + 2 };
  }
  return undefined;
}

/** Fields that hold the desk's notes (not a summary or description, which may quote a sign: trial): a mark there holds the story. */
const NOTE_FIELDS = new Set(['note', 'notes', 'comment', 'comments', 'editornote', 'desknote', 'memo', 'หมายเหตุ']);

/**
 * Front matter that does not parse, with a line that names a field able to hold the story back
 * (`draft`, `published: false`, a draft `status`, a release time): the problem takes a published
 * version down, as such a field that reads would.
 */
export function brokenFrontMatterHolds(source: string, isReleaseKey: (key: string) => boolean): boolean {
  for (const raw of source.split('\n')) {
    const field = /^\s*["']?([A-Za-z_][\w -]*?)["']?\s*:\s*["']?([^"'#]*)/.exec(raw);
    if (!field) continue;
    const key = field[1] as string;
    const value = (field[2] as string).trim();
    const name = fieldName(key);
    if (isReleaseKey(key)) return true;
    if ((name === 'draft' || name === 'isdraft') && yesNo(value) !== false) return true;
    if ((name === 'published' || name === 'publish') && yesNo(value) === false) return true;
    if ((name === 'status' || name === 'state') && draftStatus(value)) return true;
  }
  return false;
}

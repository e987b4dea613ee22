// Credit lines by evidence: a label, a known agency or publication, or a byline form; never by shortness alone.
import { DEFAULT_CREDITS } from './known-credits.js';
export { DEFAULT_CREDITS } from './known-credits.js';
// Labels that name the writer or the source; a colon follows, or (for the `by` kind) a space.
const WRITER_LABELS = 'ที่มา|แหล่งที่มา|แหล่งข่าว|เรื่องและภาพ|เรื่อง/ภาพ|เรื่องโดย|เรื่อง|ข่าวโดย|ข่าว|เขียนโดย|ผู้เขียน|เขียน|รายงานโดย|ผู้รายงาน|เรียบเรียงโดย|เรียบเรียง|แปลและเรียบเรียง|ผู้สื่อข่าว|บรรณาธิการ|ขอบคุณข้อมูล(?:จาก)?|ข้อมูลจาก|อ้างอิง|เครดิต|โดย|additional reporting by|reporting by|reported by|written by|words by|text by|story by|compiled by|editing by|edited by|by|sources?|credits?|words|text|story|author|reporter|writer';
const PHOTO_LABELS = 'ภาพโดย|ภาพประกอบ|ภาพข่าว|ภาพ|ขอบคุณภาพ(?:จาก)?|photos? by|photograph(?:s|y)?(?: by)?|photos?|images?|pictures?';
/** Labels that may stand without a colon: they read as "by". */
const SPACE_LABELS = /^(?:ที่มา|เรื่องโดย|ภาพโดย|เขียนโดย|รายงานโดย|เรียบเรียงโดย|ข่าวโดย|โดย|additional reporting by|reporting by|reported by|written by|words by|text by|story by|photos? by|compiled by|by)\s+/iu;
const LABEL_ANYWHERE = new RegExp(`(?:^|(?<=[\\s|,;/]))(${WRITER_LABELS}|${PHOTO_LABELS})\\s*[:：]\\s*`, 'giu');
const PHOTO_LABEL = new RegExp(`^(?:${PHOTO_LABELS})$`, 'iu');
/** Words of Thai reporting prose: a line that holds one outside a known name is a sentence, not a credit. */
const THAI_PROSE = /รายงาน(?!โดย)|เผย|ระบุ|กล่าว|ว่า|แถลง|เตือน|คาด|จะ|ได้|แล้ว|ไม่|เมื่อ|ซึ่ง|ของ(?!ข่าว)|ที่จะ|อยู่|กำลัง/u;
/** Prefixes that make a Thai line a newsroom's name: an agency (สำนักข่าว...), a desk or team. */
const THAI_DESK = /^(?:สำนักข่าว|ทีมข่าว|กองบรรณาธิการ|โต๊ะข่าว|ฝ่ายข่าว|ศูนย์ข่าว|ทีมงาน|ผู้สื่อข่าว(?:พิเศษ|ประจำ|ภูมิภาค|ต่างประเทศ)?)[\p{L}\p{M} ]{0,30}$/u;
/** Roles that make a line a byline: `Jane Doe, Staff Writer`, `สมชาย ใจดี ผู้สื่อข่าว`. */
const ROLE = /\S[\s,/|-]+(?:staff(?: writer| reporter)?|correspondent|reporter|editor|columnist|contributor|special to|ผู้สื่อข่าว(?:พิเศษ|ประจำ[ก-๙]*|ภูมิภาค|ต่างประเทศ|อาวุโส)?|นักข่าว|บรรณาธิการ(?:ข่าว[ก-๙]*|บริหาร)?|คอลัมนิสต์|ช่างภาพ)$/iu;
const ROLE_WORDS = /ผู้สื่อข่าว(?:พิเศษ|ประจำ[ก-๙]*|ภูมิภาค|ต่างประเทศ|อาวุโส)?$|บรรณาธิการ(?:ข่าว[ก-๙]*|บริหาร)?$/u;
/**
 * A person by honorific, given name and family name: `นายสมชาย ใจดี`, `ดร.สมศรี มีสุข`. The
 * family name is needed: `นาย` and `นาง` also begin common nouns that open a lede
 * (`นายกรัฐมนตรีลงพื้นที่`, the prime minister; `นายอำเภอ`, a district chief; `นางสาวไทย`, Miss
 * Thailand), and those that stand before a space (`นายกฯ ลงพื้นที่`) are named.
 */
const THAI_HONORIFIC = /^(?:นาย|นาง|นางสาว|น\.ส\.|ดร\.|ผศ\.|รศ\.|ศ\.)\s?(?!กรัฐมนตรี|กฯ|กเทศมนตรี|กสมาคม|กอบ[ตจ]|อำเภอ|ทหาร|ตำรวจ|จ้าง|ทุน|หน้า|พยาบาล|แบบ|งาม|สาวไทย)[ก-๙]{1,20}(?:\s[ก-๙]{1,24}){1,2}$/u;
/** English publication names by their form: `Kyodo News`, `Pattaya Mail`, `Chiang Rai Times`. */
const PUBLICATION_FORM = /^(?:The\s)?(?:[A-Z][\p{L}'’.&-]*\s){0,3}(?:News|Times|Post|Herald|Tribune|Journal|Gazette|Agency|Press|Online|Today|Daily|Media|Mail|Wire|Network|TV|Radio)$/u;
/** Compile `DEFAULT_CREDITS` plus `extra` (from the configuration). */
export function creditNames(extra = []) {
    const names = [...new Set([...DEFAULT_CREDITS, ...extra].map((n) => n.normalize('NFC').trim()).filter((n) => n !== ''))].sort((a, b) => b.length - a.length);
    // All-capital acronyms match only in capitals (AP is not "ap"); other names in any case.
    const exact = names.filter((n) => /^[A-Z]{2,4}$/.test(n)).map(escapeRegExp);
    const loose = names.filter((n) => !/^[A-Z]{2,4}$/.test(n)).map(escapeRegExp);
    // Thai has no spaces: a name must not run into more letters, except the `ออนไลน์` of its website.
    const edgeBefore = String.raw `(?<![\p{L}\p{M}\d])`;
    const edgeAfter = String.raw `(?:ออนไลน์)?(?![\p{L}\p{M}\d])`;
    const exactRe = exact.length ? new RegExp(`${edgeBefore}(?:${exact.join('|')})${edgeAfter}`, 'u') : undefined;
    const looseRe = loose.length ? new RegExp(`(?:${edgeBefore}|(?<=สำนักข่าว|ภาพ|ที่มา))(?:${loose.join('|')})${edgeAfter}`, 'iu') : undefined;
    return {
        find(text) {
            const m = exactRe?.exec(text) ?? looseRe?.exec(text);
            return m ? { start: m.index, end: m.index + m[0].length } : undefined;
        },
    };
}
const DEFAULT_NAMES = creditNames();
const compiled = new Map();
/** `creditNames(extra)`, compiled once per distinct list (a site has one). */
export function creditNamesFor(extra) {
    if (extra === undefined || extra.length === 0)
        return DEFAULT_NAMES;
    const key = extra.join('\n');
    let names = compiled.get(key);
    if (!names) {
        if (compiled.size > 8)
            compiled.clear();
        names = creditNames(extra);
        compiled.set(key, names);
    }
    return names;
}
/**
 * Read a line as a credit. Evidence is one of: a label (`ที่มา:`, `โดย`, `เรื่อง:`, `ภาพ:`,
 * `By`, `Source:` ...), a known agency or publication standing alone or beside a name
 * (`AFP`, `รอยเตอร์`, `Jane Doe, Reuters`, `Reuters/AFP`), a Thai newsroom name (`สำนักข่าว...`,
 * `ทีมข่าว...`), a publication's form (`Kyodo News`), or a byline with a role or an honorific
 * (`Jane Doe, Staff Writer`, `นายสมชาย ใจดี`). A short name-like line without evidence is
 * `unsure`; anything else is undefined.
 */
export function readCredit(input, names = DEFAULT_NAMES) {
    const line = input
        .normalize('NFC')
        .replace(/\s+/gu, ' ')
        .trim()
        .replace(/^[([—–-]+\s*|\s*[)\]]+$/gu, '')
        .trim();
    if (line === '' || [...line].length > 120)
        return undefined;
    const labelled = readLabelled(line);
    if (labelled)
        return labelled;
    if (!isNameLike(line, 10))
        return undefined;
    const known = names.find(line);
    if (known) {
        const rest = `${line.slice(0, known.start)} ${line.slice(known.end)}`.replace(/[\s,/|&+;-]+|\b(?:and|via)\b|และ/giu, ' ').trim();
        const photo = /\b(?:photo|photos|pictures?)\b/iu.test(rest);
        // Beside a known name only another name may stand: short, no digits, no Thai sentence (a wire lede is no credit).
        const nameBeside = isNameLike(rest, 6) && !THAI_PROSE.test(rest) && !/\d/u.test(rest) && [...rest].length <= 40 && !/[ก-๙]{16,}/u.test(rest);
        if (rest === '' || photo || nameBeside) {
            return { credit: photo ? { photo: line, evidence: 'a photo agency' } : { author: line, evidence: 'a known agency or publication' } };
        }
    }
    if (THAI_DESK.test(line) && !THAI_PROSE.test(line.replace(/^[^\s]*?ข่าว/u, '')))
        return { credit: { author: line, evidence: 'a newsroom name' } };
    if (/^[ก-๙]{2,24}ออนไลน์$/u.test(line))
        return { credit: { author: line, evidence: 'a news website name' } };
    if (PUBLICATION_FORM.test(line))
        return { credit: { author: line, evidence: 'a publication name' } };
    if (ROLE.test(line) && line.split(' ').length <= 7 && !THAI_PROSE.test(line.replace(ROLE_WORDS, ''))) {
        return { credit: { author: line, evidence: 'a byline with a role' } };
    }
    if (THAI_HONORIFIC.test(line) && !THAI_PROSE.test(line))
        return { credit: { author: line, evidence: 'a byline with an honorific' } };
    if (looksLikeName(line))
        return { unsure: `"${line}" may be a credit; it was kept as text (write "By ${line}" or "ที่มา: ${line}" to make it one)` };
    return undefined;
}
/** `label: value` segments (`เรื่อง: สมชาย ภาพ: สมศรี`), or a leading `by`-kind label with a space. */
function readLabelled(line) {
    const spaced = SPACE_LABELS.exec(line);
    const segments = [];
    LABEL_ANYWHERE.lastIndex = 0;
    const marks = [...line.matchAll(LABEL_ANYWHERE)];
    if (marks.length > 0 && marks[0]?.index === 0) {
        marks.forEach((m, i) => {
            const next = marks[i + 1];
            segments.push({ label: m[1], value: line.slice((m.index ?? 0) + m[0].length, next?.index).trim() });
        });
    }
    else if (spaced) {
        segments.push({ label: spaced[0].trim(), value: line.slice(spaced[0].length).trim() });
    }
    else {
        return undefined;
    }
    const credit = { evidence: `the label "${segments[0]?.label}"` };
    for (const { label, value } of segments) {
        // `Reporting by A; Editing by B`: the first name is the credit, the rest is the desk's.
        const clean = (value.split(/\s*;\s*/u)[0] ?? '').replace(/[\s,|/]+$/u, '');
        if (!isCreditValue(clean, label))
            return undefined;
        if (PHOTO_LABEL.test(label.replace(/\s+by$|โดย$/iu, '')) || /^ภาพ|^ขอบคุณภาพ|^photo/iu.test(label))
            credit.photo ??= clean;
        else
            credit.author ??= clean;
    }
    return { credit };
}
/** A label's value: a name or a source, not a sentence (`By the end of the day, ...` is prose). */
function isCreditValue(value, label) {
    if (value === '' || [...value].length > 80 || value.split(' ').length > 10)
        return false;
    if (/^https?:\/\/\S+$/iu.test(value))
        return true;
    if (/[.!?…]$/u.test(value.replace(/\b[A-Z][a-z]{0,3}\.$/u, '')))
        return false;
    if (/^by$|โดย$/iu.test(label) || /\bby$/iu.test(label)) {
        // After a bare "by", English words must read as a name: capitalised, or a connector.
        return (value
            .split(/[\s,;]+/u)
            .every((w) => w === '' ||
            !/^[a-z]/u.test(w) ||
            /^(?:and|by|of|in|for|at|de|da|la|van|von|der|bin|al|staff|writer|reporter|correspondent|the)$/u.test(w)) && !THAI_PROSE.test(value.replace(ROLE_WORDS, '')));
    }
    return true;
}
/** Letters, marks, digits and the punctuation of names and lists; no sentence end. */
function isNameLike(text, maxWords) {
    return (text.split(' ').length <= maxWords &&
        /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .,'’&/()+|ฯ-]*$/u.test(text) &&
        !/[.!?]$/u.test(text.replace(/\b[A-Z][a-z]{0,3}\.$/u, '')));
}
/** Two to four capitalised Latin words, or one to three short Thai words, with no digits. */
function looksLikeName(line) {
    if (/\d/u.test(line) || [...line].length > 40)
        return false;
    if (/^(?:[A-Z][\p{L}'’.-]*)(?:\s(?:[A-Z][\p{L}'’.-]*|and|&)){1,3}$/u.test(line))
        return true;
    // A Thai personal name is a given name and a family name with a space between.
    return /^[ก-๙]{2,14}(?:\s[ก-๙]{2,16}){1,2}$/u.test(line) && !THAI_PROSE.test(line);
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}
//# sourceMappingURL=credit.js.map
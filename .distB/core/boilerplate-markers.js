// Lines that start page boilerplate in newsroom plain text (from such a line to the end is dropped), and how a line is matched against them.
import { cleanLine } from './text.js';
/** Markers that start page boilerplate in newsroom plain text (see README). */
// biome-ignore format: a list of phrases reads better packed than one per line
export const DEFAULT_BOILERPLATE_MARKERS = [
    'เพิ่มเพื่อน', 'ข่าวที่เกี่ยวข้อง', 'อ่านข่าวที่เกี่ยวข้อง', 'ข่าวแนะนำ', 'ข่าวล่าสุด', 'อ่านเพิ่มเติม', 'แชร์', 'แชร์ข่าว',
    'Tags:', 'แท็ก:', 'Related', 'Related news', 'Related articles', 'Read more', 'Share', 'Share this', 'Share this article',
    'Share this story', 'Related stories', 'Related coverage', 'Read next', 'More stories', 'Our Standards:', 'แท็กที่เกี่ยวข้อง',
    'อ่านข่าวเพิ่ม', 'อ่านข่าวเพิ่มเติม', 'อ่านข่าวต้นฉบับ', 'ข่าวอื่นๆ', 'ข่าวยอดนิยม', 'เรื่องที่เกี่ยวข้อง',
    'บทความที่เกี่ยวข้อง',
];
/** A line inviting the reader to follow a channel: `กดเพิ่มเพื่อน LINE @x`, `ติดตามข่าวสารได้ทาง Facebook`. */
const FOLLOW_US = /^(?:กด|คลิก)?\s?(?:เพิ่มเพื่อน|ติดตาม[^\n]{0,80}?(?:facebook|\bline\b|twitter|youtube|tiktok|instagram|@))/iu;
/**
 * Index of the first line (after the title) that starts page boilerplate; -1 if none. A marker
 * matches a line that is exactly the marker, or starts with it followed by a colon (`Read more:
 * …`, `แท็ก : …`, spaces before the colon allowed); a Thai marker also matches the start of a
 * short line when no Thai word follows it (`อ่านข่าวต้นฉบับได้ที่ : …`, but not `แชร์ลูกโซ่…`),
 * and so does an invitation to follow a channel. Markers ending in `:` match any line they start.
 */
export function findBoilerplate(lines, markers) {
    const prepared = preparedMarkers(markers);
    const { colonPrefixes, exact, thai, longest } = prepared;
    return lines.findIndex((line, i) => {
        if (i === 0 || startsWithNone(line, prepared))
            return false;
        // Markers are short: only a line's start can match, so a long line is cut before cleaning.
        const l = normMarker(line.length > 400 ? line.slice(0, 400) : line);
        if (l.length <= 120 && FOLLOW_US.test(l))
            return true;
        const head = l.slice(0, longest);
        if (exact.has(l.replace(/[:：]$/u, '')))
            return true;
        if (head.includes(':') && colonPrefixes.some((m) => head.startsWith(m)))
            return true;
        // Thai glues words: a marker counts at a short line's start when what follows is not more Thai words.
        return l.length <= 120 && thai.some((m) => l.startsWith(m) && /^(?:$|[^ก-๙]|ได้ที่|ได้ทาง|คลิก)/u.test(l.slice(m.length)));
    });
}
/** How an invitation to follow a channel (FOLLOW_US) can start. */
const FOLLOW_OPENINGS = ['กด', 'คลิก', 'เพิ่มเพื่อน', 'ติดตาม'];
/**
 * True when the line's opening words show that it starts with no marker and no invitation, so
 * nothing can match it. The opening ends just before a space of the line, so it cleans to an
 * exact prefix of the cleaned line (NFC never composes across a space, and the space before a
 * colon it drops is at the cut). Most lines are long paragraphs: cleaning all of each was a
 * tenth of a parse.
 */
function startsWithNone(line, prepared) {
    const { openings, longestOpening } = prepared;
    const space = line.indexOf(' ', longestOpening);
    if (space < 0 || space > longestOpening + 160)
        return false;
    const opening = normMarker(line.slice(0, space));
    return opening.length >= longestOpening && !openings.some((o) => opening.startsWith(o));
}
/** A line or marker as they are compared: cleaned, lower case, no space before a colon. */
function normMarker(text) {
    // `İ` lowers to `i` + U+0307: `İLGİLİ` must meet a marker typed `İlgili`. A full-width colon is a colon.
    let l = cleanLine(text).toLowerCase();
    if (l.includes('\u0307'))
        l = l.replace(/i\u0307/g, 'i');
    return l.includes(':') || l.includes('：') ? l.replace(/\s*[:：]/gu, ':') : l;
}
/** The configured markers are one list for the life of a process: prepared once, not per story. */
const prepared = new WeakMap();
function preparedMarkers(markers) {
    let p = prepared.get(markers);
    if (!p) {
        const list = markers.map((m) => normMarker(m)).filter((m) => m !== '');
        p = {
            colonPrefixes: list.map((m) => (m.endsWith(':') ? m : `${m}:`)),
            exact: new Set(list.map((m) => m.replace(/[:：]$/u, ''))),
            thai: list.filter((m) => /[ก-๙]/u.test(m) && !m.endsWith(':')).map((m) => m.replace(/[:：]$/u, '')),
            longest: Math.max(0, ...list.map((m) => m.length)) + 8,
            openings: [],
            longestOpening: 0,
        };
        p.openings = [...p.exact, ...FOLLOW_OPENINGS];
        p.longestOpening = Math.max(...p.openings.map((o) => o.length));
        prepared.set(markers, p);
    }
    return p;
}
//# sourceMappingURL=boilerplate-markers.js.map
// The newsroom plain-text format: title line, credit and dateline lines by evidence, paragraphs, boilerplate cut.
import { creditNamesFor, readCredit } from './credit.js';
import { readDateline, readTimeLine } from './dateline.js';
import { ArticleError } from './errors.js';
import { excerpt } from './excerpt.js';
import { detectLanguage } from './language.js';
import { ProblemCode, noteHint } from './model.js';
import { findBoilerplate } from './boilerplate-markers.js';
import { cleanLabel, cleanLine, cutAtFixedWidth, escapeHtml, limitMarks, lineJoint } from './text.js';
/**
 * Code units of each paragraph kept in the reading: explain.ts cuts its 40-grapheme opening from
 * them (as much as `excerpt` ever looks at), so the parse itself never segments words for it.
 */
const PARAGRAPH_OPENING = 40 * 16 + 65;
/** Paragraphs after the title in which a dateline or credit may stand (desks put them in either). */
const HEAD_PARAGRAPHS = 2;
/**
 * Parse a plain-text story. The first line is the title (a dateline written above it is read as
 * the dateline). In the two paragraphs after the title, a line that reads as a dateline
 * (dateline.ts: place-first, time-first, numeric, Thai, English) gives the date, and a line with
 * evidence of being a credit (credit.ts) gives the author; both leave the body. Anything else is
 * body text, however short. From a boilerplate marker line to the end is dropped. A date that is
 * written but cannot be is `BAD_DATE` with its line.
 */
export function parsePlain(text, file, options) {
    const all = text.split('\n');
    const cutAt = findBoilerplate(all, options.boilerplateMarkers);
    const lines = toLines(cutAt < 0 ? all : all.slice(0, cutAt));
    const warnings = [];
    const reading = { format: 'plain text', credits: [], paragraphs: [], notes: [] };
    if (cutAt >= 0)
        reading.cut = { line: cutAt + 1, marker: cleanLine(all[cutAt]) };
    const head = new HeadReader(options, file, reading);
    // A dateline typed above the title (some CMS exports put it first).
    while (lines.length > 1 && head.tryDateline(lines[0], true))
        lines.shift();
    const titleLine = lines.shift();
    if (!titleLine)
        throw new ArticleError(ProblemCode.Empty, 'no title: the file has no text before its boilerplate', file);
    const title = limitTitle(cleanLabel(titleLine.text, 'title', (w) => warnings.push(w)), options.maxTitleLength);
    // A line of only zero-width or bidi characters is not blank to trim(), and empty once cleaned.
    if (title === '')
        throw new ArticleError(ProblemCode.Empty, 'no title: the first line has no visible text', file, { line: titleLine.n });
    reading.title = { line: titleLine.n, text: title };
    // The rest of the title's paragraph counts as the first paragraph after it.
    const firstBlock = lines[0]?.block === titleLine.block ? titleLine.block - 1 : titleLine.block;
    const wrapped = wrappedLines(lines);
    const body = lines.filter((line) => line.block > firstBlock + HEAD_PARAGRAPHS || wrapped.has(line) || !head.take(line));
    const paragraphs = toParagraphs(body);
    let dropped = 0;
    const html = paragraphs.map((p) => {
        const bounded = limitMarks(p.text);
        dropped += bounded.dropped;
        reading.paragraphs.push({ line: p.n, text: bounded.text.slice(0, PARAGRAPH_OPENING) });
        return `<p>${escapeHtml(bounded.text)}</p>`;
    });
    if (dropped > 0)
        warnings.push({ code: ProblemCode.MarksDropped, message: `body: dropped ${dropped} combining marks beyond 4 on one character` });
    if (head.author === undefined)
        head.creditFromText(paragraphs);
    head.dateFromLede(paragraphs[0]);
    const language = detectLanguage(`${title} ${paragraphs.map((p) => p.text).join(' ')}`);
    reading.language = language;
    const author = head.author === undefined ? undefined : cleanLabel(head.author, 'credit', (w) => warnings.push(w)) || undefined;
    return {
        title,
        author,
        contentHtml: html.join('\n'),
        date: head.date,
        updated: head.updated,
        tags: [],
        draft: false,
        language,
        warnings,
        hints: reading.notes.map(noteHint),
        dateSource: head.dateSource,
        reading,
    };
}
/** Reads the head lines of one story: the first dateline and the credits. */
class HeadReader {
    options;
    file;
    reading;
    date;
    updated;
    author;
    dateSource;
    timed = false;
    names;
    constructor(options, file, reading) {
        this.options = options;
        this.file = file;
        this.reading = reading;
        this.names = creditNamesFor(options.credits);
    }
    /** True when the line is a dateline or a credit, taken out of the body. */
    take(line) {
        if (this.tryDateline(line) || this.tryTime(line))
            return true;
        // A wire lede (`กรุงเทพฯ 24 พ.ย. (รอยเตอร์) - ราคาน้ำมัน…`) names its agency but is the story's first sentence.
        if (WIRE_DATELINE.test(cleanLine(line.text)))
            return false;
        const found = readCredit(line.text, this.names);
        if (found === undefined)
            return false;
        if ('unsure' in found) {
            this.reading.notes.push({ line: line.n, note: found.unsure });
            return false;
        }
        const { credit } = found;
        if (credit.author !== undefined && this.author !== undefined)
            return false; // a second byline is text
        if (credit.author !== undefined)
            this.author = credit.author;
        this.reading.credits.push({ line: line.n, text: cleanLine(line.text), ...credit });
        return true;
    }
    /**
     * A dateline, taken out of the body. Above the title a date with a credit beside it does not
     * count, and a title that holds a date (`ตรวจหวย งวด 16 พ.ย. 2569`) has no place before it. Once a date is known, only an update line
     * (`ปรับปรุง: …`) is taken, as the update date.
     */
    tryDateline(line, aboveTitle = false) {
        const found = readDateline(line.text, this.options.timeZone, (t) => {
            const c = readCredit(t, this.names);
            return c !== undefined && 'credit' in c;
        });
        if (!found)
            return false;
        if (aboveTitle && found.credit !== undefined)
            return false;
        if (this.dateSource !== undefined) {
            if (!found.update || !('date' in found.reading))
                return false;
            this.updated = found.reading.date;
            if (this.reading.dateline)
                this.reading.dateline.updated = this.updated.toISOString();
            return true;
        }
        this.record(line, found);
        this.timed = found.timed;
        return true;
    }
    /** A time alone on the line after a date written without one (`24 พ.ย. 69` then `16:45`). */
    tryTime(line) {
        if (this.dateSource === undefined || this.timed || readTimeLine(line.text) === undefined)
            return false;
        const both = readDateline(`${this.dateSource.text} ${line.text}`, this.options.timeZone, () => false);
        if (!both?.timed || !('date' in both.reading))
            return false;
        this.date = both.reading.date;
        this.timed = true;
        if (this.reading.dateline)
            this.reading.dateline.date = this.date.toISOString();
        return true;
    }
    record(line, found) {
        const text = cleanLine(line.text);
        this.dateSource = { line: line.n, text };
        const entry = { line: line.n, text, place: found.place };
        this.reading.dateline = entry;
        if ('invalid' in found.reading) {
            entry.invalid = found.reading.invalid;
            throw new ArticleError(ProblemCode.BadDate, `line ${line.n}: "${text}" is not a real date: ${found.reading.invalid}`, this.file, {
                line: line.n,
                reading: this.reading,
            });
        }
        this.date = found.reading.date;
        entry.date = this.date.toISOString();
        if (found.updated && 'date' in found.updated) {
            this.updated = found.updated.date;
            entry.updated = this.updated.toISOString();
        }
        if (found.credit !== undefined) {
            const c = readCredit(found.credit, this.names);
            if (c && 'credit' in c) {
                if (c.credit.author !== undefined)
                    this.author ??= c.credit.author;
                this.reading.credits.push({ line: line.n, text: found.credit, ...c.credit });
            }
        }
    }
    /**
     * With no credit in the head, two places still name the source: a wire dateline opening the
     * first paragraph (`BANGKOK, Nov 24 (Reuters) - ...`) and a labelled source closing the story
     * (`ที่มา: Reuters`). Both stay in the text as written.
     */
    creditFromText(paragraphs) {
        const first = paragraphs[0];
        const wire = first && WIRE_DATELINE.exec(first.text);
        const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : undefined;
        const candidates = [];
        if (wire && first)
            candidates.push([first.n, wire[2]]);
        if (last && last.text.length <= 120)
            candidates.push([last.n, last.text]);
        for (const [n, text] of candidates) {
            const c = readCredit(text, this.names);
            if (!c || !('credit' in c) || c.credit.author === undefined)
                continue;
            if (text === last?.text && !c.credit.evidence.startsWith('the label'))
                continue;
            this.author = c.credit.author;
            this.reading.credits.push({ line: n, text, ...c.credit });
            return;
        }
    }
    /**
     * With no dateline in the head, a wire lede's opening dates the story when it is a whole date
     * (`BANGKOK, Dec 3, 2026 (Reuters) - ...`, `กรุงเทพฯ 24 พ.ย. 2569 (รอยเตอร์) - ...`); the text
     * stays as written. One without a year (`Dec 3`), or that cannot be, is a note for `check
     * --explain`, never a failure: it is the story's first sentence, not a line of metadata, and a
     * year guessed from the clock would date a story saved in January from last December wrongly.
     */
    dateFromLede(first) {
        const opening = first && this.dateSource === undefined ? WIRE_DATELINE.exec(first.text)?.[1]?.replace(/[\s,]+$/u, '') : undefined;
        if (!first || !opening)
            return;
        const found = readDateline(opening, this.options.timeZone, () => false);
        if (found && 'date' in found.reading && found.credit === undefined && !found.update) {
            this.record({ n: first.n, text: opening, block: 0 }, found);
            this.dateSource = { line: first.n, text: opening, lede: true };
            return;
        }
        const note = (why) => this.reading.notes.push({ line: first.n, note: `the wire dateline "${opening}" ${why}; the story is dated when the file was first seen` });
        if (found && 'invalid' in found.reading)
            note(`is not a real date (${found.reading.invalid})`);
        else if (['2000', ', 2000'].some((year) => readDateline(`${opening}${year.startsWith(',') ? '' : ' '}${year}`, this.options.timeZone, () => false)))
            note('has no year (write it with one, e.g. "Dec 3, 2026", to date the story by it)');
    }
}
/** `BANGKOK, Nov 24 (Reuters) -` or `เชียงใหม่ (สำนักข่าวไทย) –` opening a lede. */
const WIRE_DATELINE = /^([\p{Lu}\p{Lo}][\p{L}\p{M}\p{N} .,'’ฯ/-]{1,40}?)\s*\(([^()]{2,40})\)\s*(?:[-–—]{1,2}|:)\s*\S/u;
/** Non-empty lines with their line numbers and paragraph (blank-line separated block) index. */
function toLines(lines) {
    const out = [];
    let block = 0;
    let inBlock = false;
    lines.forEach((raw, i) => {
        if (raw.trim() === '') {
            if (inBlock)
                block++;
            inBlock = false;
            return;
        }
        inBlock = true;
        out.push({ n: i + 1, text: raw, block });
    });
    return out;
}
/**
 * Lines cut from their neighbour inside a Thai syllable (text hard-wrapped at a fixed width):
 * pieces of a sentence, never a dateline or a credit on their own (`นายกรัฐมนตรีเดินทางไปเ`).
 */
function wrappedLines(lines) {
    const out = new Set();
    for (let i = 1; i < lines.length; i++) {
        const [before, after] = [lines[i - 1], lines[i]];
        if (before.block === after.block && lineJoint(before.text.trimEnd(), after.text.trimStart()) === '')
            out.add(before).add(after);
    }
    return out;
}
/** Lines of one block joined into a paragraph (text.ts lineJoint), numbered by its first line. */
function toParagraphs(lines) {
    const blocks = [];
    for (const line of lines) {
        if (blocks.at(-1)?.[0]?.block === line.block)
            blocks.at(-1)?.push(line);
        else
            blocks.push([line]);
    }
    return blocks
        .map((block) => {
        const fixed = cutAtFixedWidth(block.map((l) => l.text));
        // Joined once at the end: trimming the paragraph so far at each line was quadratic (a
        // paragraph of 160,000 one-letter lines took 10 s).
        const parts = block.map((line, i) => (i === 0 ? line.text.trimEnd() : line.text.trim()));
        const text = parts.map((part, i) => (i === 0 ? part : lineJoint(parts[i - 1], part, fixed) + part)).join('');
        return { n: block[0].n, text: cleanLine(text) };
    })
        .filter((p) => p.text !== '');
}
/** Titles are cut by graphemes and by bytes (six per grapheme allowed): marks or emoji cannot make one huge. */
export function limitTitle(title, max) {
    return excerpt(title, max, 'th', max * 6);
}
//# sourceMappingURL=parse-plain.js.map
// The newsroom plain-text format: title line, credit and dateline lines by evidence, paragraphs, boilerplate cut.
import { type CreditNames, creditNamesFor, readCredit } from './credit.js';
import { type Dateline, readDateline, readTimeLine } from './dateline.js';
import { NO_ZONE, embargoRelease, labelAlone, timeInWords, judgeReleaseLine, unzoned } from './embargo-lines.js';
import { ArticleError } from './errors.js';
import { excerpt } from './excerpt.js';
import { detectLanguage } from './language.js';
import { ProblemCode, type Story, type StoryReading, type StoryWarning, noteHint } from './model.js';
import { findBoilerplate } from './boilerplate-markers.js';
import { holdLine, holdMessage, markedTitle } from './hold-marks.js';
import { arabicDigits, cleanLabel, cleanLine, cutAtFixedWidth, escapeHtml, limitMarks, lineJoint } from './text.js';

export interface ParseOptions {
  /** Lines that start page boilerplate: from such a line to the end is dropped. */
  boilerplateMarkers: readonly string[];
  /** IANA zone for dates written without an offset. */
  timeZone: string;
  /** Longest title kept, in graphemes (longer ones are cut on a word boundary). */
  maxTitleLength: number;
  /** Agency and publication names that are credits, added to `DEFAULT_CREDITS` (configuration `credits`). */
  credits?: readonly string[];
}

/**
 * Code units of each paragraph kept in the reading: explain.ts cuts its 40-grapheme opening from
 * them (as much as `excerpt` ever looks at), so the parse itself never segments words for it.
 */
const PARAGRAPH_OPENING = 40 * 16 + 65;

/** Paragraphs after the title in which a dateline or credit may stand (desks put them in either). */
const HEAD_PARAGRAPHS = 2;

interface Line {
  /** 1-based line number in the file. */
  n: number;
  text: string;
  block: number;
}

/**
 * Parse a plain-text story. The first line is the title (a dateline written above it is read as
 * the dateline). In the two paragraphs after the title, a line that reads as a dateline
 * (dateline.ts: place-first, time-first, numeric, Thai, English) gives the date, and a line with
 * evidence of being a credit (credit.ts) gives the author; both leave the body. Anything else is
 * body text, however short. From a boilerplate marker line to the end is dropped. A date that is
 * written but cannot be is `BAD_DATE` with its line.
 */
export function parsePlain(text: string, file: string, options: ParseOptions): Story {
  const all = text.split('\n');
  const cutAt = findBoilerplate(all, options.boilerplateMarkers);
  const lines = toLines(cutAt < 0 ? all : all.slice(0, cutAt));
  const warnings: StoryWarning[] = [];
  const reading: StoryReading = { format: 'plain text', credits: [], paragraphs: [], notes: [] };
  if (cutAt >= 0) reading.cut = { line: cutAt + 1, marker: cleanLine(all[cutAt] as string) };

  const head = new HeadReader(options, file, reading);
  // A dateline typed above the title (some CMS exports put it first).
  // And a press release's kicker (`PRESS RELEASE`, `ข่าวประชาสัมพันธ์`): it was taken for the headline, and
  // every release under it was held as a copy of an embargoed one by that "headline" (new-user trial).
  while (
    lines.length > 1 &&
    (head.tryDateline(lines[0] as Line, true) ||
      head.releaseAbove(lines[0] as Line) ||
      KICKER.test((lines[0] as Line).text) ||
      head.holdAbove(lines[0] as Line, lines[1]?.block === lines[0]?.block ? lines[1] : undefined))
  )
    lines.shift();
  const titleLine = lines.shift();
  if (!titleLine) throw new ArticleError(ProblemCode.Empty, 'no title: the file has no text before its boilerplate', file);
  // `Budget plan [DO NOT PUBLISH]`, `DO NOT PUBLISH: Budget plan`: the headline keeps its words, the story is a draft;
  // and a file of a mark alone (saved early) is one too.
  const marked = markedTitle(titleLine.text);
  if (marked) head.held(titleLine.n, marked.mark);
  else head.holdTitle(titleLine);
  const title = limitTitle(
    cleanLabel(marked?.title ?? titleLine.text, 'title', (w) => warnings.push(w)),
    options.maxTitleLength,
  );
  // A line of only zero-width or bidi characters is not blank to trim(), and empty once cleaned.
  if (title === '') throw new ArticleError(ProblemCode.Empty, 'no title: the first line has no visible text', file, { line: titleLine.n });
  reading.title = { line: titleLine.n, text: title };

  // The rest of the title's paragraph counts as the first paragraph after it.
  const firstBlock = lines[0]?.block === titleLine.block ? titleLine.block - 1 : titleLine.block;
  const wrapped = wrappedLines(lines);
  const body = lines.filter((line) => line.block > firstBlock + HEAD_PARAGRAPHS || wrapped.has(line) || !head.take(line));

  // Embargo lines read anywhere leave the text, as the head's do (new-user trial: `-ENDS-` gone, the notice stayed, after the release).
  const released = head.releaseFromText(body, cutAt < 0 ? [] : toLines(all.slice(cutAt)).map((line) => ({ ...line, n: line.n + cutAt })));
  // Do-not-publish lines in the head, once the embargo reader has had its lines (`Embargoed` / `until …` is its).
  const held = head.holdsIn(body.filter((line) => line.block <= firstBlock + HEAD_PARAGRAPHS && !released.has(line.n)));
  const out = released.size + held.size === 0 ? body : body.filter((line) => !released.has(line.n) && !held.has(line.n));
  const paragraphs = toParagraphs(out);
  let dropped = 0;
  const html = paragraphs.map((p) => {
    const bounded = limitMarks(p.text);
    dropped += bounded.dropped;
    reading.paragraphs.push({ line: p.n, text: bounded.text.slice(0, PARAGRAPH_OPENING) });
    return `<p>${escapeHtml(bounded.text)}</p>`;
  });
  if (dropped > 0)
    warnings.push({ code: ProblemCode.MarksDropped, message: `body: dropped ${dropped} combining marks beyond 4 on one character` });
  if (head.author === undefined) head.creditFromText(paragraphs);
  head.dateFromLede(paragraphs[0]);
  const language = detectLanguage([title, ...paragraphs.map((p) => p.text)]);
  reading.language = language;
  const author = head.author === undefined ? undefined : cleanLabel(head.author, 'credit', (w) => warnings.push(w)) || undefined;
  if (head.hold) warnings.push({ code: ProblemCode.HeldBack, message: holdMessage(head.hold.line, head.hold.mark) });
  return {
    title,
    author,
    contentHtml: html.join('\n'),
    date: head.date,
    updated: head.updated,
    tags: [],
    draft: head.hold !== undefined,
    language,
    warnings,
    hints: reading.notes.map(noteHint),
    dateSource: head.dateSource,
    reading,
  };
}

/**
 * A short line with a year (Christian or Buddhist era, Arabic or Thai digits) and another number:
 * what a dateline that did not read looks like (`PHUKET, Dcember 6, 2026 09:00`,
 * `ภูเก็ต 6 ธันวาคอม 2569 09.00 น.`). A note only: it changes nothing published.
 */
function looksLikeDateline(text: string): boolean {
  const line = text.trim();
  if (line.length > 60) return false;
  const digits = arabicDigits(line);
  const numbers = digits.match(/\d+/g) ?? [];
  return numbers.length >= 2 && numbers.some((n) => /^(19|20|24|25|26)\d\d$/.test(n));
}

/** A line a headline could be: short, no sentence's end (a standfirst under a caps headline is a sentence). */
function looksLikeHeadline(text: string): boolean {
  const line = text.trim();
  return line.length > 0 && line.length <= 120 && !/[.!?。]$/u.test(line);
}

/** Reads the head lines of one story: the first dateline and the credits. */
class HeadReader {
  date: Date | undefined;
  updated: Date | undefined;
  author: string | undefined;
  dateSource: Story['dateSource'];
  private timed = false;
  private readonly names: CreditNames;

  constructor(
    private readonly options: ParseOptions,
    private readonly file: string,
    private readonly reading: StoryReading,
  ) {
    this.names = creditNamesFor(options.credits);
  }

  /** A label and a date that reads (`Jazz Night: 20 December 2026`): an event's, no misspelt dateline. */
  private labelledDate(text: string): boolean {
    const m = /^[^:：]{1,40}[:：]\s*(\S.*)$/u.exec(text.trim());
    const date = m ? readDateline(m[1] as string, this.options.timeZone, () => false) : undefined;
    return date !== undefined && 'date' in date.reading;
  }

  /** A do-not-publish mark (hold-marks.ts): the first one found, which keeps the story a draft. */
  hold: { line: number; mark: string } | undefined;

  held(line: number, mark: string): void {
    this.hold ??= { line, mark };
  }

  /**
   * A do-not-publish line above the headline (`DO NOT PUBLISH`, `KILL`), taken out. A mark of the
   * `head` kind (`DO NOT PUBLISH – call Somchai`) only with a headline right under it; one of the
   * `below` kind (`DRAFT`, `EMBARGO`: a kicker's words) never; and with no line under it, a marked
   * headline (`Budget plan [DO NOT PUBLISH]`) is the headline.
   */
  holdAbove(line: Line, below: Line | undefined): boolean {
    const found = holdLine(line.text);
    if (found === undefined || this.embargoLine(line)) return false;
    // A mark a caps headline could also be (`KILLED: 3 IN BANGKOK BLAST`, `DO NOT USE FDA WARNS`) is one only with a
    // headline right under it: not a dateline, a byline, or a blank line (trial: drafts of the headline).
    if (found.kind === 'below') return false;
    if (found.kind === 'head' && (below === undefined || this.headLine(below) || !looksLikeHeadline(below.text))) return false;
    if (below === undefined && markedTitle(line.text)) return false;
    this.held(line.n, found.mark);
    return true;
  }

  /** A dateline or a credit: what stands under a headline, so the line above it is the headline. */
  private headLine(line: Line): boolean {
    const dateline = readDateline(line.text, this.options.timeZone, () => false);
    if (dateline !== undefined && 'date' in dateline.reading) return true;
    const credit = readCredit(line.text, this.names);
    return credit !== undefined && 'credit' in credit;
  }

  /** A headline that is a mark alone (`DO NOT PUBLISH`, a file saved before its story was written): a draft, its headline as typed. */
  holdTitle(line: Line): void {
    const found = holdLine(line.text);
    if (found?.kind === 'whole' && !this.embargoLine(line)) this.held(line.n, found.mark);
  }

  /**
   * The do-not-publish lines among the head's `lines` (hold-marks.ts), each out of the text; the
   * first keeps the story a draft. Not past the head: a box score's `DNP`, a quoted sign, a
   * fact-check's closing `อย่าส่งต่อ` are text (trials).
   */
  holdsIn(lines: readonly Line[]): ReadonlySet<number> {
    const found = new Set<number>();
    for (const line of lines) {
      const mark = holdLine(line.text);
      if (mark === undefined || this.embargoLine(line)) continue;
      this.held(line.n, mark.mark);
      found.add(line.n);
    }
    return found;
  }

  /** An embargo line, read or refused (`Embargoed until further notice`): the embargo reader's, not a do-not-publish mark. */
  private embargoLine(line: Line): boolean {
    try {
      return embargoRelease([line], this.options.timeZone, this.file) !== undefined;
    } catch {
      return true;
    }
  }

  /** True when the line is a dateline or a credit, taken out of the body. */
  take(line: Line): boolean {
    if (this.tryDateline(line) || this.tryTime(line)) return true;
    if (this.dateSource === undefined && looksLikeDateline(line.text) && !this.labelledDate(line.text)) {
      // New-user trial: `PHUKET, Dcember 6, 2026 09:00` went out dated when first seen, with no word on the desk.
      this.reading.notes.push({
        line: line.n,
        note: 'looks like a dateline, but no date could be read from it (a misspelt month?): the story is dated when the file was first seen, and the line is published as text',
      });
    }
    // A wire lede (`กรุงเทพฯ 24 พ.ย. (รอยเตอร์) - ราคาน้ำมัน…`) names its agency but is the story's first sentence.
    // A do-not-publish line is no byline (`Embargoed until further notice per the editor` was the author, and out).
    if (WIRE_DATELINE.test(cleanLine(line.text)) || holdLine(line.text) !== undefined || this.embargoLine(line)) return false;
    const found = readCredit(line.text, this.names);
    if (found === undefined) return false;
    if ('unsure' in found) {
      this.reading.notes.push({ line: line.n, note: found.unsure });
      return false;
    }
    const { credit } = found;
    if (credit.author !== undefined && this.author !== undefined) return false; // a second byline is text
    if (credit.author !== undefined) this.author = credit.author;
    this.reading.credits.push({ line: line.n, text: cleanLine(line.text), ...credit });
    return true;
  }

  /**
   * A dateline, taken out of the body. Above the title a date with a credit beside it does not
   * count, and a title that holds a date (`ตรวจหวย งวด 16 พ.ย. 2569`) has no place before it. Once a date is known, only an update line
   * (`ปรับปรุง: …`) is taken, as the update date.
   */
  tryDateline(line: Line, aboveTitle = false): boolean {
    const found = readDateline(line.text, this.options.timeZone, (t) => {
      const c = readCredit(t, this.names);
      return c !== undefined && 'credit' in c;
    });
    if (!found) return false;
    if (aboveTitle && found.credit !== undefined) return false;
    // A release time that does not read is the embargo reader's to judge (embargo-lines.ts: refused, or news).
    if (found.release && 'invalid' in found.reading) return false;
    // An approximate time, or a date read without the words of its time (`… 20 December 2026 at sunset`): refused, as the embargo reader refuses them.
    if (found.release) {
      const judged = judgeReleaseLine(line, this.options.timeZone, this.file, found.timed);
      if (judged === 'news') return false;
      if (judged) throw judged;
    }
    if (this.dateSource !== undefined && found.release && 'date' in found.reading) {
      // An embargo line beside the dateline (either order): the story goes out at the later of the two.
      const release = found.reading.date;
      if (this.date === undefined || release.getTime() > this.date.getTime()) {
        this.date = release;
        this.dateSource = { line: line.n, text: cleanLine(line.text) };
        if (this.reading.dateline)
          Object.assign(this.reading.dateline, { line: line.n, text: cleanLine(line.text), date: release.toISOString(), release: true });
      }
      return true;
    }
    // The dateline after an embargo line: taken out of the text, the release time stays the story's.
    if (this.dateSource !== undefined && this.reading.dateline?.release && !found.update && !found.release) return true;
    if (this.dateSource !== undefined) {
      if (!found.update || !('date' in found.reading)) return false;
      this.updated = found.reading.date;
      if (this.reading.dateline) this.reading.dateline.updated = this.updated.toISOString();
      return true;
    }
    this.record(line, found);
    this.timed = found.timed;
    return true;
  }

  /**
   * Embargo lines in the text (under a standfirst and a byline, at the foot, in the boilerplate cut
   * off: a notice under `Read more` went out unread, attack trial): the story goes out at the
   * latest time; one among the first lines that does not read stops it. Returns the lines read.
   */
  releaseFromText(body: readonly Line[], cut: readonly Line[]): ReadonlySet<number> {
    const thai = () => detectLanguage(body.map((line) => line.text)) === 'th';
    // A label alone above the dateline (`EMBARGOED UNTIL:`, a blank line, `10:00 GMT, 10 December
    // 2026`): the dateline is its time (a trial: the label was refused as a notice with no time).
    const source = this.reading.dateline?.release ? undefined : this.dateSource;
    const lines =
      source === undefined
        ? body
        : body.map((line) =>
            line.n < source.line && line.n >= source.line - 2 && labelAlone(line.text)
              ? { ...line, text: `${line.text} ${source.text}` }
              : line,
          );
    const inText = embargoRelease(lines, this.options.timeZone, this.file, false, thai);
    const below = cut.length === 0 ? undefined : embargoRelease(cut, this.options.timeZone, this.file, true, thai);
    const release = below && (!inText || below.date.getTime() > inText.date.getTime()) ? below : inText;
    const read = new Set(inText?.lines);
    // Read after all: no "looks like a dateline that did not read" for them.
    if (read.size > 0) this.reading.notes = this.reading.notes.filter((note) => note.line === undefined || !read.has(note.line));
    // At the dateline's very time, the release names it (its label read with it, above).
    const at = release?.date.getTime();
    if (
      release !== undefined &&
      (this.date === undefined || (at as number) > this.date.getTime() || (at === this.date.getTime() && source !== undefined))
    ) {
      this.note(release);
      this.releaseNote(release);
    }
    return read;
  }

  /**
   * An embargo line above the headline that the dateline reader did not take: one in another form
   * is read, and one that does not read stops the story (new-user trial: it became the headline,
   * and the story went out at once).
   */
  releaseAbove(line: Line): boolean {
    const release = embargoRelease([line], this.options.timeZone, this.file);
    if (release === undefined) return false;
    if (this.date === undefined || release.date.getTime() > this.date.getTime()) {
      this.note(release);
      this.releaseNote(release);
    }
    return true;
  }

  /** What the desk is told of how a release time was read (a zone out of season, no zone), once a line. */
  private releaseNote(release: { line: number; note?: string }): void {
    const { line, note } = release;
    if (note !== undefined && !this.reading.notes.some((n) => n.line === line && n.note === note)) this.reading.notes.push({ line, note });
  }

  private note(release: { date: Date; line: number; text: string }): void {
    this.date = release.date;
    this.dateSource = { line: release.line, text: cleanLine(release.text) };
    this.reading.dateline = { line: release.line, text: cleanLine(release.text), date: release.date.toISOString(), release: true };
  }

  /** A time alone on the line after a date written without one (`24 พ.ย. 69` then `16:45`). */
  private tryTime(line: Line): boolean {
    if (this.dateSource === undefined || this.timed) return false;
    // Under its own label too: `Embargo date: …` then `Embargo time: 00:01 GMT` (re-attack trial: the time was refused).
    const time = line.text.replace(TIME_LABEL, '');
    const both =
      readTimeLine(time) === undefined ? undefined : readDateline(`${this.dateSource.text} ${time}`, this.options.timeZone, () => false);
    if (!both?.timed || !('date' in both.reading)) {
      // Right under a release date with no time, a time the readers do not read (`10.30 น. ตามเวลาลอนดอน`,
      // `half past ten`, `10:30 a.m. Eastern`) stops the story: held to the day's start, it went out up to
      // 17.5 hours early (second re-attack trial).
      if (this.reading.dateline?.release && line.n === this.dateSource.line + 1 && timeInWords(time.trim()))
        throw new ArticleError(
          ProblemCode.BadDate,
          `line ${line.n}: "${line.text.trim().slice(0, 120)}", the time of the embargo line above it, cannot be read, so the story is not published: write it as a clock with its zone (10:30 GMT, 10.30 น.), or on the line with its date`,
          this.file,
          { line: line.n, withholds: true },
        );
      return false;
    }
    this.date = both.reading.date;
    this.timed = true;
    if (this.reading.dateline) this.reading.dateline.date = this.date.toISOString();
    if (this.reading.dateline?.release) {
      // The note said the date alone's instant: it is the time's now, or none if the time names a zone (attack trial: 10 hours off).
      const { line } = this.dateSource;
      this.reading.notes = this.reading.notes.filter((n) => n.line !== line || !n.note.startsWith(NO_ZONE));
      this.releaseNote({ line, note: unzoned(both, `${this.dateSource.text} ${time}`, this.options.timeZone) });
    }
    return true;
  }

  private record(line: Line, found: Dateline): void {
    const text = cleanLine(line.text);
    this.dateSource = { line: line.n, text };
    const entry: NonNullable<StoryReading['dateline']> = {
      line: line.n,
      text,
      place: found.place,
      ...(found.release ? { release: true } : {}),
    };
    this.reading.dateline = entry;
    if ('invalid' in found.reading) {
      entry.invalid = found.reading.invalid;
      // A release time that does not read never comes here: tryDateline leaves it to the embargo reader.
      throw new ArticleError(ProblemCode.BadDate, `line ${line.n}: "${text}" is not a real date: ${found.reading.invalid}`, this.file, {
        line: line.n,
        reading: this.reading,
      });
    }
    this.date = found.reading.date;
    entry.date = this.date.toISOString();
    if (found.season?.note !== undefined) this.reading.notes.push({ line: line.n, note: found.season.note });
    else if (found.release) this.releaseNote({ line: line.n, note: unzoned(found, line.text, this.options.timeZone) });
    if (found.ambiguous) {
      this.reading.notes.push({ line: line.n, note: `${found.ambiguous}: read day first; write the month in words if the other is meant` });
    }
    if (found.updated && 'date' in found.updated) {
      this.updated = found.updated.date;
      entry.updated = this.updated.toISOString();
    }
    if (found.credit !== undefined) {
      const c = readCredit(found.credit, this.names);
      if (c && 'credit' in c) {
        if (c.credit.author !== undefined) this.author ??= c.credit.author;
        this.reading.credits.push({ line: line.n, text: found.credit, ...c.credit });
      }
    }
  }

  /**
   * With no credit in the head, two places still name the source: a wire dateline opening the
   * first paragraph (`BANGKOK, Nov 24 (Reuters) - ...`) and a labelled source closing the story
   * (`ที่มา: Reuters`). Both stay in the text as written.
   */
  creditFromText(paragraphs: readonly { n: number; text: string }[]): void {
    const first = paragraphs[0];
    const wire = first && WIRE_DATELINE.exec(first.text);
    const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : undefined;
    const candidates: [number, string][] = [];
    if (wire && first) candidates.push([first.n, wire[2] as string]);
    if (last && last.text.length <= 120) candidates.push([last.n, last.text]);
    for (const [n, text] of candidates) {
      const c = readCredit(text, this.names);
      if (!c || !('credit' in c) || c.credit.author === undefined) continue;
      if (text === last?.text && !c.credit.evidence.startsWith('the label')) continue;
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
  dateFromLede(first: { n: number; text: string } | undefined): void {
    const opening = first && this.dateSource === undefined ? WIRE_DATELINE.exec(first.text)?.[1]?.replace(/[\s,]+$/u, '') : undefined;
    if (!first || !opening) return;
    const found = readDateline(opening, this.options.timeZone, () => false);
    if (found && 'date' in found.reading && found.credit === undefined && !found.update) {
      this.record({ n: first.n, text: opening, block: 0 }, found);
      this.dateSource = { line: first.n, text: opening, lede: true };
      return;
    }
    const note = (why: string) =>
      this.reading.notes.push({
        line: first.n,
        note: `the wire dateline "${opening}" ${why}; the story is dated when the file was first seen`,
      });
    if (found && 'invalid' in found.reading) note(`is not a real date (${found.reading.invalid})`);
    else if (
      ['2000', ', 2000'].some((year) =>
        readDateline(`${opening}${year.startsWith(',') ? '' : ' '}${year}`, this.options.timeZone, () => false),
      )
    )
      note('has no year (write it with one, e.g. "Dec 3, 2026", to date the story by it)');
  }
}

/** A line that says what kind of text follows, above a press release's headline. */
const KICKER =
  /^[\s*_#=>[(•·–—-]*(?:for\s+immediate\s+release|(?:press|news|media)\s+release|press\s+statement|media\s+advisory|ข่าว(?:ประชาสัมพันธ์|แจก)(?:สื่อมวลชน)?|แถลงการณ์)[\s*_#=\])<>:：.-]*$/iu;

/** The label of a time written on a line of its own under its date. */
const TIME_LABEL = /^\s*(?:(?:embargo(?:ed)?|release)\s+)?time\s*[:：]\s*/iu;

/** `BANGKOK, Nov 24 (Reuters) -` or `เชียงใหม่ (สำนักข่าวไทย) –` opening a lede. */
const WIRE_DATELINE = /^([\p{Lu}\p{Lo}][\p{L}\p{M}\p{N} .,'’ฯ/-]{1,40}?)\s*\(([^()]{2,40})\)\s*(?:[-–—]{1,2}|:)\s*\S/u;

/** Non-empty lines with their line numbers and paragraph (blank-line separated block) index. */
function toLines(lines: readonly string[]): Line[] {
  const out: Line[] = [];
  let block = 0;
  let inBlock = false;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      if (inBlock) block++;
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
function wrappedLines(lines: readonly Line[]): Set<Line> {
  const out = new Set<Line>();
  for (let i = 1; i < lines.length; i++) {
    const [before, after] = [lines[i - 1] as Line, lines[i] as Line];
    if (before.block === after.block && lineJoint(before.text.trimEnd(), after.text.trimStart()) === '') out.add(before).add(after);
  }
  return out;
}

/** Lines of one block joined into a paragraph (text.ts lineJoint), numbered by its first line. */
function toParagraphs(lines: readonly Line[]): { n: number; text: string }[] {
  const blocks: Line[][] = [];
  for (const line of lines) {
    if (blocks.at(-1)?.[0]?.block === line.block) blocks.at(-1)?.push(line);
    else blocks.push([line]);
  }
  return blocks
    .map((block) => {
      const fixed = cutAtFixedWidth(block.map((l) => l.text));
      // Joined once at the end: trimming the paragraph so far at each line was quadratic (a
      // paragraph of 160,000 one-letter lines took 10 s).
      const parts = block.map((line, i) => (i === 0 ? line.text.trimEnd() : line.text.trim()));
      const text = parts.map((part, i) => (i === 0 ? part : lineJoint(parts[i - 1] as string, part, fixed) + part)).join('');
      return { n: (block[0] as Line).n, text: cleanLine(text) };
    })
    .filter((p) => p.text !== '');
}

/** Titles are cut by graphemes and by bytes (six per grapheme allowed): marks or emoji cannot make one huge. */
export function limitTitle(title: string, max: number): string {
  return excerpt(title, max, 'th', max * 6);
}

// Markdown stories with YAML front matter, rendered by markdown-it and sanitized.
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type * as Yaml from 'yaml';
import { MIN_YEAR } from './calendar.js';
import { checkAuthorCount, checkCategoryCount, checkMarkupComplexity } from './complexity.js';
import { readDate } from './dateline.js';
import { embargoRelease } from './embargo-lines.js';
import { ArticleError } from './errors.js';
import { brokenFrontMatterHolds, frontMatterHold, holdLine, holdMessage, isDraftField, markedTitle, yesNo } from './hold-marks.js';
import { excerpt } from './excerpt.js';
import { detectLanguage } from './language.js';
import { ProblemCode, type Story, type StoryReading, type StoryWarning, noteHint } from './model.js';
import { limitTitle } from './parse-plain.js';
import type { StoryOptions as ParseOptions } from './parse-story.js';
import { htmlToText } from './html-text.js';
import { sanitizeStoryHtml } from './sanitize.js';
import { cleanLabel, cleanLine, countForbidden, limitMarks, lineJoint, stripForbidden } from './text.js';
import { decodeHTML } from 'entities';

/**
 * markdown-it, yaml and sanitize-html (sanitize.ts) are loaded with the first Markdown story: they
 * were most of what a parse worker loaded before it could read a file (420-440 ms, now 170-190),
 * and a desk writing plain text never needs them.
 */
const loadLater = createRequire(import.meta.url);
let markdown: InstanceType<typeof MarkdownIt> | undefined;
let yaml: typeof Yaml | undefined;
let warmed = false;

/**
 * Load what Markdown stories need, once. A parse worker calls it before it starts a Markdown
 * file's clock: the time limit measures parsing, not loading (under load, the first Markdown
 * story of each worker was called TOO_COMPLEX at a tight limit).
 */
export function loadMarkdown(): void {
  if (warmed) return;
  warmed = true;
  yaml ??= loadLater('yaml') as typeof Yaml;
  // Each library's first use compiles its code (20 ms here, against 2 ms for the next story): done now too.
  yaml.parseDocument('title: a');
  sanitizeStoryHtml(renderer().render('# a\n\n*b* <b>c</b> [d](e)'), 'https://feedpub.invalid/');
}

function renderer(): InstanceType<typeof MarkdownIt> {
  if (markdown) return markdown;
  const MarkdownItClass = loadLater('markdown-it') as typeof MarkdownIt;
  // html: true lets authors write inline HTML; the sanitizer decides what of it survives.
  markdown = new MarkdownItClass({ html: true, linkify: true, typographer: false });
  // A line break inside a Thai syllable (hard-wrapped text) joins without the space a browser
  // would show for it (core/text.ts lineJoint); any other stays a line break.
  markdown.renderer.rules.softbreak = (tokens, idx) =>
    lineJoint(tokens[idx - 1]?.content ?? '', tokens[idx + 1]?.content ?? '') === '' ? '' : '\n';
  return markdown;
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Parse a Markdown story. Optional YAML front matter (between `---` lines) may set `title`,
 * `date`, `updated`/`lastmod`, `author`/`authors`, `tags`/`categories`, `summary`/`description`, `draft`,
 * `slug`, `image`, `id` and `lang`. Without a `title`, a leading `# Heading` is the title.
 */
export function parseMarkdown(text: string, file: string, options: ParseOptions): Story {
  const match = FRONT_MATTER.exec(text);
  const source = match?.[1] ?? '';
  const warnings: StoryWarning[] = [];
  const warn = (w: StoryWarning) => warnings.push(w);
  const meta = match ? withoutForbidden(readFrontMatter(source, file), warn) : {};
  let body = match ? text.slice(match[0].length) : text;
  const lineOf = (key: string) => fieldLine(source, key);

  // An embargo line in the text (`**Embargoed until ...**`), as a press release pasted in has it:
  // read, then out of the text, as a plain-text story's. Before the title is taken: a press
  // release's `# EMBARGOED UNTIL …` heading was the story's title, and the story went out at once
  // (a trial); the heading after it is the title.
  const bodyStart = text.slice(0, text.length - body.length).split('\n').length - 1;
  const inText = embargoRelease(
    body
      .split('\n')
      // As a reader would see it: not in markup, a comment or `&nbsp;` (attack trial: each went out at once).
      .map((line, k) => ({ n: bodyStart + k + 1, text: asShown(line) }))
      .filter((l) => l.text.trim() !== ''),
    options.timeZone,
    file,
    false,
    () => detectLanguage(body) === 'th',
  );
  if (inText) {
    const read = new Set(inText.lines);
    body = body
      .split('\n')
      .map((line, k) => (read.has(bodyStart + k + 1) ? '' : line))
      .join('\n');
  }
  // A do-not-publish line (`**DO NOT PUBLISH**`, `> HOLD FOR LEGAL`, `<!-- KILL -->`): a draft, the line out of the text.
  const heldBy = holdLines(body, bodyStart);
  if (heldBy) {
    const lines = body.split('\n');
    lines[heldBy.line - bodyStart - 1] = '';
    body = lines.join('\n');
  }
  let title = optionalString(meta, 'title', file);
  let titleLine = title === undefined ? 1 : lineOf('title');
  if (title === undefined) {
    const heading = /^\s*#[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(body);
    if (heading) {
      title = heading[1] as string;
      titleLine = bodyStart + heading[0].trimEnd().split('\n').length;
      body = body.slice(heading[0].length);
    }
  }
  // `# Budget plan [DO NOT PUBLISH]`, `title: DO NOT PUBLISH: Budget plan`: the headline without its mark, and a draft;
  // a headline that is a mark alone (`# DO NOT PUBLISH`) keeps its words.
  const marked = title === undefined ? undefined : markedTitle(title);
  if (marked) title = marked.title;
  const alone = title === undefined || marked ? undefined : holdLine(asShown(title));
  const titleMark = marked?.mark ?? (alone?.kind === 'whole' ? alone.mark : undefined);
  const hold = heldBy ?? (titleMark === undefined ? undefined : { line: titleLine, mark: titleMark });
  title = title === undefined ? '' : limitTitle(cleanLabel(title, 'title', warn), options.maxTitleLength);
  if (title === '') {
    const why =
      inText === undefined
        ? ''
        : ` (line ${inText.line}, "${inText.text.slice(0, 80)}", is the embargo line: the release time, not a title)`;
    throw new ArticleError(ProblemCode.BadField, `no title${why}: set \`title\` in the front matter or start with \`# Title\``, file);
  }
  checkMarkupComplexity(body, file);
  const bounded = limitMarks(sanitizeStoryHtml(renderer().render(body), options.pageUrl));
  if (bounded.dropped > 0)
    warn({ code: ProblemCode.MarksDropped, message: `body: dropped ${bounded.dropped} combining marks beyond 4 on one character` });
  const contentHtml = bounded.text;
  const text_ = htmlToText(contentHtml);
  const summary = optionalString(meta, 'summary', file) ?? optionalString(meta, 'description', file);
  const image = optionalString(meta, 'image', file) ?? /<img[^>]*\ssrc="([^"]+)"/.exec(contentHtml)?.[1];
  const lang = optionalString(meta, 'lang', file) ?? optionalString(meta, 'language', file);
  if (lang !== undefined && !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(lang)) {
    throw new ArticleError(ProblemCode.BadField, `lang: "${lang}" is not a language tag such as th or en-GB`, file);
  }
  const id = readId(meta, file);
  const slug = optionalString(meta, 'slug', file);
  if (slug !== undefined && !/^[^/\\?#%\s.][^/\\?#%\s]*$/u.test(slug)) {
    throw new ArticleError(ProblemCode.BadField, `slug: "${slug}" must be one path segment without / \\ ? # % or spaces`, file);
  }
  const fieldHold = frontMatterHold(meta, file, lineOf, source);
  if (hold) warn({ code: ProblemCode.HeldBack, message: holdMessage(hold.line, hold.mark) });
  else if (fieldHold && !isDraftField(fieldHold.key)) {
    const said = fieldHold.key === '#' ? fieldHold.value : `${fieldHold.key}: ${fieldHold.value}`;
    warn({ code: ProblemCode.HeldBack, message: holdMessage(fieldHold.line ?? lineOf(fieldHold.key), said) });
  }
  const given = (key: string) => meta[key] !== undefined && meta[key] !== null && meta[key] !== '';
  // Jekyll's `published: false` (or `true`) is a switch, not a date.
  const writtenKey = given('date') || yesNo(meta.published) !== undefined ? 'date' : 'published';
  const dateNotes: { line: number; note: string }[] = [];
  const twoWays = (line: number, note: string) => dateNotes.push({ line, note });
  const written = frontMatterDate(meta, writtenKey, file, options.timeZone, lineOf(writtenKey), source, false, twoWays);
  // A release time (Hugo's `publishDate`, an embargo) holds the story until then: the later of the two wins.
  // Any case: `PublishDate:` and `Embargo:` went out at once (attack trial); every one given, the
  // latest wins (`publishDate:` then `embargo:` went out at the first).
  let releaseKey: string | undefined;
  let release: Date | undefined;
  for (const key of Object.keys(meta)) {
    // `embargo: false`, `none`, `n/a`, `-`, `lifted`: no release time (CMS exports write them; trial: refused, and taken down).
    if (!isReleaseKey(key) || !given(key) || NO_RELEASE.test(String(meta[key]).trim())) continue;
    const at = frontMatterDate(meta, key, file, options.timeZone, lineOf(key), source, true);
    if (at !== undefined && (release === undefined || at.getTime() > release.getTime())) [releaseKey, release] = [key, at];
  }
  const released = release !== undefined && (written === undefined || release.getTime() > written.getTime());
  const dateKey = released ? (releaseKey as string) : writtenKey;
  const fromFields = released ? release : written;
  const byLine = inText !== undefined && (fromFields === undefined || inText.date.getTime() > fromFields.getTime());
  const date = byLine ? inText.date : fromFields;
  const updatedKey = meta.updated !== undefined && meta.updated !== null && meta.updated !== '' ? 'updated' : 'lastmod';
  const authorKey = meta.author === undefined || meta.author === null ? 'authors' : 'author';
  // A name has a letter or a digit: `,` or `-` alone is no one's (attack trial: an author page for ",").
  const named = readAuthors(meta, authorKey, file).map((n) => cleanLabel(n, authorKey, warn));
  const authors = [...new Set(named.filter((n) => /[\p{L}\p{N}]/u.test(n)))];
  checkAuthorCount(authors.length, file, lineOf(authorKey));
  const author = authors.length > 0 ? authors.join(', ') : undefined;
  const tags = [...readList(meta, 'tags', file, warn), ...readList(meta, 'categories', file, warn)];
  checkCategoryCount(tags.length, file, lineOf(meta.tags !== undefined ? 'tags' : 'categories'));
  const language = lang ?? detectLanguage(`${title} ${text_}`);
  const updated = frontMatterDate(meta, updatedKey, file, options.timeZone, lineOf(updatedKey), source, false, twoWays);
  const reading: StoryReading = {
    format: 'Markdown',
    title: { line: titleLine, text: title },
    credits:
      author === undefined ? [] : [{ line: lineOf(authorKey), text: author, evidence: `the front-matter field "${authorKey}"`, author }],
    paragraphs: [],
    fields: Object.keys(meta).map((name) => ({ line: lineOf(name), name, value: shortValue(meta[name]) })),
    language,
    notes: dateNotes,
  };
  if (byLine) {
    reading.dateline = { line: inText.line, text: inText.text, date: inText.date.toISOString(), release: true };
    if (inText.note !== undefined) reading.notes.push({ line: inText.line, note: inText.note });
  } else if (date)
    reading.dateline = {
      line: lineOf(dateKey),
      text: shortValue(meta[dateKey]),
      date: date.toISOString(),
      ...(released ? { release: true } : {}),
    };
  return {
    title,
    author,
    ...(authors.length > 0 ? { authors } : {}),
    contentHtml,
    summary: summary !== undefined ? excerpt(cleanLabel(summary, 'summary', warn), 300) : undefined,
    date,
    updated,
    tags,
    image: image === undefined ? undefined : safeUrl(image, options.pageUrl),
    slug,
    id,
    draft: hold !== undefined || fieldHold !== undefined,
    language,
    warnings,
    dateSource: byLine
      ? { line: inText.line, text: inText.text }
      : date
        ? { line: lineOf(dateKey), text: `${dateKey}: ${shortValue(meta[dateKey])}` }
        : undefined,
    reading,
    // The reader's notes on the desk, as a plain-text story's (new-user trial: a release time with no zone said nothing there).
    ...(reading.notes.length > 0 ? { hints: reading.notes.map(noteHint) } : {}),
  };
}

/**
 * A release time refused as the same words on an embargo line are (a time in words, an
 * approximate one): `embargo: 20 December 2026 at sunset` held the story only to the day's start.
 */
function refuseAsEmbargoLine(key: string, value: string, file: string, line: number, timeZone: string): void {
  try {
    embargoRelease([{ n: line, text: `Embargoed until ${value}` }], timeZone, file);
  } catch (error) {
    if (!(error instanceof ArticleError)) throw error;
    const why = error.message.replace(/^line \d+: the embargo line ".*?" /, '');
    throw new ArticleError(ProblemCode.BadDate, `${key}: "${shortValue(value)}" ${why}`, file, { line, withholds: true });
  }
}

/** 1-based line of `key:` in the file (front matter starts on line 2, after `---`); 1 when not found. */
function fieldLine(source: string, key: string): number {
  const at = source.split('\n').findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`"${key}":`) || l.startsWith(`'${key}':`));
  return at < 0 ? 1 : at + 2;
}

/** A release field's value that says there is none. */
const NO_RELEASE = /^(?:false|no|none|n\/?a|-+|0|lifted|null|nil|no\s+embargo|ไม่มี)$/iu;

const HELD_WHILE_BROKEN = ' (it names a draft, status or release field, so the story is not published until it reads)';

/** How far into the text a do-not-publish line is read: the head, where desks put their notes. */
const HOLD_LINES = 12;

/**
 * The first do-not-publish line among the text's first non-blank lines as a reader sees them, out
 * of fenced code, headings, lists and tables (a section `## Draft`, a picks table's `DRAFT`, a
 * list's `- Not for publication`: trials), the title's own line aside.
 */
function holdLines(body: string, bodyStart: number): { line: number; mark: string } | undefined {
  let seen = 0;
  let fenced = false;
  const lines = body.split('\n');
  for (let k = 0; k < lines.length && seen < HOLD_LINES; k++) {
    const raw = lines[k] as string;
    if (/^\s{0,3}(?:```|~~~)/.test(raw)) {
      fenced = !fenced;
      continue;
    }
    if (raw.trim() === '') continue;
    seen++;
    if (fenced || /^\s{0,3}(?:#|[-*+]\s|\d{1,3}[.)]\s|\|)/.test(raw)) continue;
    // A zero-width space for a space (`DO\u200BNOT\u200BPUBLISH`): asShown drops it.
    const mark = holdLine(asShown(raw)) ?? (raw.includes('\u200B') ? holdLine(asShown(raw.replace(/\u200B/g, ' '))) : undefined);
    if (mark !== undefined) return { line: bodyStart + k + 1, mark: mark.mark };
  }
  return undefined;
}

function shortValue(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? (JSON.stringify(value) ?? '') : String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

type Meta = Record<string, unknown>;

/**
 * The front matter with what XML forbids removed from its text, and a warning: YAML escapes
 * (`"\uD800"`, `"\x07"`) make characters the file's own bytes could not hold, so decoding never saw them.
 */
function withoutForbidden(meta: Meta, warn: (w: StoryWarning) => void): Meta {
  let removed = 0;
  const clean = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const n = countForbidden(value);
      removed += n;
      return n > 0 ? stripForbidden(value) : value;
    }
    return Array.isArray(value) ? value.map(clean) : value;
  };
  const out = Object.fromEntries(Object.entries(meta).map(([key, value]) => [key, clean(value)]));
  if (removed > 0)
    warn({
      code: ProblemCode.CharsRemoved,
      message: `front matter: removed ${removed} control or non-character code point(s) that XML forbids`,
    });
  return out;
}

/**
 * Where an unclosed quote or bracket opens: yaml reports the place it noticed one missing (the
 * next key's line, or the end), which is the line after the mistake or further (new-user trial).
 * `at`: that place, an offset in `source`.
 */
function openerOf(message: string, at: number, source: string): { line: number; col: number } | undefined {
  const opener = [
    [/^Missing closing "quote/, '"'],
    [/^Missing closing 'quote/, "'"],
    [/^Flow sequence\b/, '['],
    [/^Flow map\b/, '{'],
  ].find(([pattern]) => (pattern as RegExp).test(message))?.[1] as string | undefined;
  const open = opener === undefined ? -1 : source.lastIndexOf(opener, at - 1);
  if (open < 0) return undefined;
  const before = source.slice(0, open);
  return { line: before.split('\n').length, col: open - before.lastIndexOf('\n') };
}

function readFrontMatter(source: string, file: string): Meta {
  yaml ??= loadLater('yaml') as typeof Yaml;
  const doc = yaml.parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const where = openerOf(error.message, error.pos[0], source) ?? error.linePos?.[0];
    // yaml counts lines from the start of the front matter; the file has the opening `---` above
    // it. The line goes with the problem (shown beside it, as every problem's is), the column here.
    const at = where ? ` at column ${where.col}` : '';
    const what = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
    // One that names a field able to hold the story back takes a published version down (hold-marks.ts).
    const withholds = brokenFrontMatterHolds(source, isReleaseKey);
    throw new ArticleError(
      ProblemCode.BadFrontMatter,
      `front matter is not valid YAML${at}: ${what}${withholds ? HELD_WHILE_BROKEN : ''}`,
      file,
      {
        cause: error,
        withholds,
        ...(where ? { line: where.line + 1 } : {}),
      },
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // yaml refuses alias bombs ("billion laughs") and similar with an exception of its own.
    const what = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ArticleError(ProblemCode.BadFrontMatter, `front matter cannot be read: ${what}`, file, { cause: error });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ArticleError(ProblemCode.BadFrontMatter, 'front matter must be a mapping of fields (key: value)', file);
  }
  return value as Meta;
}

function optionalString(meta: Meta, key: string, file: string): string | undefined {
  const value = meta[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ArticleError(ProblemCode.BadField, `${key}: must be text`, file);
}

/**
 * `author` (or Hugo's `authors`): a name, `{ name: ... }`, or a list of either: each an author as
 * written (`Doe, Jane` is one), where a credit line in the text is split into its names.
 */
function readAuthors(meta: Meta, key: 'author' | 'authors', file: string): string[] {
  const value = meta[key];
  const one = (item: unknown): string | undefined => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) return optionalString(item as Meta, 'name', file);
    if (Array.isArray(item)) throw new ArticleError(ProblemCode.BadField, `${key}: must be a name or a list of names`, file);
    const author = optionalString({ [key]: item }, key, file);
    return author === undefined ? undefined : cleanLine(author) || undefined;
  };
  return (Array.isArray(value) ? value : [value]).map(one).filter((n): n is string => n !== undefined);
}

/** A list of labels (tags, categories): each a name in URLs and feeds, so cleaned as a title is (bidi controls too). */
function readList(meta: Meta, key: string, file: string, warn: (warning: StoryWarning) => void): string[] {
  const value = meta[key];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  return items
    .map((item) => {
      if (typeof item !== 'string' && typeof item !== 'number')
        throw new ArticleError(ProblemCode.BadField, `${key}: must be a list of words`, file);
      return cleanLabel(String(item), key, warn);
    })
    .filter((t) => t !== '');
}

/**
 * A front-matter date through the same checks as a dateline, whatever YAML made of it: a YAML
 * 1.1 timestamp arrives as a Date and must still be a real date after 1900.
 */
function frontMatterDate(
  meta: Meta,
  key: string,
  file: string,
  timeZone: string,
  line: number,
  source = '',
  release = false,
  /** Told of a numeric date read day first that reads both ways (`05/01/2027`). */
  note?: (line: number, text: string) => void,
): Date | undefined {
  const value = meta[key];
  if (value === undefined || value === null || value === '') return undefined;
  // A release time that does not read withholds the story (ArticleError.withholds), as an embargo line's does.
  const fail = (why: string) =>
    new ArticleError(ProblemCode.BadDate, `${key}: "${shortValue(value)}" ${why}`, file, { line, withholds: release });
  if (value instanceof Date) {
    // YAML's own timestamps roll 2026-02-31 over to 3 March: judge the text as written too.
    const written = new RegExp(`^['"]?${key}['"]?\\s*:\\s*(?:!!timestamp\\s+)?['"]?([^'"#\\n]+)`, 'm').exec(source)?.[1]?.trim();
    const asWritten = written === undefined ? undefined : readDate(written, timeZone);
    if (asWritten && 'invalid' in asWritten) {
      throw new ArticleError(ProblemCode.BadDate, `${key}: "${written}" is not a real date: ${asWritten.invalid}`, file, {
        line,
        withholds: release,
      });
    }
    if (written !== undefined && /^\d{4}-\d{1,2}-\d{1,2}/.test(written) && !asWritten) throw fail('is not a real date');
    const year = value.getUTCFullYear();
    if (Number.isNaN(value.getTime()) || year < MIN_YEAR || year > 9999) throw fail(`is not a date between ${MIN_YEAR} and 9999`);
    return value;
  }
  const parsed = typeof value === 'string' || typeof value === 'number' ? readDate(String(value), timeZone, release) : undefined;
  if (!parsed) throw fail('is not a date (try 2026-11-25 14:30 or 25 พ.ย. 2569)');
  if ('invalid' in parsed) {
    // A release time that reads two ways (readDate): which is meant is the desk's to say.
    throw fail(
      parsed.invalid.endsWith('(month first)')
        ? `is a release time that ${parsed.invalid.replace(/^\S+ /, '')}: write the month in words, or 2027-01-05`
        : `is not a real date: ${parsed.invalid}`,
    );
  }
  if (release && typeof value === 'string') refuseAsEmbargoLine(key, value, file, line, timeZone);
  if (parsed.ambiguous !== undefined)
    note?.(line, `${key}: ${parsed.ambiguous}: read day first; write the month in words, or 2027-01-05, if the other is meant`);
  return parsed.date;
}

/** A Markdown line's words for the embargo reader: tags, comment marks and no-break spaces out. */
function asShown(line: string): string {
  const shown =
    line.includes('<') || line.includes('&')
      ? decodeHTML(
          line
            .replace(/<!--|-->/g, ' ')
            // A tag inside a word is no space in it (`Embar<span></span>goed`); one between words is.
            .replace(/(?<=\p{L})(?:<[^<>]*>)+(?=\p{L})/gu, '')
            .replace(/<[^<>]*>/g, ' '),
          // Every reference, as markdown-it shows it: `&#69;mbargoed`, `Embargo&colon;` (attack trials: out at once).
        ).replace(/\u00A0/g, ' ')
      : line;
  // Marks a reader never sees, and emphasis inside a word (`Embar**goed**`, `Embar\u200Bgoed until`): second
  // re-attack trial, each went out at once where the plain-text story was held.
  return inlineText(shown.replace(INVISIBLE, '').replace(/(?<=\p{L})[*_]+(?=\p{L})/gu, ''));
}

/**
 * Inline Markdown as its words: a link as its text, a footnote mark gone, emphasis around words
 * gone, a backslash escape as its character. A release time in bold or linked (`Embargo: **10:30
 * GMT** …`, `[20 December 2026](…)`) was refused as a time that does not read.
 */
function inlineText(line: string): string {
  if (!/[*_[\\]/.test(line)) return line;
  // Bounded runs: a line of `[` with no `]` (a hostile file) must not take quadratic time.
  return line
    .replace(/\[\^[^[\]]{0,64}\]/g, '')
    .replace(/!?\[([^[\]]{0,300})\]\([^()\s]{0,2000}\)/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!:|])/g, '$1')
    .replace(/(^|[\s(])[*_]{1,3}(?=\S)/gu, '$1')
    .replace(/(?<=\S)[*_]{1,3}(?=[\s).,:;!?]|$)/gu, '');
}

/** Characters that show nothing: zero-width spaces and joiners, the word joiner, a byte-order mark, a soft hyphen. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/** Front-matter names of a story's release time, as Hugo and desks write them (case, spaces and hyphens aside: `Embargo-Until`, `embargoed until`). */
const RELEASE_KEYS = [
  'publishdate',
  'publish_date',
  'publish_at',
  'publish_time',
  'pubdate',
  'releasedate',
  'release_date',
  'release_time',
  'releasetime',
];

/** Any name with `embargo` in it is one too (`embargo_time`, `embargo_lifts`: each went out at once, attack trial). */
function isReleaseKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[\s-]/g, '_');
  return name.includes('embargo') || RELEASE_KEYS.includes(name);
}

/** A front-matter id, normalised the way every feed format will write it; must be an absolute URI. */
function readId(meta: Meta, file: string): string | undefined {
  const id = optionalString(meta, 'id', file);
  if (id === undefined) return undefined;
  try {
    if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) return new URL(id).href;
  } catch {
    // fall through to the error below
  }
  throw new ArticleError(ProblemCode.BadField, `id: "${id}" is not a URI (use tag:, urn: or http:)`, file);
}

function safeUrl(value: string, base: string): string | undefined {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// The newsroom plain-text format: title line, optional credit and dateline, paragraphs, boilerplate cut.
import { parseDate } from './dateline.js';
import { ArticleError } from './errors.js';
import { excerpt } from './excerpt.js';
import { ProblemCode, type Story } from './model.js';
import { cleanLine, escapeHtml, isMostlyThai } from './text.js';

export interface ParseOptions {
  /** Lines that start page boilerplate: from such a line to the end is dropped. */
  boilerplateMarkers: readonly string[];
  /** IANA zone for dates written without an offset. */
  timeZone: string;
  /** Longest title kept, in characters (longer ones are cut on a word boundary). */
  maxTitleLength: number;
}

/** Credit lines written with a label: the label is dropped, the rest is the author. */
const CREDIT_LABEL = /^(?:ที่มา|แหล่งข่าว|เรื่อง(?:โดย)?|โดย|ผู้เขียน|เขียนโดย|ภาพ|source|by|credit|reporting by|written by)\s*[:：]?\s+/iu;
const MAX_CREDIT = 40;

/**
 * Parse a plain-text story: the first non-empty line is the title; among the next two
 * paragraphs, a one-line date is the dateline and a short one-line paragraph is the credit
 * (`AFP`, `ที่มา: Reuters`, `By Jane Doe`); the other paragraphs (blank-line separated) become
 * `<p>` elements. From a line that is a boilerplate marker to the end is dropped.
 */
export function parsePlain(text: string, file: string, options: ParseOptions): Story {
  const lines = cutBoilerplate(text.split('\n'), options.boilerplateMarkers);
  const blocks = toBlocks(lines);
  const titleBlock = blocks.shift();
  if (!titleBlock) throw new ArticleError(ProblemCode.Empty, 'no title: the file has no text before its boilerplate', file);
  // A title is one line; any further lines of the first block are the start of the story.
  const [titleLine = '', ...restOfFirst] = titleBlock;
  if (restOfFirst.length > 0) blocks.unshift(restOfFirst);
  const title = limitTitle(cleanLine(titleLine), options.maxTitleLength);

  let author: string | undefined;
  let date: Date | undefined;
  for (let i = 0; i < 2 && blocks.length > 0; i++) {
    const head = blocks[0] as string[];
    if (head.length !== 1) break;
    const line = cleanLine(head[0] as string);
    const asDate = date === undefined ? parseDate(line, options.timeZone) : undefined;
    if (asDate) {
      date = asDate;
    } else if (author === undefined && isCredit(line)) {
      author = line.replace(CREDIT_LABEL, '').trim();
    } else {
      break;
    }
    blocks.shift();
  }

  const paragraphs = blocks.map((block) => cleanLine(block.join(' '))).filter((p) => p !== '');
  const contentHtml = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const body = paragraphs.join(' ');
  return {
    title,
    author,
    contentHtml,
    date,
    tags: [],
    draft: false,
    language: isMostlyThai(`${title} ${body}`) ? 'th' : undefined,
    warnings: [],
  };
}

/** Drop everything from the first line that is exactly a marker (or starts with a `...:` marker). */
export function cutBoilerplate(lines: readonly string[], markers: readonly string[]): string[] {
  const exact = new Set(markers.map((m) => m.normalize('NFC').trim().toLowerCase()));
  const prefixes = markers.filter((m) => m.trim().endsWith(':')).map((m) => m.trim().toLowerCase());
  // Markers are short: a long line can only match a `...:` prefix, which is checked on its start.
  const longest = Math.max(0, ...markers.map((m) => m.length)) + 8;
  const at = lines.findIndex((line, i) => {
    if (i === 0) return false;
    if (line.length > longest * 4) {
      const start = line.trimStart().slice(0, longest).toLowerCase();
      return prefixes.some((p) => start.startsWith(p));
    }
    const l = cleanLine(line).toLowerCase();
    return exact.has(l) || prefixes.some((p) => l.startsWith(p));
  });
  return at < 0 ? [...lines] : lines.slice(0, at);
}

function toBlocks(lines: readonly string[]): string[][] {
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (current.length > 0) blocks.push(current);
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) blocks.push(current);
  return blocks;
}

/**
 * A credit is short: a labelled one (`ที่มา: ...`) up to 80 characters, an unlabelled one
 * (`AFP`, `Associated Press`) at most 40 characters and 5 words of letters, with no sentence
 * punctuation or markup.
 */
function isCredit(line: string): boolean {
  if (CREDIT_LABEL.test(line)) return [...line].length <= MAX_CREDIT + 20;
  return (
    [...line].length <= MAX_CREDIT &&
    line.split(' ').length <= 5 &&
    /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .,'’&/()-]*$/u.test(line) &&
    !/[.!?]$/u.test(line.replace(/\b[A-Z]\.$/u, ''))
  );
}

/** Cut an over-long title on a word boundary. */
export function limitTitle(title: string, max: number): string {
  if ([...title].length <= max) return title;
  return excerpt(title, max);
}

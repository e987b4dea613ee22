// What the desk holds under embargo, remembered by its headline and paragraphs until its release: a story that is one of them, with no date of its own, stays held.
import { hash } from 'node:crypto';
import { htmlToText } from '../core/html-text.js';
import type { Story } from '../core/model.js';
import type { HeldMark } from '../store/state-db.js';

/** Where marks are kept across restarts (the state store's `held_stories`). */
export interface HeldMarkStore {
  heldMarks(): HeldMark[];
  putHeldMark(mark: HeldMark): void;
  dropHeldMark(mark: Pick<HeldMark, 'path' | 'title'>): void;
}

/** Paragraphs shorter than this (letters and digits) are credits, datelines, "AFP": no evidence of one story. */
const MIN_TEXT = 16;

/**
 * Headlines shorter than this say no more: "Correction", "Weather" (re-attack trial: a held
 * "Correction" held every new story with that subhead). "Merger agreed" is long enough.
 */
const MIN_HEADLINE = 12;

/**
 * A first paragraph this long (letters and digits) is one story's own: a story that has it word
 * for word is that story (new-user trial: a web version with a new headline, the lede as written
 * and the rest edited went out). Kept among the paragraph digests, marked, so that a store an older
 * feedpub reads has one more digest that never matches.
 */
const MIN_LEDE = 60;
const LEDE = 'lede:';

/** The share of a held story's paragraphs that a story must have word for word to be that story. */
const SHARED_SHARE = 0.5;

/** Decimal digits of the scripts a desk types in, to ASCII: ๒,๕๐๐ is 2,500 (re-attack trial: it leaked). */
const DIGIT_ZEROS = [0x0e50, 0x0ed0, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x1040, 0x17e0];

/**
 * A text as compared: its letters and digits only, compatibility-folded and lower-cased (ß as ss,
 * other scripts' digits as ASCII), without combining marks, so that a retyped headline is the same
 * headline (attack trials: a change of case, a curly apostrophe, Thai tone mark and vowel typed in
 * the other order, Thai digits, each leaked).
 */
export function skeleton(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/\p{Nd}/gu, (d) => {
      const code = d.codePointAt(0) as number;
      const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
      return zero === undefined ? d : String(code - zero);
    })
    .replace(/[^\p{L}\p{N}]|\p{M}/gu, '');
}

const digest = (text: string) => hash('sha1', text);

const PARAGRAPH_END = /<\/(?:p|li|h[1-6]|blockquote|pre)>/;

/** The digests of a story's paragraphs of some length (its HTML cut at each paragraph's end, as skeletons). */
export function paragraphDigests(contentHtml: string, min = MIN_TEXT): string[] {
  const out = new Set<string>();
  for (const part of contentHtml.split(PARAGRAPH_END)) {
    const text = skeleton(htmlToText(part));
    if (text.length >= Math.max(1, min)) out.add(digest(text));
  }
  return [...out];
}

/** The digest of a story's first paragraph, when it is a lede of MIN_LEDE or more. */
function ledeDigest(contentHtml: string): string | undefined {
  for (const part of contentHtml.split(PARAGRAPH_END)) {
    const text = skeleton(htmlToText(part));
    if (text.length > 0) return text.length >= MIN_LEDE ? digest(text) : undefined;
  }
  return undefined;
}

/** A headline as remembered: its skeleton's digest, or none when too short to tell one story. */
function headline(title: string): string {
  const text = skeleton(title);
  return text.length >= MIN_HEADLINE ? digest(text) : '';
}

/**
 * A held story renamed and edited at once, its date line broken or deleted (or mistyped, then
 * deleted later), has neither its bytes nor its date to be known by: it went out at once, secret
 * text and all (trials). What is left is its text. A story with no date of its own (none that
 * reads, or only a wire lede's) and not published now is held until the latest release of the held
 * stories it is: by one's headline (as its headline or one of its paragraphs: a broken dateline
 * above the headline becomes the headline) or by half of one's paragraphs (two at least),
 * compared as skeletons, whether or not the held file is still there (a "save as", then the
 * original deleted). A story that is out stays out (re-attack trial: a follow-up held with its
 * background paragraphs took it down for a month). A mark is kept by file and headline until its release, across restarts,
 * whatever becomes of its file (overwritten by another held story, turned into a draft), and goes
 * when that story is published: an embargo broken is worse than a story held too long, which the
 * desk explains (HELD_TEXT, naming the held file), and a date line of its own publishes it.
 */
export class HeldMarks {
  private readonly marks = new Map<string, HeldMark>();
  /** Counts the holds: a story applied before the last one may be a held story's copy unseen then. */
  version = 0;

  constructor(
    private readonly store: HeldMarkStore,
    now: number,
  ) {
    for (const mark of store.heldMarks()) {
      if (mark.until > now) this.marks.set(key(mark), mark);
      else store.dropHeldMark(mark);
    }
  }

  /** The story at `relPath` is held until `until`. */
  hold(relPath: string, until: number, story: Story): void {
    const lede = ledeDigest(story.contentHtml);
    const paragraphs = [...paragraphDigests(story.contentHtml), ...(lede === undefined ? [] : [LEDE + lede])];
    const mark = { path: relPath, until, title: headline(story.title), paragraphs };
    this.marks.set(key(mark), mark);
    this.store.putHeldMark(mark);
    this.version++;
  }

  /** The story at `relPath` is out: the marks of that file that it is go (its text is public now). */
  published(relPath: string, story: Story): void {
    let texts: Set<string> | undefined;
    for (const [k, mark] of this.marks) {
      if (mark.path !== relPath) continue;
      texts ??= textsOf(story);
      if (!isIt(mark, texts)) continue;
      this.marks.delete(k);
      this.store.dropHeldMark(mark);
    }
  }

  /** The held story that `story` (no date of its own, not out) is, of the latest release if several, and what matched; or none. `except`: a file whose own marks do not count. */
  twin(story: Story, now: number, except?: string): { path: string; until: number; by: string } | undefined {
    let found: { path: string; until: number; by: string } | undefined;
    let texts: Set<string> | undefined;
    for (const mark of this.marks.values()) {
      if (mark.path === except || mark.until <= now || (found !== undefined && mark.until <= found.until)) continue;
      texts ??= textsOf(story);
      const by = whatMatches(mark, texts);
      if (by !== undefined) found = { path: mark.path, until: mark.until, by };
    }
    return found;
  }
}

const key = (mark: Pick<HeldMark, 'path' | 'title'>) => `${mark.path}\u0000${mark.title}`;

/** A story's headline and every paragraph, however short (a held story's headline may be one of them), as digests. */
function textsOf(story: Story): Set<string> {
  return new Set([digest(skeleton(story.title)), ...paragraphDigests(story.contentHtml, 1)]);
}

/**
 * How `texts` (a story's headline and paragraphs) are the held story's, said for the desk: its
 * headline, or half its paragraphs and at least two of them when it has two or more (re-attack
 * trial: one standard closing line, "This is a developing story", was half of a short story).
 */
function whatMatches(mark: HeldMark, texts: ReadonlySet<string>): string | undefined {
  if (mark.title !== '' && texts.has(mark.title)) return 'its headline';
  const lede = mark.paragraphs.find((p) => p.startsWith(LEDE));
  if (lede !== undefined && texts.has(lede.slice(LEDE.length))) return 'its first paragraph, word for word';
  const paragraphs = mark.paragraphs.filter((p) => !p.startsWith(LEDE));
  if (paragraphs.length === 0) return undefined;
  const shared = paragraphs.filter((p) => texts.has(p)).length;
  const needed = Math.max(Math.min(2, paragraphs.length), Math.ceil(paragraphs.length * SHARED_SHARE));
  return shared >= needed ? `${shared} of its ${paragraphs.length} paragraphs` : undefined;
}

/** Whether a story at a held story's file is that story (its text public once this one is out). */
function isIt(mark: HeldMark, texts: ReadonlySet<string>): boolean {
  return whatMatches(mark, texts) !== undefined;
}

// What the desk holds under embargo, remembered by its title and paragraphs until its release: a story with no readable date that is one of them stays held.
import { hash } from 'node:crypto';
import type { Story } from '../core/model.js';
import type { HeldMark } from '../store/state-db.js';

/** Where marks are kept across restarts (the state store's `held_marks`). */
export interface HeldMarkStore {
  heldMarks(): HeldMark[];
  putHeldMark(mark: HeldMark): void;
  dropHeldMark(path: string): void;
}

/** Paragraphs shorter than this (letters and digits) are credits, datelines, "AFP": no evidence of one story. */
const MIN_PARAGRAPH = 16;

/** The share of a held story's paragraphs that a story must have word for word to be that story. */
const SHARED_SHARE = 0.5;

/**
 * A text as compared: its letters and digits only, compatibility-folded and lower-cased, without
 * combining marks, so that a retyped headline is the same headline (attack trial: a change of
 * case, a curly apostrophe, Thai tone mark and vowel typed in the other order, each leaked).
 */
export function skeleton(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]|\p{M}/gu, '');
}

const digest = (text: string) => hash('sha1', text);

/** The digests of a story's paragraphs of some length (its HTML cut at each paragraph's end, tags dropped, as skeletons). */
export function paragraphDigests(contentHtml: string, min = MIN_PARAGRAPH): string[] {
  const out = new Set<string>();
  for (const part of contentHtml.split(/<\/(?:p|li|h[1-6]|blockquote)>/)) {
    const text = skeleton(part.replace(/<[^>]*>/g, ' '));
    if (text.length >= Math.max(1, min)) out.add(digest(text));
  }
  return [...out];
}

/**
 * A held story renamed and edited at once, its date line broken or deleted (or mistyped, then
 * deleted later), has neither its bytes nor its date to be known by: it went out at once, secret
 * text and all (trials). What is left is its text. A new file with no date that reads is held
 * until the latest release of the held stories it is: one's headline as its headline or as one of
 * its paragraphs (a broken dateline above the headline becomes the headline), or half of one's
 * paragraphs, compared as skeletons, whether or not that file is still there (a "save as", then the
 * original deleted; a copy edited carries the secret text too). A mark lasts until its release,
 * across restarts, whatever becomes of its file: an embargo broken is worse than a story held too
 * long, which the desk explains (DATE_LOST, naming the held file), and a date line publishes it.
 */
export class HeldMarks {
  private readonly marks = new Map<string, HeldMark>();

  constructor(
    private readonly store: HeldMarkStore,
    now: number,
  ) {
    for (const mark of store.heldMarks()) {
      if (mark.until > now) this.marks.set(mark.path, mark);
      else store.dropHeldMark(mark.path);
    }
  }

  /** The story at `relPath` is held until `until`. */
  hold(relPath: string, until: number, story: Story): void {
    const mark = { path: relPath, until, title: digest(skeleton(story.title)), paragraphs: paragraphDigests(story.contentHtml) };
    this.marks.set(relPath, mark);
    this.store.putHeldMark(mark);
  }

  /** The story at `relPath` is out (or a draft): whatever it was held for, its own file says now. */
  release(relPath: string): void {
    if (!this.marks.delete(relPath)) return;
    this.store.dropHeldMark(relPath);
  }

  /** The held story that `story` (a new file, no date read) is, of the latest release if several, if any. */
  twin(story: Story, now: number): { path: string; until: number } | undefined {
    let found: HeldMark | undefined;
    let mine: Set<string> | undefined;
    for (const mark of this.marks.values()) {
      // Its own path too: a held story deleted, then saved again later with its date broken (attack trial).
      if (mark.until <= now || (found !== undefined && mark.until <= found.until)) continue;
      // Every paragraph, however short: a held story's headline may be one of them.
      mine ??= new Set([digest(skeleton(story.title)), ...paragraphDigests(story.contentHtml, 1)]);
      if (!mine.has(mark.title)) {
        if (mark.paragraphs.length === 0) continue;
        const shared = mark.paragraphs.filter((p) => mine?.has(p)).length;
        if (shared < Math.max(1, mark.paragraphs.length * SHARED_SHARE)) continue;
      }
      found = mark;
    }
    return found && { path: found.path, until: found.until };
  }
}

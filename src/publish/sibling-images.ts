// The picture saved beside a story under its name (`story.txt` and `story.jpg`): the story's own, when it names none.
import { IMAGE_TYPES } from '../core/media.js';

/** When a story has several (a JPEG and a PNG of its name), the first of these extensions is its picture. */
const PREFERRED = Object.keys(IMAGE_TYPES);

/** A file's path without its extension (`world/flood.txt` → `world/flood`), or undefined when it has none. */
function stem(relPath: string): string | undefined {
  const slash = relPath.lastIndexOf('/');
  const dot = relPath.lastIndexOf('.');
  return dot > slash + 1 ? relPath.slice(0, dot) : undefined;
}

/**
 * The images beside the stories by stem, as the folder scan last listed them: a plain-text story
 * has no `image:`, and an editor saving `flood.jpg` beside `flood.txt` expected it as the story's
 * picture (new-user trial: nothing came of it). Kept from each scan; an image saved or deleted
 * schedules a scan, which lists it and reads the story of its name again.
 */
export class SiblingImages {
  /** The images by stem, each stem's in the order of preference. */
  private byStem = new Map<string, string[]>();

  /** The images the scan listed (paths in the articles folder). */
  replace(images: readonly string[]): void {
    this.byStem = new Map();
    for (const rel of images) this.saved(rel);
  }

  /**
   * An image saved (its event, before the scan it schedules): known at once, so that a story
   * saved with its picture (one `cp` of both) goes out with it, not a second later (new-user trial).
   */
  saved(rel: string): void {
    const key = stem(rel);
    if (key === undefined) return;
    const all = (this.byStem.get(key) ?? []).filter((other) => other !== rel);
    all.push(rel);
    all.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    this.byStem.set(key, all);
  }

  /** An image deleted (its event). */
  deleted(rel: string): void {
    const key = stem(rel);
    if (key === undefined) return;
    const all = (this.byStem.get(key) ?? []).filter((other) => other !== rel);
    if (all.length > 0) this.byStem.set(key, all);
    else this.byStem.delete(key);
  }

  /** The picture of the story at `relPath`: the image of the same name beside it, if there is one. */
  of(relPath: string): string | undefined {
    if (this.byStem.size === 0) return undefined;
    const key = stem(relPath);
    return key === undefined ? undefined : this.byStem.get(key)?.[0];
  }
}

const rank = (rel: string) => PREFERRED.indexOf(rel.slice(rel.lastIndexOf('.')).toLowerCase());

// A story's image, when it is a file of the site's own: read once when the story is read, it becomes an enclosure with its pixel size, or a problem.
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ImageCheck, readImageDimensions } from '../core/image-dimensions.js';
import { type Enclosure, MAX_IMAGE_BYTES } from '../core/media.js';
import { type Entry, type Problem, ProblemCode } from '../core/model.js';
import type { SiteUrls } from '../core/routes.js';

/** What a story's image gives its entry: an enclosure, a warning instead of one, or nothing (not ours, or no such file). */
export interface StoryImage {
  enclosure?: Enclosure;
  problem?: Problem;
}

/**
 * `url` (the story's `image`, absolute against `urls`' base) as an enclosure: type and length
 * from the file, width and height from its header (core/image-dimensions.ts, given the whole
 * file: a JPEG's size can follow a long EXIF block). A header of another type than the
 * extension, or none, is an IMAGE_MISMATCH warning on the story and no enclosure, so no reader
 * is told a PNG is a JPEG. A file of the site's that is missing is an IMAGE_MISSING warning; an
 * image elsewhere on the web gives nothing.
 */
export function readStoryImage(articlesDir: string, storyPath: string, url: string, urls: SiteUrls): StoryImage {
  const rel = urls.localImage(url);
  if (rel === undefined) {
    // A path of the site's own that is no image beside the stories (`image: /images/cover.jpg`):
    // nothing serves it, and its page showed a broken picture without a word (new-user trial).
    if (!url.startsWith(urls.home)) return {};
    const given = url.slice(urls.home.length - 1);
    return {
      problem: {
        path: storyPath,
        code: ProblemCode.ImageMissing,
        reason: `image ${given}: not a picture saved beside the stories (only those are served), so its page shows a broken picture and the feeds none; save it in the articles folder and name it from the story (image: cover.jpg), or give a full https:// address`,
        severity: 'warning',
      },
    };
  }
  const file = path.join(articlesDir, rel);
  let bytes: Buffer;
  let mtimeMs: number;
  // Said on the desk: its page shows a broken picture (new-user trial: a story moved away from its image said nothing).
  const missing = (why: string): StoryImage => ({
    problem: { path: storyPath, code: ProblemCode.ImageMissing, reason: `image ${rel}: ${why}; its page shows a broken picture and the feeds none`, severity: 'warning' },
  });
  try {
    // Never through a symbolic link: the image is served under the same rule (http/article-media.ts).
    const st = lstatSync(file);
    if (!st.isFile()) return missing('not a regular file');
    // Read whole on this thread (a JPEG's size can follow a long EXIF block): never one the site
    // would not serve (attack trial: a 1.9 GB file held every request 6.6 s and 2 GB of memory).
    if (st.size > MAX_IMAGE_BYTES) return missing(`${st.size} bytes is over the ${MAX_IMAGE_BYTES}-byte limit of a picture`);
    mtimeMs = Math.trunc(st.mtimeMs);
    bytes = readFileSync(file);
  } catch (error) {
    return missing(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const result = readImageDimensions(bytes, rel);
  if (result.code !== ImageCheck.Ok) {
    const reason = `image ${rel}: ${result.reason}; it is not announced as an enclosure until the file is fixed and the story saved again`;
    return { problem: { path: storyPath, code: ProblemCode.ImageMismatch, reason, severity: 'warning' } };
  }
  return { enclosure: { url, type: result.type, length: bytes.length, width: result.width, height: result.height, mtimeMs } };
}

/**
 * True when the image an entry names, a file of the site's own, is no longer what its enclosure
 * says: gone, another size or saved since (a replacement of the same size: its pixel size may
 * differ), or there now when the entry has none and no mismatch was reported.
 * Its story is then read again, so a deleted or replaced image never leaves a broken or wrong
 * enclosure until the story happens to be saved. (A fixed mismatch still waits for a save, as
 * the IMAGE_MISMATCH message says.)
 */
export function imageChanged(articlesDir: string, entry: Pick<Entry, 'image' | 'enclosure'>, urls: SiteUrls, mismatch: boolean): boolean {
  const rel = entry.image === undefined ? undefined : urls.localImage(entry.image);
  if (rel === undefined) return false;
  let size: number | undefined;
  let mtimeMs: number | undefined;
  try {
    const s = lstatSync(path.join(articlesDir, rel));
    if (s.isFile()) [size, mtimeMs] = [s.size, Math.trunc(s.mtimeMs)];
  } catch {
    size = undefined;
  }
  const { enclosure } = entry;
  if (!enclosure) return size !== undefined && !mismatch;
  return size !== enclosure.length || (enclosure.mtimeMs !== undefined && mtimeMs !== enclosure.mtimeMs);
}

// Story images as enclosures: which files may be served from the articles folder, and their media types.

/** Image types served from the articles folder and announced as enclosures. No SVG: it can carry script. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
});

/** The largest picture served or read for its size (a story's image is read whole). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** An RSS enclosure / Atom rel="enclosure" / JSON Feed attachment (RSS 2.0 needs url, length, type). */
export interface Enclosure {
  url: string;
  type: string;
  length: number;
  /** Pixel size as displayed, read from the file's header (Media RSS `width`/`height`). */
  width?: number;
  height?: number;
  /** The file's modification time when it was read (never rendered): a replacement of the same size is seen by it. */
  mtimeMs?: number;
}

/** The media type of an image file name, or undefined when it is not one we serve. */
export function imageType(name: string): string | undefined {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : IMAGE_TYPES[name.slice(dot).toLowerCase()];
}

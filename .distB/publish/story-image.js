// A story's image, when it is a file of the site's own: read once when the story is read, it becomes an enclosure with its pixel size, or a problem.
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ImageCheck, readImageDimensions } from '../core/image-dimensions.js';
import { ProblemCode } from '../core/model.js';
/**
 * `url` (the story's `image`, absolute against `urls`' base) as an enclosure: type and length
 * from the file, width and height from its header (core/image-dimensions.ts, given the whole
 * file: a JPEG's size can follow a long EXIF block). A header of another type than the
 * extension, or none, is an IMAGE_MISMATCH warning on the story and no enclosure, so no reader
 * is told a PNG is a JPEG. An image elsewhere on the web, or a file that is missing, gives nothing.
 */
export function readStoryImage(articlesDir, storyPath, url, urls) {
    const rel = urls.localImage(url);
    if (rel === undefined)
        return {};
    const file = path.join(articlesDir, rel);
    let bytes;
    let mtimeMs;
    try {
        // Never through a symbolic link: the image is served under the same rule (http/article-media.ts).
        const st = lstatSync(file);
        if (!st.isFile())
            return {};
        mtimeMs = Math.trunc(st.mtimeMs);
        bytes = readFileSync(file);
    }
    catch {
        return {};
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
export function imageChanged(articlesDir, entry, urls, mismatch) {
    const rel = entry.image === undefined ? undefined : urls.localImage(entry.image);
    if (rel === undefined)
        return false;
    let size;
    let mtimeMs;
    try {
        const s = lstatSync(path.join(articlesDir, rel));
        if (s.isFile())
            [size, mtimeMs] = [s.size, Math.trunc(s.mtimeMs)];
    }
    catch {
        size = undefined;
    }
    const { enclosure } = entry;
    if (!enclosure)
        return size !== undefined && !mismatch;
    return size !== enclosure.length || (enclosure.mtimeMs !== undefined && mtimeMs !== enclosure.mtimeMs);
}
//# sourceMappingURL=story-image.js.map
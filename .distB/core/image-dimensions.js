// Pixel dimensions of a story image, read from its header bytes, and whether the header agrees with the file name.
import { createRequire } from 'node:module';
import { imageType } from './media.js';
/** image-size, loaded on the first image (its ESM build is 28 modules; most sites start with no image to read). */
let loaded;
function imageSize(bytes) {
    loaded ??= createRequire(import.meta.url)('image-size').imageSize;
    return loaded(bytes);
}
/** Media types of the formats image-size names (its `type`), for the ones a story image could plausibly be. */
const DETECTED_TYPES = Object.freeze({
    jpg: 'image/jpeg',
    png: 'image/png',
    gif: 'image/gif',
    webp: 'image/webp',
    avif: 'image/avif',
    heic: 'image/heic',
    heif: 'image/heif',
    svg: 'image/svg+xml',
    bmp: 'image/bmp',
    tiff: 'image/tiff',
    ico: 'image/vnd.microsoft.icon',
    jxl: 'image/jxl',
    'jxl-stream': 'image/jxl',
    jp2: 'image/jp2',
    psd: 'image/vnd.adobe.photoshop',
});
const WEBP_HEADER_BYTES = 30;
export const ImageCheck = {
    Ok: 'OK',
    /** The header is a readable image of another type than the extension says (a PNG saved as `.jpg`). */
    Mismatch: 'IMAGE_MISMATCH',
    /** No image header could be read: text, garbage, or a file cut short before its dimensions. */
    Unreadable: 'IMAGE_UNREADABLE',
    /** The extension is not one of the image types the site serves (core/media.ts). */
    UnsupportedExtension: 'IMAGE_UNSUPPORTED_EXTENSION',
};
/**
 * Width, height and media type of the image in `bytes`, checked against the media type that `fileName`'s
 * extension gives (core/media.ts). Never throws: a header of another type, an unreadable header and an
 * extension the site does not serve each come back as a result the caller reports as a problem instead
 * of an enclosure. Width and height are as displayed: swapped when the JPEG's EXIF orientation turns the
 * picture a quarter (values 5–8), since a reader lays out the turned picture.
 *
 * Pass the whole file, or at least its first 512 KiB (what image-size reads from a file): a JPEG's
 * dimensions come after its EXIF block, which can be long. Uses image-size 2 (https://github.com/image-size/image-size).
 */
export function readImageDimensions(bytes, fileName) {
    const expected = imageType(fileName);
    if (!expected)
        return { code: ImageCheck.UnsupportedExtension, reason: `${extensionOf(fileName)} is not an image type the site serves` };
    // image-size reads through the view's whole ArrayBuffer: a header cut short inside a larger buffer (Node's
    // pooled Buffers, a subarray) would be completed with whatever bytes follow. An exact copy makes it throw.
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    let size;
    try {
        size = imageSize(own);
    }
    catch (error) {
        // image-size's own words are for programmers ("Offset is outside the bounds of the DataView"): an editor gets what they mean.
        const unknown = error instanceof Error && /^unsupported file type/i.test(error.message);
        return { code: ImageCheck.Unreadable, reason: unknown ? 'no image header of a type the site serves' : 'its header is cut short or damaged' };
    }
    // WebP's dimensions sit in bytes 20–29; cut shorter, image-size reads the missing bits as zeros (a 1×1 picture).
    if (size.type === 'webp' && own.length < WEBP_HEADER_BYTES) {
        return { code: ImageCheck.Unreadable, reason: `WebP header cut short: ${own.length} of ${WEBP_HEADER_BYTES} bytes` };
    }
    const { width, height } = size;
    // Garbage can pass a weak signature check (a run of zeros "is" a TGA) and come out 0×0.
    if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
        return { code: ImageCheck.Unreadable, reason: `no image dimensions in the header (${size.type ?? 'unknown'} ${width}×${height})` };
    }
    const detected = DETECTED_TYPES[size.type ?? ''] ?? `image/x-${size.type ?? 'unknown'}`;
    if (detected !== expected) {
        return {
            code: ImageCheck.Mismatch,
            expected,
            detected,
            reason: `${extensionOf(fileName)} says ${expected} but the file is ${detected}`,
        };
    }
    const turned = size.orientation !== undefined && size.orientation >= 5 && size.orientation <= 8;
    return { code: ImageCheck.Ok, width: turned ? height : width, height: turned ? width : height, type: detected };
}
function extensionOf(fileName) {
    const dot = fileName.lastIndexOf('.');
    return dot < 0 || dot < fileName.lastIndexOf('/') ? `"${fileName}" (no extension)` : fileName.slice(dot).toLowerCase();
}
//# sourceMappingURL=image-dimensions.js.map
// Image headers: dimensions of JPEG, PNG, GIF and WebP, cross-checked with libmagic's `file`; mismatches and garbage as results.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImageCheck, readImageDimensions } from '../../src/core/image-dimensions.js';
import { gif, jpeg, png, webpExtended, webpLossless, webpLossy } from './image-fixtures.js';

const hasFile = spawnSync('file', ['--version']).status === 0;

/** libmagic's description of `bytes`, e.g. "PNG image data, 7 x 3, 8-bit/color RGB, non-interlaced". */
function magic(bytes: Uint8Array): string {
  return spawnSync('file', ['-b', '-'], { input: bytes }).stdout.toString();
}

// libmagic prints a JPEG height of 65535 as -1 (a signed short), and no dimensions for VP8L/VP8X WebP: there it checks the type only.
const SAMPLES = [
  { name: 'photo.jpg', bytes: jpeg(640, 480), width: 640, height: 480, type: 'image/jpeg', magic: /640x480/ },
  { name: 'photo.JPEG', bytes: jpeg(1, 65535), width: 1, height: 65535, type: 'image/jpeg', magic: /precision 8, 1x(65535|-1),/ },
  { name: 'chart.png', bytes: png(7, 3), width: 7, height: 3, type: 'image/png', magic: /7 x 3/ },
  { name: 'anim.gif', bytes: gif(300, 200), width: 300, height: 200, type: 'image/gif', magic: /300 x 200/ },
  { name: 'lossy.webp', bytes: webpLossy(320, 240), width: 320, height: 240, type: 'image/webp', magic: /320x240/ },
  { name: 'lossless.webp', bytes: webpLossless(1024, 768), width: 1024, height: 768, type: 'image/webp', magic: /Web\/P/ },
  { name: 'extended.webp', bytes: webpExtended(4000, 3000), width: 4000, height: 3000, type: 'image/webp', magic: /Web\/P/ },
];

describe('readImageDimensions', () => {
  it.each(SAMPLES)('reads $width×$height $type from $name', ({ name, bytes, width, height, type }) => {
    expect(readImageDimensions(bytes, name)).toEqual({ code: ImageCheck.Ok, width, height, type });
  });

  it.skipIf(!hasFile)("agrees with libmagic's reading of the same bytes (file(1); skipped: not installed)", () => {
    for (const s of SAMPLES) expect(magic(s.bytes), s.name).toMatch(s.magic);
  });

  it('gives displayed dimensions: swapped when EXIF orientation turns the picture a quarter', () => {
    expect(readImageDimensions(jpeg(640, 480, 1), 'a.jpg')).toMatchObject({ width: 640, height: 480 });
    expect(readImageDimensions(jpeg(640, 480, 3), 'a.jpg')).toMatchObject({ width: 640, height: 480 });
    expect(readImageDimensions(jpeg(640, 480, 6), 'a.jpg')).toMatchObject({ width: 480, height: 640 });
    expect(readImageDimensions(jpeg(640, 480, 8), 'a.jpg')).toMatchObject({ width: 480, height: 640 });
  });

  it('reports a header of another type than the extension: a PNG saved as .jpg, a JPEG as .webp', () => {
    expect(readImageDimensions(png(7, 3), 'photos/lead.jpg')).toEqual({
      code: ImageCheck.Mismatch,
      expected: 'image/jpeg',
      detected: 'image/png',
      reason: '.jpg says image/jpeg but the file is image/png',
    });
    expect(readImageDimensions(jpeg(2, 2), 'x.webp')).toMatchObject({
      code: ImageCheck.Mismatch,
      expected: 'image/webp',
      detected: 'image/jpeg',
    });
  });

  it('reports an SVG saved as .png as a mismatch, not an image', () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"></svg>');
    expect(readImageDimensions(svg, 'logo.png')).toMatchObject({ code: ImageCheck.Mismatch, detected: 'image/svg+xml' });
  });

  it.each([
    ['text saved as .png', new TextEncoder().encode('Hello, this is not a picture.\n')],
    ['an empty file', new Uint8Array()],
    ['zeros (a weak TGA signature, 0×0)', new Uint8Array(64)],
    ['a PNG cut inside its signature', png(7, 3).subarray(0, 10)],
    ['a PNG cut before the dimensions', png(7, 3).subarray(0, 18)],
    ['a JPEG cut before its frame header', jpeg(640, 480).subarray(0, 12)],
    ['a GIF cut inside its signature', gif(3, 3).subarray(0, 4)],
    ['a RIFF that is not WebP', Uint8Array.from([...new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '), 0, 0, 0, 0])],
  ])('turns %s into an unreadable result, never an exception', (_, bytes) => {
    const result = readImageDimensions(bytes, 'a.png');
    expect(result.code).toBe(ImageCheck.Unreadable);
    // In words an editor reads, never the library's own (a DataView offset, a buffer limit).
    expect(result).toHaveProperty('reason', expect.stringMatching(/^(?:no image header of a type the site serves|its header is cut short or damaged|WebP header cut short|no image dimensions)/));
  });

  it('reads only the bytes it is given, not the rest of a shared buffer (a pooled Buffer, a subarray)', () => {
    const pool = new Uint8Array(8192);
    pool.set(png(7, 3), 100);
    expect(readImageDimensions(pool.subarray(100, 118), 'a.png').code).toBe(ImageCheck.Unreadable);
    expect(readImageDimensions(pool.subarray(100, 100 + png(7, 3).length), 'a.png')).toMatchObject({
      code: ImageCheck.Ok,
      width: 7,
      height: 3,
    });
    const buffer = Buffer.concat([Buffer.alloc(3), Buffer.from(webpLossless(1024, 768))]).subarray(3, 3 + 22);
    expect(readImageDimensions(buffer, 'a.webp').code).toBe(ImageCheck.Unreadable);
  });

  it('refuses a WebP header cut before its dimensions instead of reading it as 1×1', () => {
    for (const n of [16, 20, 22, 23, 29])
      expect(readImageDimensions(webpLossless(1024, 768).slice(0, n), 'a.webp').code, `${n} bytes`).toBe(ImageCheck.Unreadable);
  });

  it('refuses an extension the site does not serve, before reading', () => {
    expect(readImageDimensions(png(1, 1), 'logo.svg')).toMatchObject({
      code: ImageCheck.UnsupportedExtension,
      reason: expect.stringContaining('.svg'),
    });
    expect(readImageDimensions(png(1, 1), 'README')).toMatchObject({ code: ImageCheck.UnsupportedExtension });
    expect(readImageDimensions(png(1, 1), 'folder.png/file')).toMatchObject({ code: ImageCheck.UnsupportedExtension });
  });

  it('never throws, and reports positive integer dimensions only when it says OK, whatever the bytes', () => {
    const names = fc.constantFrom('a.jpg', 'a.png', 'a.gif', 'a.webp', 'a.avif');
    const real = fc.constantFrom(...SAMPLES.map((s) => s.bytes));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      real.chain((b) => fc.integer({ min: 0, max: b.length }).map((n) => b.subarray(0, n))),
      real.chain((b) =>
        fc.tuple(fc.integer({ min: 0, max: b.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, v]) => b.with(i, v)),
      ),
    );
    fc.assert(
      fc.property(bytes, names, (b, name) => {
        const result = readImageDimensions(b, name);
        expect(Object.values(ImageCheck)).toContain(result.code);
        if (result.code === ImageCheck.Ok) {
          expect(Number.isInteger(result.width) && result.width > 0).toBe(true);
          expect(Number.isInteger(result.height) && result.height > 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

// Small image files built byte by byte, with known dimensions, for the image header tests.
import { crc32, deflateSync } from 'node:zlib';

const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function pngChunk(type: string, data: Uint8Array): number[] {
  const body = Uint8Array.from([...ascii(type), ...data]);
  return [...be32(data.length), ...body, ...be32(crc32(body))];
}

/** A complete, decodable RGB PNG: signature, IHDR, one IDAT of black rows, IEND. */
export function png(width: number, height: number): Uint8Array {
  const ihdr = Uint8Array.from([...be32(width), ...be32(height), 8, 2, 0, 0, 0]);
  const rows = new Uint8Array(height * (1 + width * 3)); // filter byte 0 and black pixels
  return Uint8Array.from([
    0x89,
    ...ascii('PNG\r\n\x1a\n'),
    ...pngChunk('IHDR', ihdr),
    ...pngChunk('IDAT', deflateSync(rows)),
    ...pngChunk('IEND', new Uint8Array()),
  ]);
}

/** JPEG markers up to the frame header: SOI, APP0 JFIF, optional APP1 EXIF orientation, SOF0, EOI. */
export function jpeg(width: number, height: number, orientation?: number): Uint8Array {
  const app0 = [0xff, 0xe0, ...be16(16), ...ascii('JFIF\0'), 1, 1, 0, ...be16(1), ...be16(1), 0, 0];
  const tiff = [
    ...ascii('MM'),
    ...be16(42),
    ...be32(8),
    ...be16(1),
    ...be16(0x0112),
    ...be16(3),
    ...be32(1),
    ...be16(orientation ?? 1),
    0,
    0,
    ...be32(0),
  ];
  const exif = [...ascii('Exif\0\0'), ...tiff];
  const app1 = orientation === undefined ? [] : [0xff, 0xe1, ...be16(exif.length + 2), ...exif];
  const sof0 = [0xff, 0xc0, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...app1, ...sof0, 0xff, 0xd9]);
}

/** The classic 43-byte transparent GIF89a, with the screen and image sizes set. */
export function gif(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    ...ascii('GIF89a'),
    ...le16(width),
    ...le16(height),
    0x80,
    0,
    0,
    0xff,
    0xff,
    0xff,
    0,
    0,
    0, // global colour table of two colours
    0x21,
    0xf9,
    4,
    1,
    0,
    0,
    0,
    0, // graphic control: colour 0 transparent
    0x2c,
    0,
    0,
    0,
    0,
    ...le16(width),
    ...le16(height),
    0,
    2,
    2,
    0x44,
    0x01,
    0, // LZW minimum code size, one sub-block
    0x3b,
  ]);
}

function riff(chunk: string, data: number[]): Uint8Array {
  const body = [...ascii('WEBP'), ...ascii(chunk), ...le32(data.length), ...data, ...(data.length % 2 ? [0] : [])];
  return Uint8Array.from([...ascii('RIFF'), ...le32(body.length), ...body]);
}

/** A lossless WebP header (VP8L): signature 0x2f, then 14-bit width-1 and height-1. */
export function webpLossless(width: number, height: number): Uint8Array {
  const bits = (width - 1) | ((height - 1) << 14);
  return riff('VP8L', [0x2f, ...le32(bits >>> 0), 0, 0, 0, 0, 0]);
}

/** An extended WebP header (VP8X): 24-bit canvas width-1 and height-1. */
export function webpExtended(width: number, height: number): Uint8Array {
  return riff('VP8X', [0, 0, 0, 0, ...le24(width - 1), ...le24(height - 1)]);
}

/** A lossy WebP header (VP8): frame tag, start code 9d 01 2a, 14-bit width and height. */
export function webpLossy(width: number, height: number): Uint8Array {
  return riff('VP8 ', [0x10, 0x02, 0, 0x9d, 0x01, 0x2a, ...le16(width), ...le16(height), 0, 0]);
}

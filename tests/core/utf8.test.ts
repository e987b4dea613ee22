// The ICU conversions give exactly what V8's own would, for any text and any bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes, utf8Join, utf8Text } from '../../src/core/utf8.js';

/** Any UTF-16 text, lone surrogates included (what a JavaScript string can hold). */
const anyText = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0x0e00, max: 0x0e7f })), { maxLength: 200 })
  .map((units) => String.fromCharCode(...units));

describe('utf8', () => {
  it('encodes any string to the bytes Buffer.from gives', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(utf8Bytes(text).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
    );
  });

  it('encodes pieces to the bytes of their join, a surrogate pair split between two pieces included', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), (pieces) => {
        expect(utf8Join(pieces).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
      }),
    );
    const flag = '🇹🇭';
    expect(utf8Join([`a${flag[0]}`, `${flag.slice(1)}b`]).toString()).toBe(`a${flag}b`);
    // Larger than the buffer it starts with: it grows, and what came before stays.
    const long = ['ก'.repeat(200_000), 'x', 'ข'.repeat(100_000)];
    expect(utf8Join(long).equals(Buffer.from(long.join(''), 'utf8'))).toBe(true);
  });

  it('decodes any bytes as TextDecoder does, byte order mark and bad bytes included', () => {
    const decoder = new TextDecoder('utf-8');
    const bytes = fc.oneof(
      anyText.map((t) => Buffer.from(t, 'utf8')),
      anyText.map((t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])),
      fc.uint8Array({ maxLength: 64 }),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        expect(utf8Text(b)).toBe(decoder.decode(b));
      }),
    );
  });

  it('keeps a leading byte order mark when asked (text stored and read back as written)', () => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    fc.assert(
      fc.property(anyText, (t) => {
        const b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]);
        expect(utf8Text(b, true)).toBe(decoder.decode(b));
      }),
    );
  });

  it('reads Thai with tone marks and a subarray of a larger buffer', () => {
    const whole = Buffer.from('xxผู้นำเกาหลีเหนือ ก่ี yy', 'utf8');
    expect(utf8Text(whole.subarray(2, whole.length - 2))).toBe('ผู้นำเกาหลีเหนือ ก่ี ');
    expect(utf8Text(new Uint8Array(whole))).toBe('xxผู้นำเกาหลีเหนือ ก่ี yy');
  });
});

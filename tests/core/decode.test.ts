import { describe, expect, it } from 'vitest';
import { decodeArticle, firstInvalidUtf8 } from '../../src/core/decode.js';

// "ข่าว" (news) in TIS-620: ข=0xA2 ่=0xE8 า=0xD2 ว=0xC7
const tis620 = (s: string) =>
  Uint8Array.from([...s].map((c) => (c.charCodeAt(0) >= 0x0e01 ? c.charCodeAt(0) - 0x0e01 + 0xa1 : c.charCodeAt(0))));

describe('decodeArticle', () => {
  it('reads UTF-8 with and without BOM, CRLF and CR line ends', () => {
    const text = 'หัวข้อ\r\n\r\nเนื้อหา\rบรรทัด';
    const plain = decodeArticle(new TextEncoder().encode(text));
    const bom = decodeArticle(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
    expect(plain.text).toBe('หัวข้อ\n\nเนื้อหา\nบรรทัด');
    expect(bom.text).toBe(plain.text);
    expect(plain.encoding).toBe('utf-8');
  });

  it('detects legacy Thai (TIS-620) and decodes it correctly', () => {
    const decoded = decodeArticle(tis620('ข่าวด่วน\n\nเนื้อหาข่าว'));
    expect(decoded.encoding).toBe('windows-874');
    expect(decoded.text).toBe('ข่าวด่วน\n\nเนื้อหาข่าว');
    expect(decoded.warnings[0]).toEqual({ code: 'LEGACY_ENCODING', message: expect.stringMatching(/legacy Thai/) });
  });

  it('refuses Latin-1 text rather than reading it as Thai', () => {
    const latin1 = Uint8Array.from([...'Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e'].map((c) => c.charCodeAt(0)));
    expect(() => decodeArticle(latin1)).toThrow(/BAD_ENCODING|not legacy Thai/);
  });

  it('refuses an English story with a bad byte pair rather than reading those bytes as Thai letters', () => {
    const english = Buffer.concat([
      Buffer.from('Plain English story\n\n2025-03-01\n\nOne bad byte here '),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from(' and the rest is fine.\n'),
    ]);
    expect(() => decodeArticle(english)).toThrow('invalid UTF-8 at byte');
    // A Thai story with English in it is still legacy Thai, wire copy with a Thai title and an English body too.
    expect(decodeArticle(tis620('ข่าวด่วนจาก Reuters และ AFP\n\nเนื้อหาข่าว')).encoding).toBe('windows-874');
    const wire = `ข่าวต่างประเทศ: ตลาดหุ้นเอเชีย\n\n${'Asian shares rose on Monday as investors weighed signs that inflation is easing. '.repeat(3)}\n`;
    expect(decodeArticle(tis620(wire)).encoding).toBe('windows-874');
  });

  it('names the byte of invalid UTF-8 in an otherwise good Thai story', () => {
    const good = new TextEncoder().encode('ข่าวดี\n\nเนื้อหา');
    const bad = Uint8Array.from([...good.subarray(0, 9), 0xff, ...good.subarray(9)]);
    expect(() => decodeArticle(bad)).toThrow('invalid UTF-8 at byte 9');
  });

  it('recognises a file cut in the middle of a character', () => {
    const good = new TextEncoder().encode('ข่าวดี\n\nเนื้อหา');
    expect(() => decodeArticle(good.subarray(0, good.length - 1))).toThrow(/still being written/);
  });

  it('refuses binary data and empty files', () => {
    expect(() => decodeArticle(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]))).toThrow(/binary/);
    expect(() => decodeArticle(new TextEncoder().encode('title\u0000body'))).toThrow(/NUL/);
    // One NUL in a short UTF-8 file is not UTF-16 (attack trial).
    expect(() => decodeArticle(new TextEncoder().encode('A short title\n\nBo\u0000dy text here.\n'))).toThrow(/^(?!.*UTF-16).*NUL/);
    expect(() => decodeArticle(new Uint8Array())).toThrow(/empty/);
    expect(() => decodeArticle(new TextEncoder().encode(' \n\t\n'))).toThrow(/empty/);
  });

  it('says UTF-16 saved without its byte order mark is UTF-16, Thai or English, either byte order', () => {
    for (const text of ['ข่าวดี\n\nเนื้อหาของข่าว วันนี้\n', 'Good news\n\nThe body of it.\n']) {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.from(le).swap16();
      expect(() => decodeArticle(le), text).toThrow(/looks like UTF-16LE text without a byte order mark .*save it as UTF-8/);
      expect(() => decodeArticle(be), text).toThrow(/looks like UTF-16BE text without a byte order mark/);
    }
    // A PNG's NULs are not that.
    expect(() => decodeArticle(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toThrow(/binary data/);
  });

  it('says at which byte UTF-16 with its mark goes wrong (new-user trial: "invalid utf-16le" alone)', () => {
    const good = Buffer.from('ข่าว\n\nเนื้อหา\n', 'utf16le');
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), good.subarray(0, 4), Buffer.from([0x00, 0xd8, 0x41, 0x00]), good.subarray(4)]);
    expect(() => decodeArticle(lone)).toThrow('invalid UTF-16LE: a lone high surrogate at byte 6');
    const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), good, Buffer.from([0x41])]);
    expect(() => decodeArticle(odd)).toThrow(`invalid UTF-16LE: an odd last byte at byte ${2 + good.length}`);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(good).swap16(), Buffer.from([0xdc, 0x00])]);
    expect(() => decodeArticle(be)).toThrow(`invalid UTF-16BE: a lone low surrogate at byte ${2 + good.length}`);
  });

  it('removes characters XML forbids, with a warning', () => {
    const decoded = decodeArticle(new TextEncoder().encode('Ti\u0001tle\uFFFE\n\nbody\uFFFF'));
    expect(decoded.text).toBe('Title\n\nbody');
    expect(decoded.warnings.map((w) => w.message).join()).toMatch(/removed 3/);
  });

  it('firstInvalidUtf8 rejects overlongs and surrogates', () => {
    expect(firstInvalidUtf8(Uint8Array.from([0xc0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xed, 0xa0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(new TextEncoder().encode('ok 👍 ไทย'))).toBe(-1);
  });
});

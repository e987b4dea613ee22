// UTF-8 ⇄ JavaScript strings at ICU's speed: V8's own conversion is slow for Thai (three-byte characters).
import { isAscii, transcode } from 'node:buffer';
// Measured on a 4.6 KB Thai story: V8 decodes it in 21 µs, ICU through UTF-16 in 3 µs; a 120 KB
// feed encodes in 315 µs against 76 µs. Every story file is decoded once and every document
// encoded once, so this is a tenth of a cold build. ICU refuses what is not valid Unicode (a lone
// surrogate, a bad byte): those fall back to V8, whose replacements (U+FFFD) stay the rule.
/** UTF-8 bytes as text, a leading byte order mark dropped as TextDecoder does (`keepBom`: kept, for stored text read back as written). */
export function utf8Text(bytes, keepBom = false) {
    const buffer = asBuffer(bytes);
    // ASCII alone is V8's fast case (a copy), faster than ICU.
    if (isAscii(buffer))
        return buffer.toString('latin1');
    let text;
    try {
        text = transcode(buffer, 'utf8', 'utf16le').toString('utf16le');
    }
    catch {
        return new TextDecoder('utf-8', { ignoreBOM: keepBom }).decode(bytes);
    }
    return !keepBom && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
/** `text` as UTF-8 bytes: the same bytes as Buffer.from(text, 'utf8'). */
export function utf8Bytes(text) {
    try {
        return transcode(Buffer.from(text, 'utf16le'), 'utf16le', 'utf8');
    }
    catch {
        return Buffer.from(text, 'utf8');
    }
}
/**
 * Where pieces are encoded before their bytes are copied out: kept between calls, so its memory
 * is the process's already. A fresh buffer or string as large as a feed (280 KB of Thai) is a
 * fresh mapping whose every 4 KB page faults on first write: measured here at about 14 µs a
 * page, joining an archive page's lines and encoding the result cost 3.5 ms against 0.7 ms.
 */
let scratch = new Uint8Array(256 * 1024);
const encoder = new TextEncoder();
/**
 * The UTF-8 bytes of `pieces.join('')`, without making that string: for documents rendered in
 * pieces (core/render/pieces.ts). A surrogate pair split between two pieces is kept whole.
 */
export function utf8Join(pieces) {
    let length = 0;
    let carry = '';
    for (const piece of pieces) {
        let text = carry + piece;
        carry = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
            carry = text.slice(-1);
            text = text.slice(0, -1);
        }
        length = encodeAt(text, length);
    }
    length = encodeAt(carry, length);
    return Buffer.from(scratch.subarray(0, length));
}
function encodeAt(text, at) {
    // Three bytes per UTF-16 unit is the most UTF-8 can need.
    if (scratch.length - at < 3 * text.length) {
        const grown = new Uint8Array(Math.max(2 * scratch.length, at + 3 * text.length));
        grown.set(scratch.subarray(0, at));
        scratch = grown;
    }
    return at + encoder.encodeInto(text, scratch.subarray(at)).written;
}
function asBuffer(bytes) {
    return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
//# sourceMappingURL=utf8.js.map
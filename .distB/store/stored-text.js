// How story bodies and summaries are kept in the state store: bytes that feedpub decodes itself, in whichever of UTF-8 and UTF-16 is smaller.
import { utf8Bytes, utf8Text } from '../core/utf8.js';
/**
 * The mark that opens a UTF-16LE BLOB (schema 6): bytes 0xFF 0xFE never occur in UTF-8, so a
 * BLOB without it is UTF-8, as schema 5 wrote every one.
 */
const WIDE_MARK = 0xfeff;
/**
 * Thai takes three bytes a character in UTF-8 and two in UTF-16: a 4.6 KB Thai body is 3.2 KB
 * wide, which fits SQLite's row in one overflow page instead of two, so a 100,000-story first
 * start writes about a third less. English stays UTF-8, which is half the size of UTF-16 for it.
 */
export function toStored(text) {
    const wide = 2 * text.length + 2;
    if (wide >= Buffer.byteLength(text, 'utf8'))
        return utf8Bytes(text);
    const bytes = Buffer.allocUnsafe(wide);
    bytes.writeUInt16LE(WIDE_MARK, 0);
    bytes.write(text, 2, 'utf16le');
    return bytes;
}
export function fromStored(value) {
    if (value === null || value === undefined)
        return undefined;
    if (typeof value === 'string')
        return value;
    return value.length >= 2 && value[0] === 0xff && value[1] === 0xfe ? value.toString('utf16le', 2) : utf8Text(value, true);
}
//# sourceMappingURL=stored-text.js.map
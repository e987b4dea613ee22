// The gzip and brotli settings of every compressed body: served by the snapshot and written by `build`, so both are the same bytes.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
const GZIP = { level: 6 };
/** gzip at level 6: zlib's default, the usual balance of size and time. */
export const gzipBody = (body) => gzipSync(body, GZIP);
/** Brotli at quality 6: close to the best size at a fraction of quality 9-11's cost (measured on story pages and feeds). */
export const brotliBody = (body) => brotliCompressSync(body, {
    params: {
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
});
//# sourceMappingURL=compress.js.map
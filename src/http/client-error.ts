// Requests Node could not parse, answered as Node does, but a request line too long for any URL gets 414.
import type { Duplex } from 'node:stream';

/** The longest URL served; longer gets 414 (in the request line or beyond all headers' 16 KB). */
export const MAX_URL_LENGTH = 8 * 1024;

/** What Node itself answers to a request it cannot parse (node:_http_server), by the parser's code. */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'Payload Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};

/**
 * Node's own answer to a request it could not parse, but for one thing: it says 431 to whatever
 * overflows maxHeaderSize, a request line too. A URL longer than that is a URL too long (414),
 * which tells the client which part to shorten.
 */
export function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  // A reset connection has no one to answer; a response already begun cannot be replaced.
  const started = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (error.code !== 'ECONNRESET' && socket.writable && !started) {
    let [status, reason] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request'];
    if (error.code === 'HPE_HEADER_OVERFLOW' && requestLineTooLong(error.rawPacket)) [status, reason] = [414, 'URI Too Long'];
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  }
  socket.destroy(error);
}

/**
 * A CONNECT request (a client taking this server for a proxy): 405, where Node, with no listener
 * for it, closed the connection without a word.
 */
export function refuseConnect(_req: unknown, socket: Duplex): void {
  if (socket.writable) socket.write('HTTP/1.1 405 Method Not Allowed\r\nallow: GET, HEAD\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  socket.end();
}

/**
 * Whether the overflow is the request line's: `raw` is only the last piece Node read, so this is
 * said only when that piece starts the request (a method, then the target) and holds no line
 * end within a URL's length. A request line read in pieces keeps Node's 431 (attack trial: a
 * header read in two pieces got 414).
 */
function requestLineTooLong(raw: Buffer | undefined): boolean {
  if (raw === undefined || !/^[A-Z]{3,10} /.test(raw.subarray(0, 12).toString('latin1'))) return false;
  const lineEnd = raw.indexOf('\r\n');
  return lineEnd < 0 || lineEnd > MAX_URL_LENGTH;
}

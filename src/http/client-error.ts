// Requests Node could not parse, answered as Node does, but a request line too long for any URL gets 414.
import type { ServerResponse } from 'node:http';
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
  // A reset connection has no one to answer.
  if (error.code === 'ECONNRESET') {
    socket.destroy(error);
    return;
  }
  // Behind pipelined requests, the answer comes after theirs, in order (attack trial: the
  // connection was closed after a 200 with no word on the bad request that followed it).
  const giveUp = setTimeout(() => socket.destroy(), FLUSH_MS);
  giveUp.unref();
  afterResponses(socket, 0, () => {
    if (!socket.writable) {
      clearTimeout(giveUp);
      socket.destroy();
      return;
    }
    let [status, reason] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'Bad Request'];
    if (error.code === 'HPE_HEADER_OVERFLOW' && requestLineTooLong(error.rawPacket)) [status, reason] = [414, 'URI Too Long'];
    // Ended, then closed once written: destroyed at once, an answer queued behind a response was lost.
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`, () => {
      clearTimeout(giveUp);
      socket.destroy();
    });
  });
}

/**
 * Calls `then` once no response holds the socket: Node hands it to each pipelined request's
 * response in turn, after the one before has finished. A response that never ends leaves the
 * connection to the FLUSH_MS limit.
 */
function afterResponses(socket: Duplex, turns: number, then: () => void): void {
  const current = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!current || current.destroyed || turns > MAX_TURNS) {
    then();
    return;
  }
  let next = false;
  const again = () => {
    if (next) return;
    next = true;
    // After the response's own 'finish' handlers: the next response takes the socket there.
    setImmediate(() => afterResponses(socket, turns + 1, then));
  };
  if (current.writableFinished) again();
  else {
    current.once('finish', again);
    current.once('close', again);
  }
}

/** Responses waited for behind one bad request: pipelines are a few requests deep. */
const MAX_TURNS = 64;

/** How long a client that reads nothing may keep a connection whose request was refused. */
const FLUSH_MS = 5000;

/**
 * A CONNECT request (a client taking this server for a proxy): 405, where Node, with no listener
 * for it, closed the connection without a word.
 */
export function refuseConnect(_req: unknown, socket: Duplex): void {
  if (socket.writable)
    socket.write('HTTP/1.1 405 Method Not Allowed\r\nallow: GET, HEAD\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
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

// The ceiling for Node here: node:http writing prebuilt Buffers from memory (identity, gzip, 304).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

const body = readFileSync(process.argv[2]);
const gz = gzipSync(body, { level: 6 });
const etag = '"baseline"';
const server = createServer((req, res) => {
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag });
    res.end();
    return;
  }
  const gzip = (req.headers['accept-encoding'] ?? '').includes('gzip');
  res.writeHead(200, {
    'content-type': 'application/rss+xml; charset=utf-8',
    'content-length': String(gzip ? gz.length : body.length),
    etag,
    vary: 'Accept-Encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(gzip ? gz : body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));

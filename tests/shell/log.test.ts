// The operator log: logfmt lines, and the CLI's writer that joins them per turn of the event loop.
import { describe, expect, it } from 'vitest';
import { batchedWriter, createLogger } from '../../src/log.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the batched log writer', () => {
  it('writes the lines of one turn of the event loop at once, in order', async () => {
    const writes: string[] = [];
    const log = createLogger(batchedWriter({ write: (chunk: string) => writes.push(chunk) }), 'info', () => new Date(0));
    log.info('article.added', { file: 'a.txt' });
    log.debug('dropped');
    log.warn('article.problem', { file: 'b b.txt', code: 'BAD_DATE' });
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual([
      '1970-01-01T00:00:00.000Z INFO  article.added file=a.txt\n1970-01-01T00:00:00.000Z WARN  article.problem file="b b.txt" code=BAD_DATE\n',
    ]);
    log.info('later');
    await nextTurn();
    expect(writes).toHaveLength(2);
  });

  it('writes at once when 64 KB are pending, without waiting for the turn to end', () => {
    const writes: string[] = [];
    const out = batchedWriter({ write: (chunk: string) => writes.push(chunk) });
    for (let i = 0; i < 1000; i++) out.write(`${'x'.repeat(99)}\n`);
    expect(writes).toHaveLength(1);
    expect(writes[0]?.length).toBeGreaterThanOrEqual(65_536);
  });
});

import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeDocument } from '../../src/snapshot/encode.js';
import { NO_EXTRA_HEADERS } from '../../src/snapshot/headers.js';
import { WritePool } from '../../src/workers/write-pool.js';
import { tempDir } from '../helpers.js';

let pool: WritePool | undefined;
let dir: string | undefined;
afterEach(async () => {
  pool?.close();
  pool = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

const three = (base: string) => [base, `${base}.gz`, `${base}.br`] as const;

describe('write pool (build)', () => {
  it('writes a document, its gzip and its brotli: the bytes the server sends for it', async () => {
    dir = await tempDir();
    pool = new WritePool(2);
    const body = `<!doctype html><p>${'ข่าวทดสอบ '.repeat(500)}</p>`;
    const served = encodeDocument(
      { path: '/a.html', contentType: 'text/html; charset=utf-8', body, lastModified: new Date(0), freshness: 'live' },
      { maxAge: 60, hubs: [], extra: NO_EXTRA_HEADERS },
    );
    // A view into a larger buffer: only its own bytes are written.
    const bytes = Buffer.from(`xx${body}yy`).subarray(2, -2);
    await pool.write(bytes, three(path.join(dir, 'a.html')));
    const [plain, gz, br] = await Promise.all(three(path.join(dir, 'a.html')).map((f) => readFile(f)));
    expect(plain?.toString()).toBe(body);
    expect(gunzipSync(gz as Buffer).toString()).toBe(body);
    expect(brotliDecompressSync(br as Buffer).toString()).toBe(body);
    expect(gz).toEqual(served.gzip.body);
    expect(br).toEqual(served.br.body);
  });

  it('starts one worker ahead of the first write when warmed, and writes on it', async () => {
    dir = await tempDir();
    pool = new WritePool(1);
    pool.warm();
    pool.warm();
    const slots = (pool as unknown as { slots: { worker: { threadId: number } }[] }).slots;
    expect(slots).toHaveLength(1);
    const warmed = slots[0]?.worker.threadId;
    await pool.write(Buffer.from('<p>warm</p>'), [path.join(dir, 'w.html')]);
    expect(await readFile(path.join(dir, 'w.html'), 'utf8')).toBe('<p>warm</p>');
    expect(slots.map((s) => s.worker.threadId)).toEqual([warmed]);
  });

  it('writes many documents at once on its workers, each whole', async () => {
    dir = await tempDir();
    pool = new WritePool(2);
    const bodies = Array.from({ length: 300 }, (_, n) => `<p>story ${n} ${'x'.repeat(n * 37)}</p>`);
    await Promise.all(bodies.map((b, n) => (pool as WritePool).write(Buffer.from(b), three(path.join(dir as string, `${n}.html`)))));
    for (const [n, b] of bodies.entries()) {
      expect(brotliDecompressSync(await readFile(path.join(dir, `${n}.html.br`))).toString()).toBe(b);
    }
  });

  it('moves a body that fills its own buffer to the writer, and copies a view into a shared one', async () => {
    dir = await tempDir();
    pool = new WritePool(1);
    const own = Buffer.alloc(20_000, 'ก');
    const shared = Buffer.alloc(300, 'x');
    const view = shared.subarray(100, 200);
    const expected = own.toString();
    await Promise.all([pool.write(own, [path.join(dir, 'own.html')], true), pool.write(view, [path.join(dir, 'view.html')], true)]);
    expect(await readFile(path.join(dir, 'own.html'), 'utf8')).toBe(expected);
    expect(await readFile(path.join(dir, 'view.html'), 'utf8')).toBe('x'.repeat(100));
    // Moved: the main thread no longer holds those bytes. The shared buffer is whole.
    expect(own.byteLength).toBe(0);
    expect(shared.toString()).toBe('x'.repeat(300));
  });

  it('fails only the write that failed among those sent together', async () => {
    dir = await tempDir();
    pool = new WritePool(1);
    const results = await Promise.allSettled(
      ['a.html', path.join('no-such-folder', 'b.html'), 'c.html'].map((f) =>
        (pool as WritePool).write(Buffer.from(f), [path.join(dir as string, f)]),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await readFile(path.join(dir, 'c.html'), 'utf8')).toBe('c.html');
  });

  it("rejects a write that fails with the file system's code and path, and goes on with the next", async () => {
    dir = await tempDir();
    pool = new WritePool(1);
    const missing = three(path.join(dir, 'no-such-folder', 'a.html'));
    await expect(pool.write(Buffer.from('x'), missing)).rejects.toMatchObject({
      code: 'ENOENT',
      message: expect.stringContaining(path.join('no-such-folder', 'a.html')),
    });
    await pool.write(Buffer.from('y'), three(path.join(dir, 'b.html')));
    expect(await readFile(path.join(dir, 'b.html'), 'utf8')).toBe('y');
  });
});

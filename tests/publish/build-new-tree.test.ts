// A new tree whose write of one document fails midway: that document is missing from it, never an empty or partial file.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyManifest } from '../../src/publish/build-manifest.js';
import { replaceTree } from '../../src/publish/build-new-tree.js';
import { BuildFailures } from '../../src/publish/place-document.js';
import { OthersAside } from '../../src/publish/others-aside.js';
import type { SnapshotDoc, SnapshotItem } from '../../src/snapshot/snapshot.js';
import type { WritePool } from '../../src/workers/write-pool.js';
import { removeDir, tempDir } from '../helpers.js';

const item = (urlPath: string, text: string): SnapshotItem => ({
  path: urlPath,
  key: `key of ${urlPath}`,
  doc: () => ({ path: urlPath, tag: `tag of ${text}`, identity: { body: Buffer.from(text) } }) as unknown as SnapshotDoc,
});

describe('replaceTree', () => {
  it('removes what a failed write left of a document with no last build (attack trial: empty pages on a full disk)', async () => {
    const dir = await tempDir('feedpub-tree-');
    const outDir = path.join(dir, 'site');
    // The disk fills in the middle of b's page: an empty file is left, then ENOSPC.
    const pool = {
      write: async (body: Buffer, to: string[]) => {
        if (to[0]?.endsWith('b.html')) {
          await writeFile(to[0], '');
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        for (const file of to) await writeFile(file, body);
      },
    } as unknown as WritePool;
    const failures = new BuildFailures();
    try {
      const manifest = await replaceTree(
        [item('/articles/a', 'A'), item('/articles/b', 'B')],
        new Map(),
        emptyManifest(),
        { outDir, pool, plain: () => false, aside: new OthersAside() },
        failures,
      );
      expect(failures.skipped.map((s) => s.path)).toEqual(['/articles/b']);
      expect(readFileSync(path.join(outDir, 'articles', 'a.html'), 'utf8')).toBe('A');
      for (const suffix of ['', '.gz', '.br']) expect(existsSync(path.join(outDir, 'articles', `b.html${suffix}`)), suffix).toBe(false);
      expect([...manifest.documents.keys()]).toEqual(['/articles/a']);
    } finally {
      await removeDir(dir);
    }
  });
});

// Write a snapshot to a folder for nginx or a CDN: every document with .gz and .br beside it, swapped in atomically.
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SnapshotDoc } from './snapshot.js';

/** File path (relative) for a URL path: `/` → `index.html`, `/articles/a%20b` → `articles/a b.html`, `/categories/x/` → `categories/x/index.html`. */
export function filePathForUrl(urlPath: string): string {
  if (urlPath === '/') return 'index.html';
  if (urlPath.endsWith('/')) return `${filePathForUrl(urlPath.slice(0, -1)).replace(/\.html$/, '')}/index.html`;
  const segments = urlPath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  if (segments.some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))) {
    throw new Error(`refusing to write unsafe path ${urlPath}`);
  }
  const file = segments.join('/');
  return path.extname(file) === '' || segments[0] === 'articles' ? `${file}.html` : file;
}

/**
 * Write every document (plus `publicDir`'s assets) into `outDir`. The new tree is built in a
 * temporary sibling folder and renamed into place, so a reader never sees half a build.
 */
export async function writeBuild(documents: Iterable<SnapshotDoc>, publicDir: string, outDir: string): Promise<number> {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(outDir);
  const temp = path.join(parent, `.${base}.tmp-${process.pid}`);
  const old = path.join(parent, `.${base}.old-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  await cp(publicDir, temp, { recursive: true });
  let files = 0;
  for (const doc of documents) {
    const file = path.join(temp, filePathForUrl(doc.path));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, doc.identity.body);
    await writeFile(`${file}.gz`, doc.gzip.body);
    await writeFile(`${file}.br`, doc.br.body);
    files += 3;
  }
  let hadOld = false;
  try {
    await rename(outDir, old);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(temp, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
  return files;
}

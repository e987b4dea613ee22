// Images saved beside the stories (`articles/world/photo.jpg`), served at the same path under /articles/.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { ImageCheck, readImageDimensions } from '../core/image-dimensions.js';
import { IMAGE_TYPES, MAX_IMAGE_BYTES, imageType } from '../core/media.js';
import { matchRoute } from '../core/routes.js';
import { notModified, preconditionFailed } from './conditional-get.js';
import { isIgnoredName } from '../watch/ignore-rules.js';
import type { RootIdentity } from '../watch/root-guard.js';


/** An image file beside the stories, as read for a response. */
export interface ArticleImage {
  body: Buffer;
  type: string;
  /** Strong, from the bytes. */
  etag: string;
  mtimeMs: number;
}

/**
 * The image at `relPath` (a route's, so an image type) under the articles folder, or undefined:
 * never through a symbolic link, never a hidden name, a named pipe or a file over MAX_IMAGE_BYTES.
 */
export async function readArticleImage(
  articlesDir: string,
  relPath: string,
  rootIsCurrent: (root: RootIdentity) => boolean = () => true,
): Promise<ArticleImage | undefined> {
  const type = imageType(relPath);
  const segments = relPath.split('/');
  if (type === undefined || segments.some(isIgnoredName)) return undefined;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // Resolved per request: the articles folder may be a link that a deploy re-points.
    const root = await realpath(articlesDir);
    const rootStat = await stat(root);
    if (!rootIsCurrent({ real: root, dev: rootStat.dev, ino: rootStat.ino })) return undefined;
    const file = path.join(root, ...segments);
    // No folder on the way may be a link (the root itself may): through one, an image would have a
    // second path, which no story names (attack trial: a held story's image served as alias/x.png).
    if ((await realpath(path.dirname(file))) !== path.dirname(file)) return undefined;
    // O_NONBLOCK: a named pipe called `x.png` must not hold one of libuv's four threads until
    // someone writes to it (found by an attack trial: four requests froze every file served).
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const st = await handle.stat();
    if (!st.isFile() || st.size > MAX_IMAGE_BYTES) return undefined;
    const body = await handle.readFile();
    const served = servedType(body, relPath, type);
    if (served === undefined) return undefined;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    return { body, type: served, etag, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

const SERVED_TYPES = new Set(Object.values(IMAGE_TYPES));

/**
 * The type an image is served as: what its header says when that differs from its extension (a
 * PNG saved as `.jpg` was served as `image/jpeg`, with `nosniff`: new-user trial), if it is a type
 * the site serves; a header of another kind (an SVG, which can carry script, named `.png`) is
 * not served at all, nor a file with no image header (a file still arriving is a moment's 404).
 */
function servedType(body: Buffer, relPath: string, byExtension: string): string | undefined {
  const check = readImageDimensions(body, relPath);
  if (check.code === ImageCheck.Ok) return byExtension;
  // No header of an image type at all (an SVG or a page named .jpg): never served (attack trial: served, with nosniff).
  if (check.code !== ImageCheck.Mismatch) return undefined;
  return SERVED_TYPES.has(check.detected) ? check.detected : undefined;
}

/**
 * GET /articles/<path>.<jpg|png|gif|webp|avif>: the file of that path under the articles
 * folder (readArticleImage: no SVG, which can carry script), only an image a published story
 * names or shows (`isPublic`), with a strong ETag, and conditional GET as for the feeds (http/conditional-get.ts).
 */
export function articleMedia(
  articlesDir: string,
  isPublic: (relPath: string) => boolean = () => true,
  rootIsCurrent?: (root: RootIdentity) => boolean,
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const route = matchRoute(req.path);
    if (route?.kind !== 'image') return next();
    // An embargoed story's image is as private as the story (attack trial: served before the release).
    if (!isPublic(route.relPath)) return next();
    const image = await readArticleImage(articlesDir, route.relPath, rootIsCurrent);
    if (!image) return next();
    const { body, type, etag, mtimeMs } = image;
    res.set({ 'content-type': type, etag, 'cache-control': 'public, max-age=3600', 'last-modified': new Date(mtimeMs).toUTCString() });
    // The same conditional GET as the feeds (new-user trial: only an exact If-None-Match was honoured).
    const validators = { etags: [etag], lastModifiedMs: Math.floor(mtimeMs / 1000) * 1000 };
    if (preconditionFailed(req.headers, validators)) {
      res.status(412).end();
      return;
    }
    if (notModified(req.headers, validators)) {
      res.status(304).end();
      return;
    }
    res.status(200).end(req.method === 'HEAD' ? undefined : body);
  };
}

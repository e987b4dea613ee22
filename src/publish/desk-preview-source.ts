// The entry a desk preview shows: the published version of a story, or a held or draft file read and parsed now.
import path from 'node:path';
import { STORED_BASE } from '../core/entry-meta.js';
import type { Ingested } from '../core/ingest.js';
import type { Entry } from '../core/model.js';
import type { DeskPreviewEntry } from '../core/render/desk-preview.js';
import { paths } from '../core/routes.js';
import { readArticle } from '../watch/read-article.js';

export type { DeskPreviewEntry };

export interface PreviewInputs {
  /** The published entry at the path (published, or kept while its latest save has a problem). */
  published: Entry | undefined;
  /** True for a held or draft file: never published, so read again for the preview. */
  unpublished: boolean;
  articlesDir: string;
  maxFileBytes: number;
  baseUrl: string;
  ingest: (bytes: Uint8Array) => Promise<Ingested>;
  /** The image saved beside the file under its name (publish/sibling-images.ts): its picture when it names none. */
  sibling?: string;
  /** When a held file goes out (epoch ms). */
  heldUntil?: number;
}

/**
 * What a reader will see. Only paths the catalog knows are read (the path comes from a query
 * string); anything else, or a held file that no longer parses, is undefined (404).
 */
export async function previewOf(relPath: string, inputs: PreviewInputs): Promise<DeskPreviewEntry | undefined> {
  const e = inputs.published;
  if (e) {
    return {
      path: relPath,
      title: e.title,
      contentHtml: e.contentHtml,
      published: e.published,
      updated: e.updated,
      author: e.author,
      image: e.image,
      categories: e.categories,
      language: e.language,
    };
  }
  if (!inputs.unpublished) return undefined;
  let read: ReturnType<typeof readArticle>;
  try {
    read = readArticle(path.join(inputs.articlesDir, relPath), relPath, inputs.maxFileBytes);
  } catch {
    return undefined;
  }
  if (read.kind !== 'file') return undefined;
  const ingested = await inputs.ingest(read.bytes);
  if (!ingested.ok) return undefined;
  const story = ingested.story;
  // Stories are parsed against a placeholder origin (core/ingest.ts); show them against the real
  // one, but for the images beside the stories: the desk serves those itself, since the public
  // port keeps a held or draft story's images back until it is out.
  const images = `${STORED_BASE}/articles/`;
  const rebase = (text: string) => text.replaceAll(`src="${images}`, 'src="/articles/').replaceAll(STORED_BASE, inputs.baseUrl);
  // As the story will go out: with the picture beside it when it names none (new-user trial: a held story's preview had none).
  const named = story.image?.startsWith(images)
    ? story.image.slice(STORED_BASE.length)
    : story.image?.replaceAll(STORED_BASE, inputs.baseUrl);
  const image = named ?? (inputs.sibling === undefined ? undefined : paths.image(inputs.sibling));
  return {
    path: relPath,
    title: story.title,
    contentHtml: rebase(story.contentHtml),
    published: story.date,
    updated: story.updated,
    author: story.author,
    image,
    categories: story.tags,
    language: story.language,
    ...(inputs.heldUntil === undefined ? {} : { heldUntil: new Date(inputs.heldUntil) }),
  };
}

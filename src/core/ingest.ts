// One article file's bytes → its Story and slug: decode, parse, slug (pure; no file or store access; run on the parse workers).
import { decodeArticle } from './decode.js';
import { STORED_BASE } from './entry-meta.js';
import { ArticleError } from './errors.js';
import { localMedia } from './local-media.js';
import type { ProblemCode, Story, StoryReading } from './model.js';
import { type ParseOptions, parseStory } from './parse-story.js';
import { slugFromPath } from './paths.js';
import { paths } from './routes.js';
import { summarize } from './summarize.js';

/** Options of every ingest: plain data, so that an ingest can run on a worker thread. */
export type IngestOptions = ParseOptions;

/** A file that cannot be published, as plain data (it crosses a worker boundary). */
export interface IngestFailure {
  code: ProblemCode;
  message: string;
  line?: number;
  reading?: StoryReading;
  /** An embargo stated and not read: a published version goes down too (ArticleError.withholds). */
  withholds?: true;
}

/**
 * `summary` is the story's own or, when it wrote none, one made from its text: made here, on the
 * parse workers, and stored, so that a build's renders never segment text (its archive feeds would
 * otherwise make a summary per story). Unless `summaries` is false (a server: see ingestStory),
 * when only the story's own is given. `media`: the images beside the stories that its text shows
 * or links (core/local-media.ts).
 */
export type Ingested =
  | { ok: true; story: Story; slug: string[]; summary?: string; media: string[] }
  | { ok: false; failure: IngestFailure };

/**
 * Decode and parse one file's bytes into its Story and final slug (path-derived, the last
 * segment replaced by a Markdown `slug:`). Decoding warnings join the story's warnings. A file
 * that cannot be published is `{ ok: false }` with an ArticleError naming code and reason.
 */
export function ingestStory(bytes: Uint8Array, relPath: string, options: IngestOptions, summaries = true): Ingested {
  const pathSlug = slugFromPath(relPath);
  try {
    const decoded = decodeArticle(bytes, relPath);
    const story = parseStory(decoded.text, relPath, { ...options, pageUrl: STORED_BASE + paths.article(pathSlug) });
    story.warnings.push(...decoded.warnings);
    // A server makes the summaries of the few stories a feed shows when it renders them: a sixth of
    // a parse (a first start of 30,000 stories: 12.2-12.7 s against 13.3-13.7 s, 13 % less CPU).
    const summary = story.summary ?? (summaries ? summarize(story.contentHtml, story.title) : undefined);
    const slug = story.slug ? slugFromPath(relPath, story.slug) : pathSlug;
    return { ok: true, story, slug, ...(summary === undefined ? {} : { summary }), media: localMedia(story.contentHtml) };
  } catch (e) {
    if (e instanceof ArticleError)
      return {
        ok: false,
        failure: { code: e.code, message: e.message, line: e.line, reading: e.reading, ...(e.withholds ? { withholds: true } : {}) },
      };
    // A bug of ours on strange input: reported against the file, never thrown at the caller.
    return { ok: false, failure: { code: 'UNREADABLE', message: `the parser failed: ${e instanceof Error ? e.message : String(e)}` } };
  }
}

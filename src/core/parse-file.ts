// One file's bytes to a Story: decode, then parse by extension. The unit of work a parse worker runs.
import { decodeArticle } from './decode.js';
import { ArticleError } from './errors.js';
import type { ProblemCode, Story, StoryReading } from './model.js';
import { type ParseOptions, parseStory } from './parse-story.js';

/** A parse that failed, as plain data (it crosses a worker boundary). */
export interface ParseFailure {
  code: ProblemCode;
  message: string;
  line?: number;
  reading?: StoryReading;
}

export type ParseOutcome = { story: Story } | { failure: ParseFailure };

/** Decode and parse `bytes` of the file at `relPath`; never throws for bad input. */
export function parseFile(bytes: Uint8Array, relPath: string, options: ParseOptions): ParseOutcome {
  try {
    const decoded = decodeArticle(bytes, relPath);
    const story = parseStory(decoded.text, relPath, options);
    story.warnings.push(...decoded.warnings);
    return { story };
  } catch (error) {
    if (error instanceof ArticleError)
      return { failure: { code: error.code, message: error.message, line: error.line, reading: error.reading } };
    // A bug of ours on strange input: reported against the file, never thrown at the caller.
    return { failure: { code: 'UNREADABLE', message: `the parser failed: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

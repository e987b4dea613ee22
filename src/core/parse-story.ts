// One entry point from decoded text to a Story, by file extension.
import { loadMarkdown, parseMarkdown } from './parse-markdown.js';
import { type ParseOptions, parsePlain } from './parse-plain.js';
import type { Story } from './model.js';

export type { ParseOptions } from './parse-plain.js';

/** Options for a story of any format: Markdown also resolves relative links and images against the story's page. */
export interface StoryOptions extends ParseOptions {
  /** Absolute URL of the story's page. */
  pageUrl: string;
}

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

/** Whether `file` is read as Markdown (by its extension). */
export function isMarkdownFile(file: string): boolean {
  return MARKDOWN_EXTENSIONS.has(file.slice(file.lastIndexOf('.')).toLowerCase());
}

/** Load what parsing `file` needs beyond the core (Markdown's libraries), so that it is not timed as its parse. */
export function prepareFor(file: string): void {
  if (isMarkdownFile(file)) loadMarkdown();
}

/** Parse decoded article text: Markdown for `.md`/`.markdown`, the newsroom plain-text format otherwise. */
export function parseStory(text: string, file: string, options: StoryOptions): Story {
  return isMarkdownFile(file) ? parseMarkdown(text, file, options) : parsePlain(text, file, options);
}

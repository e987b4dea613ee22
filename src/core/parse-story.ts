// One entry point from decoded text to a Story, by file extension.
import { parseMarkdown } from './parse-markdown.js';
import { type ParseOptions, parsePlain } from './parse-plain.js';
import type { Story } from './model.js';

export type { ParseOptions } from './parse-plain.js';

/** Options for a story of any format: Markdown also resolves relative links and images against the story's page. */
export interface StoryOptions extends ParseOptions {
  /** Absolute URL of the story's page. */
  pageUrl: string;
}

/** Extensions treated as articles, lower case. */
export const ARTICLE_EXTENSIONS = ['.txt', '.text', '.md', '.markdown'] as const;

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

/** True when the file name has an article extension. */
export function isArticleName(name: string): boolean {
  const lower = name.toLowerCase();
  return ARTICLE_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/** Parse decoded article text: Markdown for `.md`/`.markdown`, the newsroom plain-text format otherwise. */
export function parseStory(text: string, file: string, options: StoryOptions): Story {
  const ext = file.slice(file.lastIndexOf('.')).toLowerCase();
  return MARKDOWN_EXTENSIONS.has(ext) ? parseMarkdown(text, file, options) : parsePlain(text, file, options);
}

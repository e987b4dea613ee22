// The summary of a story: the one its author wrote, else a Thai-safe excerpt of its text.
import { excerpt } from './excerpt.js';
import { htmlToText } from './html-text.js';
import { withoutBidiControls } from './text.js';

/**
 * A plain-text summary of at most 200 graphemes from the story's HTML (the title when the body
 * is empty). Made on demand: at 100,000 stories only the few in feeds and on the index need one.
 */
export function summarize(contentHtml: string, title: string): string {
  const text = withoutBidiControls(htmlToText(contentHtml)).trim();
  return excerpt(text === '' ? title : text);
}

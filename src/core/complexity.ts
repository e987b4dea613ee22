// Limits on what one story may ask of the parser: nesting, tag count, categories, authors. Beyond them a file is TOO_COMPLEX.
import { ArticleError } from './errors.js';
import { ProblemCode } from './model.js';

/** Chosen far above any real story (a long feature has a few hundred tags, nested a dozen deep) and far below what stalls. */
export const COMPLEXITY_LIMITS = {
  /** HTML elements nested inside each other: the sanitizer's cost grows with the square of this. */
  nesting: 256,
  /** HTML tags written in one story. */
  htmlTags: 20_000,
  /** Categories (front-matter `tags`/`categories`) on one story: each becomes a page and a feed. */
  categories: 100,
  /** Authors one story names (front matter or credit): each becomes a page and three feeds that repeat them all. */
  authors: 50,
} as const;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]{0,30})\b[^<>]*?(\/?)>/g;

/** Throw TOO_COMPLEX when the Markdown/HTML body nests or repeats tags beyond the limits. Linear in the text. */
export function checkMarkupComplexity(body: string, file: string): void {
  let depth = 0;
  let tags = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(body); m; m = TAG.exec(body)) {
    tags++;
    if (tags > COMPLEXITY_LIMITS.htmlTags) {
      throw new ArticleError(
        ProblemCode.TooComplex,
        `more than ${COMPLEXITY_LIMITS.htmlTags} HTML tags (the limit); split the story or remove markup`,
        file,
      );
    }
    const name = (m[2] as string).toLowerCase();
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (m[3] !== '/' && !VOID.has(name)) depth++;
    if (depth > COMPLEXITY_LIMITS.nesting) {
      const line = body.slice(0, m.index).split('\n').length;
      throw new ArticleError(
        ProblemCode.TooComplex,
        `HTML nested more than ${COMPLEXITY_LIMITS.nesting} elements deep (the limit) by line ${line}`,
        file,
        {
          line,
        },
      );
    }
  }
}

/** Throw TOO_COMPLEX when a story names more authors than the limit. */
export function checkAuthorCount(count: number, file: string, line?: number): void {
  if (count > COMPLEXITY_LIMITS.authors) {
    throw new ArticleError(ProblemCode.TooComplex, `${count} authors; at most ${COMPLEXITY_LIMITS.authors} are allowed per story`, file, { line });
  }
}

/** Throw TOO_COMPLEX when a story names more categories than the limit. */
export function checkCategoryCount(count: number, file: string, line?: number): void {
  if (count > COMPLEXITY_LIMITS.categories) {
    throw new ArticleError(
      ProblemCode.TooComplex,
      `${count} categories; at most ${COMPLEXITY_LIMITS.categories} are allowed per story`,
      file,
      { line },
    );
  }
}

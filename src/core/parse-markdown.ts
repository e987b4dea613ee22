// Markdown stories with YAML front matter, rendered by markdown-it and sanitized.
import MarkdownIt from 'markdown-it';
import { parseDocument } from 'yaml';
import { parseDate } from './dateline.js';
import { ArticleError } from './errors.js';
import { excerpt } from './excerpt.js';
import { ProblemCode, type Story } from './model.js';
import { limitTitle } from './parse-plain.js';
import type { StoryOptions as ParseOptions } from './parse-story.js';
import { htmlToText, sanitizeStoryHtml } from './sanitize.js';
import { cleanLine, isMostlyThai } from './text.js';

// html: true lets authors write inline HTML; the sanitizer decides what of it survives.
const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Parse a Markdown story. Optional YAML front matter (between `---` lines) may set `title`,
 * `date`, `updated`/`lastmod`, `author`, `tags`/`categories`, `summary`/`description`, `draft`,
 * `slug`, `image`, `id` and `lang`. Without a `title`, a leading `# Heading` is the title.
 */
export function parseMarkdown(text: string, file: string, options: ParseOptions): Story {
  const match = FRONT_MATTER.exec(text);
  const meta = match ? readFrontMatter(match[1] as string, file) : {};
  let body = match ? text.slice(match[0].length) : text;

  let title = optionalString(meta, 'title', file);
  if (title === undefined) {
    const heading = /^\s*#[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(body);
    if (heading) {
      title = heading[1] as string;
      body = body.slice(heading[0].length);
    }
  }
  title = title === undefined ? '' : limitTitle(cleanLine(title), options.maxTitleLength);
  if (title === '') throw new ArticleError(ProblemCode.BadField, 'no title: set `title` in the front matter or start with `# Title`', file);

  const contentHtml = sanitizeStoryHtml(markdown.render(body), options.pageUrl);
  const text_ = htmlToText(contentHtml);
  const summary = optionalString(meta, 'summary', file) ?? optionalString(meta, 'description', file);
  const image = optionalString(meta, 'image', file) ?? /<img[^>]*\ssrc="([^"]+)"/.exec(contentHtml)?.[1];
  const lang = optionalString(meta, 'lang', file) ?? optionalString(meta, 'language', file);
  if (lang !== undefined && !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(lang)) {
    throw new ArticleError(ProblemCode.BadField, `lang: "${lang}" is not a language tag such as th or en-GB`, file);
  }
  const id = readId(meta, file);
  const slug = optionalString(meta, 'slug', file);
  if (slug !== undefined && !/^[^/\\?#%\s.][^/\\?#%\s]*$/u.test(slug)) {
    throw new ArticleError(ProblemCode.BadField, `slug: "${slug}" must be one path segment without / \\ ? # % or spaces`, file);
  }
  const draft = meta.draft;
  if (draft !== undefined && typeof draft !== 'boolean') {
    throw new ArticleError(ProblemCode.BadField, 'draft: must be true or false', file);
  }
  return {
    title,
    author: readAuthor(meta, file),
    contentHtml,
    summary: summary !== undefined ? excerpt(summary, 300) : undefined,
    date: readDate(meta, 'date', file, options.timeZone) ?? readDate(meta, 'published', file, options.timeZone),
    updated: readDate(meta, 'updated', file, options.timeZone) ?? readDate(meta, 'lastmod', file, options.timeZone),
    tags: [...readList(meta, 'tags', file), ...readList(meta, 'categories', file)],
    image: image === undefined ? undefined : safeUrl(image, options.pageUrl),
    slug,
    id,
    draft: draft === true,
    language: lang ?? (isMostlyThai(`${title} ${text_}`) ? 'th' : undefined),
    warnings: [],
  };
}

type Meta = Record<string, unknown>;

function readFrontMatter(source: string, file: string): Meta {
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const where = error.linePos?.[0];
    // yaml counts lines from the start of the front matter; the file has the opening `---` above it.
    const at = where ? ` at line ${where.line + 1}, column ${where.col}` : '';
    const what = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
    throw new ArticleError(ProblemCode.BadFrontMatter, `front matter is not valid YAML${at}: ${what}`, file, { cause: error });
  }
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ArticleError(ProblemCode.BadFrontMatter, 'front matter must be a mapping of fields (key: value)', file);
  }
  return value as Meta;
}

function optionalString(meta: Meta, key: string, file: string): string | undefined {
  const value = meta[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ArticleError(ProblemCode.BadField, `${key}: must be text`, file);
}

function readAuthor(meta: Meta, file: string): string | undefined {
  const value = meta.author;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return optionalString(value as Meta, 'name', file);
  }
  const author = optionalString(meta, 'author', file);
  return author === undefined ? undefined : cleanLine(author) || undefined;
}

function readList(meta: Meta, key: string, file: string): string[] {
  const value = meta[key];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  return items
    .map((item) => {
      if (typeof item !== 'string' && typeof item !== 'number')
        throw new ArticleError(ProblemCode.BadField, `${key}: must be a list of words`, file);
      return cleanLine(String(item));
    })
    .filter((t) => t !== '');
}

function readDate(meta: Meta, key: string, file: string, timeZone: string): Date | undefined {
  const value = meta[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  const parsed = typeof value === 'string' || typeof value === 'number' ? parseDate(String(value), timeZone) : undefined;
  if (!parsed) {
    throw new ArticleError(ProblemCode.BadDate, `${key}: "${String(value)}" is not a date (try 2026-11-25 14:30 or 25 พ.ย. 2569)`, file);
  }
  return parsed;
}

/** A front-matter id, normalised the way every feed format will write it; must be an absolute URI. */
function readId(meta: Meta, file: string): string | undefined {
  const id = optionalString(meta, 'id', file);
  if (id === undefined) return undefined;
  try {
    if (/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) return new URL(id).href;
  } catch {
    // fall through to the error below
  }
  throw new ArticleError(ProblemCode.BadField, `id: "${id}" is not a URI (use tag:, urn: or http:)`, file);
}

function safeUrl(value: string, base: string): string | undefined {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

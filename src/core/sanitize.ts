// HTML allow-list for story content (sanitize-html), with every URL made absolute and safe.
import { createRequire } from 'node:module';
import type SanitizeHtml from 'sanitize-html';
import { stripForbidden } from './text.js';

const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'kbd',
  'samp',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'del',
  'ins',
  'mark',
  'sub',
  'sup',
  'small',
  'abbr',
  'cite',
  'q',
  'a',
  'img',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
];

/** Loaded with the first Markdown story, as markdown-it and yaml are (parse-markdown.ts). */
let sanitizeHtml: typeof SanitizeHtml | undefined;

/** sanitize-html, loaded once. */
export function loadSanitizer(): typeof SanitizeHtml {
  sanitizeHtml ??= createRequire(import.meta.url)('sanitize-html') as typeof SanitizeHtml;
  return sanitizeHtml;
}

/**
 * Sanitize story HTML: an allow-list of structural and inline tags; no script, style, iframe,
 * event handler or `javascript:` URL survives. Relative `href`/`src` are resolved against
 * `baseUrl` (feed readers need absolute URLs); anything that is not http(s) or mailto is dropped.
 * `<h1>` becomes `<h2>` because the story title is the page's `<h1>`.
 */
export function sanitizeStoryHtml(html: string, baseUrl: string): string {
  const absolute = (value: string | undefined, schemes: readonly string[]): string | undefined => {
    if (value === undefined || value.trim() === '') return undefined;
    try {
      const url = new URL(value.trim(), baseUrl);
      return schemes.includes(url.protocol) ? url.href : undefined;
    } catch {
      return undefined;
    }
  };
  const out = loadSanitizer()(stripForbidden(html), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      abbr: ['title'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      ol: ['start'],
      code: ['class'],
    },
    allowedClasses: { code: [/^language-[\w-]+$/] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template'],
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const href = absolute(attribs.href, ['http:', 'https:', 'mailto:']);
        const next: Record<string, string> = {};
        if (href) next.href = href;
        if (attribs.title) next.title = attribs.title;
        return { tagName, attribs: next };
      },
      img: (tagName, attribs) => {
        const src = absolute(attribs.src, ['http:', 'https:']);
        const next: Record<string, string> = { ...attribs };
        delete next.src;
        if (src) next.src = src;
        return { tagName, attribs: next };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
  // In HTML a `>` may always be written `&gt;`; doing so means `]]>` can never end up in output.
  return out.replace(/]]>/g, ']]&gt;');
}

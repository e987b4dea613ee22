// The data that flows from a saved file to a served feed: Story, Entry, Site, Problem.
import type { Enclosure } from './media.js';

/** What one article file says about itself, after decoding and parsing. No identity, no clock. */
export interface Story {
  title: string;
  /** Credit line or front-matter author: becomes the entry author (`dc:creator`, Atom `author`). */
  author?: string;
  /** The authors front matter names one by one (`authors: [..]`, or one `author:`): taken as written, where a credit line is split (core/credit-authors.ts). */
  authors?: string[];
  /** Sanitized HTML body; links and images are absolute. */
  contentHtml: string;
  /** Summary written in the file (front matter); otherwise one is made from the body when a feed needs it (core/summarize.ts). */
  summary?: string;
  /** Published date written in the file (dateline or front matter). */
  date?: Date;
  /** Updated date written in the file (front matter `updated`/`lastmod`). */
  updated?: Date;
  /** Categories from front matter; folder categories are added by the catalog. */
  tags: string[];
  /** Image URL (absolute) or path relative to the article, from front matter or the first Markdown image. */
  image?: string;
  /** Front-matter slug: replaces the last segment of the path-derived slug. */
  slug?: string;
  /** Front-matter id: overrides the generated one (must be a URI). */
  id?: string;
  draft: boolean;
  /** BCP 47 tag: front matter `lang`, else `th` when the text is mostly Thai script. */
  language?: string;
  /** Non-fatal issues found while reading (stripped control characters, legacy encoding...), each with its code. */
  warnings: StoryWarning[];
  /** Things the parser was unsure of and left as written (a short line that may be a credit): `check` shows them as info. */
  hints?: string[];
  /**
   * Where the date came from (1-based line and its text), so a date out of range is reported
   * where it is written. `lede`: from a wire dateline opening the first paragraph, which dates a
   * story when it is first seen only (core/identity.ts).
   */
  dateSource?: { line: number; text: string; lede?: true };
  /** How the file was read, line by line: `check --explain` prints it. */
  reading?: StoryReading;
}

/** What the parser took from which line: the explanation `check --explain` prints. */
export interface StoryReading {
  format: 'plain text' | 'Markdown';
  title?: { line: number; text: string };
  /** `release`: an embargo line (`Embargoed until ...`), whose time is when the story goes out. */
  dateline?: { line: number; text: string; date?: string; updated?: string; invalid?: string; place?: string; release?: boolean };
  credits: { line: number; text: string; evidence: string; author?: string; photo?: string }[];
  /** First line of each body paragraph, with its opening (`check --explain` shows its first words). */
  paragraphs: { line: number; text: string }[];
  /** Where page boilerplate was cut, and the marker line that started it. */
  cut?: { line: number; marker: string };
  /** Front-matter fields read (Markdown), with their lines. */
  fields?: { line: number; name: string; value: string }[];
  language?: string;
  notes: { line: number; note: string }[];
}

/** A parser note as the story's hint (`Story.hints`, UNSURE on the desk): `line N: note`. */
export const noteHint = (n: { line: number; note: string }): string => `line ${n.line}: ${n.note}`;

/** A published story: a Story plus its identity, dates and place on the site. */
export interface Entry {
  /** Path relative to the articles folder, `/`-separated. */
  path: string;
  /** URL path segments after `/articles/`, unencoded. */
  slug: string[];
  /** Absolute URL of the story's page: the entry's link. */
  url: string;
  /** Stable id: `urn:uuid:...` or the front-matter id. Never changes once a subscriber saw it. */
  id: string;
  published: Date;
  updated: Date;
  /** SHA-256 of the file bytes. */
  hash: string;
  title: string;
  author?: string;
  contentHtml: string;
  summary: string;
  categories: string[];
  image?: string;
  /** The image as an enclosure, when it is a file of the site's own (its length is known). */
  enclosure?: Enclosure;
  language?: string;
  /** Images beside the stories (paths in the articles folder) that it names or its text shows or links: only those are public. */
  media?: readonly string[];
  /** Its authors as front matter named them; without, its credit's (core/credit-authors.ts authorsOf). */
  authors?: readonly string[];
}

/** Site-wide settings the renderers need; built from the validated configuration. */
export interface Site {
  title: string;
  description: string;
  language: string;
  author: string;
  /** Public origin (and optional path prefix) without a trailing slash. */
  baseUrl: string;
  /** Feed id: a URI that never changes. */
  id: string;
  itemLimit: number;
  /** Seconds: Cache-Control max-age and RSS `<ttl>` (in minutes, rounded up). */
  maxAge: number;
  /** WebSub hubs (W3C WebSub): advertised in every feed as rel="hub". */
  hubs: readonly string[];
  /** What feeds carry of each story: the full text (default) or its summary only. Pages always have the full text. */
  feedContent?: 'full' | 'summary';
}

/** A story that was published and then deleted: announced in Atom as an RFC 6721 tombstone. */
export interface Tombstone {
  id: string;
  deleted: Date;
}

export const ProblemCode = {
  Unreadable: 'UNREADABLE',
  TooLarge: 'TOO_LARGE',
  Binary: 'BINARY',
  BadEncoding: 'BAD_ENCODING',
  Empty: 'EMPTY',
  BadFrontMatter: 'BAD_FRONT_MATTER',
  BadDate: 'BAD_DATE',
  BadField: 'BAD_FIELD',
  Symlink: 'SYMLINK',
  SlugCollision: 'SLUG_COLLISION',
  NotAFile: 'NOT_A_FILE',
  RootMissing: 'ROOT_MISSING',
  /** The articles folder holds no story while stories are published (an unmounted share): they stay published. */
  RootEmpty: 'ROOT_EMPTY',
  /** While serving, the articles folder holds none of the published stories but others (swapped, re-pointed): nothing changes. */
  RootForeign: 'ROOT_FOREIGN',
  /** A warning of a store written before warnings had codes of their own. */
  Warning: 'WARNING',
  /** Read as legacy Thai (TIS-620/windows-874): published, but the file should be saved as UTF-8. */
  LegacyEncoding: 'LEGACY_ENCODING',
  /** Characters XML forbids, or bidirectional controls in a title or name, were removed. */
  CharsRemoved: 'CHARS_REMOVED',
  /** Combining marks stacked past the limit on one character were dropped. */
  MarksDropped: 'MARKS_DROPPED',
  /** A date or update time ahead of now was not used as written (futureStories: publish, a future `updated`). */
  FutureDate: 'FUTURE_DATE',
  /** A published story was taken down (held) because its date was edited into the future. */
  HeldAfterPublished: 'HELD_AFTER_PUBLISHED',
  /** A story published with a written date was saved with none that could be read (a misspelt month): it keeps its date. */
  DateLost: 'DATE_LOST',
  /** The parser was unsure and kept the text as written (never blocks publishing). */
  Unsure: 'UNSURE',
  /** A front-matter id already used by another file: this one is published under its own id. */
  DuplicateId: 'DUPLICATE_ID',
  /** The very bytes of another published story's file (a backup copy): published twice. */
  DuplicateText: 'DUPLICATE_TEXT',
  /** No date of its own, and the text of a held story (publish/held-marks.ts): held until that story's release. */
  HeldText: 'HELD_TEXT',
  /** Beyond the parser's limits on nesting, tags or categories (core/complexity.ts). */
  TooComplex: 'TOO_COMPLEX',
  /** Dated more than a year ahead: probably a typo, not an embargo. */
  FarFuture: 'FAR_FUTURE',
  /** The state store refused a write (disk full, read-only, locked): the change is kept and retried. */
  StoreWrite: 'STORE_WRITE',
  /** A published story's URL the sitemaps cannot list (2,048 characters or more): it is still published. */
  NotInSitemap: 'NOT_IN_SITEMAP',
  /** A story image whose header is not what its extension says, or unreadable: no enclosure until it is fixed. */
  ImageMismatch: 'IMAGE_MISMATCH',
  ImageMissing: 'IMAGE_MISSING',
  /** A line or front-matter field says not to publish (`DO NOT PUBLISH`, `HOLD FOR LEGAL`, `ห้ามเผยแพร่`, `status: pending`): a draft until it goes. */
  HeldBack: 'HELD_BACK',
} as const;

/** A story published with something changed or guessed on the way: what, said to the editor with its code. */
export interface StoryWarning {
  code: ProblemCode;
  message: string;
}
export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/** A file that could not be (fully) published, and why. `warning` problems do not block publishing. */
export interface Problem {
  path: string;
  code: ProblemCode;
  reason: string;
  severity: 'error' | 'warning' | 'info';
  /** 1-based line of the file the problem concerns, when one does. */
  line?: number;
}

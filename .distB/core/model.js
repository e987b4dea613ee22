/** A parser note as the story's hint (`Story.hints`, UNSURE on the desk): `line N: note`. */
export const noteHint = (n) => `line ${n.line}: ${n.note}`;
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
    /** The parser was unsure and kept the text as written (never blocks publishing). */
    Unsure: 'UNSURE',
    /** A front-matter id already used by another file: this one is published under its own id. */
    DuplicateId: 'DUPLICATE_ID',
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
};
//# sourceMappingURL=model.js.map
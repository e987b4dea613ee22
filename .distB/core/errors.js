/** A failure tied to one article file; becomes a Problem on the catalog. */
export class ArticleError extends Error {
    code;
    file;
    name = 'ArticleError';
    /** Size and mtime of the file when it failed, when known: an unchanged bad file is not read again. */
    fileStat;
    /** 1-based line of the file the failure concerns, when one does. */
    line;
    /** What the parser had read when it failed: `check --explain` shows it. */
    reading;
    constructor(code, message, file, options) {
        super(message, options);
        this.code = code;
        this.file = file;
        this.fileStat = options?.fileStat;
        this.line = options?.line;
        this.reading = options?.reading;
    }
}
/** An invalid configuration or command-line option: stops start-up and names the field. */
export class ConfigError extends Error {
    field;
    file;
    name = 'ConfigError';
    code = 'BAD_CONFIG';
    constructor(field, message, file) {
        super(`${field}: ${message}`);
        this.field = field;
        this.file = file;
    }
}
//# sourceMappingURL=errors.js.map
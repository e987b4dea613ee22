// Error classes: each carries a stable code and the file it concerns.
import type { ProblemCode, StoryReading } from './model.js';

/** A failure tied to one article file; becomes a Problem on the catalog. */
export class ArticleError extends Error {
  override readonly name = 'ArticleError';
  /** Size and mtime of the file when it failed, when known: an unchanged bad file is not read again. */
  readonly fileStat: { size: number; mtimeMs: number } | undefined;
  /** 1-based line of the file the failure concerns, when one does. */
  readonly line: number | undefined;
  /** What the parser had read when it failed: `check --explain` shows it. */
  readonly reading: StoryReading | undefined;
  /**
   * The file states an embargo that cannot be read: a version of the story that is out goes down
   * too (publish/apply-files.ts), where another problem keeps the last good version published.
   */
  readonly withholds: boolean;
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown; fileStat?: { size: number; mtimeMs: number }; line?: number; reading?: StoryReading; withholds?: boolean },
  ) {
    super(message, options);
    this.fileStat = options?.fileStat;
    this.line = options?.line;
    this.reading = options?.reading;
    this.withholds = options?.withholds ?? false;
  }
}

/** An invalid configuration or command-line option: stops start-up and names the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'BAD_CONFIG';
  constructor(
    readonly field: string,
    message: string,
    readonly file?: string,
  ) {
    super(`${field}: ${message}`);
  }
}

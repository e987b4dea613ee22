// Error classes: each carries a stable code and the file it concerns.
import type { ProblemCode } from './model.js';

/** A failure tied to one article file; becomes a Problem on the catalog. */
export class ArticleError extends Error {
  override readonly name = 'ArticleError';
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

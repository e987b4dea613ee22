// Published files with the very bytes of another published story (DUPLICATE_TEXT): the warning lasts while the two are the same.
import { ProblemCode } from '../core/model.js';
import type { Catalog } from './catalog.js';
import type { ProblemBook } from './problem-book.js';

/**
 * A backup copy (`story copy.txt`, a sync tool's conflicted copy) is published as a second entry:
 * readers see the story twice (new-user trial). Its reading warns (DUPLICATE_TEXT, naming the
 * other file); here the warning goes when the two differ (either edited, taken down or gone),
 * since it would name a file that no longer holds that story. Not kept in the store: it names
 * another file, which may change while this one stays.
 */
export class Copies {
  /** Each published copy, with the path of the story it has the bytes of. */
  private readonly copyOf = new Map<string, string>();

  constructor(
    private readonly catalog: Catalog,
    private readonly problems: ProblemBook,
  ) {}

  /** The story at `relPath` was published, a copy of `twin` or of none. */
  published(relPath: string, twin: string | undefined): void {
    if (twin === undefined) this.copyOf.delete(relPath);
    else this.copyOf.set(relPath, twin);
    this.settle(relPath);
  }

  /** The story at `changed` was published or taken down: the copies it concerns are looked at again. */
  settle(changed: string): void {
    for (const [copy, twin] of this.copyOf) {
      if (copy !== changed && twin !== changed) continue;
      const mine = this.catalog.get(copy);
      const theirs = this.catalog.get(twin);
      if (mine && theirs && mine.hash === theirs.hash) continue;
      this.copyOf.delete(copy);
      if (mine) this.problems.setFile(copy, this.problems.fileProblems(copy).filter((p) => p.code !== ProblemCode.DuplicateText));
    }
  }
}

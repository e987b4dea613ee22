// Published files with the very bytes of another published story (DUPLICATE_TEXT): the warning lasts while the two are the same.
import { ProblemCode } from '../core/model.js';
import type { Catalog } from './catalog.js';
import type { ProblemBook } from './problem-book.js';

/**
 * A backup copy (`story copy.txt`, a sync tool's conflicted copy) is published as a second entry:
 * readers see the story twice (new-user trial). Its reading warns (DUPLICATE_TEXT, naming the
 * other file). One of the two edited, with the same headline and date, is two versions of one
 * story, both out (new-user trial: the correction reached the copy only): said so. The warning goes
 * when the two are two stories (another headline or date), or one is taken down or gone. Not kept
 * in the store: it names another file, which may change while this one stays.
 */
export class Copies {
  /** Each published copy, with the path of the story it has the bytes of. */
  private readonly copyOf = new Map<string, string>();

  constructor(
    private readonly catalog: Catalog,
    private readonly problems: ProblemBook,
  ) {}

  /** The story at `relPath` was published, a copy of `twin` (the same bytes) or of none: a copy edited since is still looked at. */
  published(relPath: string, twin: string | undefined): void {
    if (twin !== undefined) this.copyOf.set(relPath, twin);
    this.settle(relPath);
  }

  /** The story at `changed` was published or taken down: the copies it concerns are looked at again. */
  settle(changed: string): void {
    for (const [copy, twin] of this.copyOf) {
      if (copy !== changed && twin !== changed) continue;
      const mine = this.catalog.get(copy);
      const theirs = this.catalog.get(twin);
      if (mine && theirs && mine.hash === theirs.hash) continue;
      const others = mine ? this.problems.fileProblems(copy).filter((p) => p.code !== ProblemCode.DuplicateText) : [];
      if (mine && theirs && mine.title === theirs.title && mine.published.getTime() === theirs.published.getTime()) {
        const reason = `a copy of ${twin}, and one of the two edited since: two versions of one story (the same headline and date) are published; keep the one you mean and delete the other`;
        this.problems.setFile(copy, [...others, { path: copy, code: ProblemCode.DuplicateText, reason, severity: 'warning' }]);
        continue;
      }
      this.copyOf.delete(copy);
      if (mine) this.problems.setFile(copy, others);
    }
  }
}

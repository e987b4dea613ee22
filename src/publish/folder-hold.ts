// Whether the folder the articles path leads to is taken as this site's: held while it is missing, emptied (an unmounted share) or another site's.
import { ProblemCode } from '../core/model.js';
import type { Logger } from '../log.js';
import type { ScannedFile } from '../watch/scan-folder.js';
import { MIN_STORIES, type StoredStat, knownContent, namesInScan, ownByContent, ownByName, unreadNote } from './folder-match.js';
import { type ProblemBook, ROOT_PATH } from './problem-book.js';

export interface FolderHoldOptions {
  articlesDir: string;
  log: Logger;
  problems: ProblemBook;
  /** How many stories are published now (while serving). */
  publishedCount: () => number;
  /** Paths the state store believes exist (a first scan's count of published stories). */
  storedPaths: () => Iterable<string>;
  /** The stored stories with the size their file had (folder-match.ts). */
  storedStats: () => Iterable<StoredStat>;
  /** Whether the store knows a story of these bytes (content hash): a folder of renamed stories is this site's. */
  knownHash?: (hash: string) => boolean;
  /** The first scan takes the folder as this site's whatever it holds (`--adopt-folder`). */
  adoptFolder?: boolean;
  /** A first scan that holds the folder still serves the stored stories. */
  rebuild: () => void;
  /** Look at a held folder again soon (every few seconds while serving). */
  lookAgain: () => void;
}

/** What a scan listed, as the hold judges it. */
export interface ListedFolder {
  rootOk: boolean;
  rootError?: string;
  files: readonly ScannedFile[];
  unreadable: readonly string[];
}

/**
 * The reconciler asks `judge` of each scan's listing before it applies anything: a missing,
 * emptied or foreign folder stops the scan (nothing retired, nothing published from it), with
 * its problem on the desk and one log line for each outage.
 */
export class FolderHold {
  /** Why the articles folder was unavailable when a scan last said so (scan.root-missing), until one finds it again. */
  private missingSaid: string | undefined;
  /** The last scan found no story in the folder while stories are published (heldEmpty). */
  private empty = false;
  /** The last scan found a foreign folder (heldForeign): file events are not applied either. */
  private foreign = false;
  /** The folder was taken for this site's by the bytes of its files (said once). */
  private recognised = false;
  /** The path leads to another folder (or back) and no scan has looked at it yet; counted, so an older scan cannot settle it. */
  private unjudged = false;
  private generation = 0;

  constructor(private readonly options: FolderHoldOptions) {}

  /** The path was re-pointed (or went): until a scan begun after now has judged it, its images are not trusted. */
  repointed(): void {
    this.generation++;
    this.unjudged = true;
  }

  /** The generation a scan begins in: given to `looked` once it has listed and judged the folder. */
  get current(): number {
    return this.generation;
  }

  /** A scan begun in `generation` has judged the folder: an older one settles nothing (the path moved since). */
  looked(generation: number): void {
    if (generation === this.generation) this.unjudged = false;
  }

  /**
   * Judge one listing: 'missing' (the path leads nowhere readable), 'held' (emptied or another
   * site's), or 'ours' to apply. `released` is true when a hold ended with this look.
   */
  judge(scan: ListedFolder, initial: boolean): { verdict: 'missing' | 'held' | 'ours'; released: boolean } {
    if (!scan.rootOk) {
      this.reportMissing(scan.rootError ?? 'unknown', initial);
      return { verdict: 'missing', released: false };
    }
    this.missingSaid = undefined;
    const wasHeld = this.empty || this.foreign;
    // A folder it cannot read is not known to be empty: its stories are read, and each says why not.
    this.empty = scan.files.length === 0 && scan.unreadable.length === 0 && this.heldEmpty(initial);
    if (!this.empty) this.foreign = this.heldForeign(scan, initial);
    if (this.empty || this.foreign) return { verdict: 'held', released: false };
    return { verdict: 'ours', released: wasHeld };
  }

  /**
   * While the folder is held as foreign, saves, releases and re-reads in it are not applied
   * either: one save (or a touch) into the other site's folder published it, the next look found
   * the folders sharing that story, and the repair took the site over (second trial, high).
   * The scan that finds the right folder again, or this one's stories, reads what changed.
   */
  get holdingForeign(): boolean {
    return this.foreign;
  }

  /**
   * The folder is held, as another site's or as emptied (an unmounted share): saves in it wait for
   * a scan to judge it. A story saved into an emptied share's mount point was published from it,
   * judged another site's at the next look, and taken down with a tombstone once the share was
   * back (attack trial).
   */
  get holding(): boolean {
    return this.foreign || this.empty;
  }

  /**
   * Whether the folder's files may stand for the published stories' images: not while it is
   * another site's or empty of stories (its photo.png is not theirs), nor between a swap and the
   * scan that judges the new folder (attack trial: the other folder's image was served meanwhile).
   */
  get imagesTrusted(): boolean {
    return !this.foreign && !this.empty && !this.unjudged;
  }

  private reportMissing(reason: string, initial: boolean): void {
    const { articlesDir, log, problems } = this.options;
    problems.setScan([
      {
        path: ROOT_PATH,
        code: ProblemCode.RootMissing,
        reason: `articles folder ${articlesDir} unavailable (${reason}); serving the last good stories`,
        severity: 'error',
      },
    ]);
    // Once for each outage and cause: the watcher's report and a scan's both looked, and said it twice.
    if (this.missingSaid !== reason) log.error('scan.root-missing', { folder: articlesDir, reason });
    this.missingSaid = reason;
    if (initial) this.options.rebuild();
  }

  /**
   * A folder with no story at all while stories are published is an unmounted share or a wrong
   * path far more often than a newsroom deleting everything: nothing is retired (no 410, no
   * tombstone), ROOT_EMPTY says so, and the published stories stay until files are back. Stories
   * deleted one by one while feedpub runs are retired by their events as usual.
   */
  private heldEmpty(initial: boolean): boolean {
    const { articlesDir, log, problems } = this.options;
    const published = initial ? [...this.options.storedPaths()].length : this.options.publishedCount();
    if (published === 0) return false;
    problems.setScan([
      {
        path: ROOT_PATH,
        code: ProblemCode.RootEmpty,
        reason: `articles folder ${articlesDir} holds no story while ${published} are published; they stay published. Is its drive or share mounted? To take every story down, delete them while feedpub runs, or start with a new state folder`,
        severity: 'error',
      },
    ]);
    log.error('scan.root-empty', { folder: articlesDir, published });
    if (initial) this.options.rebuild();
    // Look again soon: when the share is back, its files are read and the problem goes.
    this.options.lookAgain();
    return true;
  }

  /**
   * A folder that holds none of the published stories, but others, found while serving (a folder
   * swapped or a link re-pointed to another site's, the wrong share mounted): a start refuses it
   * (folder-match.ts); here nothing is retired or published from it, ROOT_FOREIGN says so, and it
   * is looked at again every few seconds. Before, every story was taken down in the repair's first
   * steps, and a stop then left a state the next start refused as foreign (new-user trial).
   */
  private heldForeign(scan: ListedFolder, initial: boolean): boolean {
    const { files } = scan;
    if (files.length === 0 || (initial && this.options.adoptFolder)) return false;
    const { articlesDir, log, problems } = this.options;
    const names = namesInScan(this.options.storedStats(), scan);
    if (names.published < MIN_STORIES || ownByName(names)) return false;
    const content = this.options.knownHash ? knownContent(articlesDir, files, this.options.knownHash) : undefined;
    if (content && ownByContent(content)) {
      if (!this.recognised) log.info('scan.folder-recognised', { folder: articlesDir, by: 'content', matched: content.matched, sampled: content.sampled, stories: names.present });
      this.recognised = true;
      return false;
    }
    this.recognised = false;
    const { published, present, missing: example } = names;
    const holds = present === 0 ? `none of the ${published} published stories` : `only ${present} of the ${published} published stories`;
    const unread = scan.unreadable.length > 0 ? ` ${unreadNote(scan.unreadable)}.` : '';
    problems.setScan([
      {
        path: ROOT_PATH,
        code: ProblemCode.RootForeign,
        reason:
          `articles folder ${articlesDir} holds ${holds} (not ${example}), but ${files.length} other ` +
          `story file(s) (such as ${files[0]?.path}): nothing is taken down or published from it. Is it the right folder? ` +
          `If it is (its stories renamed and edited at once), restart feedpub once with --adopt-folder; if its stories are a new site, with a new state folder.${unread}`,
        severity: 'error',
      },
    ]);
    // Said once, not at each look again.
    if (!this.foreign) log.error('scan.root-foreign', { folder: articlesDir, published, files: files.length });
    // A restart's scan (a swap in the moment after the start's own check): the stored stories are served.
    if (initial) this.options.rebuild();
    this.options.lookAgain();
    return true;
  }
}

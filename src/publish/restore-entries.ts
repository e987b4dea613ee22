// The entries a restart serves from the store: every stored story, but never a file that is not a story.
import { isArticleName } from '../core/article-names.js';
import type { EntryMeta } from '../core/entry-meta.js';
import { paths } from '../core/routes.js';
import { type Problem, ProblemCode } from '../core/model.js';
import type { Logger } from '../log.js';
import type { StateDb } from '../store/state-db.js';
import type { StoredEntry } from './stored-entry.js';

export interface RestoredRow {
  entry: StoredEntry;
  stat: { size: number; mtimeMs: number };
  /** Its warnings and notes when it was read (a restart does not read an unchanged file again). */
  notes: Problem[];
}

/** A published story's warnings and notes as the store keeps them (null: none). */
export function storedNotes(notes: readonly Problem[]): string | null {
  // A copy's note names another file, which may go or change while this one stays: said while serving, not kept.
  const kept = notes.filter((n) => n.code !== ProblemCode.DuplicateText);
  return kept.length === 0 ? null : JSON.stringify(kept.map(({ path: _path, ...note }) => note));
}

function notesOf(filePath: string, json: string | null): Problem[] {
  if (json === null) return [];
  try {
    return (JSON.parse(json) as Omit<Problem, 'path'>[]).map((note) => ({ ...note, path: filePath }));
  } catch {
    return [];
  }
}

/**
 * The stored entries, as entries with their file stats. A stored entry whose file name is not a
 * story's (feedpub before 19eb44d could publish a `budget.csv` that had briefly been a symbolic
 * link) is taken down here, with a tombstone and its URL gone (410): no scan reads such a file
 * again, so it would otherwise stay published until the file was deleted.
 */
export function restoreEntries(store: StateDb, toEntry: (meta: EntryMeta) => StoredEntry, log: Logger, now: number): RestoredRow[] {
  const rows: RestoredRow[] = [];
  const retired: { file: string; url: string; id: string }[] = [];
  for (const [, meta, size, mtime, notes] of store.storedEntries()) {
    const parsed = JSON.parse(meta) as EntryMeta;
    if (!isArticleName(parsed.path)) retired.push({ file: parsed.path, url: paths.article(parsed.slug), id: parsed.id });
    else rows.push({ entry: toEntry(parsed), stat: { size, mtimeMs: mtime }, notes: notesOf(parsed.path, notes) });
  }
  if (retired.length === 0) return rows;
  try {
    store.transaction(() => {
      for (const { file, url, id } of retired) {
        store.markDeleted(file, now);
        store.deleteEntry(file);
        store.retireUrl(url, file, id, now);
      }
    });
  } catch (error) {
    // Left for the next restart: they are not served either way.
    log.warn('state.retire-failed', { files: retired.length, reason: (error as Error).message });
  }
  for (const { file } of retired)
    log.warn('article.retired', { file, reason: 'not a story file name: taken down (an older feedpub published it)' });
  return rows;
}

// Bring the catalog, the state store and the problem book in step with the files at some paths: read, ingest, admit, record.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ArticleError } from '../core/errors.js';
import { resolveIdentity } from '../core/identity.js';
import { STORED_BASE, entryMeta } from '../core/entry-meta.js';
import { ProblemCode } from '../core/model.js';
import { releaseOf } from '../core/release.js';
import { paths, siteUrls } from '../core/routes.js';
import { readError } from '../workers/read-story.js';
import { summarizeReading } from './catalog.js';
import { isStoreWriteError } from './store-retry.js';
import { startBatch, untilQuiet } from './read-batches.js';
import { restoreEntries, storedNotes } from './restore-entries.js';
import { RENAME_WINDOW_MS, RecentRemovals } from './rename-rules.js';
import { storedEntries } from './stored-entry.js';
import { admitId, storyNotes } from './story-notes.js';
import { imageChanged, readStoryImage } from './story-image.js';
import { UrlMoves } from './url-moves.js';
const stored = siteUrls(STORED_BASE);
const isFolder = (dir) => stat(dir).then((s) => s.isDirectory(), () => false);
/**
 * For each path: publish the new version of its story, hold it until its date, retire it (file gone, or now a
 * folder), keep it a draft, or record a Problem while the last good version stays published. One `apply` at a time.
 */
export class FileApplier {
    options;
    store;
    catalog;
    problems;
    log;
    now;
    moves;
    toEntry;
    constructor(options, store, catalog, problems, log, now) {
        this.options = options;
        this.store = store;
        this.catalog = catalog;
        this.problems = problems;
        this.log = log;
        this.now = now;
        this.moves = new UrlMoves(store, log, now);
        this.toEntry = storedEntries(store, options.baseUrl);
    }
    /** Stories the batch applied now took down: logged after it, unless a rename in it moved them (then only renamed). */
    removed = new Set();
    lately = new RecentRemovals();
    /** Entries published by the batch whose transaction runs now: their bodies are in memory until it commits. */
    unsettled = [];
    /** The held and draft stories' images as the store holds them (JSON), so that a batch writes them only when they changed. */
    storedUnreleased = '[]';
    /** Reads a batch went on without (options.late), and their outcome once in: the next apply of the path takes it. */
    lateReads = new Map();
    /**
     * Load the entries published by the last run (metadata; bodies stay in the store): a restart re-reads only
     * files whose size or mtime changed. A new `fingerprint` (entry-format.ts) drops them: all are re-read.
     */
    restore(fingerprint) {
        // Whatever happens to the entries: the held stories' images stay private until the scan reads those stories.
        this.catalog.restoreUnreleasedImages(this.store.unreleasedImages());
        this.storedUnreleased = JSON.stringify([...this.catalog.unreleasedImageMap()]);
        const kept = this.store.checkFingerprint(fingerprint);
        if (kept === 'changed')
            this.log.info('state.reparse', { reason: 'parse settings or entry format changed: every file is read again' });
        if (kept !== 'kept')
            return 0;
        const rows = restoreEntries(this.store, this.toEntry, this.log, this.now());
        this.catalog.restore(rows);
        for (const { entry, notes } of rows)
            if (notes.length > 0)
                this.problems.setFile(entry.path, notes);
        return rows.length;
    }
    /**
     * Apply the current state of `paths` (relative, `/`-separated). True when the published set changed.
     * `seen`: the size and mtime a scan just listed them with (read-batches.ts).
     */
    async apply(paths, seen) {
        const list = [...new Set(paths)];
        let changed = false;
        const missing = (r) => 'result' in r && r.result.kind === 'missing';
        let cursor = 0;
        const prepare = async () => {
            const files = startBatch(this.options.articlesDir, list, cursor, (relPath, before) => this.read(relPath, before), seen);
            cursor += files.length;
            const jobs = await this.readsInTime(files, seen === undefined ? this.options.late : undefined);
            const reads = jobs.map((j) => j.read);
            const rootGone = reads.some((r) => 'rootGone' in r) || (reads.some(missing) && !(await isFolder(this.options.articlesDir)));
            return { rootGone, jobs };
        };
        // The workers parse the batches ahead (each path is in one batch only) while one is applied here, in one transaction.
        const ahead = [prepare()];
        if (cursor < list.length)
            ahead.push(prepare());
        let refused;
        for (let first = true, next = ahead.shift(); next; first = false, next = ahead.shift()) {
            const { rootGone, jobs } = await next;
            if (cursor < list.length)
                ahead.push(prepare());
            // Yield between batches so requests are answered during a long first scan.
            if (!first)
                await new Promise((resolve) => setImmediate(resolve));
            // Removals first: in a rename batch the old path is retired before the new one claims its identity.
            jobs.sort((a, b) => Number(missing(b.read)) - Number(missing(a.read)));
            const freed = [];
            const unsettled = [];
            this.unsettled = unsettled;
            this.removed.clear();
            let applied = 0;
            const run = () => {
                for (; applied < jobs.length; applied++) {
                    const job = jobs[applied];
                    if (this.applyRead(job.path, job.read, rootGone, freed))
                        changed = true;
                }
                this.moves.flush();
                return this.storeUnreleasedImages();
            };
            let unreleased;
            try {
                unreleased = refused ? this.store.withoutWrites(run) : this.store.transaction(run);
            }
            catch (error) {
                if (!isStoreWriteError(error))
                    throw error;
                // The disk refused the batch (rolled back in the store): what it had applied stays in
                // memory, and the rest of it and every batch after it are published from memory too. The
                // caller marks them all STORE_WRITE and retries (publish/store-retry.ts). The attack
                // trial: a disk that filled during a first scan left half the stories unpublished.
                refused = error;
                this.store.withoutWrites(run);
            }
            // Only once committed: a batch rolled back stores them again with the next.
            if (!refused && unreleased !== undefined)
                this.storedUnreleased = unreleased;
            for (const file of this.removed)
                this.log.info('article.removed', { file });
            // Bodies not stored stay in memory, served from there until a retry stores them.
            if (!refused)
                for (const entry of unsettled)
                    entry.stored();
            // A slug freed by this batch goes to a file that lost a clash for it.
            const losers = freed.length > 0 ? this.problems.pathsWithCode(ProblemCode.SlugCollision) : [];
            if (losers.length > 0 && (await this.apply(losers)))
                changed = true;
        }
        if (refused)
            throw refused;
        return changed;
    }
    /** The held and draft stories' images, stored when they changed (a restart keeps them private before its scan). */
    storeUnreleasedImages() {
        const now = JSON.stringify([...this.catalog.unreleasedImageMap()]);
        if (now === this.storedUnreleased)
            return undefined;
        this.store.setUnreleasedImages(this.catalog.unreleasedImageMap());
        return now;
    }
    /**
     * The batch's reads: all of them, or (`late`: a batch of saves, not a scan, whose store must
     * stand for the folder) those done once none has come in for `quietMs`; the others are left
     * to finish in `lateReads`.
     */
    async readsInTime(all, late) {
        // A path whose late read still runs (its save seen again, the settling look) is awaited
        // already (goLate): a batch of saves does not wait for it a second time. Four hostile files
        // re-applied so held every save after them to the time limit.
        const stillLate = (relPath) => {
            const pending = this.lateReads.get(relPath);
            return pending !== undefined && pending.done === undefined;
        };
        const files = late ? all.filter(({ relPath }) => !stillLate(relPath)) : all;
        const started = files.map((f) => f.started);
        const reads = late ? await untilQuiet(started, late.quietMs, late.workersUp()) : await Promise.all(started);
        const jobs = [];
        for (const [k, { relPath, started }] of files.entries()) {
            const read = reads[k];
            if (read) {
                jobs.push({ path: relPath, read });
                this.lateReads.delete(relPath);
            }
            else if (late)
                this.goLate(relPath, started, late);
        }
        return jobs;
    }
    goLate(relPath, started, late) {
        // Late again (its path was applied again before it ended): it is already awaited.
        if (this.lateReads.has(relPath))
            return;
        const entry = { read: started };
        this.lateReads.set(relPath, entry);
        this.log.info('article.late', { file: relPath, reason: `still parsing ${late.quietMs / 1000} s after the others: applied when it ends` });
        void started.then((read) => {
            entry.done = read;
            if (this.lateReads.get(relPath) === entry)
                late.done(relPath);
        });
    }
    /** Read `relPath` where it is parsed; the parse is skipped when its bytes are those of its published version. */
    async read(relPath, before) {
        const late = this.lateReads.get(relPath);
        if (late)
            return late.done ?? late.read;
        const { articlesDir, maxFileBytes } = this.options;
        const job = { root: articlesDir, absPath: path.join(articlesDir, relPath), relPath, maxBytes: maxFileBytes };
        // Parsed again whatever its bytes: a story that last failed, or whose image changed.
        const current = this.catalog.get(relPath);
        if (current && !this.problems.hasError(relPath) && this.staleImages([current]).length === 0)
            job.knownHash = current.hash;
        const outcome = await this.options.read(job, before);
        return 'error' in outcome ? { error: readError(relPath, outcome.error) } : outcome;
    }
    /** Published stories whose image file changed since they were read (all by default): a scan reads them again. */
    staleImages(entries = this.catalog.list()) {
        const mismatched = new Set(this.problems.pathsWithCode(ProblemCode.ImageMismatch));
        const urls = siteUrls(this.options.baseUrl);
        return entries.filter((e) => imageChanged(this.options.articlesDir, e, urls, mismatched.has(e.path))).map((e) => e.path);
    }
    applyRead(relPath, read, rootGone, freed) {
        if ('error' in read)
            return this.fail(relPath, read.error);
        const { result } = read;
        // A vanished articles folder (unmounted share, a sync tool mid-swap) is not a mass deletion.
        if (result.kind === 'missing')
            return rootGone ? false : this.remove(relPath, freed);
        // A story file replaced by a folder of the same name is gone as a story.
        if (result.kind === 'directory')
            return this.remove(relPath, freed);
        return 'hash' in read ? this.applyFile(relPath, result, read.hash, read.ingested, freed) : false;
    }
    /** Returns true when the published set changed. */
    applyFile(relPath, file, hash, ingested, freed) {
        const stat = { size: file.size, mtimeMs: file.mtimeMs };
        this.catalog.setStat(relPath, stat);
        const current = this.catalog.get(relPath);
        if (!ingested) {
            const known = this.store.get(relPath);
            if (known && (known.size !== file.size || known.mtimeMs !== file.mtimeMs))
                this.store.put({ ...known, ...stat });
            return false; // touched or re-saved without change
        }
        if (!ingested.ok) {
            const f = ingested.failure;
            if (f.reading)
                this.catalog.setReading(relPath, summarizeReading(f.reading));
            return this.fail(relPath, new ArticleError(f.code, f.message, relPath, { line: f.line, reading: f.reading }));
        }
        const { slug } = ingested;
        const { story, conflict } = admitId(relPath, ingested.story, (id) => this.catalog.idOwner(id));
        this.catalog.setReading(relPath, summarizeReading(story.reading, story));
        const owner = this.catalog.slugOwner(slug);
        if (owner !== undefined && owner !== relPath) {
            return this.fail(relPath, new ArticleError(ProblemCode.SlugCollision, `its URL /${slug.join('/')} is already used by ${owner}`, relPath));
        }
        const release = releaseOf(story, this.now(), this.options.futureStories, this.options.timeZone);
        if (release.kind === 'too-far')
            return this.fail(relPath, new ArticleError(ProblemCode.FarFuture, release.reason, relPath, { line: release.line }));
        // Held after it was out: a date edited into the future (a typo, often) takes a published story down. Said loudly.
        const withdrawn = release.kind === 'held' && !story.draft && current !== undefined;
        if (withdrawn)
            story.warnings.push({
                code: ProblemCode.HeldAfterPublished,
                message: `its date ${release.until.toISOString()} is in the future: the story was published and is now held, out of every feed and page, until then; if the date is a typo, correct it`,
            });
        if (release.kind === 'now-undated') {
            story.date = undefined;
            story.warnings.push({ code: ProblemCode.FutureDate, message: release.warning });
        }
        if (story.updated && story.updated.getTime() > this.now()) {
            // An update time ahead of now would date the feed after the response that serves it.
            story.warnings.push({ code: ProblemCode.FutureDate, message: `updated: ${story.updated.toISOString()} is in the future; the time of this save is used` });
            story.updated = undefined;
        }
        const previous = this.previousIdentity(relPath, hash, story);
        const record = resolveIdentity(previous.record, {
            path: relPath,
            hash,
            story,
            seenAt: Math.min(file.mtimeMs, this.now()),
            feedId: this.options.feedId,
        });
        this.store.put({ ...record, ...stat });
        const image = story.image === undefined ? {} : readStoryImage(this.options.articlesDir, relPath, story.image, stored);
        const notes = [...(conflict ? [conflict] : []), ...storyNotes(relPath, story), ...(image.problem ? [image.problem] : [])];
        this.problems.setFile(relPath, notes);
        if (release.kind === 'held' || story.draft) {
            const wasPublished = this.unpublish(relPath, freed);
            this.catalog.setDraft(relPath, story.draft);
            const own = story.image === undefined ? undefined : stored.localImage(story.image);
            this.catalog.setUnreleasedImages(relPath, [...new Set([...(own === undefined ? [] : [own]), ...ingested.media])]);
            this.catalog.setHeld(relPath, release.kind === 'held' && !story.draft ? release.until.getTime() : undefined);
            this.options.hold(relPath, release.kind === 'held' && !story.draft ? release.until.getTime() : undefined);
            this.log[withdrawn ? 'warn' : 'info'](story.draft ? 'article.draft' : 'article.held', {
                file: relPath,
                until: release.kind === 'held' ? release.until.toISOString() : undefined,
                was: current ? 'published' : undefined,
            });
            return wasPublished;
        }
        this.options.hold(relPath, undefined);
        this.moves.published(previous.oldUrl ?? (current ? paths.article(current.slug) : undefined), paths.article(slug));
        // A rename was logged as such (article.renamed): not as a new story.
        const said = previous.renamed ? undefined : current !== undefined ? 'article.updated' : 'article.added';
        this.publish(story, { slug, summary: ingested.summary, media: ingested.media, notes }, record, said, image);
        return true;
    }
    publish(story, made, record, said, image) {
        const meta = entryMeta(story, made.slug, record, image.enclosure, made.media);
        this.store.putEntry(record.path, JSON.stringify(meta), story.contentHtml, made.summary, storedNotes(made.notes));
        const entry = this.toEntry(meta, { body: story.contentHtml, summary: made.summary });
        this.unsettled.push(entry);
        this.catalog.publish(entry);
        if (said)
            this.log.info(said, { file: record.path, id: entry.id, title: entry.title });
        // Published, but with something an editor should know (a legacy encoding, characters removed): the log says so too.
        for (const note of made.notes) {
            if (note.severity === 'warning')
                this.log.warn('article.warning', { file: record.path, code: note.code, reason: note.reason, line: note.line });
        }
    }
    /**
     * The remembered identity of `relPath`. Unless the path holds a live story with these bytes, a
     * rename: the identity of a story with the same bytes whose file is gone, which then moves to
     * this path (its old path's record, stats and problems dropped and its story unpublished). This
     * holds even when the path's own story was deleted in the same moment and its deletion not yet
     * seen (`rm b; mv a b`): the moved story keeps its own id, and the replaced one gets a tombstone.
     * Or a story renamed and edited at once, as publish/rename-rules.ts tells.
     */
    previousIdentity(relPath, hash, story) {
        const own = this.store.get(relPath);
        const ownLive = own !== undefined && own.deletedAt === null;
        if (ownLive && own.hash === hash)
            return { record: own };
        const byHash = this.store.withHash(hash, relPath);
        const edited = own === undefined && byHash.length === 0 ? this.lately.match(story, this.now()) : undefined;
        const editedRecord = edited === undefined ? undefined : this.store.get(edited);
        for (const candidate of editedRecord ? [editedRecord] : byHash) {
            // A live record is a rename source only if its file is really gone (the unlink event may come later).
            const gone = candidate.deletedAt !== null || !existsSync(path.join(this.options.articlesDir, candidate.path));
            // Over a live story, only a move of this very moment: not a story deleted long ago whose text was pasted in.
            const recent = candidate.deletedAt === null || this.now() - candidate.deletedAt < RENAME_WINDOW_MS;
            if (!gone || (ownLive && !recent))
                continue;
            // The replaced story is deleted: its row moves aside (paths are unique) and keeps its id for the tombstone.
            if (ownLive)
                this.store.put({ ...own, path: `${relPath}\u0000replaced@${this.now()}`, deletedAt: this.now() });
            const live = this.catalog.get(candidate.path);
            const retired = this.moves.takeRetired(candidate.path);
            const oldUrl = live ? paths.article(live.slug) : retired;
            this.store.remove(candidate.path);
            this.catalog.forget(candidate.path);
            this.problems.setFile(candidate.path, []);
            this.unpublish(candidate.path, []);
            this.removed.delete(candidate.path);
            this.lately.drop(candidate.path);
            this.log.info('article.renamed', { from: candidate.path, file: relPath });
            return { record: { ...candidate, path: relPath, deletedAt: null }, oldUrl, renamed: true };
        }
        return { record: own };
    }
    remove(relPath, freed) {
        this.catalog.forget(relPath);
        this.options.hold(relPath, undefined);
        this.problems.setFile(relPath, []);
        this.store.markDeleted(relPath, this.now());
        const entry = this.catalog.get(relPath);
        const removed = this.unpublish(relPath, freed);
        if (removed && entry) {
            // Gone (410) until a rename of the same bytes turns it into a 301; held and draft stories were never public.
            this.moves.deleted(relPath, paths.article(entry.slug));
            this.removed.add(relPath);
            this.lately.add(relPath, { title: entry.title, publishedMs: entry.published.getTime() }, this.now());
        }
        return removed;
    }
    unpublish(relPath, freed) {
        if (!this.catalog.unpublish(relPath))
            return false;
        this.store.deleteEntry(relPath);
        freed.push(relPath);
        return true;
    }
    fail(relPath, error) {
        if (error.fileStat)
            this.catalog.setStat(relPath, error.fileStat);
        const news = this.problems.setFile(relPath, [{ path: relPath, code: error.code, reason: error.message, severity: 'error', line: error.line }]);
        const kept = this.catalog.get(relPath) ? 'last good version' : undefined;
        this.log[news ? 'warn' : 'debug']('article.problem', { file: relPath, code: error.code, reason: error.message, line: error.line, kept });
        return false;
    }
}
//# sourceMappingURL=apply-files.js.map
// The build folder's housekeeping: where a link at --out leads, one build at a time, leftovers of killed builds, folders left empty, whether a folder is safe to update in place, and making folders and files a few at a time.
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { BuildTargetError } from './build-target.js';

/**
 * Take the build folder for this process: a lock file beside it (`.NAME.lock`, holding the pid).
 * A second build into the same folder while the first runs is refused (BuildTargetError, exit 2);
 * a lock whose process is gone is taken over. Returns the release.
 */
export function lockBuildFolder(outDir: string): () => void {
  const parent = path.dirname(path.resolve(outDir));
  // `--out new/site`: the folder that holds the lock (and the new tree) is made first.
  mkdirSync(parent, { recursive: true });
  const lock = path.join(parent, `.${path.basename(outDir)}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new BuildTargetError(
          `cannot build into ${outDir}: ${code ?? 'error'} creating ${lock} (a build writes its lock and its new tree in ${parent}, the folder that holds it, so that folder must be writable and have room)`,
        );
      }
      const holder = Number(readFileSync(lock, 'utf8').trim());
      if (holder > 0 && holder !== process.pid && running(holder)) {
        throw new BuildTargetError(
          `refusing to build into ${outDir}: another build (process ${holder}) is writing it; wait for it to finish (or, if no build runs, delete ${lock})`,
        );
      }
      rmSync(lock, { force: true });
    }
  }
  throw new BuildTargetError(`refusing to build into ${outDir}: cannot take ${lock}; delete it if no build runs`);
}

/** The folder a link at `outDir` points to (a build never replaces the link itself), else `outDir`. */
export function throughLink(outDir: string): string {
  try {
    if (!lstatSync(outDir).isSymbolicLink()) return outDir;
  } catch {
    return outDir;
  }
  try {
    return realpathSync(outDir);
  } catch {
    // A link to a folder that is not there (a build killed mid-swap left it aside beside its
    // target): the build goes where it points, and puts the folder back (re-attack trial: it wrote
    // over the link, and failed on every run).
    const target = path.resolve(path.dirname(outDir), readlinkSync(outDir));
    return path.join(realpathOr(path.dirname(target)), path.basename(target));
  }
}

function realpathOr(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/** A process id in a leftover's name is still running (then its build is not a leftover). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What a build killed midway left: its staging folder inside `outDir` (which would be deployed
 * with it) and its new or old tree beside it. Only those of processes that no longer run.
 */
export async function removeLeftovers(outDir: string): Promise<void> {
  const base = path.basename(outDir);
  const dead = (name: string, pattern: RegExp) => {
    const pid = Number(pattern.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !running(pid);
  };
  // Best effort: what cannot be removed (a folder the build may not enter) is no reason to stop this build.
  const remove = (dir: string, name: string) => rm(path.join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  const names = (dir: string) => readdir(dir).catch(() => [] as string[]);
  for (const name of await names(outDir)) if (dead(name, /^\.feedpub-staging-(\d+)$/)) await remove(outDir, name);
  const parent = path.dirname(path.resolve(outDir));
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const all = await names(parent);
  // A build killed between its two renames left the folder's only copy as `.NAME.old-PID`: it
  // goes back (attack trial: the next build deleted it, the site and the user's files with it),
  // also over an empty folder made meanwhile. An old tree a build could not remove whole is
  // `.NAME.stale-PID`, never put back (re-attack trial: the wrong one came back).
  const aside = all.filter((name) => dead(name, new RegExp(`^\\.${escaped}\\.old-(\\d+)$`)));
  if (aside.length === 1 && (await emptyOrMissing(outDir))) {
    await rmdir(outDir).catch(() => undefined);
    await rename(path.join(parent, aside[0] as string), outDir);
  } else if (aside.length > 1 && (await emptyOrMissing(outDir))) {
    throw new BuildTargetError(
      `${outDir} is missing and builds killed midway left ${aside.length} copies of it beside it (${aside.join(', ')}): rename the right one to ${path.basename(outDir)}, then build again`,
    );
  }
  // A killed build's `.old` beside a folder that is there again (restored from a backup) may be the
  // only copy of something: kept, never removed unasked (re-attack trial: a user's file went with it).
  for (const name of all) if (existsSync(path.join(parent, name)) && dead(name, new RegExp(`^\\.${escaped}\\.(?:tmp|stale)-(\\d+)$`))) await remove(parent, name);
}

async function emptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Remove the folders in `dirs` (and their parents, up to `outDir`) that removals left empty. */
export async function removeEmptyFolders(outDir: string, dirs: Iterable<string>): Promise<void> {
  const root = path.resolve(outDir);
  for (const start of dirs) {
    for (let dir = path.resolve(start); dir.startsWith(`${root}${path.sep}`); dir = path.dirname(dir)) {
      // rmdir removes only an empty folder: the first one that is not empty ends the walk up.
      if (
        !(await rmdir(dir).then(
          () => true,
          () => false,
        ))
      )
        break;
    }
  }
}

/**
 * isFile for many files in few folders: each folder listed once, on its first question. A build
 * after one story changed asked lstat about every story page (10,000 calls, about 100 ms here);
 * one listing of the folder answers them all. A name the listing cannot type (a file system
 * without d_type) counts as missing: the document is written again, never wrongly kept.
 */
export class FileListing {
  private readonly folders = new Map<string, ReadonlySet<string>>();

  has(file: string): boolean {
    const dir = path.dirname(file);
    let names = this.folders.get(dir);
    if (!names) {
      try {
        names = new Set(
          readdirSync(dir, { withFileTypes: true })
            .filter((d) => d.isFile())
            .map((d) => d.name),
        );
      } catch {
        names = new Set();
      }
      this.folders.set(dir, names);
    }
    return names.has(path.basename(file));
  }
}

/** A regular file, not a link to one (a link put in the build folder is replaced, never written through). */
export function isFile(file: string): boolean {
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * True when every folder the files `rels` go into is a real folder inside `outDir` or missing:
 * a folder replaced by a symbolic link (or a file) would be written through in place, so then
 * the build makes a new tree instead.
 */
export function foldersAreReal(outDir: string, rels: Iterable<string>): boolean {
  const checked = new Map<string, boolean>();
  const real = (rel: string): boolean => {
    if (rel === '.' || rel === '') return true;
    let ok = checked.get(rel);
    if (ok === undefined) {
      ok = real(path.dirname(rel));
      if (ok) {
        try {
          ok = lstatSync(path.join(outDir, rel)).isDirectory();
        } catch {
          ok = true; // not there yet: made as a real folder
        }
      }
      checked.set(rel, ok);
    }
    return ok;
  };
  for (const rel of rels) if (!real(path.dirname(rel))) return false;
  return true;
}

/** Run `job` over `items`, `parallel` at a time, in order of starting; the first failure is thrown once all have ended. */
export async function inParallel<T>(parallel: number, items: Iterable<T>, job: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for (const item of items) {
    if (failure) break;
    const run = job(item)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => running.delete(run));
    running.add(run);
    if (running.size >= parallel) await Promise.race(running);
  }
  // Every write in flight ends before a failure is thrown: none may outlive the staging folder.
  await Promise.all(running);
  if (failure) throw failure.error;
}

/** One mkdir per folder, awaited by every file in it (they are written concurrently). */
export class FolderMaker {
  private readonly made = new Map<string, Promise<unknown>>();
  make(dir: string): Promise<unknown> {
    let folder = this.made.get(dir);
    if (!folder) {
      folder = mkdir(dir, { recursive: true });
      this.made.set(dir, folder);
    }
    return folder;
  }
}

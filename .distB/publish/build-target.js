// Where `build --out` may write: never over stories, state or the project, never over a folder it did not make.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
/** Written into every build folder: a later build replaces only a folder that carries it. */
export const BUILD_MARK = '.feedpub-build';
/** `build --out` refused: the message names the folder and the reason; the CLI exits 2. */
export class BuildTargetError extends Error {
    name = 'BuildTargetError';
    code = 'BAD_BUILD_TARGET';
}
/**
 * Throw BuildTargetError unless `out` is a safe place for a build: not the articles or state
 * folder, not inside either, not a folder that contains either or the project; and, when it
 * exists, either empty or an earlier build (it holds `BUILD_MARK`).
 */
export function checkBuildTarget(out, guards) {
    const target = realish(out);
    const refuse = (why) => {
        throw new BuildTargetError(`refusing to build into ${out}: ${why}; choose a new or empty folder such as ./site`);
    };
    // Never a system folder, whatever it holds (a mark left there by an earlier mistake included).
    if (path.dirname(target) === target || path.dirname(path.dirname(target)) === path.dirname(target)) {
        refuse('it is the file system root or a folder directly under it');
    }
    for (const system of [os.tmpdir(), os.homedir()]) {
        if (target === realish(system) || isInside(realish(system), target))
            refuse(`it is or contains ${system}`);
    }
    if (existsSync(target) && (statSync(target).mode & 0o1000) !== 0)
        refuse('it is a shared folder (sticky bit set)');
    const named = [
        [guards.articlesDir, 'the articles folder'],
        [guards.stateDir, 'the state folder'],
        ...guards.projectDirs.map((d) => [d, 'the project folder']),
    ];
    for (const [dir, what] of named) {
        const guarded = realish(dir);
        if (target === guarded)
            refuse(`it is ${what} (${dir})`);
        if (isInside(guarded, target))
            refuse(`it contains ${what} (${dir}), which the build would replace`);
        if (what !== 'the project folder' && isInside(target, guarded))
            refuse(`it is inside ${what} (${dir})`);
    }
    if (!existsSync(target))
        return;
    if (!statSync(target).isDirectory())
        refuse('it is a file, not a folder');
    const names = readdirSync(target);
    if (names.length > 0 && !names.includes(BUILD_MARK))
        refuse(`it is a folder with ${names.length} ${names.length === 1 ? 'entry' : 'entries'} that feedpub did not write`);
}
/** True when `inner` is strictly inside `outer`. */
function isInside(inner, outer) {
    const rel = path.relative(outer, inner);
    // `..site` is a folder inside; only `..` itself, or `../…`, leads out.
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
/** The real path of `p`, or of its nearest existing ancestor with the rest appended (symbolic links resolved). */
function realish(p) {
    const abs = path.resolve(p);
    let head = abs;
    const rest = [];
    while (!existsSync(head)) {
        const parent = path.dirname(head);
        if (parent === head)
            break;
        rest.unshift(path.basename(head));
        head = parent;
    }
    try {
        return path.join(realpathSync(head), ...rest);
    }
    catch {
        return abs;
    }
}
//# sourceMappingURL=build-target.js.map
// When a story may go out: now, held until its date (an embargo), or never as written (a date too far ahead).
import { wallAndInstant } from './human-date.js';
/** What `futureStories` in the configuration asks of a story dated ahead of now. */
export const FutureStories = { Hold: 'hold', Publish: 'publish' };
/** A date further ahead than this is a typo (`2062`, a Buddhist-era year read as Christian), not an embargo. */
export const EMBARGO_LIMIT_MS = 366 * 24 * 3600_000;
/**
 * Decide when a parsed story may be published at `now` (epoch ms). A story dated in the future
 * is held until its date (`hold`, the default) or published at once without that date
 * (`publish`), so no feed ever carries a date later than the response that serves it.
 */
export function releaseOf(story, now, futureStories, timeZone = 'UTC') {
    const at = story.date?.getTime();
    if (at === undefined || at <= now)
        return { kind: 'now' };
    const where = story.dateSource;
    if (at - now > EMBARGO_LIMIT_MS) {
        const text = where ? ` ("${where.text}")` : '';
        return {
            kind: 'too-far',
            reason: `${where ? `line ${where.line}: ` : ''}the date${text} is more than a year ahead (${story.date ? wallAndInstant(story.date.toISOString(), timeZone) : ''}); fix the year, or it is not published`,
            line: where?.line,
        };
    }
    if (futureStories === FutureStories.Publish) {
        return {
            kind: 'now-undated',
            warning: `the date ${story.date?.toISOString()} is in the future: published now (futureStories: publish)`,
        };
    }
    return { kind: 'held', until: new Date(at) };
}
//# sourceMappingURL=release.js.map
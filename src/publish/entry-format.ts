// What stored entries depend on: the parse's output format and the settings it read the files with.
import type { Config } from '../config.js';
import { FutureStories } from '../core/release.js';

/**
 * Bump when what a parse produces changes: stored entries of another format are re-read. 4: image
 * width and height. 5: a title of only invisible characters is EMPTY; a full-width colon and
 * Turkish capitals match boilerplate markers. 6: lines hard-wrapped inside a Thai syllable or at
 * a fixed width join without a space, and are never a credit; a Thai byline with an honorific
 * needs a family name; an enclosure keeps its image's mtime. 7: the images a story's text shows
 * or links (EntryMeta.media). 8: media holds every image the story names or shows, its `image:`
 * and links to the public base URL too: only those are served. 9: embargo lines (`Embargoed until
 * ...`, front matter `publishDate:`) are the release time, and more date forms read (`9am`, `20-Dec-2026`, a time range).
 * 10: an embargo whose numeric date reads both ways (`05/01/2027`) is BAD_DATE; embargo lines are
 * read anywhere in the text (more labels, a heading before them, wrapped, in Markdown markup) and
 * leave it; one above the headline is no headline; front matter's latest release time wins.
 * 11: a Markdown heading that is an embargo line is the release time, not the title. 12: a release
 * time whose zone is out of its season (`EDT` in December) is the later reading; IST follows the site's zone.
 * 13: wire hours (`0001 HRS`), a clock named between time and date (`(UK TIME)`, `Bangkok time`), a Thai weekday there.
 * 14: `Jazz Night: 20 December 2026` is a label and its date, not a dateline at a place. 15: an
 * embargo label alone takes its time from the line below a blank line; a Thai story's numeric embargo date is day first.
 * 16: any date with a zone out of season is the later reading; a bracketed time or city names the clock;
 * front-matter names with `embargo`; U+2028, U+2029 and NEL end lines. 17: a notice in words no label
 * has (`EMBARGO NOTICE:`, `Release time:`, `For publication …`) holds the story by the time after them.
 * 18: `10TH DECEMBER`, `0001 GMT`, SAST, CAT, EAT, WAT, PKT. 19: `CONCERT: 20 December 2026` is no dateline (only a known place before a colon).
 * 20: notices in other words only at a line's head; a clock in brackets before their time; a zone and offset that disagree: the later.
 * 21: times in words (the Thai six-hour clock, noon, midnight as the day's end) read; a release time in English with no zone has a note.
 * 22: do-not-publish marks (`DO NOT PUBLISH`, `ห้ามเผยแพร่`, a headline's `[DRAFT]`, `published: false`, `status: draft`) make
 * drafts; more embargo notices read (`Not for print or online before`, misspellings, Markdown as shown): a story published
 * by an older feedpub with such a line in it is read again, not kept out by its stale parse.
 */
export const ENTRY_FORMAT = 22;

/**
 * When this changes (parse settings, what a future date means, entry format), stored entries are
 * read again. Not the base URL or port: stored entries are written against STORED_BASE and rebased when read.
 */
export function entriesFingerprint(config: Readonly<Config>): string {
  const settings = [config.boilerplateMarkers, config.timeZone, config.maxTitleLength, config.maxFileBytes, config.credits];
  // Appended only when not the default, so that stores of earlier versions keep their entries.
  if (config.futureStories !== FutureStories.Hold) settings.push(config.futureStories);
  return `${ENTRY_FORMAT}:${JSON.stringify(settings)}`;
}

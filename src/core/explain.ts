// `check --explain`: what the parser took from which line of one file, in words an editor reads.
import { creditAuthors } from './credit-authors.js';
import { excerpt } from './excerpt.js';
import { wallAndInstant } from './human-date.js';
import { type Problem, ProblemCode, type Story, type StoryReading, noteHint } from './model.js';

export interface Explanation {
  path: string;
  story?: Story;
  /** What was read before a failure, when the parser got that far. */
  reading?: StoryReading;
  problems: readonly Problem[];
  /** One line on what happens to the story: published, held until ..., not published. */
  outcome: string;
}

/** Plain text, one fact a line, line numbers aligned; dates shown as written and as UTC instants. */
export function formatExplanation(e: Explanation, timeZone = 'UTC'): string {
  const r = e.story?.reading ?? e.reading;
  const out: string[] = [];
  const row = (label: string, line: number | undefined, text: string) =>
    out.push(`  ${label.padEnd(9)} ${line === undefined ? ''.padEnd(8) : `line ${String(line).padEnd(3)}`} ${text}`);
  out.push(`${e.path}${r ? ` (${r.format}${r.language ? `, language ${r.language}` : ''})` : ''}`);
  // A parse that failed stopped at its error: what was not read by then may come after it.
  const stop = e.story ? undefined : e.problems.find((p) => p.severity === 'error');
  const absent = (otherwise: string) => (stop ? `none read before the error${stop.line ? ` on line ${stop.line}` : ''}` : otherwise);
  if (r?.title) row('title', r.title.line, r.title.text);
  if (r?.dateline) {
    const d = r.dateline;
    const what = d.invalid
      ? `not a real date: ${d.invalid}`
      : `${d.date ? wallAndInstant(d.date, timeZone) : ''}${d.updated ? `, updated ${wallAndInstant(d.updated, timeZone)}` : ''}`;
    row('dateline', d.line, `${d.text}  →  ${what}${d.place ? `  (place: ${d.place})` : ''}`);
    if (d.release) row('', undefined, 'a release time (an embargo): the story goes out then, not before');
    // core/identity.ts: a lede's date never moves a story subscribers have already seen.
    if (e.story?.dateSource?.lede)
      row('', undefined, 'a wire lede: its date dates a new story; a story published before keeps the date it was published with');
  } else if (r) {
    row('dateline', undefined, absent('none found: the story is dated when the file was first seen'));
  }
  for (const c of r?.credits ?? []) {
    const named = e.story?.authors;
    const names = c.author === undefined ? [] : named && c.author === e.story?.author ? named : creditAuthors(c.author);
    // The names the feeds and author pages get (a role after a name is none of them).
    const role =
      c.author === undefined
        ? `photo credit "${c.photo}"`
        : names.length > 1
          ? `authors ${names.map((n) => `"${n}"`).join(', ')}`
          : `author "${names[0] ?? c.author}"`;
    row('credit', c.line, `${c.text}  →  ${role}, because of ${c.evidence}`);
  }
  if (r && r.credits.length === 0) row('credit', undefined, absent('none found: the feed author is used'));
  for (const f of r?.fields ?? []) row('field', f.line, `${f.name}: ${f.value}`);
  for (const [i, p] of (r?.paragraphs ?? []).entries()) row(i === 0 ? 'body' : '', p.line, excerpt(p.text, 40));
  if (r?.cut) row('cut', r.cut.line, `"${r.cut.marker}" starts page boilerplate: it and everything after it is left out`);
  for (const n of r?.notes ?? []) row('note', n.line, n.note);
  // A note is also the story's hint on the desk (UNSURE, `line N: ...`): said once here.
  const noted = new Set((r?.notes ?? []).map(noteHint));
  for (const p of e.problems) if (!(p.code === ProblemCode.Unsure && noted.has(p.reason))) row(p.severity, p.line, `${p.code}: ${p.reason}`);
  out.push(`  ${'outcome'.padEnd(9)} ${''.padEnd(8)} ${e.outcome}`);
  return `${out.join('\n')}\n`;
}

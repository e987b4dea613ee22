// The people and agencies a credit line names, each an author of its own: "Jane Doe and John Roe, Reuters" is three.

/**
 * Where one name ends and the next begins: a comma, semicolon, bar or middle dot; a slash
 * (`AFP/Reuters`, `AFP / รอยเตอร์`) but not between digits (`24/7`); `and` (after a comma too) and
 * Thai `และ` between spaces, since Thai writes spaces between names. Never `&`: it joins the names
 * of firms (`O'Brien & Sons`, `AT&T`) as often as it joins two people.
 */
const BETWEEN = /\s*,\s*and\s+|\s*[,;|·]\s*|\s*(?<!\d)\/(?!\d)\s*|\s+(?:and|และ)\s+/giu;
/** A suffix that belongs to the name before it (`Jane Doe, Jr.`), not a name of its own. */
const SUFFIX = /^(?:jr|sr|ii|iii|iv|phd|md)\.?$/iu;
/**
 * A role that says what the name before it does (`Jane Doe, Staff Writer`, `Technology Reporter`,
 * `Southeast Asia Correspondent`): nobody's name, so no author. Any beat of up to three words before
 * the role word (trial: `Technology Reporter` had an author page of its own).
 */
const ROLE =
  /^(?:[\p{L}&'-]+\s+){0,3}(?:writers?|reporters?|correspondents?|editors?|contributors?|columnists?|photographers?|analysts?|producers?|bureau(?:\s+chief)?|interns?)$|^(?:(?:senior|chief|news|city|metro)\s+)*(?:staff|desk)$|^(?:ผู้สื่อข่าว|นักข่าว|บรรณาธิการ|ผู้เขียน|คอลัมนิสต์|ช่างภาพ)\S*$/iu;

/**
 * A Thai courtesy title before a given and a family name (`นายสมชาย ใจดี`), and a Thai role after
 * a name (`สมชาย ใจดี ผู้สื่อข่าว`): one reporter is one author however a desk writes the byline.
 * Academic titles (`ดร.`) stay: they are how those people are credited.
 */
const THAI_COURTESY = /^(?:นางสาว|น\.ส\.|นาย|นาง)\s?(?=[ก-๙]+\s[ก-๙])/u;
const THAI_ROLE_AFTER = /(?<=[ก-๙])\s+(?:ผู้สื่อข่าว|นักข่าว|ช่างภาพ|คอลัมนิสต์|บรรณาธิการ)\S*$/u;

/**
 * The authors of a credit as written (core/credit.ts), in order, each once. A credit without a
 * separator is one author, as written: no name is ever taken apart inside. Roles after a name
 * (`, Staff Writer`) are left out.
 */
export function creditAuthors(credit: string): string[] {
  const names: string[] = [];
  for (const part of credit.split(BETWEEN)) {
    const name = part.trim().replace(THAI_COURTESY, '').replace(THAI_ROLE_AFTER, '');
    if (name === '') continue;
    const last = names.length - 1;
    if (SUFFIX.test(name) && last >= 0) names[last] = `${names[last]}, ${name}`;
    else if (!ROLE.test(name)) names.push(name);
  }
  // A credit that is only a role (`Staff Writer`) is still who the story is by, as written.
  return names.length > 0 ? [...new Set(names)] : [credit.trim()];
}

/** Credits repeat (an agency on thousands of stories): each is split once. */
const known = new Map<string, readonly string[]>();
const KNOWN_MAX = 10_000;

/** A story's authors: as its front matter named them, else its credit's (creditAuthors, remembered), else none. */
export function authorsOf(entry: { author?: string; authors?: readonly string[] }): readonly string[] {
  if (entry.authors && entry.authors.length > 0) return entry.authors;
  const credit = entry.author;
  if (credit === undefined) return [];
  let names = known.get(credit);
  if (!names) {
    if (known.size >= KNOWN_MAX) known.clear();
    names = Object.freeze(creditAuthors(credit));
    known.set(credit, names);
  }
  return names;
}

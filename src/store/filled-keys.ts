// What a first scan has written into a store that knew nothing: a lookup of anything else needs no query.

/**
 * 32-bit FNV-1a of a string, as a small integer (a Set of them is a few MB at 100,000 stories;
 * the strings themselves are the catalog's). Two strings may share one: then the store is asked.
 */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * The paths, ids and content hashes of the rows written since the store was found empty. A first
 * scan of 100,000 new stories asked the store three times for each whether it knew it (its path,
 * its bytes under another name, its id): 8 % of the main thread, every answer "no". Only a key
 * never written is answered here; one written (or sharing a digest with one) is asked as before.
 */
export class FilledKeys {
  private readonly paths = new Set<number>();
  private readonly ids = new Set<number>();
  private readonly hashes = new Set<number>();

  add(row: { path: string; id: string; hash: string }): void {
    this.paths.add(fnv(row.path));
    this.ids.add(fnv(row.id));
    this.hashes.add(fnv(row.hash));
  }

  hasPath(path: string): boolean {
    return this.paths.has(fnv(path));
  }

  hasId(id: string): boolean {
    return this.ids.has(fnv(id));
  }

  hasHash(hash: string): boolean {
    return this.hashes.has(fnv(hash));
  }
}

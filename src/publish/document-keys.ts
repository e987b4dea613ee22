// Source keys of the documents made on request (story pages, facet and archive documents): what `build` compares to skip rendering.
import { authorsOf } from '../core/credit-authors.js';
import { createHash, hash as oneShot } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Entry, Site } from '../core/model.js';
import { type ArchiveLedger, archivePageCount, archivePageEntries } from '../core/archive-pages.js';
import { inFacet } from '../core/render/documents.js';
import { type Facet, facetKeys } from '../core/routes.js';
import { StoredEntry } from './stored-entry.js';

/** What every document depends on besides its stories: the site settings and the parse settings. */
export interface KeySettings {
  /** Everything else the renderers read from the configuration (the time zone). */
  render: unknown;
  /** The fingerprint the stored entries were parsed with: a change re-parses bodies without changing entry metadata. */
  entries: string;
}

// crypto.hash: one call, about a fifth of createHash's cost for a short input.
const hash = (text: string) => oneShot('sha256', text, 'base64url').slice(0, 27);

/**
 * A document's bytes are a function of its stories' metadata, their bodies (fixed by the file
 * hash and the parse settings), the settings and the renderer's code: a key hashes all of them,
 * so an unchanged key means unchanged bytes without rendering anything. The key of an entry is
 * kept per Entry object: entries are replaced, never edited, when their story changes.
 */
export class DocumentKeys {
  private readonly entryKeys = new WeakMap<Entry, string>();
  private salt: string | undefined;
  private facetSlices: Map<string, Entry[]> | undefined;

  constructor(
    private readonly site: Site,
    private readonly settings: () => KeySettings,
    private readonly list: () => readonly Entry[],
    private readonly archive: ArchiveLedger,
  ) {}

  /** The catalog changed: facet slices are found again. */
  reset(): void {
    this.facetSlices = undefined;
  }

  /** Two hashes side by side, not a hash of them: 10,000 of these were a tenth of a build after one change. */
  story(entry: Entry): string {
    return `${this.base()}${this.entryKey(entry)}`;
  }

  /** A facet's four documents (they are rendered together, so they share a key); undefined when it has no story. */
  facet(kind: Facet, name: string): string | undefined {
    const slice = this.slices().get(`${kind}\0${name}`);
    if (!slice) return undefined;
    return hash(`${this.base()}\0${kind}\0${name}\0${slice.map((e) => this.entryKey(e)).join('\0')}`);
  }

  /** An archive page's three documents: their stories, and whether a later page exists (its links say so). */
  archivePage(page: number): string | undefined {
    const slice = archivePageEntries(this.archive, page, this.site.itemLimit);
    if (!slice) return undefined;
    const later = page < archivePageCount(this.archive, this.site.itemLimit);
    return hash(`${this.base()}\0archive\0${page}\0${later}\0${slice.map((e) => this.entryKey(e)).join('\0')}`);
  }

  private base(): string {
    if (this.salt === undefined) {
      const { render, entries } = this.settings();
      this.salt = hash(JSON.stringify([this.site, render, entries, rendererCode()]));
    }
    return this.salt;
  }

  private entryKey(entry: Entry): string {
    let key = this.entryKeys.get(entry);
    if (key === undefined) {
      const { path: p, slug, id, hash: h, title, author, categories, image, enclosure, language } = entry;
      // Times as numbers: a stored entry makes a Date for each read of `published`, and JSON an ISO string of each.
      const [published, updated] = entry instanceof StoredEntry ? [entry.publishedMs, entry.updatedMs] : [+entry.published, +entry.updated];
      key = hash(JSON.stringify([p, slug, id, published, updated, h, title, author, categories, image, enclosure, language]));
      this.entryKeys.set(entry, key);
    }
    return key;
  }

  /** The newest `itemLimit` entries of every category and author, found in one pass over the catalog. */
  private slices(): Map<string, Entry[]> {
    if (this.facetSlices) return this.facetSlices;
    const slices = new Map<string, Entry[]>();
    const add = (kind: Facet, name: string, entry: Entry) => {
      const k = `${kind}\0${name}`;
      let slice = slices.get(k);
      if (!slice) {
        slice = [];
        slices.set(k, slice);
      }
      if (slice.length < this.site.itemLimit && inFacet(entry, kind, name)) slice.push(entry);
    };
    for (const entry of this.list()) {
      for (const c of facetKeys(entry.categories)) add('categories', c, entry);
      for (const name of facetKeys(authorsOf(entry))) add('authors', name, entry);
    }
    this.facetSlices = slices;
    return slices;
  }
}

let codeHash: string | undefined;

/**
 * A hash of the pure core's code (parse, render), read once: a new feedpub, or a changed
 * renderer in development, re-renders everything even where the version number did not change.
 */
export function rendererCode(): string {
  if (codeHash !== undefined) return codeHash;
  const root = fileURLToPath(new URL('../core/', import.meta.url));
  const digest = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|ts|mjs)$/.test(entry.name)) digest.update(entry.name).update(readFileSync(full));
    }
  };
  walk(root);
  codeHash = digest.digest('base64url').slice(0, 27);
  return codeHash;
}

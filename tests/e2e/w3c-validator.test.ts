// Every feed document kind, over hostile but legitimate stories, judged by the W3C Feed Validation Service's own code.
import { readFileSync } from 'node:fs';
import { rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getText, put, siteFolders, startSite, waitFor } from '../helpers.js';
import { png } from '../core/image-fixtures.js';
import { complaints, feedValidatorMissing, validateFeed } from '../oracles/w3c-validator.js';

const ctx = siteFolders();
const seed = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt'));
// The validator compares dates with its own clock: every story here is dated in the past.
const PAST = new Date('2026-01-02T03:04:05Z');
// RFC 6721 tombstones use a namespace the validator does not know; it checks nothing inside them.
const TOMBSTONE_NS = ['UnknownNamespace'];

/** Hostile but legitimate stories, all dated in the past; `gone.txt` is deleted once the site runs (a tombstone). */
async function writeStories(a: string): Promise<void> {
  await put(a, 'kim-putin.txt', seed);
  await put(
    a,
    'world/script.md',
    '---\ntitle: Why <script> tags & "quotes" matter </b> in 2026\ndate: 2025-12-01\nauthor: Jane <jane@example.com>\n---\nBody.\n',
  );
  await put(a, 'world/bold.md', '---\ntitle: Some <b>bold</b> words\ndate: 2025-12-02\ntags: [C# & .NET]\n---\nBody.\n');
  await put(a, 'amp.txt', 'Tom &amp; Jerry say ]]> is fine &#1; R&D2\n\n2025-12-03 10:00\n\nBody text.\n');
  // Three authors in one credit: three dc:creator, three Atom <author>.
  await put(a, 'english.txt', 'Flood waters recede in the north\n\nBy Jane Doe and John Roe, Reuters\n\n2025-12-04 09:00\n\nRivers fell overnight.\n');
  for (const n of [1, 2, 3, 4]) {
    const file = await put(a, `copied/c${n}.txt`, `Copied story ${n}\n\nBody ${n}.\n`);
    await utimes(file, PAST, PAST);
  }
  // A picture of the site's own: enclosure, media:content and media:thumbnail with its pixel size.
  await put(a, 'world/photo.png', png(40, 30));
  await put(a, 'world/pictured.md', '---\ntitle: Pictured\ndate: 2025-12-05\nimage: photo.png\n---\nBody.\n');
  await put(a, 'gone.txt', 'A story that will be deleted\n\n2025-11-30 08:00\n\nBody.\n');
  // A title and nothing else (attack trial: an empty <content> is the validator's NotBlank warning).
  await utimes(await put(a, 'world/title-only.txt', 'ข่าว'), PAST, PAST);
}

/** Start the site over those stories, delete one, and give each document's errors and warnings. */
async function complaintsOf(documents: readonly string[], overrides: Record<string, unknown> = {}): Promise<Record<string, string[]>> {
  await writeStories(ctx.articles);
  ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 3, ...overrides });
  const { url } = ctx.running;
  await rm(path.join(ctx.articles, 'gone.txt'));
  await waitFor(async () => (await getText(`${url}/atom.xml`)).text.includes('deleted-entry'), 10_000, 'the tombstone');
  const found: Record<string, string[]> = {};
  for (const doc of documents) {
    const res = await getText(url + doc);
    expect(res.status, doc).toBe(200);
    found[doc] = complaints(validateFeed(res.text), doc.endsWith('atom.xml') ? TOMBSTONE_NS : []);
  }
  return found;
}

const none = (documents: readonly string[]) => Object.fromEntries(documents.map((d) => [d, []]));
const skipped = feedValidatorMissing ? ` (skipped: ${feedValidatorMissing})` : '';

describe('W3C Feed Validation Service', () => {
  it.skipIf(feedValidatorMissing !== undefined)(
    `finds no error and no warning in any RSS or Atom document${skipped}`,
    async () => {
      const documents = [
        '/feed.xml',
        '/atom.xml',
        '/categories/world/feed.xml',
        '/categories/world/atom.xml',
        '/categories/copied/atom.xml',
        '/categories/C%23%20%26%20.NET/feed.xml',
        '/archive/1/feed.xml',
        '/archive/1/atom.xml',
        '/archive/2/atom.xml',
        '/authors/Reuters/feed.xml',
        '/authors/Reuters/atom.xml',
      ];
      expect(await complaintsOf(documents)).toEqual(none(documents));
      // The validator saw a story with three authors.
      const byReuters = (await getText(`${ctx.running?.url}/authors/Reuters/feed.xml`)).text;
      expect([...byReuters.matchAll(/<dc:creator>/g)]).toHaveLength(3);
      // The validator saw the Media RSS elements (the picture is among the world category's newest three).
      const rss = (await getText(`${ctx.running?.url}/categories/world/feed.xml`)).text;
      expect(rss).toContain('<media:thumbnail');
      expect(rss).toContain('width="40" height="30"');
      expect((await getText(`${ctx.running?.url}/categories/world/atom.xml`)).text).toContain('<media:thumbnail');
    },
    120_000,
  );

  it.skipIf(feedValidatorMissing !== undefined)(
    `finds none either with feedContent "summary", whose feeds carry no body while the pages keep it${skipped}`,
    async () => {
      const documents = ['/feed.xml', '/atom.xml', '/categories/world/atom.xml', '/archive/1/feed.xml'];
      expect(await complaintsOf(documents, { feedContent: 'summary' })).toEqual(none(documents));
      const url = ctx.running?.url ?? '';
      const rss = (await getText(`${url}/feed.xml`)).text;
      expect(rss).not.toContain('content:encoded');
      expect((await getText(`${url}/atom.xml`)).text).not.toContain('<content');
      expect((await getText(`${url}/articles/english`)).text).toContain('Rivers fell overnight.');
    },
    120_000,
  );
});

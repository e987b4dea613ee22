// Every feed document kind, over hostile but legitimate stories, judged by the W3C Feed Validation Service's own code.
import { readFileSync } from 'node:fs';
import { rm, utimes } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getText, put, siteFolders, startSite, waitFor } from '../helpers.js';
import { complaints, feedValidatorMissing, validateFeed } from '../oracles/w3c-validator.js';

const ctx = siteFolders();
const seed = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt'));
// The validator compares dates with its own clock: every story here is dated in the past.
const PAST = new Date('2026-01-02T03:04:05Z');
// RFC 6721 tombstones use a namespace the validator does not know; it checks nothing inside them.
const TOMBSTONE_NS = ['UnknownNamespace'];

describe('W3C Feed Validation Service', () => {
  it.skipIf(feedValidatorMissing !== undefined)(
    `finds no error and no warning in any RSS or Atom document${feedValidatorMissing ? ` (skipped: ${feedValidatorMissing})` : ''}`,
    async () => {
      const a = ctx.articles;
      await put(a, 'kim-putin.txt', seed);
      await put(
        a,
        'world/script.md',
        '---\ntitle: Why <script> tags & "quotes" matter </b> in 2026\ndate: 2025-12-01\nauthor: Jane <jane@example.com>\n---\nBody.\n',
      );
      await put(a, 'world/bold.md', '---\ntitle: Some <b>bold</b> words\ndate: 2025-12-02\ntags: [C# & .NET]\n---\nBody.\n');
      await put(a, 'amp.txt', 'Tom &amp; Jerry say ]]> is fine &#1; R&D2\n\n2025-12-03 10:00\n\nBody text.\n');
      await put(a, 'english.txt', 'Flood waters recede in the north\n\nBy Jane Doe\n\n2025-12-04 09:00\n\nRivers fell overnight.\n');
      for (const n of [1, 2, 3, 4]) {
        const file = await put(a, `copied/c${n}.txt`, `Copied story ${n}\n\nBody ${n}.\n`);
        await utimes(file, PAST, PAST);
      }
      await put(a, 'gone.txt', 'A story that will be deleted\n\n2025-11-30 08:00\n\nBody.\n');
      ctx.running = await startSite(a, ctx.state, { itemLimit: 3 });
      const { url } = ctx.running;
      await rm(path.join(a, 'gone.txt'));
      await waitFor(async () => (await getText(`${url}/atom.xml`)).text.includes('deleted-entry'), 10_000, 'the tombstone');

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
      ];
      const found: Record<string, string[]> = {};
      for (const doc of documents) {
        const res = await getText(url + doc);
        expect(res.status, doc).toBe(200);
        const result = validateFeed(res.text);
        found[doc] = complaints(result, doc.endsWith('atom.xml') ? TOMBSTONE_NS : []);
      }
      expect(found).toEqual(Object.fromEntries(documents.map((d) => [d, []])));
    },
    120_000,
  );
});

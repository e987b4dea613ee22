import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BOILERPLATE_MARKERS } from '../../src/config.js';
import { resolveIdentity } from '../../src/core/identity.js';
import { STORED_BASE, contentHash, entryMeta } from '../../src/core/entry-meta.js';
import { ingestStory } from '../../src/core/ingest.js';
import { ProblemCode } from '../../src/core/model.js';

const options = { boilerplateMarkers: DEFAULT_BOILERPLATE_MARKERS, timeZone: 'Asia/Bangkok', maxTitleLength: 300 };
const seed = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt'));

describe('ingest', () => {
  it('turns the reference story into a story, a slug and entry metadata with a stable identity', () => {
    const result = ingestStory(seed, 'world/kim-putin.txt', options);
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.slug).toEqual(['world', 'kim-putin']);
    expect(result.story.author).toBe('AFP');
    const hash = contentHash(seed);
    const record = resolveIdentity(undefined, {
      path: 'world/kim-putin.txt',
      hash,
      story: result.story,
      seenAt: 1_700_000_000_000,
      feedId: 'https://news.example/',
    });
    const meta = entryMeta(result.story, result.slug, record, undefined);
    expect(meta).toMatchObject({ path: 'world/kim-putin.txt', slug: ['world', 'kim-putin'], hash, categories: ['world'], author: 'AFP' });
    expect(meta.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    // Pinned: subscribers have seen ids made this way since the first release; no change of code may move them.
    expect(meta.id).toBe('urn:uuid:1358463e-0913-5f67-b0ee-347fae0771c1');
    // Same bytes and path: same id, whatever the time it is read.
    const again = resolveIdentity(undefined, {
      path: 'world/kim-putin.txt',
      hash,
      story: result.story,
      seenAt: 1,
      feedId: 'https://news.example/',
    });
    expect(again.id).toBe(record.id);
    // Taken by another story (one renamed away from this path keeps the id it gave): a variant of its own, stable too.
    const taken = new Set([record.id]);
    const other = resolveIdentity(undefined, { path: 'world/kim-putin.txt', hash, story: result.story, seenAt: 1, feedId: 'https://news.example/', idInUse: (id) => taken.has(id) });
    expect(other.id).not.toBe(record.id);
    expect(other.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    taken.add(other.id);
    const third = resolveIdentity(undefined, { path: 'world/kim-putin.txt', hash, story: result.story, seenAt: 1, feedId: 'https://news.example/', idInUse: (id) => taken.has(id) });
    expect(taken.has(third.id)).toBe(false);
  });

  it('takes a Markdown slug and resolves relative links against the story page at the stored base (rebased when served)', () => {
    const md = Buffer.from('---\ntitle: T\nslug: other\ntags: [x, world]\n---\n[link](next) ![i](pic.png)\n');
    const result = ingestStory(md, 'world/a.md', options);
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.slug).toEqual(['world', 'other']);
    expect(result.story.contentHtml).toContain(`href="${STORED_BASE}/articles/world/next"`);
    const record = resolveIdentity(undefined, { path: 'world/a.md', hash: contentHash(md), story: result.story, seenAt: 1, feedId: 'f' });
    expect(entryMeta(result.story, result.slug, record, undefined).categories).toEqual(['world', 'x']);
  });

  it("lists the images beside the stories that a story's text shows or links, once each, and nothing else", () => {
    const md = Buffer.from(
      [
        '---',
        'title: T',
        'image: cover.jpg',
        '---',
        '![first](cover.jpg) ![second](../photos/a%20b.png) ![again](../photos/a%20b.png)',
        '',
        '<img src="/articles/desk/raw.webp" alt=""> [scan](scan.gif) [page](next) [away](https://elsewhere.example/x.png)',
        '',
        '[query](q.png?x=1&y=2) [svg](logo.svg)',
      ].join('\n'),
    );
    const result = ingestStory(md, 'world/a.md', options);
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.media).toEqual(['world/cover.jpg', 'photos/a b.png', 'desk/raw.webp', 'world/scan.gif', 'world/q.png']);
    const plain = ingestStory(seed, 'world/kim-putin.txt', options);
    expect(plain.ok && plain.media).toEqual([]);
  });

  it('dates a new story by its wire lede, but keeps the published date of a story already seen', () => {
    const lede = (text: string) => {
      const result = ingestStory(Buffer.from(`Baht rises\n\n${text} (Reuters) - The baht rose.\n\nMore.\n`), 'a.txt', options);
      if (!result.ok) throw new Error(result.failure.message);
      return result.story;
    };
    const input = (story: ReturnType<typeof lede>) => ({ path: 'a.txt', hash: 'h2', story, seenAt: Date.parse('2026-12-03T05:00:00Z'), feedId: 'f' });
    const fresh = resolveIdentity(undefined, input(lede('BANGKOK, Dec 3, 2026')));
    expect(new Date(fresh.published).toISOString()).toBe('2026-12-02T17:00:00.000Z');
    // Published before feedpub read ledes (first-seen time), edited since: the date subscribers saw stays.
    const seen = { ...fresh, hash: 'h1', published: Date.parse('2026-12-03T03:10:00Z'), updated: Date.parse('2026-12-03T03:10:00Z') };
    expect(new Date(resolveIdentity(seen, input(lede('BANGKOK, Dec 3, 2026'))).published).toISOString()).toBe('2026-12-03T03:10:00.000Z');
    // A dateline in the head still moves it, as written.
    const head = ingestStory(Buffer.from('Baht rises\n\n4 Dec 2026 10:00\n\nThe baht rose.\n'), 'a.txt', options);
    if (!head.ok) throw new Error(head.failure.message);
    expect(new Date(resolveIdentity(seen, input(head.story)).published).toISOString()).toBe('2026-12-04T03:00:00.000Z');
  });

  it('gives a problem, never a throw, for a file that cannot be published', () => {
    const empty = ingestStory(Buffer.from('  \n'), 'empty.txt', options);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.failure.code).toBe(ProblemCode.Empty);
    const bad = ingestStory(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41]), 'bad.txt', options);
    expect(bad.ok).toBe(false);
  });
});

describe('word-separating controls and bidi controls in a story file', () => {
  it('reads a vertical tab, a form feed and NEL as spaces, and keeps bidi controls out of the summary', () => {
    const bytes = new TextEncoder().encode('Controls\n\nseps\u0085nel a\fb c\vd body \u202e rev\n');
    const out = ingestStory(bytes, 'controls.txt', options);
    if (!out.ok) throw new Error(out.failure.message);
    expect(out.story.contentHtml).toContain('seps nel a b c d body');
    expect(out.summary).toBe('seps nel a b c d body rev');
    expect(out.story.warnings.map((w) => w.message).join(' ')).toContain('became spaces');
  });
});

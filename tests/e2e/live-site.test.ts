// End to end: real files in a temporary folder, the real watcher, the real server on port 0, real HTTP.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, rename, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ROOT,
  assertWellFormed,
  getText,
  NEEDS,
  ORACLES,
  atomOracle,
  cliArgs,
  parseAtomFeed,
  parseRssFeed,
  put,
  pythonFeedparser,
  removeDir,
  startSite,
  tempDir,
  waitFor,
  siteFolders,
} from '../helpers.js';

const ctx = siteFolders();
const atoms = atomOracle('Atom (with tombstones)');

const seed = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'seed-article.txt'));

interface FeedItem {
  title: string;
  id: string;
  published: string;
  updated: string;
  link: string;
}

/** Fetch all three feeds, check each is valid, and return the Atom view of the entries. */
async function readFeeds(url: string): Promise<FeedItem[]> {
  const [rss, atom, json] = await Promise.all([getText(`${url}/feed.xml`), getText(`${url}/atom.xml`), getText(`${url}/feed.json`)]);
  expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(json.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
  assertWellFormed(rss.text);
  assertWellFormed(atom.text);
  const rssItems = parseRssFeed(rss.text).items ?? [];
  const atomEntries = parseAtomFeed(atom.text).entries ?? [];
  const jsonItems = (JSON.parse(json.text) as { items: { id: string; title: string }[] }).items;
  // The three formats always carry the same entries in the same order.
  expect(rssItems.map((i) => i.guid?.value)).toEqual(atomEntries.map((e) => e.id));
  expect(jsonItems.map((i) => i.id)).toEqual(atomEntries.map((e) => e.id));
  return atomEntries.map((e) => ({
    title: e.title?.value ?? '',
    id: e.id ?? '',
    published: e.published ?? '',
    updated: e.updated ?? '',
    link: e.links?.[0]?.href ?? '',
  }));
}

const titled = async (url: string, title: string) => (await readFeeds(url)).find((e) => e.title === title);

describe('the live publisher', () => {
  it('serves the reference story in all three feeds, the index and its own page', async () => {
    await put(ctx.articles, 'kim-putin.txt', seed);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const entries = await readFeeds(url);
    expect(entries).toHaveLength(1);
    const [e] = entries;
    expect(e?.title).toBe("'คิม' เตรียมพบ 'ปูติน' ที่รัสเซีย");
    expect(e?.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(e?.link).toBe(`${url}/articles/kim-putin`);

    const atom = (await getText(`${url}/atom.xml`)).text;
    expect(atom).not.toContain('เพิ่มเพื่อน');
    expect(atom).not.toContain('ข่าวที่เกี่ยวข้อง');
    atoms.add(atom);

    const page = await getText(e?.link ?? '');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain('<html lang="th">');
    expect(page.text).toContain('<h1>&#39;คิม&#39; เตรียมพบ &#39;ปูติน&#39; ที่รัสเซีย</h1>');

    const index = await getText(`${url}/`);
    expect(index.text).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(index.text).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(index.text).toContain('<link rel="alternate" type="application/feed+json"');
    expect(index.text).toContain('/articles/kim-putin');

    expect((await getText(`${url}/healthz`)).status).toBe(200);
    const status = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text);
    expect(status.articles).toBe(1);
    expect(status.problems).toEqual([]);
  });

  it('publishes a new file, an edit, a rename and a deletion, keeping ids and published dates', async () => {
    await put(ctx.articles, 'kim-putin.txt', seed);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;

    await put(ctx.articles, 'world/asia/rain.txt', 'ฝนตกหนักในกรุงเทพฯ\n\n25 พ.ย. 2569 09.30 น.\n\nAFP\n\nเนื้อหาข่าวฝน\n');
    const added = await waitFor(() => titled(url, 'ฝนตกหนักในกรุงเทพฯ'), 10_000, 'new story');
    expect(added.published).toBe('2026-11-25T02:30:00.000Z');
    expect(added.link).toBe(`${url}/articles/world/asia/rain`);
    const rss = parseRssFeed((await getText(`${url}/feed.xml`)).text);
    expect(rss.items?.find((i) => i.title === 'ฝนตกหนักในกรุงเทพฯ')?.categories?.map((c) => c.name)).toEqual(['world', 'asia']);

    // An edit: same id and published, later updated.
    await put(ctx.articles, 'world/asia/rain.txt', 'ฝนตกหนักในกรุงเทพฯ (แก้ไข)\n\n25 พ.ย. 2569 09.30 น.\n\nAFP\n\nเนื้อหาข่าวฝน ฉบับแก้ไข\n');
    const edited = await waitFor(() => titled(url, 'ฝนตกหนักในกรุงเทพฯ (แก้ไข)'), 10_000, 'edit');
    expect(edited.id).toBe(added.id);
    expect(edited.published).toBe(added.published);
    expect(Date.parse(edited.updated)).toBeGreaterThan(Date.parse(added.updated));

    // A rename with unchanged content keeps the id.
    await rename(path.join(ctx.articles, 'world/asia/rain.txt'), path.join(ctx.articles, 'world/rain-moved.txt'));
    const moved = await waitFor(
      async () => (await readFeeds(url)).find((e) => e.link.endsWith('/articles/world/rain-moved')),
      10_000,
      'rename',
    );
    expect(moved.id).toBe(added.id);
    expect(moved.published).toBe(added.published);
    expect((await readFeeds(url)).filter((e) => e.id === added.id)).toHaveLength(1);

    // A deletion removes it everywhere; its page answers 410 Gone (shared links say so rather than "not found").
    await rm(path.join(ctx.articles, 'world/rain-moved.txt'));
    await waitFor(async () => (await readFeeds(url)).every((e) => e.id !== added.id), 10_000, 'deletion');
    expect((await getText(`${url}/articles/world/rain-moved`)).status).toBe(410);

    // Readers that know RFC 6721 learn of the deletion: a tombstone before the first entry, still valid Atom.
    const atom = (await getText(`${url}/atom.xml`)).text;
    expect(atom).toMatch(new RegExp(`<at:deleted-entry ref="${added.id}" when="\\d{4}-\\d\\d-\\d\\dT[^"]+"/>\\s*<entry`));
    expect(atom).toContain('xmlns:at="http://purl.org/atompub/tombstones/1.0"');
    atoms.add(atom);
  });

  it('leaves the feeds byte for byte (same ETag) when a story too old to be in them is edited', async () => {
    // Five stories, two to a feed: the archive begins with two complete pages (d1–d2, d3–d4), so d1 is in no feed.
    for (const day of [1, 2, 3, 4, 5]) await put(ctx.articles, `d${day}.md`, `---\ntitle: Day ${day}\ndate: 2026-01-0${day}\n---\nBody ${day}.\n`);
    ctx.running = await startSite(ctx.articles, ctx.state, { itemLimit: 2 });
    const { url } = ctx.running;
    const tags = async () => Promise.all(['/feed.xml', '/atom.xml', '/feed.json'].map(async (p) => (await fetch(url + p)).headers.get('etag')));
    const before = await tags();
    await put(ctx.articles, 'd1.md', '---\ntitle: Day 1\ndate: 2026-01-01\n---\nBody 1, corrected.\n');
    await waitFor(async () => ((await getText(`${url}/articles/d1`)).text.includes('corrected') ? true : undefined), 10_000, 'the edit');
    expect(await tags()).toEqual(before);
    await put(ctx.articles, 'd5.md', '---\ntitle: Day 5\ndate: 2026-01-05\n---\nBody 5, corrected.\n');
    await waitFor(async () => ((await getText(`${url}/feed.xml`)).text.includes('Body 5, corrected') ? true : undefined), 10_000, 'the edit');
    const after = await tags();
    for (const [i, tag] of after.entries()) expect(tag).not.toBe(before[i]);
  });

  it('ends each editor save style in exactly one correct entry', async () => {
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const file = path.join(ctx.articles, 'story.txt');
    await writeFile(file, 'Version one\n\nBody one.\n');
    const first = await waitFor(() => titled(url, 'Version one'), 10_000, 'first save');

    // vim / rsync: write a temp file, rename it over the original.
    await writeFile(path.join(ctx.articles, '.story.txt.swp'), 'junk');
    await writeFile(path.join(ctx.articles, '.story.txt.tmp123'), 'Version two\n\nBody two.\n');
    await rename(path.join(ctx.articles, '.story.txt.tmp123'), file);
    const second = await waitFor(() => titled(url, 'Version two'), 10_000, 'rename-over save');

    // VS Code: truncate, then write.
    await truncate(file, 0);
    await writeFile(file, 'Version three\n\nBody three.\n');
    const third = await waitFor(() => titled(url, 'Version three'), 10_000, 'truncate-then-write save');

    // Twenty saves in quick succession: the last one wins.
    for (let i = 0; i < 20; i++) await writeFile(file, `Rapid ${i}\n\nBody ${i}.\n`);
    const last = await waitFor(() => titled(url, 'Rapid 19'), 10_000, 'last of rapid saves');

    for (const e of [second, third, last]) {
      expect(e.id).toBe(first.id);
      expect(e.published).toBe(first.published);
    }
    expect(await readFeeds(url)).toHaveLength(1);
  });

  it('keeps the last good version of a story whose file goes bad, and reports the file', async () => {
    await put(ctx.articles, 'good.txt', 'A good story\n\nAll fine.\n');
    await put(ctx.articles, 'binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    await put(ctx.articles, 'bad-front.md', '---\ntitle: "unclosed\ndate: x\n---\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const good = await waitFor(() => titled(url, 'A good story'), 10_000, 'good story');

    const status = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text) as { problems: { path: string; code: string }[] };
    expect(status.problems.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ['binary.txt', 'BINARY'],
        ['bad-front.md', 'BAD_FRONT_MATTER'],
      ]),
    );

    // Half-written: the file ends in the middle of a Thai character.
    const thai = Buffer.from('เรื่องใหม่\n\nเนื้อหา', 'utf8');
    await writeFile(path.join(ctx.articles, 'good.txt'), thai.subarray(0, thai.length - 1));
    await waitFor(
      async () => {
        const s = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text) as { problems: { path: string; reason: string }[] };
        return s.problems.find((p) => p.path === 'good.txt' && /still being written/.test(p.reason));
      },
      10_000,
      'problem for half-written file',
    );
    const still = await titled(url, 'A good story');
    expect(still?.id).toBe(good.id);

    // Fixed: the new version replaces the old, same identity, problem gone.
    await writeFile(path.join(ctx.articles, 'good.txt'), thai);
    const fixed = await waitFor(() => titled(url, 'เรื่องใหม่'), 10_000, 'fixed story');
    expect(fixed.id).toBe(good.id);
    const after = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text) as { problems: { path: string }[] };
    expect(after.problems.some((p) => p.path === 'good.txt')).toBe(false);
  });

  it('never follows a symbolic link out of the articles folder', async () => {
    const outside = await tempDir('feedpub-outside-');
    try {
      await put(outside, 'secret.txt', 'Secret title\n\nsecret body\n');
      await symlink(path.join(outside, 'secret.txt'), path.join(ctx.articles, 'link.txt'));
      await put(ctx.articles, 'real.txt', 'Real story\n\nbody\n');
      ctx.running = await startSite(ctx.articles, ctx.state);
      const { url } = ctx.running;
      const entries = await readFeeds(url);
      expect(entries.map((e) => e.title)).toEqual(['Real story']);
      const status = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text) as { problems: { path: string; code: string }[] };
      expect(status.problems).toContainEqual(expect.objectContaining({ path: 'link.txt', code: 'SYMLINK' }));
      expect((await getText(`${url}/articles/link`)).status).toBe(404);
    } finally {
      await removeDir(outside);
    }
  });

  // As root, the check runs as nobody, who must be able to reach the project's files (not so under a 0700 /root).
  const nobodyCanRun =
    process.getuid?.() !== 0 ||
    spawnSync('/usr/bin/env', ['test', '-r', path.join(ROOT, 'package.json')], { uid: 65534, gid: 65534 }).status === 0;
  it.skipIf(!nobodyCanRun)(
    `reports an unreadable file${nobodyCanRun ? '' : ' (skipped: running as root, and user nobody cannot read the project folder)'}`,
    async () => {
      await put(ctx.articles, 'locked.txt', 'Locked\n\nbody\n');
      await put(ctx.articles, 'open.txt', 'Open\n\nbody\n');
      await chmod(path.join(ctx.articles, 'locked.txt'), 0o000);
      if (process.getuid?.() !== 0) {
        ctx.running = await startSite(ctx.articles, ctx.state);
        const status = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text) as { problems: { path: string; code: string }[] };
        expect(status.problems).toContainEqual(expect.objectContaining({ path: 'locked.txt', code: 'UNREADABLE' }));
        return;
      }
      // Root reads everything: run `feedpub check` as nobody, for whom the permission bits hold.
      await chmod(ctx.articles, 0o755);
      const run = spawnSync(
        process.execPath,
        cliArgs('check', '--articles', ctx.articles),
        {
          uid: 65534,
          gid: 65534,
          cwd: ctx.articles,
          env: { ...process.env, HOME: ctx.articles },
        },
      );
      expect(run.stdout.toString(), run.stderr.toString()).toContain('locked.txt: error UNREADABLE: cannot read: permission denied');
      expect(run.stdout.toString()).toContain('1 article(s) publishable');
      expect(run.status).toBe(1);
    },
  );

  it('keeps ids and dates across a restart, and a touch changes nothing', async () => {
    await put(ctx.articles, 'kim-putin.txt', seed);
    await put(ctx.articles, 'other.md', '---\ntitle: Other\n---\nBody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const before = await readFeeds(ctx.running.url);
    const atomBefore = (await getText(`${ctx.running.url}/atom.xml`)).text;
    await ctx.running.close();

    const now = new Date();
    const { utimes } = await import('node:fs/promises');
    await utimes(path.join(ctx.articles, 'other.md'), now, now);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const after = await readFeeds(ctx.running.url);
    const portless = (list: FeedItem[]) => list.map((e) => ({ ...e, link: new URL(e.link).pathname }));
    expect(portless(after)).toEqual(portless(before));
    expect(atomBefore.replaceAll(/127\.0\.0\.1:\d+/g, 'HOST')).toBe(
      (await getText(`${ctx.running.url}/atom.xml`)).text.replaceAll(/127\.0\.0\.1:\d+/g, 'HOST'),
    );
  });

  atoms.test(2);

  it.skipIf(!ORACLES.feedparser)(`writes Atom that python feedparser reads without complaint ${NEEDS.feedparser}`, () => {
    expect(atoms.docs.length).toBe(2);
    for (const { xml } of atoms.docs) expect(pythonFeedparser(xml).bozo).toBe(false);
  });
});

describe('restarts', () => {
  it('re-reads only changed files, and keeps a last good version whose file broke while stopped', async () => {
    await put(ctx.articles, 'kim-putin.txt', seed);
    await put(ctx.articles, 'other.txt', 'Other story\n\nbody\n');
    await put(ctx.articles, 'third.md', '# Third\n\nbody\n');
    // A fixed public URL, as in production: stored entries are only reused for the same one.
    const options = { baseUrl: 'https://news.example' };
    ctx.running = await startSite(ctx.articles, ctx.state, {}, options);
    const before = await readFeeds(ctx.running.url);
    const kim = before.find((e) => e.title.startsWith("'คิม'"));
    await ctx.running.close();

    // While stopped: one file breaks (half-written), one is edited, one is untouched.
    const thai = Buffer.from('เรื่องใหม่\n\nเนื้อหา', 'utf8');
    await writeFile(path.join(ctx.articles, 'kim-putin.txt'), thai.subarray(0, thai.length - 1));
    await writeFile(path.join(ctx.articles, 'other.txt'), 'Other story, edited\n\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state, {}, options);
    const status = JSON.parse((await getText(`${ctx.running?.deskUrl}/status`)).text) as {
      lastScan: { files: number; read: number };
      problems: { path: string }[];
    };
    expect(status.lastScan).toMatchObject({ files: 3, read: 2 });
    expect(status.problems.map((p) => p.path)).toEqual(['kim-putin.txt']);
    const after = await readFeeds(ctx.running.url);
    const kimAfter = after.find((e) => e.id === kim?.id);
    expect(kimAfter?.title).toBe(kim?.title);
    expect(after.map((e) => e.title).sort()).toEqual([kim?.title, 'Other story, edited', 'Third'].sort());
    expect(kimAfter?.link).toBe('https://news.example/articles/kim-putin');
    const page = await getText(`${ctx.running.url}${new URL(kimAfter?.link ?? '').pathname}`);
    expect(page.text).toContain('ผู้นำเกาหลีเหนือ');
  });
});

describe('HTTP for pollers', () => {
  it('answers conditional GETs with 304 and negotiates gzip and brotli', async () => {
    await put(ctx.articles, 'kim-putin.txt', seed);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const feed = `${ctx.running.url}/feed.xml`;
    const first = await fetch(feed, { headers: { 'accept-encoding': 'identity' } });
    const body = await first.text();
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('vary')).toBe('Accept-Encoding, Sec-Fetch-Dest');
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);

    const conditional = await fetch(feed, { headers: { 'if-none-match': etag } });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe('');
    const byDate = await fetch(feed, { headers: { 'if-modified-since': lastModified } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(feed, { headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified } });
    expect(stale.status).toBe(200);

    // fetch decodes for us: the body must match the identity bytes whatever the encoding.
    for (const encoding of ['gzip', 'br', 'br;q=0.5, gzip;q=0.9']) {
      const res = await fetch(feed, { headers: { 'accept-encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding.startsWith('br;') ? 'gzip' : encoding);
      expect(await res.text()).toBe(body);
    }
    const head = await fetch(feed, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers other methods with 405 and unknown paths with 404, without stack traces', async () => {
    ctx.running = await startSite(ctx.articles, ctx.state);
    const post = await fetch(`${ctx.running.url}/feed.xml`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const missing = await fetch(`${ctx.running.url}/nope`, { headers: { accept: 'application/json' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { status: 404, message: 'no such page: /nope' } });
    // A browser gets the page in the site's language (the tests' site is Thai), the English reason marked as such.
    const page = await fetch(`${ctx.running.url}/nope`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html).toContain('<html lang="th">');
    expect(html).toContain('<p>ไม่พบหน้านี้</p><p lang="en"><small>no such page: /nope</small></p>');
    expect(html).toContain('<a href="/">ข่าวล่าสุด</a>');
    for (const p of ['/articles/..%2F..%2Fetc%2Fpasswd', '/articles/%2e%2e/%2e%2e/etc/passwd', '/%00', '/articles/%E0%A4%A']) {
      const res = await fetch(`${ctx.running.url}${p}`);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toMatch(/at .*\.js|root:/);
    }
  });

  it('gives files with awkward names valid, unambiguous URLs', async () => {
    const names = ['with space.txt', 'ข่าว ไทย.txt', '100%.txt', 'a#b.txt', 'why?.txt', 'a..b.txt'];
    for (const [i, name] of names.entries()) await put(ctx.articles, name, `Story ${i}\n\nBody ${i}.\n`);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const entries = await readFeeds(url);
    expect(entries).toHaveLength(names.length);
    for (const e of entries) {
      const link = new URL(e.link);
      expect(link.pathname.startsWith('/articles/')).toBe(true);
      const page = await getText(e.link);
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<h1>${e.title}</h1>`);
    }
  });
});

// Bad input as newsrooms produce it, on real files in a watched folder with the real server.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, open, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { LiveSite } from '../../src/publish/live-site.js';
import type { FileJob } from '../../src/workers/read-story.js';
import {
  assertWellFormed,
  getText,
  parseAtomFeed,
  parseRssFeed,
  put,
  removeDir,
  startSite,
  testConfig,
  waitFor,
  siteFolders,
} from '../helpers.js';

const ctx = siteFolders();

interface Status {
  articles: number;
  problems: { path: string; code: string; reason: string; severity: string; line?: number }[];
}
const status = async (url: string): Promise<Status> => JSON.parse((await getText(`${url}/status`)).text) as Status;

/** All feeds well-formed and parsed; returns the RSS titles. */
async function validFeeds(url: string): Promise<string[]> {
  const rss = (await getText(`${url}/feed.xml`)).text;
  const atom = (await getText(`${url}/atom.xml`)).text;
  assertWellFormed(rss);
  assertWellFormed(atom);
  parseAtomFeed(atom);
  JSON.parse((await getText(`${url}/feed.json`)).text);
  return (parseRssFeed(rss).items ?? []).map((i) => i.title ?? '');
}

const thai = (s: string) => Buffer.from(s, 'utf8');
const tis620 = (s: string) =>
  Buffer.from([...s].map((c) => (c.charCodeAt(0) >= 0x0e01 ? c.charCodeAt(0) - 0x0e01 + 0xa1 : c.charCodeAt(0))));

/** Every element and attribute of an HTML document: no script can hide from this walk. */
function assertInert(html: string): void {
  const walk = (node: { type?: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }): void => {
    if (node.name) {
      expect(['script', 'iframe', 'object', 'embed', 'style', 'frame', 'base', 'form']).not.toContain(node.name);
      for (const [k, v] of Object.entries(node.attribs ?? {})) {
        expect(k.startsWith('on'), `${node.name} ${k}`).toBe(false);
        expect(/^\s*(javascript|vbscript|data):/i.test(v) && k !== 'content', `${node.name} ${k}=${v}`).toBe(false);
      }
    }
    for (const c of node.children ?? []) walk(c as typeof node);
  };
  walk(parseDocument(html) as unknown as Parameters<typeof walk>[0]);
}

describe('bad input', () => {
  it('reports every kind of bad file by name and reason while the feeds stay valid', async () => {
    await put(ctx.articles, 'good.txt', 'Good story\n\nFine.\n');
    await put(ctx.articles, 'empty.txt', '');
    await put(ctx.articles, 'blank.txt', '  \n\n\t \n');
    await put(ctx.articles, 'junk.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await put(ctx.articles, 'nul.txt', 'Title\n\nbody\u0000more\n');
    await put(ctx.articles, 'bad-utf8.txt', Buffer.concat([thai('ข่าวดี\n\nเนื้อหา'), Buffer.from([0xff, 0xfe]), thai('ต่อ\n')]));
    await put(ctx.articles, 'quote-title.md', '---\ntitle: "He said" he would\n---\nbody\n');
    await put(ctx.articles, 'tabs.md', '---\ntitle: x\n\tdate: 2026-01-01\n---\nbody\n');
    await put(ctx.articles, 'bad-date.md', '---\ntitle: Dated\ndate: 32 Foo 2026\n---\nbody\n');
    await put(ctx.articles, 'no-title.md', '---\nauthor: x\n---\n\nno heading here\n');
    await symlink('loop-b.txt', path.join(ctx.articles, 'loop-a.txt'));
    await symlink('loop-a.txt', path.join(ctx.articles, 'loop-b.txt'));
    // A named pipe under a story's name: reported by the first scan as the watcher reports it while serving.
    execFileSync('mkfifo', [path.join(ctx.articles, 'pipe.txt')]);
    // A name in TIS-620 (not UTF-8): Node reads it with U+FFFD in its place, and cannot open it by that name.
    writeFileSync(
      Buffer.concat([Buffer.from(path.join(ctx.articles, 'bad-')), Buffer.from([0xa2, 0xe8]), Buffer.from('-name.txt')]),
      'Legacy name\n\nbody\n',
    );
    await mkdir(path.join(ctx.articles, 'folder.txt'));
    await put(ctx.articles, 'folder.txt/inside.txt', 'Inside a folder named like an article\n\nbody\n');
    const deep = Array.from({ length: 50 }, (_, i) => `d${i}`).join('/');
    await put(ctx.articles, `${deep}/deep.txt`, 'Fifty levels down\n\nbody\n');
    // 50 MB: over the default cap; written sparse so the test does not need the disk space.
    const big = await open(path.join(ctx.articles, 'huge.txt'), 'w');
    await big.truncate(50 * 1024 * 1024);
    await big.close();

    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, deskUrl } = ctx.running;
    const s = await status(deskUrl);
    const byPath = new Map(s.problems.map((p) => [p.path, p]));
    const expectProblem = (file: string, code: string, reason?: RegExp, line?: number) => {
      const p = byPath.get(file);
      expect(p, `problem for ${file}`).toBeDefined();
      expect(p?.code, file).toBe(code);
      if (reason) expect(p?.reason, file).toMatch(reason);
      if (line) expect(p?.line, file).toBe(line);
    };
    expectProblem('empty.txt', 'EMPTY');
    expectProblem('blank.txt', 'EMPTY');
    expectProblem('junk.txt', 'BINARY');
    expectProblem('nul.txt', 'BINARY', /NUL byte at 11/);
    expectProblem('bad-utf8.txt', 'BAD_ENCODING', new RegExp(`invalid UTF-8 at byte ${Buffer.byteLength('ข่าวดี\n\nเนื้อหา')},`));
    // The line with the problem (the desk points at it), the column in its words.
    expectProblem('quote-title.md', 'BAD_FRONT_MATTER', /at column 18: Unexpected scalar/, 2);
    expectProblem('tabs.md', 'BAD_FRONT_MATTER', /at column 1: Tabs are not allowed as indentation/, 3);
    expectProblem('bad-date.md', 'BAD_DATE', /"32 Foo 2026" is not a date/);
    expectProblem('no-title.md', 'BAD_FIELD', /no title/);
    expectProblem('loop-a.txt', 'SYMLINK');
    expectProblem('pipe.txt', 'NOT_A_FILE', /not a regular file/);
    expectProblem('bad-\uFFFD\uFFFD-name.txt', 'UNREADABLE', /file name is not valid UTF-8.*rename it/);
    expectProblem('huge.txt', 'TOO_LARGE', /52428800 bytes is over the 4194304-byte limit/);

    const titles = await validFeeds(url);
    expect(titles.sort()).toEqual(['Fifty levels down', 'Good story', 'Inside a folder named like an article']);
    const rss = parseRssFeed((await getText(`${url}/feed.xml`)).text);
    const deepItem = rss.items?.find((i) => i.title === 'Fifty levels down');
    expect(deepItem?.categories).toHaveLength(50);
    expect((await getText(deepItem?.link ?? '')).status).toBe(200);
  });

  it('reports a file saved with a name that is not UTF-8 while serving, without waiting for a periodic scan', async () => {
    await put(ctx.articles, 'good.txt', 'Good story\n\nbody\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { deskUrl } = ctx.running;
    expect((await status(deskUrl)).problems).toEqual([]);
    // Trial: a TIS-620 name saved while serving was said only at the periodic scan (none here: reconcileSeconds 0).
    writeFileSync(
      Buffer.concat([Buffer.from(path.join(ctx.articles, 'late-')), Buffer.from([0xa2, 0xe8]), Buffer.from('.txt')]),
      'Legacy name\n\nbody\n',
    );
    const found = await waitFor(
      async () => (await status(deskUrl)).problems.find((p) => p.path === 'late-\uFFFD\uFFFD.txt'),
      15_000,
      'the bad name reported',
    );
    expect([found.code, found.reason]).toEqual(['UNREADABLE', expect.stringMatching(/file name is not valid UTF-8/)]);
  });

  it('keeps reporting a folder nested too deep after the scan that found it', async () => {
    await put(ctx.articles, 'top.txt', 'Top story\n\nFine.\n');
    const deep = Array.from({ length: 67 }, (_, i) => `d${i}`).join('/');
    await put(ctx.articles, `${deep}/deep.txt`, 'Deep story\n\nNever read.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { problems } = await status(ctx.running.deskUrl);
    expect(problems.map((p) => [p.code, p.reason])).toEqual([['NOT_A_FILE', expect.stringContaining('nested deeper than')]]);
  });

  it('publishes what can be saved: TIS-620, CR line ends, control characters, a 5,000-character title', async () => {
    await put(ctx.articles, 'legacy.txt', tis620('ข่าวภาษาไทยแบบเก่า\n\nเนื้อหาข่าว\n'));
    await put(ctx.articles, 'mac.txt', 'Old Mac line ends\r\rFirst paragraph.\rSame paragraph.\r\rSecond.\r');
    await put(ctx.articles, 'controls.txt', 'Ti\u0001tle\u0008 with \uFFFEcontrols\uFFFF\n\nBody \u001B[31m red\n');
    await put(ctx.articles, 'long-title.txt', `${'ยาว'.repeat(1700)}\n\nbody\n`);
    const warned: string[] = [];
    const quiet = () => undefined;
    const log = {
      debug: quiet,
      info: quiet,
      error: quiet,
      warn: (event: string, f?: Record<string, unknown>) => void warned.push(`${event} ${f?.file} ${f?.code}`),
    };
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { log });
    // Published with a warning: the log says so as well as the desk (new-user trial: INFO article.added alone).
    expect(warned).toContain('article.warning legacy.txt LEGACY_ENCODING');
    expect(warned).toContain('article.warning controls.txt CHARS_REMOVED');
    const titles = await validFeeds(ctx.running.url);
    expect(titles).toContain('ข่าวภาษาไทยแบบเก่า');
    expect(titles).toContain('Old Mac line ends');
    expect(titles).toContain('Title with controls');
    const long = titles.find((t) => t.startsWith('ยาว'));
    expect([...(long ?? '')].length).toBeLessThanOrEqual(300);
    const atom = (await getText(`${ctx.running.url}/atom.xml`)).text;
    expect(atom).toContain('&lt;p&gt;First paragraph. Same paragraph.&lt;/p&gt;');
    const s = await status(ctx.running.deskUrl);
    expect(s.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(s.problems).toContainEqual(expect.objectContaining({ path: 'legacy.txt', severity: 'warning' }));
    expect(s.problems).toContainEqual(
      expect.objectContaining({ path: 'controls.txt', severity: 'warning', reason: expect.stringMatching(/removed 5/) }),
    );
  });

  it('lets no script through from text or front matter into feeds or pages', async () => {
    const evil =
      '<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a><iframe src="https://evil"></iframe><style>body{}</style>]]>';
    await put(ctx.articles, 'plain.txt', `Plain ${evil}\n\nAFP\n\nBody ${evil}\n`);
    await put(
      ctx.articles,
      'md.md',
      `---\ntitle: ${JSON.stringify(`Front ${evil}`)}\nauthor: ${JSON.stringify(evil)}\ntags: [${JSON.stringify(evil)}]\nsummary: ${JSON.stringify(evil)}\n---\n\nBody ${evil}\n\n[click](javascript:alert(4)) <a href="JaVaScRiPt:alert(5)">y</a> <svg onload=alert(6)></svg>\n`,
    );
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url } = ctx.running;
    const titles = await validFeeds(url);
    expect(titles).toHaveLength(2);
    // Feed titles are text with HTML tags dropped (feed-text.ts feedTitle): the words stay, no tag does.
    for (const t of titles) {
      expect(t).toContain('alert(1)');
      expect(t).not.toMatch(/<\/?(?:script|img|a|iframe|style)\b/i);
    }

    const atom = parseAtomFeed((await getText(`${url}/atom.xml`)).text);
    for (const e of atom.entries ?? []) {
      for (const html of [e.content?.value ?? '', e.summary?.value ?? '']) assertInert(`<div>${html}</div>`);
    }
    const rss = parseRssFeed((await getText(`${url}/feed.xml`)).text);
    for (const i of rss.items ?? []) assertInert(`<div>${i.content?.encoded ?? ''}${i.description ?? ''}</div>`);
    const json = JSON.parse((await getText(`${url}/feed.json`)).text) as { items: { content_html: string; url: string }[] };
    for (const i of json.items) {
      assertInert(`<div>${i.content_html}</div>`);
      const page = await getText(i.url);
      expect(page.status).toBe(200);
      assertInert(page.text);
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
    assertInert((await getText(`${url}/`)).text);
  });

  it('holds a bounded number of large files in memory at once, however many there are', async () => {
    // Thirty files of 10 MB (sparse: no disk used), under a 16 MB limit: each is read whole.
    for (let i = 0; i < 30; i++) {
      const file = await open(path.join(ctx.articles, `large-${i}.txt`), 'w');
      await file.truncate(10 * 1024 * 1024);
      await file.close();
    }
    const { config, configDir } = await testConfig(ctx.articles, ctx.state, { maxFileBytes: 16 * 1024 * 1024 });
    await removeDir(configDir);
    const site = new LiveSite({ config, baseUrl: 'https://news.example', log: silentLogger, watch: false });
    // Count the reads given to the parse workers and not yet answered (their results wait in memory for their batch).
    const parser = (site as unknown as { parser: { read: (file: FileJob) => Promise<unknown> } }).parser;
    const read = parser.read;
    let open_ = 0;
    let most = 0;
    parser.read = async (file) => {
      most = Math.max(most, ++open_);
      try {
        return await read(file);
      } finally {
        open_--;
      }
    };
    try {
      await site.start();
      expect(site.status().problems.filter((p) => p.code === 'BINARY')).toHaveLength(30);
      // Two batches in flight, each at most 32 MB (the file that crosses it included): 4 files of 10 MB each.
      expect(most).toBeLessThanOrEqual(8);
    } finally {
      await site.close();
    }
  });

  it('keeps the last good version of each story while its file is bad, until it is fixed', async () => {
    const kinds: Record<string, Buffer | string> = {
      'a.txt': '',
      'b.txt': Buffer.from([0, 1, 2, 3, 4]),
      'c.txt': Buffer.concat([thai('เรื่อง\n\nเนื้อ'), Buffer.from([0xe0, 0xb8])]),
      'd.md': '---\ntitle: "broken\n---\n',
      'e.md': '---\ntitle: ok\ndate: someday\n---\nbody\n',
    };
    for (const name of Object.keys(kinds)) await put(ctx.articles, name, `${name.endsWith('.md') ? '# ' : ''}Good ${name}\n\nbody\n`);
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, deskUrl } = ctx.running;
    const before = parseAtomFeed((await getText(`${url}/atom.xml`)).text).entries ?? [];
    expect(before).toHaveLength(5);

    for (const [name, bad] of Object.entries(kinds)) await writeFile(path.join(ctx.articles, name), bad);
    await waitFor(async () => (await status(deskUrl)).problems.filter((p) => p.severity === 'error').length === 5, 15_000, 'five problems');
    const during = parseAtomFeed((await getText(`${url}/atom.xml`)).text).entries ?? [];
    expect(during.map((e) => [e.id, e.title?.value])).toEqual(before.map((e) => [e.id, e.title?.value]));

    for (const name of Object.keys(kinds))
      await writeFile(path.join(ctx.articles, name), `${name.endsWith('.md') ? '# ' : ''}Fixed ${name}\n\nbody\n`);
    await waitFor(async () => (await validFeeds(url)).every((t) => t.startsWith('Fixed')), 15_000, 'all fixed');
    const after = parseAtomFeed((await getText(`${url}/atom.xml`)).text).entries ?? [];
    expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect((await status(deskUrl)).problems).toEqual([]);
  });
});

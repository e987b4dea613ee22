// Hostile files through the real server: parsing runs on the worker pool, so feeds and /healthz keep answering while it chews.
import { describe, expect, it } from 'vitest';
import { put, siteFolders, startSite, waitFor } from '../helpers.js';

const ctx = siteFolders();

/** Request `paths` in turn until `stop()`; every latency in ms. */
function measure(url: string, paths: string[]): { latencies: number[]; stop(): Promise<void> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    for (let k = 0; running; k++) {
      const started = performance.now();
      const res = await fetch(`${url}${paths[k % paths.length]}`);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`${paths[k % paths.length]}: ${res.status}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  // A failure surfaces in stop(); never as an unhandled rejection after the test.
  loop.catch(() => undefined);
  return {
    latencies,
    async stop() {
      running = false;
      await loop;
    },
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)] ?? 0;

describe('hostile files while serving', () => {
  it('keeps /healthz and /feed.xml answering fast while nested markup is parsed, and reports it TOO_COMPLEX', async () => {
    await put(ctx.articles, 'calm.txt', 'Calm\n\nAn ordinary story.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, site } = ctx.running;
    const probe = measure(url, ['/healthz', '/feed.xml']);
    await waitFor(() => probe.latencies.length >= 5, 5000, 'a few quiet requests');
    // 100,000 nested <b> (300 KB), Markdown emphasis nesting, and 50,000 front-matter tags.
    await put(ctx.articles, 'nested.md', `# Nested\n\n${'<b>'.repeat(100_000)}x\n`);
    await put(ctx.articles, 'emphasis.md', `# Emphasis\n\n${'*a _b [c '.repeat(100_000)}\n`);
    await put(
      ctx.articles,
      'tags.md',
      `---\ntitle: Tags\ntags: [${Array.from({ length: 50_000 }, (_, i) => `t${i}`).join(', ')}]\n---\n\nbody\n`,
    );
    await put(ctx.articles, 'also.txt', 'Also\n\nSaved with them.\n');
    // Nesting and tag counts are over fixed limits; the emphasis storm is only slow (seconds of
    // markdown-it): published, or TOO_COMPLEX if the machine is so loaded it passes the 10 s parse limit.
    const hostile = ['nested.md', 'tags.md'];
    await waitFor(
      () => hostile.every((f) => site.status().problems.some((p) => p.path === f && p.code === 'TOO_COMPLEX')),
      150_000,
      'every hostile file reported',
    );
    const emphasisSettled = () =>
      site.status().problems.some((p) => p.path === 'emphasis.md' && p.code === 'TOO_COMPLEX') || site.status().articles === 3;
    await waitFor(emphasisSettled, 150_000, 'the emphasis storm parsed or refused');
    await waitFor(() => site.status().articles >= 2, 60_000, 'the ordinary story saved with them');
    await probe.stop();
    const { latencies } = probe;
    const p50 = percentile(latencies, 0.5);
    const p95 = percentile(latencies, 0.95);
    const max = Math.max(...latencies);
    console.log(
      `while parsing hostile files: ${latencies.length} requests, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    for (const f of hostile) {
      const reason = site.status().problems.find((p) => p.path === f)?.reason ?? '';
      expect(reason, f).toMatch(/limit|too complex|at most/i);
    }
    // The event loop was never held: the typical answer is immediate, and no answer waited for a
    // parse (one alone takes seconds). The workers share the cores, so on a loaded 2-core machine
    // the tail is the scheduler's (p95 76-97 ms measured there); the bounds leave it room.
    expect(p50).toBeLessThan(100);
    expect(p95).toBeLessThan(250);
    expect(max).toBeLessThan(1000);
  }, 240_000);

  it('publishes the stories saved with a slow file now, and the slow one when its parse ends', async () => {
    await put(ctx.articles, 'calm.txt', 'Calm\n\nAn ordinary story.\n');
    ctx.running = await startSite(ctx.articles, ctx.state);
    const { url, site } = ctx.running;
    // Markdown emphasis that takes markdown-it seconds (about 8 here): published, or TOO_COMPLEX
    // past the 10 s limit on a loaded machine. Saved in the same instant as an ordinary story.
    await Promise.all([
      put(ctx.articles, 'slow.md', `# Slow\n\n${'*a _b [c '.repeat(400_000)}\n`),
      put(ctx.articles, 'quick.txt', 'Quick\n\nSaved with the slow one.\n'),
    ]);
    const settled = () => site.status().articles === 3 || site.status().problems.some((p) => p.path === 'slow.md');
    await waitFor(() => site.status().articles >= 2, 60_000, 'the story saved with the slow one');
    // Out while the slow file still parses: it did not wait for that file's verdict.
    expect(settled()).toBe(false);
    expect(await (await fetch(`${url}/feed.xml`)).text()).toContain('Quick');
    await waitFor(settled, 60_000, 'the slow file published or refused');
  }, 120_000);

  it('publishes a story saved after a slow file alone in its batch without waiting for it (attack trial)', async () => {
    await put(ctx.articles, 'calm.txt', 'Calm\n\nAn ordinary story.\n');
    const late: string[] = [];
    const quiet = () => undefined;
    const log = { debug: quiet, info: (e: string, f?: Record<string, unknown>) => void (e === 'article.late' && late.push(String(f?.file))), warn: quiet, error: quiet };
    ctx.running = await startSite(ctx.articles, ctx.state, {}, { log });
    const { url, site } = ctx.running;
    await put(ctx.articles, 'slow.md', `# Slow\n\n${'*a _b [c '.repeat(400_000)}\n`);
    // Alone in its batch, it is left to finish a second after the batch began (the workers were up):
    // the batch ends, and the queue is free for the next save. Seconds before its parse could end.
    await waitFor(() => (late.includes('slow.md') ? true : undefined), 5000, 'the slow file left to finish');
    const settled = () => site.status().articles === 3 || site.status().problems.some((p) => p.path === 'slow.md');
    await put(ctx.articles, 'quick.txt', 'Quick\n\nSaved after the slow one.\n');
    await waitFor(async () => ((await (await fetch(`${url}/feed.xml`)).text()).includes('Quick') ? true : undefined), 30_000, 'the later save');
    expect(settled()).toBe(false);
    await waitFor(settled, 60_000, 'the slow file published or refused');
  }, 120_000);
});

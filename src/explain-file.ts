// `check --explain FILE`: read one file as the site would, and say line by line what was taken from it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { ArticleError } from './core/errors.js';
import { type Explanation, formatExplanation } from './core/explain.js';
import { wallAndInstant } from './core/human-date.js';
import { ingestStory } from './core/ingest.js';
import { type Problem, ProblemCode, type Story } from './core/model.js';
import { releaseOf } from './core/release.js';
import { storyNotes } from './publish/story-notes.js';
import { isArticleFile } from './watch/ignore-rules.js';
import { readArticle } from './watch/read-article.js';

/** The explanation of `file` (a path as the editor typed it), and whether the story would be published (held counts as yes). */
export function explainFile(config: Readonly<Config>, file: string, now: number = Date.now()): { text: string; ok: boolean } {
  const abs = storyPath(config.articlesDir, file);
  const inside = path.relative(config.articlesDir, abs);
  const rel = inside.startsWith('..') || path.isAbsolute(inside) ? path.basename(abs) : inside.split(path.sep).join('/');
  const problems: Problem[] = [];
  const explanation: Explanation = { path: rel, problems, outcome: '' };
  const fail = (code: ProblemCode, reason: string, line?: number) => {
    problems.push({ path: rel, code, reason, severity: 'error', line });
    explanation.outcome = 'not published: fix the error above (a version published before stays until then)';
  };
  try {
    if (!isArticleFile(path.basename(abs))) {
      explanation.outcome =
        'ignored: not a story file (stories end in .txt, .text, .md or .markdown; hidden, editor and sync files are skipped)';
      return { text: formatExplanation(explanation, config.timeZone), ok: true };
    }
    const read = readArticle(abs, rel, config.maxFileBytes);
    if (read.kind !== 'file') fail(ProblemCode.NotAFile, read.kind === 'missing' ? `no such file: ${abs}` : 'a folder, not a story file');
    else {
      const ingested = ingestStory(read.bytes, rel, {
        boilerplateMarkers: config.boilerplateMarkers,
        timeZone: config.timeZone,
        maxTitleLength: config.maxTitleLength,
        credits: config.credits,
      });
      if (!ingested.ok) {
        explanation.reading = ingested.failure.reading;
        fail(ingested.failure.code, ingested.failure.message, ingested.failure.line);
      } else {
        const { story } = ingested;
        explanation.story = story;
        // The notes the desk shows for it: its warnings and the parser's hints, with their lines.
        problems.push(...storyNotes(rel, story));
        const release = releaseOf(story, now, config.futureStories, config.timeZone);
        if (release.kind === 'too-far') fail(ProblemCode.FarFuture, release.reason, release.line);
        else if (story.draft) {
          // Which line or field keeps it a draft (hold-marks.ts), or `draft: true`.
          const by = story.warnings
            .find((w) => w.code === ProblemCode.HeldBack)
            ?.message.replace(/, so the story is kept as a draft.*$/, '');
          explanation.outcome = by ? `a draft: ${by}; not published until it goes` : draftField(story);
        } else if (release.kind === 'held')
          explanation.outcome = `held until ${wallAndInstant(release.until.toISOString(), config.timeZone)}, then published by itself`;
        else explanation.outcome = `published as /articles/${ingested.slug.map(encodeURIComponent).join('/')}`;
      }
    }
  } catch (error) {
    fail(error instanceof ArticleError ? error.code : ProblemCode.Unreadable, error instanceof Error ? error.message : String(error));
  }
  return { text: formatExplanation(explanation, config.timeZone), ok: !problems.some((p) => p.severity === 'error') };
}

/**
 * Where `file` is: as typed, from the current folder; or, when nothing is there, inside the
 * articles folder (`check --articles site/articles --explain world/rain.txt`).
 */
export function storyPath(articlesDir: string, file: string): string {
  const typed = path.resolve(file);
  if (path.isAbsolute(file) || existsSync(typed)) return typed;
  const inArticles = path.resolve(articlesDir, file);
  return existsSync(inArticles) ? inArticles : typed;
}

/** What keeps a story a draft when no mark is named: its `draft` field as written (`Draft: yes`, `isDraft: 1`), with its line. */
function draftField(story: Story): string {
  const field = story.reading?.fields?.find((f) => /^(?:is[_-]?)?draft$/i.test(f.name));
  return field
    ? `a draft: not published until \`${field.name}: ${field.value}\` (line ${field.line}) is removed or false`
    : 'a draft: not published until `draft: true` is removed';
}

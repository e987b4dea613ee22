// A published story's warnings and the parser's hints, as problems of its file (they never block publishing).
import { type Problem, ProblemCode, type Story } from '../core/model.js';

/** A story's warnings and the parser's hints (info: never blocks publishing), with their lines where known. */
export function storyNotes(relPath: string, story: Story): Problem[] {
  const lineOf = (text: string) => {
    const m = /^line (\d+): /.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  return [
    ...story.warnings.map(
      (reason): Problem => ({ path: relPath, code: ProblemCode.Warning, reason, severity: 'warning', line: lineOf(reason) }),
    ),
    ...(story.hints ?? []).map(
      (reason): Problem => ({ path: relPath, code: ProblemCode.Unsure, reason, severity: 'info', line: lineOf(reason) }),
    ),
  ];
}

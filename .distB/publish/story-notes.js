// A published story's warnings and the parser's hints, as problems of its file (they never block publishing).
import { ProblemCode } from '../core/model.js';
import { FEED_CONTENT_MAX } from '../core/render/feed-input.js';
/** A story's warnings and the parser's hints (info: never blocks publishing), with their lines where known. */
export function storyNotes(relPath, story) {
    const lineOf = (text) => {
        const m = /^line (\d+): /.exec(text);
        return m ? Number(m[1]) : undefined;
    };
    return [
        ...story.warnings.map(({ code, message }) => ({ path: relPath, code, reason: message, severity: 'warning', line: lineOf(message) })),
        ...(story.hints ?? []).map((reason) => ({ path: relPath, code: ProblemCode.Unsure, reason, severity: 'info', line: lineOf(reason) })),
        ...(story.contentHtml.length > FEED_CONTENT_MAX
            ? [
                {
                    path: relPath,
                    code: ProblemCode.Unsure,
                    reason: `the text is ${story.contentHtml.length.toLocaleString('en')} characters, over ${FEED_CONTENT_MAX.toLocaleString('en')}: feeds carry its summary, its page the whole text`,
                    severity: 'info',
                },
            ]
            : []),
    ];
}
/**
 * A front-matter id that another published file already carries stays with that file (the
 * first seen); this story is published under its own generated id, with a DUPLICATE_ID warning.
 */
export function admitId(relPath, story, idOwner) {
    if (story.id === undefined)
        return { story };
    const owner = idOwner(story.id);
    if (owner === undefined || owner === relPath)
        return { story };
    const reason = `id: "${story.id}" is already the id of ${owner}; this story is published under its own id`;
    const line = story.reading?.fields?.find((f) => f.name === 'id')?.line;
    return {
        story: { ...story, id: undefined },
        conflict: { path: relPath, code: ProblemCode.DuplicateId, reason, severity: 'warning', line },
    };
}
//# sourceMappingURL=story-notes.js.map
import { ParsePool } from './parse-pool.js';
import { readStory } from './read-story.js';
/**
 * A parser with `options` fixed for its life. On this thread the parser modules (markdown-it,
 * sanitize-html, yaml) are loaded on the first parse: with workers, only the workers load them.
 */
export function storyParser(options, workers) {
    if (workers) {
        const pool = new ParsePool({ parse: options });
        return {
            parse: (relPath, bytes) => pool.parse(relPath, bytes),
            read: (file, before) => pool.read(file, before),
            warm: () => pool.warm(),
            rest: (workers) => pool.rest(workers),
            ready: () => pool.ready,
            close: () => pool.close(),
        };
    }
    return {
        parse: async (relPath, bytes) => (await import('../core/ingest.js')).ingestStory(bytes, relPath, options),
        read: async (file) => {
            const { ingestStory } = await import('../core/ingest.js');
            return readStory(file, (bytes) => ingestStory(bytes, file.relPath, options));
        },
        warm: () => undefined,
        rest: () => undefined,
        ready: () => true,
        close: () => undefined,
    };
}
//# sourceMappingURL=story-parser.js.map
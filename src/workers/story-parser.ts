// Where stories are parsed: on the worker pool (serve, build), or on this thread (check, which reads each file once).
import type { IngestOptions, Ingested } from '../core/ingest.js';
import { ParsePool } from './parse-pool.js';
import { type FileJob, type FileOutcome, type FileStat, readStory } from './read-story.js';

export interface StoryParser {
  parse(relPath: string, bytes: Uint8Array): Promise<Ingested>;
  /**
   * Read, hash and parse a file (read-story.ts) where it is parsed: its bytes never reach this
   * thread from a worker. `before`: its stat taken before it is sent (else taken here).
   */
  read(file: FileJob, before?: FileStat): Promise<FileOutcome>;
  /** Keep a worker booted ahead of the next save (serve); nothing on this thread. */
  warm(): void;
  /** Keep at most this many workers from now on (after a first scan); nothing on this thread. */
  rest(workers: number): void;
  /** A worker is up to parse now (this thread always is): a read that takes long is slow, not waiting for a boot. */
  ready(): boolean;
  close(): void;
}

/**
 * A parser with `options` fixed for its life. On this thread the parser modules (markdown-it,
 * sanitize-html, yaml) are loaded on the first parse: with workers, only the workers load them.
 */
export function storyParser(options: IngestOptions, workers: boolean, summaries = true): StoryParser {
  if (workers) {
    const pool = new ParsePool({ parse: options, summaries });
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
    parse: async (relPath, bytes) => (await import('../core/ingest.js')).ingestStory(bytes, relPath, options, summaries),
    read: async (file) => {
      const { ingestStory } = await import('../core/ingest.js');
      return readStory(file, (bytes) => ingestStory(bytes, file.relPath, options, summaries));
    },
    warm: () => undefined,
    rest: () => undefined,
    ready: () => true,
    close: () => undefined,
  };
}

// A published story's notes on the desk: its warnings, the parser's hints, and a body the feeds carry only summed up.
import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/core/model.js';
import { FEED_CONTENT_MAX } from '../../src/core/render/feed-input.js';
import { storyNotes } from '../../src/publish/story-notes.js';

const story = (contentHtml: string): Story => ({ title: 'T', contentHtml, categories: [], warnings: [{ code: 'CHARS_REMOVED', message: 'line 3: a warning' }], hints: [] }) as unknown as Story;

describe('storyNotes', () => {
  it('says when a body is too long for the feeds to carry whole, and not otherwise', () => {
    expect(storyNotes('a.txt', story('<p>short</p>')).map((p) => p.severity)).toEqual(['warning']);
    const notes = storyNotes('a.txt', story(`<p>${'x'.repeat(FEED_CONTENT_MAX)}</p>`));
    expect(notes[1]).toMatchObject({ path: 'a.txt', severity: 'info', code: 'UNSURE', reason: expect.stringContaining('feeds carry its summary') });
    expect(notes[0]).toMatchObject({ severity: 'warning', code: 'CHARS_REMOVED', reason: 'line 3: a warning', line: 3 });
  });
});

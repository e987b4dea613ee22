// SiblingImages: a story's picture is the image of its name beside it, a JPEG before a PNG of the same name, never another folder's.
import { describe, expect, it } from 'vitest';
import { SiblingImages } from '../../src/publish/sibling-images.js';

describe('SiblingImages', () => {
  it('finds the image of the story’s name in its folder, by the order of the image types', () => {
    const siblings = new SiblingImages();
    expect(siblings.of('flood.txt')).toBeUndefined();
    siblings.replace(['world/flood.png', 'world/flood.JPG', 'flood.webp', 'world/fire.gif', 'world/.png', 'world/flood.txt.png']);
    expect(siblings.of('world/flood.txt')).toBe('world/flood.JPG');
    expect(siblings.of('world/flood.md')).toBe('world/flood.JPG');
    expect(siblings.of('flood.txt')).toBe('flood.webp');
    expect(siblings.of('world/fire.txt')).toBe('world/fire.gif');
    expect(siblings.of('other/fire.txt')).toBeUndefined();
    expect(siblings.of('world/readme')).toBeUndefined();
    siblings.replace([]);
    expect(siblings.of('world/flood.txt')).toBeUndefined();
  });
});

// Story images as enclosures: which files may be served from the articles folder, and their media types.
/** Image types served from the articles folder and announced as enclosures. No SVG: it can carry script. */
export const IMAGE_TYPES = Object.freeze({
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.png': 'image/png',
    '.gif': 'image/gif',
    '.webp': 'image/webp',
    '.avif': 'image/avif',
});
/** The media type of an image file name, or undefined when it is not one we serve. */
export function imageType(name) {
    const dot = name.lastIndexOf('.');
    return dot < 0 ? undefined : IMAGE_TYPES[name.slice(dot).toLowerCase()];
}
//# sourceMappingURL=media.js.map
/** The Media RSS namespace, with its trailing slash: readers match it byte for byte. */
export const MEDIA_NS = 'http://search.yahoo.com/mrss/';
/**
 * `media:content` (url, type, fileSize, medium, and width and height when the header gave them)
 * and `media:thumbnail` (url, width, height), as element names and attributes in writing order.
 * The same elements go in RSS items and Atom entries. A thumbnail is written only with its size:
 * readers lay out a thumbnail before they fetch it.
 */
export function mediaElements(enclosure) {
    const { url, type, length, width, height } = enclosure;
    const size = width !== undefined && height !== undefined ? { width: String(width), height: String(height) } : undefined;
    const content = ['media:content', { url, type, fileSize: String(length), medium: 'image', ...size }];
    return size ? [content, ['media:thumbnail', { url, ...size }]] : [content];
}
//# sourceMappingURL=media-rss.js.map
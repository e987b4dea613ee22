// Response headers that keep story content inert in browsers: CSP without script, nosniff, referrer policy.
/** No script at all, styles only from our own stylesheet, images from anywhere a story may link. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
export const SECURITY_HEADERS = Object.freeze({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'content-security-policy': CONTENT_SECURITY_POLICY,
});
const FEED_HEADERS = Object.freeze({ 'x-content-type-options': 'nosniff' });
/** Pages get the full policy; feeds (fetched by readers and pollers, never run as a page) only nosniff. */
export function headersFor(contentType) {
    return contentType.startsWith('text/html') ? SECURITY_HEADERS : FEED_HEADERS;
}
//# sourceMappingURL=security-headers.js.map
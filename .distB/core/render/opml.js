// The OPML 2.0 subscription list of the site's feeds: the site's own, then one per category and per author.
import { escapeXml } from '../text.js';
/**
 * An OPML 2.0 subscription list (http://opml.org/spec2.opml): one `<outline type="rss">` with `text`,
 * `title`, `xmlUrl` and `htmlUrl` for the site's feed, then a folder outline of category feeds and one of
 * author feeds (a folder is left out when empty). Facet feeds are titled `<site>: <name>`, as the feeds
 * call themselves. Names are de-duplicated and sorted by code unit, so the same input gives the same bytes
 * whatever the locale. Dates are RFC 822, as OPML 2.0 asks.
 */
export function renderOpml(input, urls) {
    const head = [`    <title>${escapeXml(input.siteTitle)}</title>`];
    if (input.dateCreated && valid(input.dateCreated))
        head.push(`    <dateCreated>${rfc822(input.dateCreated)}</dateCreated>`);
    if (input.dateModified && valid(input.dateModified))
        head.push(`    <dateModified>${rfc822(input.dateModified)}</dateModified>`);
    if (input.ownerName)
        head.push(`    <ownerName>${escapeXml(input.ownerName)}</ownerName>`);
    head.push('    <docs>http://opml.org/spec2.opml</docs>');
    const body = [`    ${feedOutline(input.siteTitle, urls.siteFeed, urls.home)}`];
    const folders = [
        [input.labels?.categories ?? 'Categories', input.categories, urls.categoryFeed, urls.categoryPage],
        [input.labels?.authors ?? 'Authors', input.authors, urls.authorFeed, urls.authorPage],
    ];
    for (const [label, names, feed, page] of folders) {
        const unique = [...new Set(names.filter((n) => n !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        if (unique.length === 0)
            continue;
        body.push(`    <outline text="${attr(label)}">`);
        for (const name of unique)
            body.push(`      ${feedOutline(`${input.siteTitle}: ${name}`, feed(name), page(name))}`);
        body.push('    </outline>');
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n${head.join('\n')}\n  </head>\n  <body>\n${body.join('\n')}\n  </body>\n</opml>\n`;
}
function feedOutline(title, xmlUrl, htmlUrl) {
    const t = attr(title);
    return `<outline type="rss" text="${t}" title="${t}" xmlUrl="${attr(xmlUrl)}" htmlUrl="${attr(htmlUrl)}"/>`;
}
/** Attribute value: a raw TAB or LF would be read back as a space (XML 1.0 §3.3.3); references survive. */
function attr(value) {
    return escapeXml(value).replace(/\t/g, '&#x9;').replace(/\n/g, '&#xA;');
}
/** RFC 822 date-time in GMT, the form OPML 2.0 names for its dates. */
function rfc822(date) {
    return date.toUTCString();
}
function valid(date) {
    return Number.isFinite(date.getTime());
}
//# sourceMappingURL=opml.js.map
// `feed`'s XML output as a small element tree: parsed by a real XML tokenizer, edited by element and attribute, written with our escaping.
//
// Why a tree: `feed` decides the shape of RSS and Atom, but cannot express everything we need
// (several hub links, RFC 5005 and RFC 6721 elements, xml:lang, text titles) and escapes with
// gaps. Editing its output as text ties us to its whitespace and attribute order; editing it as
// elements ties us only to its element names, which the feed formats themselves fix. A missing
// element is a FeedShapeError naming the `feed` version we were written against.
import { Parser } from 'htmlparser2';
import { escapeXml } from '../text.js';
/** The `feed` release whose output this adapter was written and tested against (package.json pins it). */
export const FEED_VERSION = '6.0.0';
/** `feed`'s output no longer has an element the adaptation relies on: fail loudly, never publish a half-patched feed. */
export class FeedShapeError extends Error {
    name = 'FeedShapeError';
    code = 'FEED_SHAPE';
    constructor(format, missing) {
        super(`the "feed" package's ${format} output changed shape: ${missing}. feedpub adapts feed ${FEED_VERSION} ` +
            '(see src/core/render/feed-xml.ts); check the installed version against package.json');
    }
}
export function isElement(node) {
    return 'name' in node;
}
export function element(name, attrs = {}, children = []) {
    return { name, attrs: new Map(Object.entries(attrs)), children };
}
/** Child elements of `parent` named `name` (and matching `where`). */
export function childElements(parent, name, where = () => true) {
    return parent.children.filter((n) => isElement(n) && n.name === name && where(n));
}
/** The one child `name` (matching `where`), or a FeedShapeError saying what is missing. */
export function requireChild(parent, name, format, where) {
    const found = childElements(parent, name, where)[0];
    if (!found)
        throw new FeedShapeError(format, `no <${name}> in <${parent.name}>`);
    return found;
}
/** Insert `nodes` right after `ref`, a child of `parent`. */
export function insertAfter(parent, ref, nodes) {
    parent.children.splice(parent.children.indexOf(ref) + 1, 0, ...nodes);
}
/** Insert `nodes` before the first child named `name`, or at the end when there is none. */
export function insertBeforeFirst(parent, name, nodes) {
    const at = parent.children.findIndex((n) => isElement(n) && n.name === name);
    parent.children.splice(at < 0 ? parent.children.length : at, 0, ...nodes);
}
/**
 * Parse `xml` (a document `feed` wrote) into a tree whose root holds the processing instructions
 * and the document element. Entities are decoded; CDATA sections become text (they are written
 * back escaped); white space between elements is dropped (the writer indents).
 */
export function parseXml(xml) {
    const root = element('#document');
    const stack = [root];
    const top = () => stack[stack.length - 1];
    const parser = new Parser({
        onprocessinginstruction: (_name, data) => top().children.push({ instruction: data }),
        onopentag: (name, attribs) => {
            const el = element(name, attribs);
            top().children.push(el);
            stack.push(el);
        },
        ontext: (text) => {
            const last = top().children.at(-1);
            if (last && 'text' in last)
                last.text += text;
            else
                top().children.push({ text });
        },
        onclosetag: () => {
            const el = stack.pop();
            if (el.children.some(isElement))
                el.children = el.children.filter((n) => !('text' in n) || n.text.trim() !== '');
        },
    }, { xmlMode: true, decodeEntities: true, recognizeCDATA: true });
    parser.end(xml);
    root.children = root.children.filter((n) => !('text' in n) || n.text.trim() !== '');
    return root;
}
/** The document element of a parsed tree, which must be `name`. */
export function documentElement(doc, name, format) {
    return requireChild(doc, name, format);
}
/**
 * Write the tree: one element per line, four spaces a level (as `feed` does), elements with only
 * text on one line, empty ones self-closed. Every text and attribute value goes through
 * `resolve` (tokens back to user text) and then escapeXml, so nothing is escaped twice or not at all.
 * The document comes in pieces (its lines and their ends), joined only by whoever needs one string:
 * core/utf8.ts encodes them as they are.
 */
export function writeXml(doc, resolve = (v) => v) {
    const out = [];
    const attrs = (el) => [...el.attrs].map(([k, v]) => ` ${k}="${escapeXml(resolve(v))}"`).join('');
    const write = (node, indent) => {
        if ('instruction' in node)
            out.push(`${indent}<${node.instruction}>`);
        else if ('text' in node)
            out.push(indent + escapeXml(resolve(node.text)));
        else if (node.children.length === 0)
            out.push(`${indent}<${node.name}${attrs(node)}/>`);
        else if (!node.children.some(isElement)) {
            const escapeText = node.escape ?? escapeXml;
            const text = node.children.map((c) => ('text' in c ? escapeText(resolve(c.text)) : '')).join('');
            out.push(`${indent}<${node.name}${attrs(node)}>${text}</${node.name}>`);
        }
        else {
            out.push(`${indent}<${node.name}${attrs(node)}>`);
            for (const child of node.children)
                write(child, `${indent}    `);
            out.push(`${indent}</${node.name}>`);
        }
    };
    for (const child of doc.children)
        write(child, '');
    return out.flatMap((line) => [line, '\n']);
}
/**
 * Escaping for RSS text elements that readers may take for HTML (titles, categories): `&` and
 * `<` as hexadecimal references, as the RSS Advisory Board's RSS Profile advises, so that a
 * literal `&amp;` or `<T>` in a title reads as text everywhere (the W3C validator's
 * `ContainsHTML` rule accepts them written so).
 */
export function escapeRssText(text) {
    return escapeXml(text).replace(/&amp;/g, '&#x26;').replace(/&lt;/g, '&#x3C;');
}
/**
 * Stand-ins for user text: `feed` escapes with gaps (an `&amp;` in text is collapsed, `<` in
 * attributes and a second `]]>` are not escaped, forbidden characters pass through), so user
 * text goes into `feed` as opaque tokens, and the writer puts the real text back in the parsed
 * tree, escaped once. U+E000/U+E001 cannot occur in what `feed` writes around them.
 */
export class Tokens {
    values = [];
    put = (value) => {
        this.values.push(value);
        return `\uE000${this.values.length - 1}\uE001`;
    };
    resolve = (text) => text.includes('\uE000') ? text.replace(/\uE000(\d+)\uE001/g, (_m, i) => this.values[Number(i)] ?? '') : text;
}
//# sourceMappingURL=feed-xml.js.map
// XML oracles for the core's documents: libxml2 (xmllint) for well-formedness and XSD validity, and a strict JS parser.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const SCHEMAS = path.resolve(import.meta.dirname, '..', 'fixtures', 'sitemaps');

/** True when xmllint runs here. */
export const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

/** libxml2's verdict on `xml` against `schema` (a file in tests/fixtures/sitemaps): 'valid' or the error text. */
export function xmllintSchema(xml: string, schema: string): string {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMAS, schema), '-'], { input: xml });
  return run.status === 0 ? 'valid' : run.stderr.toString();
}

/** libxml2's verdict on well-formedness alone: 'well-formed' or the error text. */
export function xmllintWellFormed(xml: string): string {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: xml });
  return run.status === 0 ? 'well-formed' : run.stderr.toString();
}

/** fast-xml-parser's strict validator: true, or the error. */
export function strictlyWellFormed(xml: string): true | string {
  const result = XMLValidator.validate(xml);
  return result === true ? true : JSON.stringify(result.err);
}

/**
 * A parser that keeps values exactly: no trimming, no number guessing, attributes as `@_name`,
 * character references decoded, and the listed elements always arrays.
 */
export function parseXml(xml: string, arrays: readonly string[] = []): Record<string, unknown> {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (name) => arrays.includes(name),
  });
  return dropIndentation(parser.parse(xml)) as Record<string, unknown>;
}

/** Remove the white space between elements (indentation), which `trimValues: false` keeps as `#text`. */
function dropIndentation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropIndentation);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const entries = Object.entries(node as Record<string, unknown>);
  const hasChildren = entries.some(([k]) => k !== '#text' && !k.startsWith('@_'));
  for (const [k, v] of entries) {
    if (k === '#text' && hasChildren && typeof v === 'string' && v.trim() === '') continue;
    out[k] = dropIndentation(v);
  }
  return out;
}

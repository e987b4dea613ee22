// How story bodies and summaries are kept in the state store: UTF-8 bytes that feedpub decodes itself.
import { utf8Bytes, utf8Text } from '../core/utf8.js';

/**
 * A body as SQLite hands it back: a Buffer of UTF-8 (schema 5), or a string from an older store.
 * As TEXT, better-sqlite3 decodes through V8, which reads UTF-8 Thai at about 230 MB/s (20 µs for
 * a 4.6 KB story); as a BLOB it is decoded by ICU (core/utf8.ts) in 3 µs. A body is read at least
 * twice per build (its page and its archive feed). UTF-16 would decode faster still, but doubles
 * the store for English text, and a full disk is met sooner.
 */
export type StoredText = Buffer | string;

export function toStored(text: string): Buffer {
  return utf8Bytes(text);
}

export function fromStored(value: StoredText | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : utf8Text(value, true);
}

import { decodeUtf8 } from './decode-utf8.js';
import { MAX_TEXT_BYTES, readRegularFile } from './read-regular-file.js';

/**
 * Reads a UTF-8 text file. A missing or unreadable file, one that is not a regular file (a
 * folder, device or FIFO) or is over {@link MAX_TEXT_BYTES}, or bytes that are not UTF-8, are a
 * `UserError` naming the file (and the line and column of the first bad byte).
 */
export function readTextFile(path: string): string {
  return decodeUtf8(readRegularFile(path, MAX_TEXT_BYTES), path);
}

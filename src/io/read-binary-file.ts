import { MAX_BINARY_BYTES, readRegularFile } from './read-regular-file.js';

/**
 * Reads a file's bytes; a missing or unreadable file, or one that is not a regular file (a
 * folder, device or FIFO) or is over 2 GiB, is a `UserError` naming it.
 */
export function readBinaryFile(path: string): Uint8Array {
  return readRegularFile(path, MAX_BINARY_BYTES);
}

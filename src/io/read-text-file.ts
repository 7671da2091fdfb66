import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { decodeUtf8 } from './decode-utf8.js';
import { fileProblem } from './file-problems.js';

/**
 * Reads a UTF-8 text file. A missing or unreadable file, or bytes that are not UTF-8, are a
 * `UserError` naming the file (and the line and column of the first bad byte).
 */
export function readTextFile(path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file: path } });
  }
  return decodeUtf8(bytes, path);
}

import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import { fileProblem } from './file-problems.js';

/** Reads a file's bytes; a missing or unreadable file is a `UserError` naming it. */
export function readBinaryFile(path: string): Uint8Array {
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file: path } });
  }
}

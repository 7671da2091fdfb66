import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';

/** Reads a file's bytes; a missing or unreadable file is a `UserError` naming it. */
export function readBinaryFile(path: string): Uint8Array {
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${code ?? 'unknown error'})`;
    throw new UserError(problem, { location: { file: path } });
  }
}

import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Writes files atomically: each file goes to a temporary sibling first and is renamed into
 * place, so a failure never leaves a half-written file. Parent folders are created.
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UserError(`cannot write the file (${code})`, { location: { file: path } });
  }
}

/**
 * Writes several files only after all of them were produced in memory (the caller builds the
 * map first, so bad input stops before anything is written), each atomically.
 */
export function writeFilesAtomic(files: ReadonlyMap<string, string | Uint8Array>): void {
  for (const [path, contents] of files) writeFileAtomic(path, contents);
}

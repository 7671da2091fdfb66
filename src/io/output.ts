import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/**
 * Writes files atomically: each file goes to a temporary sibling first and is renamed into
 * place, so a failure never leaves a half-written file. Parent folders are created.
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes several files only after all of them were produced in memory (the caller builds the
 * map first, so bad input stops before anything is written), each atomically.
 */
export function writeFilesAtomic(files: ReadonlyMap<string, string | Uint8Array>): void {
  for (const [path, contents] of files) writeFileAtomic(path, contents);
}

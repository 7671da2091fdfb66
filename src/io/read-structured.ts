import { readFileSync } from 'node:fs';
import { parseStructuredText, type StructuredFile } from '../arch/structured-text.js';
import { UserError } from '../errors.js';
import { fileProblem } from './file-problems.js';

/** Reads a `.json`, `.yaml` or `.yml` file and parses it (see `parseStructuredText`). */
export function readStructuredFile(file: string): StructuredFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file } });
  }
  return parseStructuredText(text, file);
}

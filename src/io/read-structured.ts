import { readFileSync } from 'node:fs';
import { parseStructuredText, type StructuredFile } from '../arch/structured-text.js';
import { UserError } from '../errors.js';

/** Reads a `.json`, `.yaml` or `.yml` file and parses it (see `parseStructuredText`). */
export function readStructuredFile(file: string): StructuredFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? 'error'})`, { location: { file } });
  }
  return parseStructuredText(text, file);
}

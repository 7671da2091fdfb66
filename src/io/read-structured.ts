import { parseStructuredText, type StructuredFile } from '../arch/structured-text.js';
import { readTextFile } from './read-text-file.js';

/** Reads a `.json`, `.yaml` or `.yml` file (see `readTextFile`) and parses it (see `parseStructuredText`). */
export function readStructuredFile(file: string): StructuredFile {
  return parseStructuredText(readTextFile(file), file);
}

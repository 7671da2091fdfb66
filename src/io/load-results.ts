import type { ResolveMacs, ResultRecord } from '../model/result-record.js';
import { fillCountedMacs } from '../results/fill-counted-macs.js';
import { parseResultsCsv } from '../results/parse-results-csv.js';
import { readTextFile } from './read-text-file.js';

/**
 * Reads result CSVs (UTF-8, format of `data/README.md`), in the order given, and fills in the
 * counted cost of every row whose configuration `resolve` can count. Throws the first
 * `UserError` (file, line, column) before anything else happens.
 */
export function loadResults(paths: readonly string[], resolve: ResolveMacs): ResultRecord[] {
  const records = paths.flatMap((path) => parseResultsCsv(readTextFile(path), path));
  return fillCountedMacs(records, resolve);
}

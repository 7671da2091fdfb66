import type { CostPreference, ResolveMacs, ResultRecord } from '../model/result-record.js';
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

/**
 * Like {@link loadResults} with the project's cost model, which is only loaded (it takes a
 * second) when it is needed: when a row leaves its cost empty or counted costs are preferred.
 */
export async function loadResultsCounting(
  paths: readonly string[],
  preference: CostPreference,
): Promise<ResultRecord[]> {
  const records = paths.flatMap((path) => parseResultsCsv(readTextFile(path), path));
  if (preference !== 'counted' && records.every((record) => record.publishedMacs !== undefined)) return records;
  const { configurationResolver } = await import('../count/configuration-macs.js');
  const { defaultModelSource } = await import('./file-model-source.js');
  return fillCountedMacs(records, configurationResolver(defaultModelSource()));
}

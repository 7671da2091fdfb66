import type { CostConfiguration, ResolveMacs, ResultRecord } from '../model/result-record.js';

/**
 * The configuration a result row names, if the cost model could count it: fusion `pointwise` or
 * `bft`, an architecture id (the `arch` column, else the family). Width and resolution are
 * passed when the row has them.
 */
export function configurationOf(record: ResultRecord): CostConfiguration | undefined {
  if (record.fusion !== 'pointwise' && record.fusion !== 'bft') return undefined;
  return {
    model: record.arch ?? record.family,
    fusion: record.fusion,
    ...(record.width !== undefined ? { width: record.width } : {}),
    ...(record.resolution !== undefined ? { resolution: record.resolution } : {}),
  };
}

/**
 * Returns the records with `countedMacs` filled in by `resolve` wherever the row names a
 * countable configuration and the cost model knows it. Pure when `resolve` is. O(rows × cost of
 * `resolve`).
 */
export function fillCountedMacs(records: readonly ResultRecord[], resolve: ResolveMacs): ResultRecord[] {
  return records.map((record) => {
    const config = configurationOf(record);
    const counted = config === undefined ? undefined : resolve(config);
    return counted === undefined ? record : { ...record, countedMacs: counted };
  });
}

import type { CostConfiguration, ResolveMacs, ResultRecord } from '../model/result-record.js';

/**
 * The configuration a result row names, if the cost model could count it: fusion `pointwise` or
 * `bft`, an architecture id (the `arch` column, else the family), a resolution, and a width —
 * unless the row names its architecture in `arch` and leaves the width empty (a fixed-width
 * model such as `shufflenet-v2-1.25`). A row without them does not say which configuration was
 * trained, and the architecture's defaults would be a guess.
 */
export function configurationOf(record: ResultRecord): CostConfiguration | undefined {
  if (record.fusion !== 'pointwise' && record.fusion !== 'bft') return undefined;
  if (record.resolution === undefined) return undefined;
  if (record.width === undefined) {
    return record.arch === undefined
      ? undefined
      : { model: record.arch, fusion: record.fusion, resolution: record.resolution };
  }
  return {
    model: record.arch ?? record.family,
    fusion: record.fusion,
    width: record.width,
    resolution: record.resolution,
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

import type { ResultRecord } from '../model/result-record.js';
import { recordField } from './record-field.js';

/**
 * The dataset the accuracies of `records` were measured on, when the data says so: the value of
 * a `dataset` column shared by every row (`ImageNet`). `undefined` when there is no such column,
 * a row leaves it empty, or rows name different datasets — then no title may claim one. O(rows).
 */
export function resultsDataset(records: readonly ResultRecord[]): string | undefined {
  const names = new Set(records.map((record) => recordField(record, 'dataset') ?? ''));
  const [only] = names;
  return names.size === 1 && only !== undefined && only !== '' ? only : undefined;
}

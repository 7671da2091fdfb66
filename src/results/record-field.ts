import { UserError } from '../errors.js';
import type { ResultRecord } from '../model/result-record.js';

/**
 * Text-valued fields of a result record by name, for grouping (`--by`), colour and facets:
 * the named columns plus every extra column of the CSV.
 */

/** The named fields every record may have. */
export const RECORD_TEXT_FIELDS = [
  'model',
  'family',
  'fusion',
  'arch',
  'width',
  'resolution',
  'source',
  'note',
] as const;

/** The value of field `name` of `record` as text (`''` when the row leaves it empty). */
export function recordField(record: ResultRecord, name: string): string | undefined {
  switch (name) {
    case 'model':
      return record.model;
    case 'family':
      return record.family;
    case 'fusion':
      return record.fusion;
    case 'arch':
      return record.arch ?? '';
    case 'width':
      return record.width === undefined ? '' : String(record.width);
    case 'resolution':
      return record.resolution === undefined ? '' : String(record.resolution);
    case 'source':
      return record.source ?? '';
    case 'note':
      return record.note ?? '';
    default:
      return Object.hasOwn(record.extra, name) ? record.extra[name] : undefined;
  }
}

/**
 * Checks that every record has field `name` (a named field or a column of every file), else a
 * `UserError` at request field `field` (e.g. `by`; the CLI names its flag) listing the fields that exist.
 */
export function requireRecordField(records: readonly ResultRecord[], name: string, field: string): void {
  const missing = records.find((record) => recordField(record, name) === undefined);
  if (missing === undefined) return;
  const available = [...RECORD_TEXT_FIELDS, ...Object.keys(missing.extra)].join(', ');
  throw new UserError(`unknown field "${name}"`, {
    location: { field, file: missing.origin.file },
    expected: `one of ${available}`,
  });
}

/**
 * Checks that some record has `fusion` equal to `fusion` (the value of request field `field`,
 * e.g. `baseline`), else a one-line `UserError` naming the fusions and the series that exist
 * (`seriesNames`, e.g. `Net / bft`).
 */
export function requireFusion(
  records: readonly ResultRecord[],
  fusion: string,
  field: string,
  seriesNames: readonly string[],
): void {
  if (records.length === 0 || records.some((record) => record.fusion === fusion)) return;
  const fusions = [...new Set(records.map((record) => record.fusion))].sort();
  throw new UserError(`no result has fusion "${fusion}"`, {
    location: { field },
    expected: `one of ${fusions.join(', ')} (series: ${seriesNames.join(', ')})`,
  });
}

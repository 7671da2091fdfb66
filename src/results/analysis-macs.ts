import { UserError } from '../errors.js';
import type { CostPreference, ResultRecord } from '../model/result-record.js';

/**
 * The cost (MACs) the analysis uses for a record: the preferred one of the published and the
 * counted cost, else the other. Throws a `UserError` at the row's cost cell when the row has
 * neither (an empty cost whose configuration the cost model could not count).
 */
export function analysisMacs(record: ResultRecord, preference: CostPreference = 'published'): bigint {
  const first = preference === 'published' ? record.publishedMacs : record.countedMacs;
  const second = preference === 'published' ? record.countedMacs : record.publishedMacs;
  const macs = first ?? second;
  if (macs === undefined) {
    throw new UserError('empty cost and the cost model cannot count this configuration', {
      location: { file: record.origin.file, line: record.origin.line, column: record.origin.costColumn },
      received: `${record.arch ?? record.family}, fusion ${record.fusion}, width ${record.width ?? '-'}, resolution ${record.resolution ?? '-'}`,
      expected: 'a published cost, or a model/width/resolution/fusion the cost model knows',
    });
  }
  return macs;
}

import type { ResultRecord } from '../model/result-record.js';
import { analysedPoints } from '../results/pareto-analysis.js';
import type { CostPreference } from '../model/result-record.js';
import { shortPointLabel } from '../results/point-label.js';
import { recordField, requireRecordField } from '../results/record-field.js';
import type { ParetoChartPoint } from './pareto-chart-spec.js';

/** Which record fields colour and facet the chart. */
export interface ChartFields {
  readonly colour: string;
  readonly facet?: string;
  readonly preference?: CostPreference;
}

/**
 * Result records as chart points: analysis cost (see `analysisMacs`), colour and facet from
 * record fields (a `UserError` for an unknown field), short labels ("1.0+BFT @128"), and the
 * source with its row for the tooltip. Pure.
 */
export function resultChartPoints(records: readonly ResultRecord[], fields: ChartFields): ParetoChartPoint[] {
  requireRecordField(records, fields.colour, '--color');
  if (fields.facet !== undefined) requireRecordField(records, fields.facet, '--facet');
  return analysedPoints(records, fields.preference).map(({ record, macs, top1 }) => ({
    model: record.model,
    label: shortPointLabel(record),
    macs,
    top1,
    colour: recordField(record, fields.colour) ?? '',
    ...(fields.facet !== undefined ? { facet: recordField(record, fields.facet) ?? '' } : {}),
    source: record.source ?? `${record.origin.file}:${record.origin.line}`,
  }));
}

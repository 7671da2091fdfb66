import type { CostPreference, ResultRecord } from '../model/result-record.js';
import { analyseResults } from '../results/pareto-analysis.js';
import { pointLabel, shortPointLabel } from '../results/point-label.js';
import { recordField, requireRecordField } from '../results/record-field.js';
import { COST_AXIS_UNITS, type CostAxisUnit, type ParetoChartPoint } from './pareto-chart-spec.js';

/** Which record fields colour, shape, facet and group (into Pareto series) the chart. */
export interface ChartFields {
  readonly colour: string;
  /** Field told apart by marker shape; none when absent. */
  readonly shape?: string;
  readonly facet?: string;
  /** Fields that define a series, as `pareto --by`; default `['family', 'fusion']`. */
  readonly by?: readonly string[];
  readonly preference?: CostPreference;
}

/**
 * Result records as chart points with the Pareto analysis' verdicts: each point's series and
 * whether it is on that series' frontier come from `analyseResults` — the function behind
 * `butterflops pareto` — with the same `by` fields and cost preference, so the chart draws
 * exactly the frontiers `pareto` prints. Analysis cost (see `analysisMacs`), colour, shape and
 * facet from record fields (a `UserError` for an unknown field), names with resolution
 * ("MobileNetV1-0.25 @128"), short labels ("1.0+BFT @128"), and the source with its row for the
 * tooltip. Pure. O(n log n).
 */
export function resultChartPoints(records: readonly ResultRecord[], fields: ChartFields): ParetoChartPoint[] {
  requireRecordField(records, fields.colour, 'color');
  if (fields.shape !== undefined) requireRecordField(records, fields.shape, 'shape');
  if (fields.facet !== undefined) requireRecordField(records, fields.facet, 'facet');
  const analysis = analyseResults(records, {
    ...(fields.by === undefined ? {} : { by: fields.by }),
    ...(fields.preference === undefined ? {} : { preference: fields.preference }),
  });
  const points: ParetoChartPoint[] = [];
  for (const series of analysis.series) {
    const verdicts = [
      ...series.frontier.map((point) => ({ point, frontier: true })),
      ...series.dominated.map(({ point }) => ({ point, frontier: false })),
    ];
    for (const { point, frontier } of verdicts) {
      const { record } = point;
      points.push({
        model: pointLabel(record),
        label: shortPointLabel(record),
        macs: point.macs,
        top1: point.top1,
        colour: recordField(record, fields.colour) ?? '',
        ...(fields.shape !== undefined ? { shape: recordField(record, fields.shape) ?? '' } : {}),
        ...(fields.facet !== undefined ? { facet: recordField(record, fields.facet) ?? '' } : {}),
        series: series.name,
        frontier,
        source: record.source ?? `${record.origin.file}:${record.origin.line}`,
      });
    }
  }
  // Cheapest first, then accuracy, then name: a stable order for the spec's data rows.
  return points.sort(
    (a, b) =>
      (a.macs < b.macs ? -1 : a.macs > b.macs ? 1 : 0) ||
      a.top1 - b.top1 ||
      (a.model < b.model ? -1 : a.model > b.model ? 1 : 0) ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0),
  );
}

/**
 * The cost axis unit of result records: the unit their CSV's cost column was written in (the
 * first file's when files differ); `mmacs` when no record says.
 */
export function resultCostUnit(records: readonly ResultRecord[]): CostAxisUnit {
  const header = records.find((record) => record.origin.costHeader !== undefined)?.origin.costHeader;
  return COST_AXIS_UNITS.find((unit) => unit === header) ?? 'mmacs';
}

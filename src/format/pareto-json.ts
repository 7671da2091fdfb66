import type { AnalysedPoint, ParetoAnalysis } from '../results/pareto-analysis.js';
import { jsonRows } from '../text/json-chunks.js';
import type { Dominated } from '../results/pareto-frontier.js';
import { round4 } from './result-numbers.js';

/**
 * The JSON form of a Pareto analysis (`butterflops pareto --format json`). Fixed keys:
 * `frontier` (overall, cheapest first, each `{model, cost, top1, …}`), `series` (each with `name`,
 * `frontier`, `dominated`), `isoCost` (per candidate point `{model, cost, top1, baselineTop1,
 * gain, extrapolated, …}`). Costs are exact MACs (`costUnit: "macs"`); derived accuracies are
 * rounded to 4 decimals. Pure.
 */

/** A point in the JSON output. */
export interface PointJson {
  readonly model: string;
  readonly cost: number;
  readonly top1: number;
  readonly family: string;
  readonly fusion: string;
  readonly width?: number;
  readonly resolution?: number;
  /** `file:line` of the row. */
  readonly row: string;
}

/** Exact MACs as a JSON number; refuses counts beyond 2^53 rather than rounding them. */
export function macsToJsonNumber(macs: bigint): number {
  const value = Number(macs);
  if (!Number.isSafeInteger(value)) throw new RangeError(`cost ${macs} MACs is too large for an exact JSON number`);
  return value;
}

/** One point as JSON. */
export function pointJson(point: AnalysedPoint): PointJson {
  const { model, family, fusion, width, resolution, origin } = point.record;
  const cost = macsToJsonNumber(point.macs);
  const top1 = point.top1;
  const row = `${origin.file}:${origin.line}`;
  // Literals, not spreads: a million-row analysis makes millions of these.
  if (width === undefined)
    return resolution === undefined
      ? { model, cost, top1, family, fusion, row }
      : { model, cost, top1, family, fusion, resolution, row };
  return resolution === undefined
    ? { model, cost, top1, family, fusion, width, row }
    : { model, cost, top1, family, fusion, width, resolution, row };
}

/** A dominated point as JSON: the point, then the point that dominates it. */
function dominatedJson(d: Dominated<AnalysedPoint>): object {
  return Object.assign(pointJson(d.point), { dominatedBy: pointJson(d.dominatedBy) });
}

/**
 * The whole analysis as a JSON-ready value. Its lists of points are {@link JsonRows}: each point
 * is made as it is written (`jsonChunks`), so a million-row analysis is not held twice.
 */
export function paretoJson(analysis: ParetoAnalysis): object {
  return {
    costUnit: 'macs',
    by: analysis.by,
    frontier: jsonRows(analysis.overall.frontier, pointJson),
    dominated: jsonRows(analysis.overall.dominated, dominatedJson),
    series: analysis.series.map((series) => ({
      name: series.name,
      keys: series.keys,
      frontier: jsonRows(series.frontier, pointJson),
      dominated: jsonRows(series.dominated, dominatedJson),
    })),
    isoCost: jsonRows(analysis.isoCost, (row) =>
      Object.assign(pointJson(row.point), {
        baseline: row.baseline,
        baselineTop1: row.baselineTop1 === null ? null : round4(row.baselineTop1),
        gain: row.gain === null ? null : round4(row.gain),
        extrapolated: row.extrapolated,
        baselineCostForTop1: row.baselineMacsForTop1 === null ? null : macsToJsonNumber(row.baselineMacsForTop1),
      }),
    ),
  };
}

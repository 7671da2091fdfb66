import type { AnalysedPoint, ParetoAnalysis } from '../results/pareto-analysis.js';
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
  const { record } = point;
  return {
    model: record.model,
    cost: macsToJsonNumber(point.macs),
    top1: point.top1,
    family: record.family,
    fusion: record.fusion,
    ...(record.width !== undefined ? { width: record.width } : {}),
    ...(record.resolution !== undefined ? { resolution: record.resolution } : {}),
    row: `${record.origin.file}:${record.origin.line}`,
  };
}

/** The whole analysis as a JSON-ready value. */
export function paretoJson(analysis: ParetoAnalysis): object {
  return {
    costUnit: 'macs',
    by: analysis.by,
    frontier: analysis.overall.frontier.map(pointJson),
    dominated: analysis.overall.dominated.map((d) => ({
      ...pointJson(d.point),
      dominatedBy: pointJson(d.dominatedBy),
    })),
    series: analysis.series.map((series) => ({
      name: series.name,
      keys: series.keys,
      frontier: series.frontier.map(pointJson),
      dominated: series.dominated.map((d) => ({ ...pointJson(d.point), dominatedBy: pointJson(d.dominatedBy) })),
    })),
    isoCost: analysis.isoCost.map((row) => ({
      ...pointJson(row.point),
      baseline: row.baseline,
      baselineTop1: row.baselineTop1 === null ? null : round4(row.baselineTop1),
      gain: row.gain === null ? null : round4(row.gain),
      extrapolated: row.extrapolated,
      baselineCostForTop1: row.baselineMacsForTop1 === null ? null : macsToJsonNumber(row.baselineMacsForTop1),
    })),
  };
}

import type { CostPreference, ResultRecord } from '../model/result-record.js';
import { analysisMacs } from './analysis-macs.js';
import { costOrder } from './cost-order.js';
import { frontierReader, type FrontierReader } from './interpolate-frontier.js';
import { frontierOf, paretoFrontier, type Dominated, type ParetoSplit } from './pareto-frontier.js';
import { recordField, requireFusion, requireRecordField } from './record-field.js';
import { compareValues } from '../text/compare.js';

/**
 * The accuracy-vs-cost analysis of a set of results: the Pareto frontier over all points and per
 * series (by default family × fusion), and the iso-cost comparison of every candidate (BFT)
 * point with its family's baseline (pointwise) frontier. Pure. O(n log n) in the number of rows.
 */

/** A result with the cost the analysis uses (see `analysisMacs`). */
export interface AnalysedPoint {
  readonly record: ResultRecord;
  /** Cost in MACs. */
  readonly macs: bigint;
  /** Top-1 accuracy in percent. */
  readonly top1: number;
}

/** One series: the points sharing the values of the `by` fields. */
export interface ResultSeries {
  /** Values of the `by` fields joined with " / ", e.g. `MobileNetV1 / bft`. */
  readonly name: string;
  /** The `by` fields and their values. */
  readonly keys: Readonly<Record<string, string>>;
  readonly frontier: readonly AnalysedPoint[];
  readonly dominated: readonly Dominated<AnalysedPoint>[];
}

/** A candidate point against its baseline at the same cost. */
export interface IsoCostRow {
  readonly point: AnalysedPoint;
  /** Name of the baseline series, e.g. `MobileNetV1 / pointwise`. */
  readonly baseline: string;
  /** Baseline frontier's accuracy at exactly this point's cost; `null` when it cannot be read. */
  readonly baselineTop1: number | null;
  /** `top1 − baselineTop1` in points; `null` with `baselineTop1`. */
  readonly gain: number | null;
  /** True when the cost lies outside the baseline frontier's cost range. */
  readonly extrapolated: boolean;
  /** MACs the baseline frontier needs to reach this point's accuracy; `null` when not covered. */
  readonly baselineMacsForTop1: bigint | null;
}

/** Options of {@link analyseResults}. */
export interface AnalysisOptions {
  /** Fields that define a series; default `['family', 'fusion']`. */
  readonly by?: readonly string[];
  /** Which cost to use when a row has both; default `published`. */
  readonly preference?: CostPreference;
  /**
   * Fusion of the baseline series; default `pointwise`. When given, some record must have it
   * (else a `UserError` naming the series that exist).
   */
  readonly baseline?: string;
  /** Fusion of the points compared at iso-cost; default `bft`. When given, checked like `baseline`. */
  readonly candidate?: string;
}

/** Everything `butterflops pareto` prints. */
export interface ParetoAnalysis {
  readonly by: readonly string[];
  readonly overall: ParetoSplit<AnalysedPoint>;
  /** Sorted by name. */
  readonly series: readonly ResultSeries[];
  /** One row per candidate point, by family, then cost, then accuracy. */
  readonly isoCost: readonly IsoCostRow[];
}

const byText = (a: string, b: string): number => compareValues(a, b);

/** Orders points by cost, then accuracy, then file and line: a stable, input-independent order. */
export function comparePoints(a: AnalysedPoint, b: AnalysedPoint): number {
  // Inline comparisons: this runs n log n times on a million rows.
  if (a.macs !== b.macs) return a.macs < b.macs ? -1 : 1;
  if (a.top1 !== b.top1) return a.top1 - b.top1;
  return byText(a.record.origin.file, b.record.origin.file) || a.record.origin.line - b.record.origin.line;
}

/** The points of `records` with their analysis cost, in {@link comparePoints} order. */
export function analysedPoints(
  records: readonly ResultRecord[],
  preference: CostPreference = 'published',
): AnalysedPoint[] {
  const points = records.map((record) => ({ record, macs: analysisMacs(record, preference), top1: record.top1 }));
  return costOrder(points, (point) => point.macs, comparePoints).map((i) => points[i] as AnalysedPoint);
}

/**
 * Runs the whole analysis; throws a `UserError` for an unknown `by` field, a row without cost,
 * or a `baseline`/`candidate` fusion that no record has.
 */
export function analyseResults(records: readonly ResultRecord[], options: AnalysisOptions = {}): ParetoAnalysis {
  const by = options.by ?? ['family', 'fusion'];
  for (const field of by) requireRecordField(records, field, 'by');
  const points = analysedPoints(records, options.preference);
  const overall = paretoFrontier(points);

  const groups = seriesGroups(points, by);
  const series = [...groups]
    .sort(([a], [b]) => byText(a, b))
    .map(([name, group]) => ({ name, keys: group.keys, ...paretoFrontier(group.points) }));

  const seriesNames = series.map((one) => one.name);
  if (options.baseline !== undefined) requireFusion(records, options.baseline, 'baseline', seriesNames);
  if (options.candidate !== undefined) requireFusion(records, options.candidate, 'candidate', seriesNames);
  const baseline = options.baseline ?? 'pointwise';
  const candidate = options.candidate ?? 'bft';
  // One reader of each family's baseline frontier, prepared once (n candidates, O(log n) each).
  const baselinePoints = new Map<string, AnalysedPoint[]>();
  for (const point of points) {
    if (point.record.fusion !== baseline) continue;
    const family = baselinePoints.get(point.record.family);
    if (family === undefined) baselinePoints.set(point.record.family, [point]);
    else family.push(point);
  }
  const readers = new Map<string, FrontierReader>();
  const readerOf = (family: string): FrontierReader => {
    let reader = readers.get(family);
    if (reader === undefined) {
      reader = frontierReader(frontierOf(baselinePoints.get(family) ?? []));
      readers.set(family, reader);
    }
    return reader;
  };
  // `points` is in comparePoints order: bucketed by family, each bucket stays in that order.
  const candidates = new Map<string, AnalysedPoint[]>();
  for (const point of points) {
    if (point.record.fusion !== candidate) continue;
    const family = candidates.get(point.record.family);
    if (family === undefined) candidates.set(point.record.family, [point]);
    else family.push(point);
  }
  const isoCost = [...candidates]
    .sort(([a], [b]) => byText(a, b))
    .flatMap(([family, members]) => {
      const reader = readerOf(family);
      const baselineName = `${family} / ${baseline}`;
      return members.map((point) => isoCostRow(point, reader, baselineName));
    });
  return { by, overall, series, isoCost };
}

interface SeriesGroup {
  readonly keys: Record<string, string>;
  readonly points: AnalysedPoint[];
}

/**
 * The points by the values of their `by` fields, as series named by those values joined with
 * " / " (two value lists that join to the same name make one series). The values are looked up
 * in a tree of maps, one level per field, so no name is built per point: the names are made once
 * per series. O(points × fields).
 */
function seriesGroups(points: readonly AnalysedPoint[], by: readonly string[]): Map<string, SeriesGroup> {
  const groups = new Map<string, SeriesGroup>();
  const tree = new Map<string, unknown>();
  for (const point of points) {
    let level = tree;
    let group: SeriesGroup | undefined;
    for (let k = 0; k < by.length; k++) {
      const value = recordField(point.record, by[k] as string) ?? '';
      const below = level.get(value);
      if (k < by.length - 1) {
        if (below instanceof Map) level = below as Map<string, unknown>;
        else level.set(value, (level = new Map<string, unknown>()));
      } else {
        group = below as SeriesGroup | undefined;
        if (group === undefined) {
          const name = by.map((field) => recordField(point.record, field) ?? '').join(' / ');
          group = groups.get(name) ?? { keys: seriesKeys(point.record, by), points: [] };
          groups.set(name, group);
          level.set(value, group);
        }
      }
    }
    (group ?? seriesGroupWithoutFields(groups, point.record, by)).points.push(point);
  }
  return groups;
}

/** With no `by` field every point is in the one series named "". */
function seriesGroupWithoutFields(
  groups: Map<string, SeriesGroup>,
  record: ResultRecord,
  by: readonly string[],
): SeriesGroup {
  const group = groups.get('') ?? { keys: seriesKeys(record, by), points: [] };
  groups.set('', group);
  return group;
}

/** The `by` fields of `record` and their values. */
function seriesKeys(record: ResultRecord, by: readonly string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  // Defined, not assigned: a column may be called __proto__ like any other name.
  for (const field of by)
    Object.defineProperty(keys, field, { value: recordField(record, field) ?? '', enumerable: true });
  return keys;
}

/** `point` against `frontier`, the frontier of the baseline series named `baseline`. */
function isoCostRow(point: AnalysedPoint, frontier: FrontierReader, baseline: string): IsoCostRow {
  const reading = frontier.top1AtCost(point.macs);
  return {
    point,
    baseline,
    baselineTop1: reading.top1,
    gain: reading.top1 === null ? null : point.top1 - reading.top1,
    extrapolated: reading.extrapolated,
    baselineMacsForTop1: frontier.costToReachTop1(point.top1),
  };
}

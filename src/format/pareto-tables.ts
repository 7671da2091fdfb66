import type { Table } from '../text/table.js';
import { withThousands } from '../text/numbers.js';
import type { AnalysedPoint, IsoCostRow, ParetoAnalysis, ResultSeries } from '../results/pareto-analysis.js';
import { gainText, mmacsRounded, mmacsText, top1Text } from './result-numbers.js';
import { pointLabel } from '../results/point-label.js';

/**
 * A Pareto analysis as tables for people (terminal, Markdown) and as one long CSV for machines.
 * Pure; rendering is `renderTable`'s job.
 */

/** A table with a title, and a note under it when rows were left out. */
export interface TitledTable {
  readonly title: string;
  readonly table: Table;
  /** What was not listed and where to find it. */
  readonly note?: string;
}

/**
 * Rows a table for people lists at most (the `limit` of the table functions below, as
 * `butterflops pareto` uses them). A million-row result file has a small frontier but a million
 * dominated points and a third of a million BFT points: listed one per line they would bury what
 * a reader looks for. Beyond the limit a table lists frontier points, evenly spread over the
 * frontier when even they are too many, and counts the others; `--format csv` and
 * `--format json` always list every point.
 */
export const HUMAN_ROW_LIMIT = 1000;

const EVERY_POINT = '`--format csv` or `--format json` lists every point';

const count = (n: number): string => withThousands(BigInt(n));

/**
 * `count` of `items` evenly spread from the first to the last, in order (just the first when
 * `count` is 1); all of them when there are no more. Example: spread([a, b, c, d, e], 3) is [a, c, e].
 */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count || count <= 1) return items.slice(0, Math.max(0, Math.min(count, items.length)));
  const last = items.length - 1;
  return Array.from({ length: count }, (_, j) => items[Math.round((j * last) / (count - 1))] as T);
}

const pointCells = (point: AnalysedPoint): string[] => [
  pointLabel(point.record),
  point.record.family,
  point.record.fusion,
  mmacsText(point.macs),
  top1Text(point.top1),
];
const POINT_COLUMNS = [
  { header: 'model' },
  { header: 'family' },
  { header: 'fusion' },
  { header: 'mmacs', align: 'right' },
  { header: 'top1 %', align: 'right' },
] as const;

/**
 * The overall frontier: one row per frontier point, cheapest first; beyond `limit` points,
 * `limit` of them evenly spread from the cheapest to the most accurate.
 */
export function overallFrontierTable(analysis: ParetoAnalysis, limit = Infinity): TitledTable {
  const frontier = analysis.overall.frontier;
  return {
    title: 'Pareto frontier over all results (cheapest first)',
    table: { columns: POINT_COLUMNS, rows: spread(frontier, limit).map(pointCells) },
    ...(frontier.length > limit
      ? {
          note: `Listed: ${count(limit)} of the ${count(frontier.length)} frontier points, evenly spread from the cheapest to the most accurate; ${EVERY_POINT}.`,
        }
      : {}),
  };
}

const seriesCells = (series: ResultSeries, point: AnalysedPoint, status: string): string[] => [
  series.name,
  pointLabel(point.record),
  mmacsText(point.macs),
  top1Text(point.top1),
  status,
];

/**
 * Every point by series: frontier points cheapest first, then the dominated ones and by what.
 * When that is more than `limit` rows, each series gets an equal share of the rows: its frontier
 * points (evenly spread over its frontier when they do not fit) and one row counting what is
 * not listed; with more than `limit` / 2 series, the first of them.
 */
export function seriesTable(analysis: ParetoAnalysis, limit = Infinity): TitledTable {
  let points = 0;
  for (const series of analysis.series) points += series.frontier.length + series.dominated.length;
  const rows: string[][] = [];
  let note: string | undefined;
  if (points <= limit) {
    for (const series of analysis.series) {
      for (const point of series.frontier) rows.push(seriesCells(series, point, 'frontier'));
      for (const { point, dominatedBy } of series.dominated) {
        const by = `${pointLabel(dominatedBy.record)} (${mmacsText(dominatedBy.macs)}, ${top1Text(dominatedBy.top1)})`;
        rows.push(seriesCells(series, point, `dominated by ${by}`));
      }
    }
  } else {
    const listedSeries = analysis.series.slice(0, Math.floor(limit / 2));
    const share = Math.floor(limit / listedSeries.length);
    for (const series of listedSeries) {
      const listed = spread(series.frontier, series.dominated.length > 0 ? share - 1 : share);
      for (const point of listed) rows.push(seriesCells(series, point, 'frontier'));
      const more = series.frontier.length - listed.length;
      const unlisted = [
        ...(more > 0 ? [`${count(more)} more frontier points`] : []),
        ...(series.dominated.length > 0 ? [`${count(series.dominated.length)} dominated points`] : []),
      ];
      if (unlisted.length > 0) rows.push([series.name, unlisted.join(', '), '', '', 'not listed']);
    }
    const seriesNote =
      listedSeries.length < analysis.series.length
        ? ` the first ${count(listedSeries.length)} of ${count(analysis.series.length)} series;`
        : '';
    note = `Listed:${seriesNote} up to ${count(share)} rows per series: its frontier points (evenly spread when there are more) and a count of the points not listed; ${EVERY_POINT}.`;
  }
  return {
    title: `Pareto frontier per series (${analysis.by.join(' × ')})`,
    table: {
      columns: [
        { header: 'series' },
        { header: 'model' },
        { header: 'mmacs', align: 'right' },
        { header: 'top1 %', align: 'right' },
        { header: 'status' },
      ],
      rows,
    },
    ...(note === undefined ? {} : { note }),
  };
}

function isoCostCells(row: IsoCostRow): string[] {
  const remarks: string[] = [];
  if (row.baselineTop1 === null) remarks.push('baseline frontier too short to read');
  else if (row.extrapolated) remarks.push('extrapolated beyond the baseline frontier');
  if (row.baselineMacsForTop1 === null) remarks.push('accuracy outside the baseline frontier');
  return [
    pointLabel(row.point.record),
    mmacsText(row.point.macs),
    top1Text(row.point.top1),
    row.baseline,
    row.baselineTop1 === null ? '–' : `${top1Text(row.baselineTop1)}${row.extrapolated ? '*' : ''}`,
    row.gain === null ? '–' : `${gainText(row.gain)}${row.extrapolated ? '*' : ''}`,
    row.baselineMacsForTop1 === null ? '–' : mmacsRounded(row.baselineMacsForTop1),
    remarks.join('; '),
  ];
}

/**
 * The iso-cost comparison: each candidate point against its baseline frontier at equal cost.
 * When there are more than `limit` candidate points: those on the frontier of their own series
 * (`limit` of them evenly spread if still more), and a note counting the others.
 */
export function isoCostTable(analysis: ParetoAnalysis, limit = Infinity): TitledTable {
  if (analysis.isoCost.length <= limit) return isoCostTitled(analysis.isoCost.map(isoCostCells));
  const onFrontier = new Set(analysis.series.flatMap((series) => series.frontier));
  const rows = analysis.isoCost.filter((row) => onFrontier.has(row.point));
  const listed =
    rows.length > limit ? `${count(limit)}, evenly spread, of the ${count(rows.length)}` : `the ${count(rows.length)}`;
  const others = analysis.isoCost.length - rows.length;
  return {
    ...isoCostTitled(spread(rows, limit).map(isoCostCells)),
    note: `Listed: ${listed} candidate points on the frontier of their series; ${count(others)} others are not listed; ${EVERY_POINT}.`,
  };
}

function isoCostTitled(rows: string[][]): TitledTable {
  return {
    title: "Iso-cost comparison: baseline frontier read at exactly each point's cost (log-linear; * = extrapolated)",
    table: {
      columns: [
        { header: 'model' },
        { header: 'mmacs', align: 'right' },
        { header: 'top1 %', align: 'right' },
        { header: 'baseline' },
        { header: 'baseline top1 % at same cost', align: 'right' },
        { header: 'gain (points)', align: 'right' },
        { header: 'baseline mmacs for same top1', align: 'right' },
        { header: 'remark' },
      ],
      rows,
    },
  };
}

/** The columns of {@link paretoCsvRows}. */
export const PARETO_CSV_HEADERS = [
  'series',
  'model',
  'width',
  'resolution',
  'macs',
  'top1',
  'overall_frontier',
  'series_frontier',
  'dominated_by',
  'baseline_top1',
  'gain',
  'extrapolated',
  'baseline_macs_for_top1',
  'row',
] as const;

/**
 * One row per point (long format) for `--format csv`, as they are asked for: series, frontier
 * membership (overall and in its series), what dominates it, and the iso-cost figures for
 * candidate points. Exact MACs. Columns: {@link PARETO_CSV_HEADERS}.
 */
export function* paretoCsvRows(analysis: ParetoAnalysis): Generator<string[]> {
  const overall = new Set(analysis.overall.frontier);
  const iso = new Map(analysis.isoCost.map((row) => [row.point, row]));
  for (const series of analysis.series) {
    const dominatedBy = new Map(series.dominated.map((d) => [d.point, d.dominatedBy]));
    for (const point of [...series.frontier, ...series.dominated.map((d) => d.point)]) {
      const row = iso.get(point);
      const by = dominatedBy.get(point);
      yield [
        series.name,
        point.record.model,
        point.record.width?.toString() ?? '',
        point.record.resolution?.toString() ?? '',
        point.macs.toString(),
        String(point.top1),
        overall.has(point) ? 'yes' : 'no',
        by === undefined ? 'yes' : 'no',
        by === undefined ? '' : pointLabel(by.record),
        row?.baselineTop1 === null || row === undefined ? '' : row.baselineTop1.toFixed(4),
        row?.gain === null || row === undefined ? '' : row.gain.toFixed(4),
        row === undefined ? '' : row.extrapolated ? 'yes' : 'no',
        row?.baselineMacsForTop1 === null || row === undefined ? '' : row.baselineMacsForTop1.toString(),
        `${point.record.origin.file}:${point.record.origin.line}`,
      ];
    }
  }
}

/** {@link paretoCsvRows} as one table. */
export function paretoCsvTable(analysis: ParetoAnalysis): Table {
  return { columns: PARETO_CSV_HEADERS.map((header) => ({ header })), rows: [...paretoCsvRows(analysis)] };
}

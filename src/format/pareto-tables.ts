import type { Table } from '../text/table.js';
import type { AnalysedPoint, IsoCostRow, ParetoAnalysis } from '../results/pareto-analysis.js';
import { gainText, mmacsRounded, mmacsText, top1Text } from './result-numbers.js';
import { pointLabel } from '../results/point-label.js';

/**
 * A Pareto analysis as tables for people (terminal, Markdown) and as one long CSV for machines.
 * Pure; rendering is `renderTable`'s job.
 */

/** A table with a title. */
export interface TitledTable {
  readonly title: string;
  readonly table: Table;
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

/** The overall frontier: one row per frontier point, cheapest first. */
export function overallFrontierTable(analysis: ParetoAnalysis): TitledTable {
  return {
    title: 'Pareto frontier over all results (cheapest first)',
    table: { columns: POINT_COLUMNS, rows: analysis.overall.frontier.map(pointCells) },
  };
}

/** Every point by series: frontier points cheapest first, then the dominated ones and by what. */
export function seriesTable(analysis: ParetoAnalysis): TitledTable {
  const rows: string[][] = [];
  for (const series of analysis.series) {
    for (const point of series.frontier)
      rows.push([series.name, ...pointCells(point).filter((_, i) => i !== 1 && i !== 2), 'frontier']);
    for (const { point, dominatedBy } of series.dominated) {
      rows.push([
        series.name,
        ...pointCells(point).filter((_, i) => i !== 1 && i !== 2),
        `dominated by ${pointLabel(dominatedBy.record)} (${mmacsText(dominatedBy.macs)}, ${top1Text(dominatedBy.top1)})`,
      ]);
    }
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

/** The iso-cost comparison: each candidate point against its baseline frontier at equal cost. */
export function isoCostTable(analysis: ParetoAnalysis): TitledTable {
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
      rows: analysis.isoCost.map(isoCostCells),
    },
  };
}

/**
 * One row per point (long format) for `--format csv`: series, frontier membership (overall and
 * in its series), what dominates it, and the iso-cost figures for candidate points. Exact MACs.
 */
export function paretoCsvTable(analysis: ParetoAnalysis): Table {
  const overall = new Set(analysis.overall.frontier);
  const iso = new Map(analysis.isoCost.map((row) => [row.point, row]));
  const rows: string[][] = [];
  for (const series of analysis.series) {
    const dominatedBy = new Map(series.dominated.map((d) => [d.point, d.dominatedBy]));
    for (const point of [...series.frontier, ...series.dominated.map((d) => d.point)]) {
      const row = iso.get(point);
      const by = dominatedBy.get(point);
      rows.push([
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
      ]);
    }
  }
  const headers = [
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
  ];
  return { columns: headers.map((header) => ({ header })), rows };
}

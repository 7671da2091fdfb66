/**
 * Rendering of a reproduced paper table (`butterflops reproduce`, and the report's reproduction
 * section): printed figure, ours under the default convention, deviation, nearest alternative,
 * flag. Pure and byte-stable.
 */
import { stringifyExact } from '../text/json.js';
import { decimal } from '../text/numbers.js';
import { renderLatexTable, renderTable, type Table } from '../text/table.js';
import type { ReproducedRow } from '../search/reproduce.js';

export const REPRODUCTION_FORMATS = ['table', 'markdown', 'csv', 'json', 'latex'] as const;
export type ReproductionFormat = (typeof REPRODUCTION_FORMATS)[number];

const millions = (macs: bigint) => decimal(macs, 1_000_000n, 2);
const signedPercent = (value: number) => {
  const rounded = Number(value.toFixed(1)) || 0; // no "-0.0"
  return `${rounded >= 0 ? '+' : ''}${rounded.toFixed(1)} %`;
};

/** Describes the parameters of a row: `w=0.25 r=128`. */
function configuration(parameters: Readonly<Record<string, number | string>>): string {
  return Object.entries(parameters)
    .map(([k, v]) => `${k === 'width' ? 'w' : k === 'resolution' ? 'r' : k}=${v}`)
    .join(' ');
}

/** The reproduction as a table: one row per paper row. */
export function reproductionTable(rows: readonly ReproducedRow[]): Table {
  return {
    columns: [
      { header: 'table' },
      { header: 'model' },
      { header: 'config' },
      { header: 'fusion' },
      { header: 'paper M', align: 'right' },
      { header: 'ours M', align: 'right' },
      { header: 'deviation', align: 'right' },
      { header: 'built M', align: 'right' },
      { header: 'built dev.', align: 'right' },
      { header: 'nearest convention' },
      { header: 'nearest M', align: 'right' },
      { header: 'nearest dev.', align: 'right' },
      { header: 'flag' },
    ],
    rows: rows.map((r) => [
      r.row.table,
      r.row.label,
      configuration(r.row.parameters),
      r.row.fusion,
      r.row.printedMillions,
      millions(r.ours.macs),
      signedPercent(r.ours.deviationPercent),
      millions(r.buildable.macs),
      signedPercent(r.buildable.deviationPercent),
      r.nearest.counting,
      millions(r.nearest.macs),
      signedPercent(r.nearest.deviationPercent),
      r.row.flag ?? r.row.note ?? '',
    ]),
  };
}

/**
 * The reproduction as raw values for CSV: exact MACs (printed, ours, nearest), deviations as plain
 * numbers in percent (4 decimals), the parameters in their own columns.
 */
export function reproductionCsvTable(rows: readonly ReproducedRow[]): Table {
  const headers = [
    'table',
    'model',
    'zoo',
    'width',
    'resolution',
    'fusion',
    'printed_macs',
    'macs',
    'deviation_percent',
    'buildable_macs',
    'buildable_deviation_percent',
    'nearest_counting',
    'nearest_macs',
    'nearest_deviation_percent',
    'flag',
    'note',
  ];
  return {
    columns: headers.map((header) => ({ header })),
    rows: rows.map((r) => [
      r.row.table,
      r.row.label,
      r.row.model,
      String(r.row.parameters['width'] ?? ''),
      String(r.row.parameters['resolution'] ?? ''),
      r.row.fusion,
      r.printedMacs.toString(),
      r.ours.macs.toString(),
      r.ours.deviationPercent.toFixed(4),
      r.buildable.macs.toString(),
      r.buildable.deviationPercent.toFixed(4),
      r.nearest.counting,
      r.nearest.macs.toString(),
      r.nearest.deviationPercent.toFixed(4),
      r.row.flag ?? '',
      r.row.note ?? '',
    ]),
  };
}

/**
 * Renders the reproduction. Human formats print millions with two decimals and the deviation
 * with one; JSON carries exact MACs of every alternative. The legend says what "ours" is.
 */
export function formatReproduction(rows: readonly ReproducedRow[], format: ReproductionFormat): string {
  if (format === 'json') {
    return stringifyExact(
      rows.map((r) => ({
        table: r.row.table,
        model: r.row.label,
        zoo: r.row.model,
        parameters: r.row.parameters,
        fusion: r.row.fusion,
        printedMacs: r.printedMacs,
        macs: r.ours.macs,
        deviationPercent: round(r.ours.deviationPercent),
        buildableMacs: r.buildable.macs,
        buildableDeviationPercent: round(r.buildable.deviationPercent),
        nearest: {
          counting: r.nearest.counting,
          macs: r.nearest.macs,
          deviationPercent: round(r.nearest.deviationPercent),
        },
        alternatives: r.alternatives.map((a) => ({
          counting: a.counting,
          macs: a.macs,
          deviationPercent: round(a.deviationPercent),
        })),
        ...(r.row.flag ? { flag: r.row.flag } : {}),
        ...(r.row.note ? { note: r.row.note } : {}),
      })),
    );
  }
  if (format === 'csv') return renderTable(reproductionCsvTable(rows), 'csv');
  if (format === 'latex') {
    return renderLatexTable(reproductionTable(rows), [
      "butterflops reproduce: the BFT paper's MFLOPs (million MACs) vs our counts",
      'ours: MACs of conv, FC and butterfly layers, 1000 classes; BFT k = 4, ceil(log_k n), official n_in != n_out handling',
      BUILT_LEGEND,
    ]);
  }
  const table = renderTable(reproductionTable(rows), format);
  const legend =
    'ours: MACs of conv, FC and butterfly layers, 1000 classes; BFT k = 4, ceil(log_k n), official n_in ≠ n_out ' +
    'handling, residual adds not counted. Alternatives: log mode ceil|real|padded|mixed-radix × shape policy ' +
    'official|square-max × residual adds (+res). ' +
    BUILT_LEGEND;
  return `${table}\n${legend}\n`;
}

/** What the "built" column is. */
const BUILT_LEGEND =
  'built: MACs of the network `butterflops export` builds with the same settings — a butterfly whose size is not a power of 4 has ' +
  'no construction with the ceil count, and is built zero-padded to the next power of 4 or mixed radix (one layer per prime factor), whichever is cheaper.';

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

import { jsonChunks } from '../text/json-chunks.js';
import { csvCell } from '../text/escape.js';
import { renderTable } from '../text/table.js';
import type { ParetoAnalysis } from '../results/pareto-analysis.js';
import { resultsDataset } from '../results/results-dataset.js';
import { paretoJson } from './pareto-json.js';
import {
  HUMAN_ROW_LIMIT,
  isoCostTable,
  overallFrontierTable,
  PARETO_CSV_HEADERS,
  paretoCsvRows,
  seriesTable,
  type TitledTable,
} from './pareto-tables.js';

/** Output formats of `butterflops pareto`. */
export const PARETO_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type ParetoFormat = (typeof PARETO_FORMATS)[number];

/**
 * Renders a Pareto analysis: `table` / `markdown` print the overall frontier, the per-series
 * frontiers with dominated points, and the iso-cost comparison as titled tables, each at most
 * `HUMAN_ROW_LIMIT` rows (beyond it: the frontier points, the others counted, and a note under
 * the table); `csv` is one long table with a row per point; `json` is `paretoJson`. Ends with a
 * newline. The accuracy is said to be measured on `dataset` (default: the `dataset` column of
 * the results, if they share one) and on no dataset when none is known. Pure.
 */
export function formatPareto(analysis: ParetoAnalysis, format: ParetoFormat, dataset?: string): string {
  return [...formatParetoChunks(analysis, format, dataset)].join('');
}

/**
 * {@link formatPareto} in pieces whose concatenation equals it, made as they are asked for: JSON
 * and CSV come row by row, so an analysis of a million rows (about 1 GB of JSON, beyond the
 * longest string V8 can hold) is written out without holding it whole. Pure.
 */
export function* formatParetoChunks(
  analysis: ParetoAnalysis,
  format: ParetoFormat,
  dataset?: string,
): Generator<string> {
  switch (format) {
    case 'json':
      yield* jsonChunks(paretoJson(analysis));
      yield '\n';
      return;
    case 'csv':
      yield `${PARETO_CSV_HEADERS.join(',')}\n`;
      for (const row of paretoCsvRows(analysis)) yield `${row.map(csvCell).join(',')}\n`;
      return;
    case 'table':
    case 'markdown': {
      const records = analysis.series.flatMap((series) => [
        ...series.frontier.map((point) => point.record),
        ...series.dominated.map(({ point }) => point.record),
      ]);
      const named = dataset ?? resultsDataset(records);
      yield `Costs in million MACs (multiply-accumulates). Accuracy: ${named === undefined ? '' : `${named} `}top-1 %.`;
      const tables = [
        overallFrontierTable(analysis, HUMAN_ROW_LIMIT),
        seriesTable(analysis, HUMAN_ROW_LIMIT),
        isoCostTable(analysis, HUMAN_ROW_LIMIT),
      ];
      for (const titled of tables) yield `\n${humanSection(titled, format)}`;
      return;
    }
  }
}

function humanSection({ title, table, note }: TitledTable, format: 'table' | 'markdown'): string {
  const text =
    format === 'markdown'
      ? `### ${title}\n\n${renderTable(table, 'markdown')}`
      : `${title}\n\n${renderTable(table, 'table')}`;
  return note === undefined ? text : `${text}\n${note}\n`;
}

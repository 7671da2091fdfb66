import { jsonChunks } from '../text/json-chunks.js';
import { renderTable } from '../text/table.js';
import type { ParetoAnalysis } from '../results/pareto-analysis.js';
import { resultsDataset } from '../results/results-dataset.js';
import { paretoJson } from './pareto-json.js';
import { isoCostTable, overallFrontierTable, paretoCsvTable, seriesTable } from './pareto-tables.js';

/** Output formats of `butterflops pareto`. */
export const PARETO_FORMATS = ['table', 'markdown', 'csv', 'json'] as const;
export type ParetoFormat = (typeof PARETO_FORMATS)[number];

/**
 * Renders a Pareto analysis: `table` / `markdown` print the overall frontier, the per-series
 * frontiers with dominated points, and the iso-cost comparison as titled tables; `csv` is one
 * long table with a row per point; `json` is `paretoJson`. Ends with a newline. The accuracy is
 * said to be measured on `dataset` (default: the `dataset` column of the results, if they share
 * one) and on no dataset when none is known. Pure.
 */
export function formatPareto(analysis: ParetoAnalysis, format: ParetoFormat, dataset?: string): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(paretoJson(analysis), null, 2)}\n`;
    case 'csv':
      return renderTable(paretoCsvTable(analysis), 'csv');
    case 'table':
    case 'markdown': {
      const records = analysis.series.flatMap((series) => [
        ...series.frontier.map((point) => point.record),
        ...series.dominated.map(({ point }) => point.record),
      ]);
      const named = dataset ?? resultsDataset(records);
      const costs = `Costs in million MACs (multiply-accumulates). Accuracy: ${named === undefined ? '' : `${named} `}top-1 %.`;
      const sections = [overallFrontierTable(analysis), seriesTable(analysis), isoCostTable(analysis)].map(
        ({ title, table }) =>
          format === 'markdown'
            ? `### ${title}\n\n${renderTable(table, 'markdown')}`
            : `${title}\n\n${renderTable(table, 'table')}`,
      );
      return [costs, ...sections].join('\n');
    }
  }
}

/**
 * {@link formatPareto} in pieces whose concatenation equals it: JSON comes row by row, so an
 * analysis of a million rows (about 1 GB of JSON, beyond the longest string V8 can hold) can be
 * written out; the other formats are one piece. Pure.
 */
export function* formatParetoChunks(
  analysis: ParetoAnalysis,
  format: ParetoFormat,
  dataset?: string,
): Generator<string> {
  if (format !== 'json') {
    yield formatPareto(analysis, format, dataset);
    return;
  }
  yield* jsonChunks(paretoJson(analysis));
  yield '\n';
}

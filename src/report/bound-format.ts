import type { Table } from '../text/table.js';
import { renderTable } from '../text/table.js';
import type { BoundSample, BoundVerification } from '../checks/verify-bound.js';

/** One sample as table cells (CSV carries exact integers; ratios with 6 decimals). */
function sampleCells(s: BoundSample): string[] {
  return [
    String(s.index), String(s.base), String(s.n), String(s.width), s.radices.join('·'),
    s.closedFormEdges.toString(), s.graphEdges.toString(), s.instrumentedEdges?.toString() ?? '',
    s.paddedEdges.toString(), s.mixedEdges.toString(), s.ratio.toFixed(6), s.bound.toFixed(6),
    s.criteriaHold === null ? '' : String(s.criteriaHold), s.failure === undefined ? 'ok' : `FAIL: ${s.failure}`,
  ];
}

/** Every sample as a table (the `--csv` file). Columns name their units (edges per pixel). */
export function boundSamplesTable(verification: BoundVerification): Table {
  const headers = [
    'sample', 'base', 'n', 'built_width', 'radices', 'closed_form_edges', 'graph_edges', 'instrumented_edges',
    'padded_edges', 'mixed_edges', 'edges_over_n_log2_n', 'proven_bound', 'criteria_hold', 'status',
  ];
  return { columns: headers.map((header) => ({ header })), rows: verification.samples.map(sampleCells) };
}

/** The per-base summary as a table. */
export function boundSummaryTable(verification: BoundVerification): Table {
  return {
    columns: [
      { header: 'base' }, { header: 'samples', align: 'right' }, { header: 'fitted c', align: 'right' },
      { header: 'max ratio', align: 'right' }, { header: 'k/log2 k', align: 'right' },
      { header: 'asymptotic bound', align: 'right' }, { header: 'failures', align: 'right' },
    ],
    rows: verification.perBase.map((b) => [
      String(b.base), String(b.samples), b.fittedConstant.toFixed(4), b.maxRatio.toFixed(4),
      b.exactPowerConstant.toFixed(4), b.asymptoticConstant.toFixed(4), String(b.failures),
    ]),
  };
}

/** A one-line description of a sample (the offending sample on failure, the worst one otherwise). */
export function describeSample(s: BoundSample): string {
  return `sample ${s.index}: n=${s.n} base=${s.base} built width ${s.width} radices ${s.radices.join('·')}, `
    + `edges ${s.closedFormEdges} (graph ${s.graphEdges}, instrumented ${s.instrumentedEdges ?? 'skipped'}), `
    + `edges/(n log2 n) = ${s.ratio.toFixed(4)} (bound ${s.bound.toFixed(4)})`
    + (s.failure === undefined ? '' : ` FAILED: ${s.failure}`);
}

/**
 * Markdown section for reports: what was checked, the per-base table, the worst sample and the
 * failures. Byte-stable for fixed options.
 */
export function renderBoundMarkdown(verification: BoundVerification): string {
  const o = verification.options;
  const construction = o.mode === 'pad'
    ? 'widths that are not powers of the base are padded to the next power k^⌈log_k n⌉ '
      + '(proven: ratio = k/log2 k at exact powers, < (k²/log2 k)(1 + log2 k/log2 n) otherwise)'
    : `widths are rounded up to the next width whose prime factors are ≤ ${o.maxRadix} and built with mixed radices `
      + '(proven: ratio ≤ (N/n)(log2 N/log2 n)·max r/log2 r)';
  const lines = [
    `${o.samples} widths drawn log-uniformly from [2, ${o.maxN}] (seed ${o.seed}), bases ${o.bases.join(', ')}; ${construction}.`,
    `Each sample: cost-model closed form = built graph edges = instrumented multiplies (widths ≤ ${o.instrumentCap}); `
      + `criteria on the graph for widths ≤ ${o.criteriaCap}.`,
    '',
    renderTable(boundSummaryTable(verification), 'markdown').trimEnd(),
    '',
  ];
  if (verification.worst !== undefined) lines.push(`Worst ratio: ${describeSample(verification.worst)}.`);
  lines.push(verification.failures.length === 0
    ? 'All samples passed.'
    : `${verification.failures.length} samples failed; first: ${describeSample(verification.failures[0] as BoundSample)}.`);
  return `${lines.join('\n')}\n`;
}

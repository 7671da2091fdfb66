/**
 * Rendering of a criteria comparison (`butterflops criteria`, the report's criteria section):
 * one row per structure with the paper's four criteria, edges and path statistics; Markdown with
 * notes; JSON with exact counts. Pure and byte-stable.
 */
import type { CriteriaComparison } from '../graph/criteria-comparison.js';
import { PATH_EXACT_MAX_INPUTS } from '../graph/criteria.js';
import type { FusionCriteria } from '../model/fusion-graph.js';
import type { Table } from '../text/table.js';
import { renderTable } from '../text/table.js';

function describeParameters(parameters: FusionCriteria['parameters']): string {
  return Object.keys(parameters).sort().map((key) => {
    const value = parameters[key];
    return `${key}=${Array.isArray(value) ? value.join('·') : String(value)}`;
  }).join(' ');
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * edges / (n·log2 n) with 3 decimals, computed exactly from the bigint (the only float step is
 * log2 n).
 */
export function edgesOverLowerBound(found: FusionCriteria): string {
  return (Number(found.edges) / found.lowerBound).toFixed(3);
}

/** The comparison as a table: one row per structure, criteria met, edges, paths, bottleneck. */
export function criteriaTable(comparison: CriteriaComparison): Table {
  return {
    columns: [
      { header: 'structure' }, { header: 'parameters' }, { header: 'layers', align: 'right' },
      { header: 'edges', align: 'right' }, { header: 'edges/(n log2 n)', align: 'right' },
      { header: 'every-to-all' }, { header: 'unreachable', align: 'right' }, { header: 'bottleneck', align: 'right' },
      { header: 'equal out-degree' }, { header: 'paths', align: 'right' }, { header: 'all criteria' },
    ],
    rows: comparison.rows.map((found) => [
      found.structure,
      describeParameters(found.parameters),
      String(found.layers),
      found.edges.toString(),
      edgesOverLowerBound(found),
      yesNo(found.everyToAll),
      `${found.unreachablePairs}${found.unreachableSampled ? ' *' : ''}`,
      String(found.bottleneck),
      yesNo(found.equalOutDegree),
      `${found.paths.min === found.paths.max ? found.paths.min.toString() : `${found.paths.min}–${found.paths.max}`}${found.paths.sampled ? ' *' : ''}`,
      yesNo(found.criteria.connectivity && found.criteria.bottleneck && found.criteria.symmetry),
    ]),
  };
}

/**
 * The note under the table when some figure is sampled (empty otherwise): which inputs the
 * starred cells count, and that every-to-all and bottleneck stay exact.
 */
export function samplingNote(comparison: CriteriaComparison): string {
  const sampled = comparison.rows.find((found) => found.paths.sampled || found.unreachableSampled);
  if (sampled === undefined) return '';
  return `* counted from ${sampled.paths.sources} evenly spaced inputs of ${sampled.widths[0] ?? sampled.n} `
    + `(paths are exact up to ${PATH_EXACT_MAX_INPUTS} inputs; unreachable pairs are exact unless starred); `
    + 'every-to-all and bottleneck are exact.';
}

/**
 * Markdown section for reports: the table, the bounds, and the skipped structures. Byte-stable.
 */
export function renderCriteriaMarkdown(comparison: CriteriaComparison): string {
  const first = comparison.rows[0];
  const lines = [renderTable(criteriaTable(comparison), 'markdown').trimEnd(), ''];
  if (first !== undefined) {
    lines.push(
      `Lower bound n·log2 n = ${first.lowerBound.toFixed(1)} edges; best integer degrees `
      + `${first.bestIntegerDegrees.join('·')} give ${first.bestIntegerEdges} edges `
      + `(${(Number(first.bestIntegerEdges) / first.lowerBound).toFixed(3)} × n·log2 n).`,
    );
  }
  const note = samplingNote(comparison);
  if (note !== '') lines.push('', note);
  for (const skip of comparison.skipped) lines.push(`- ${skip.structure} skipped: ${skip.reason}`);
  return `${lines.join('\n')}\n`;
}

/**
 * JSON-ready record with the keys the CLI promises. Counts stay bigint: serialise with
 * `stringifyExact` (src/report/json.ts), which writes them as exact integer literals.
 */
export function criteriaJson(found: FusionCriteria): Record<string, unknown> {
  const exact = (value: bigint): bigint => value;
  return {
    structure: found.structure,
    n: found.n,
    parameters: found.parameters,
    layers: found.layers,
    widths: found.widths,
    edges: exact(found.edges),
    everyToAll: found.everyToAll,
    unreachablePairs: exact(found.unreachablePairs),
    unreachableSampled: found.unreachableSampled,
    bottleneck: found.bottleneck,
    equalOutDegree: found.equalOutDegree,
    outDegrees: found.outDegrees,
    paths: { min: exact(found.paths.min), max: exact(found.paths.max), sources: found.paths.sources, sampled: found.paths.sampled },
    lowerBound: found.lowerBound,
    bestIntegerDegrees: found.bestIntegerDegrees,
    bestIntegerEdges: exact(found.bestIntegerEdges),
    criteria: found.criteria,
  };
}

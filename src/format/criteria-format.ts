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
import { withThousands } from '../text/numbers.js';

function describeParameters(parameters: FusionCriteria['parameters']): string {
  return Object.keys(parameters)
    .sort()
    .map((key) => {
      const value = parameters[key];
      return `${key}=${Array.isArray(value) ? value.join('·') : String(value)}`;
    })
    .join(' ');
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * The few-operations criterion, checked: the structure has the fewest edges a graph of n-wide
 * layers meeting the other criteria can have, n·min{Σd : ∏d ≥ n} (`bestIntegerEdges`).
 */
export function fewestEdges(found: FusionCriteria): boolean {
  return found.edges <= found.bestIntegerEdges;
}

/** All four of the paper's criteria: every-to-all, no bottleneck, equal out-degree, fewest edges. */
export function allCriteria(found: FusionCriteria): boolean {
  return found.criteria.connectivity && found.criteria.bottleneck && found.criteria.symmetry && fewestEdges(found);
}

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
      { header: 'structure' },
      { header: 'parameters' },
      { header: 'layers', align: 'right' },
      { header: 'edges', align: 'right' },
      { header: 'edges/(n log2 n)', align: 'right' },
      { header: 'every-to-all' },
      { header: 'unreachable', align: 'right' },
      { header: 'bottleneck', align: 'right' },
      { header: 'equal out-degree' },
      { header: 'paths', align: 'right' },
      { header: 'fewest edges' },
      { header: 'all four criteria' },
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
      yesNo(fewestEdges(found)),
      yesNo(allCriteria(found)),
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
  return (
    `* counted from ${sampled.paths.sources} evenly spaced inputs of ${sampled.widths[0] ?? sampled.n} ` +
    `(paths are exact up to ${PATH_EXACT_MAX_INPUTS} inputs; unreachable pairs are exact unless starred); ` +
    'every-to-all and bottleneck are exact.'
  );
}

/**
 * Where the bottleneck is, for each structure that fails the bottleneck criterion: the columns
 * holding the nodes of a minimum cut (`bottleneckCut`), e.g. "low-rank: a minimum cut of 6 nodes
 * lies in column 1 (6 nodes)". One line per such structure; empty when every structure meets it.
 */
export function bottleneckNotes(comparison: CriteriaComparison): string[] {
  return comparison.rows
    .filter((found) => !found.criteria.bottleneck)
    .map((found) => {
      const columns = found.bottleneckCut.flatMap((count, column) =>
        count > 0 ? [`${column} (${withThousands(BigInt(count))})`] : [],
      );
      return `${found.structure}: a minimum cut of ${withThousands(BigInt(found.bottleneck))} nodes lies in column${columns.length === 1 ? '' : 's'} ${columns.join(', ')} (column 0 = inputs)`;
    });
}

/**
 * Markdown section for reports: the table, the bounds, where the bottlenecks lie, and the skipped
 * structures. Byte-stable.
 */
export function renderCriteriaMarkdown(comparison: CriteriaComparison): string {
  const first = comparison.rows[0];
  const lines = [renderTable(criteriaTable(comparison), 'markdown').trimEnd(), ''];
  if (first !== undefined) {
    lines.push(
      `Lower bound n·log2 n = ${first.lowerBound.toFixed(1)} edges; best integer degrees ` +
        `${first.bestIntegerDegrees.join('·')} give ${first.bestIntegerEdges} edges ` +
        `(${(Number(first.bestIntegerEdges) / first.lowerBound).toFixed(3)} × n·log2 n): "fewest edges" is yes at or below it.`,
    );
  }
  const note = samplingNote(comparison);
  if (note !== '') lines.push('', note);
  const cuts = bottleneckNotes(comparison);
  if (cuts.length > 0) lines.push('', ...cuts.map((line) => `- ${line}`));
  for (const skip of comparison.skipped) lines.push(`- ${skip.structure} skipped: ${skip.reason}`);
  return `${lines.join('\n')}\n`;
}

/**
 * JSON-ready record with the keys the CLI promises. Counts stay bigint: serialise with
 * `stringifyExact` (src/text/json.ts), which writes them as exact integer literals.
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
    bottleneckCut: found.bottleneckCut,
    equalOutDegree: found.equalOutDegree,
    outDegrees: found.outDegrees,
    paths: {
      min: exact(found.paths.min),
      max: exact(found.paths.max),
      sources: found.paths.sources,
      sampled: found.paths.sampled,
    },
    lowerBound: found.lowerBound,
    bestIntegerDegrees: found.bestIntegerDegrees,
    bestIntegerEdges: exact(found.bestIntegerEdges),
    criteria: { ...found.criteria, fewestEdges: fewestEdges(found), all: allCriteria(found) },
  };
}

/**
 * The comparison as one CSV of raw values, a row per structure: exact integers, `true`/`false`,
 * lists joined by `·` (e.g. radices `2·2·2`, out-degrees per layer, `min-max` where a layer's
 * nodes differ); path counts with the number
 * of sources they were computed on and whether that was a sample. Skipped structures are left out.
 */
export function criteriaCsv(comparison: CriteriaComparison): string {
  const list = (values: readonly (number | string)[]): string => values.join('·');
  const parameters = (found: FusionCriteria): string =>
    Object.entries(found.parameters)
      .map(([name, value]) => `${name}=${typeof value === 'number' ? value : list(value)}`)
      .join(' ');
  const columns = [
    'structure',
    'n',
    'parameters',
    'layers',
    'edges',
    'lower_bound',
    'best_integer_edges',
    'every_to_all',
    'unreachable_pairs',
    'unreachable_sampled',
    'bottleneck',
    'bottleneck_cut',
    'equal_out_degree',
    'out_degrees',
    'paths_min',
    'paths_max',
    'path_sources',
    'paths_sampled',
    'connectivity',
    'bottleneck_criterion',
    'symmetry',
  ];
  const rows = comparison.rows.map((found) => [
    found.structure,
    String(found.n),
    parameters(found),
    String(found.layers),
    found.edges.toString(),
    String(found.lowerBound),
    found.bestIntegerEdges.toString(),
    String(found.everyToAll),
    found.unreachablePairs.toString(),
    String(found.unreachableSampled),
    String(found.bottleneck),
    list(found.bottleneckCut),
    String(found.equalOutDegree),
    list(found.outDegrees.map((d) => (typeof d === 'number' ? d : `${d.min}-${d.max}`))),
    found.paths.min.toString(),
    found.paths.max.toString(),
    String(found.paths.sources),
    String(found.paths.sampled),
    String(found.criteria.connectivity),
    String(found.criteria.bottleneck),
    String(found.criteria.symmetry),
  ]);
  return renderTable({ columns: columns.map((header) => ({ header })), rows }, 'csv');
}

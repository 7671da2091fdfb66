import type { FusionCriteria, FusionStructure } from '../model/fusion-graph.js';
import { FUSION_STRUCTURES } from '../model/fusion-graph.js';
import { UserError } from '../errors.js';
import type { Table } from '../text/table.js';
import { renderTable } from '../text/table.js';
import { evaluateCriteria } from './criteria.js';
import { generateStructure, type StructureOptions } from './generate.js';

/** A structure that could not be built for this n (e.g. bft when n is not a power of the base). */
export interface SkippedStructure {
  readonly structure: FusionStructure;
  readonly reason: string;
}

/** Findings for several structures at one width. */
export interface CriteriaComparison {
  readonly n: number;
  readonly rows: readonly FusionCriteria[];
  readonly skipped: readonly SkippedStructure[];
}

/**
 * Builds every structure in `structures` (default: all, in `FUSION_STRUCTURES` order) at width n
 * with `options` and checks the criteria on each. Structures whose parameters do not fit n are
 * listed in `skipped` with the reason, not thrown. Pure. Cost: the sum of `evaluateCriteria`
 * (dense is n² edges).
 * Example: criteriaComparison(64, {base: 2}).rows[1].criteria → all true for bft.
 */
export function criteriaComparison(
  n: number,
  options: StructureOptions = {},
  structures: readonly FusionStructure[] = FUSION_STRUCTURES,
): CriteriaComparison {
  const rows: FusionCriteria[] = [];
  const skipped: SkippedStructure[] = [];
  for (const structure of structures) {
    try {
      rows.push(evaluateCriteria(generateStructure(structure, n, options)));
    } catch (error) {
      if (!(error instanceof UserError) || structures.length === 1) throw error;
      skipped.push({ structure, reason: error.message });
    }
  }
  return { n, rows, skipped };
}

/** Parameters as "base=2 radices=2·2·2". */
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
      found.unreachablePairs.toString(),
      String(found.bottleneck),
      yesNo(found.equalOutDegree),
      found.paths.min === found.paths.max ? found.paths.min.toString() : `${found.paths.min}–${found.paths.max}`,
      yesNo(found.criteria.connectivity && found.criteria.bottleneck && found.criteria.symmetry),
    ]),
  };
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
    bottleneck: found.bottleneck,
    equalOutDegree: found.equalOutDegree,
    outDegrees: found.outDegrees,
    paths: { min: exact(found.paths.min), max: exact(found.paths.max) },
    lowerBound: found.lowerBound,
    bestIntegerDegrees: found.bestIntegerDegrees,
    bestIntegerEdges: exact(found.bestIntegerEdges),
    criteria: found.criteria,
  };
}

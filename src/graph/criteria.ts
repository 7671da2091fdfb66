import type { FusionCriteria, FusionGraph } from '../model/fusion-graph.js';
import { bestIntegerDegrees } from './best-degree-sequence.js';
import { bottleneckSize } from './bottleneck.js';
import { graphEdges, graphWidths } from './layered-graph.js';
import { outDegrees } from './out-degrees.js';
import { pathSummary } from './paths.js';

/**
 * Checks the paper's channel-fusion criteria (bft-paper.md §4) on a fusion graph and returns the
 * findings as data: every-to-all connectivity and unreachable pairs, bottleneck size by
 * max-flow, equal out-degree per layer, path counts, edges, and the bounds n·log2 n and
 * n·min{Σd : ∏d ≥ n}. The bottleneck criterion holds when the bottleneck is n.
 * Cost: dominated by the path counts (O(n²) for butterflies; see `pathSummary`) and the flow.
 */
export function evaluateCriteria(graph: FusionGraph): FusionCriteria {
  const paths = pathSummary(graph);
  const bottleneck = bottleneckSize(graph);
  const degrees = outDegrees(graph);
  const equalOutDegree = degrees.every((degree) => typeof degree === 'number');
  const best = bestIntegerDegrees(graph.n);
  const everyToAll = paths.unreachablePairs === 0n;
  return {
    structure: graph.structure,
    n: graph.n,
    parameters: graph.parameters,
    layers: graph.layers.length,
    widths: graphWidths(graph),
    edges: graphEdges(graph),
    everyToAll,
    unreachablePairs: paths.unreachablePairs,
    bottleneck,
    equalOutDegree,
    outDegrees: degrees,
    paths: { min: paths.min, max: paths.max },
    lowerBound: graph.n * Math.log2(graph.n),
    bestIntegerDegrees: best,
    bestIntegerEdges: BigInt(graph.n) * BigInt(best.reduce((sum, d) => sum + d, 0)),
    criteria: { connectivity: everyToAll, bottleneck: bottleneck === graph.n, symmetry: equalOutDegree },
  };
}

import type { FusionCriteria, FusionGraph } from '../model/fusion-graph.js';
import { bestIntegerDegrees } from './best-degree-sequence.js';
import { bottleneckCertificate } from './bottleneck.js';
import { graphEdges, graphWidths } from './layered-graph.js';
import { outDegrees } from './out-degrees.js';
import { pathSummary } from './paths.js';
import { reachability, type ProgressCallback } from './reachability.js';

/** Path statistics are exact (every input) up to this many inputs … */
export const PATH_EXACT_MAX_INPUTS = 4096;
/** … and above it counted from this many evenly spaced inputs, labelled as sampled. */
export const PATH_SAMPLED_INPUTS = 64;

/** Options of {@link evaluateCriteria}. */
export interface CriteriaOptions {
  /** Called now and then during long work (reachability blocks, path sources). */
  readonly progress?: ProgressCallback;
}

/**
 * The inputs whose path counts are taken: all of them up to {@link PATH_EXACT_MAX_INPUTS}, else
 * {@link PATH_SAMPLED_INPUTS} evenly spaced ones, ⌊(2i+1)·n / (2·64)⌋ for i = 0 … 63.
 */
export function pathSources(inputs: number): Uint32Array {
  if (inputs <= PATH_EXACT_MAX_INPUTS) return Uint32Array.from({ length: inputs }, (_, i) => i);
  const count = PATH_SAMPLED_INPUTS;
  return Uint32Array.from({ length: count }, (_, i) => Math.floor(((2 * i + 1) * inputs) / (2 * count)));
}

/**
 * Checks the paper's channel-fusion criteria (bft-paper.md §4) on a fusion graph and returns the
 * findings as data: every-to-all connectivity (exact, by bitset reachability over all inputs) and
 * the number of unreachable pairs (exact, or, when counting all would pass the reachability work
 * cap and some pair is unreachable, over the sampled path inputs and marked so), bottleneck size by max-flow (and where a minimum cut lies), equal out-degree per layer, path
 * counts (exact up to {@link PATH_EXACT_MAX_INPUTS} inputs, else sampled and marked so), edges,
 * and the bounds n·log2 n and n·min{Σd : ∏d ≥ n}. The bottleneck criterion holds when the
 * bottleneck is n.
 * Cost: reachability O(n²·Σ_layers / 2048 · 64) word operations at worst, the flow, and the path
 * counts of at most 4096 inputs. All structures at n = 65536 take well under a minute.
 */
export function evaluateCriteria(graph: FusionGraph, options: CriteriaOptions = {}): FusionCriteria {
  const reach = reachability(graph, options.progress === undefined ? {} : { progress: options.progress });
  const inputs = graph.layers[0]?.inWidth ?? graph.n;
  const sources = pathSources(inputs);
  const paths = pathSummary(graph, sources);
  const everyToAll = reach.everyToAll;
  const certificate = bottleneckCertificate(graph, options.progress);
  const bottleneck = certificate.size;
  const widths = graphWidths(graph);
  const bottleneckCut = widths.map(() => 0);
  for (const { column } of certificate.cut) bottleneckCut[column] = (bottleneckCut[column] ?? 0) + 1;
  const degrees = outDegrees(graph);
  const equalOutDegree = degrees.every((degree) => typeof degree === 'number');
  const best = bestIntegerDegrees(graph.n);
  return {
    structure: graph.structure,
    n: graph.n,
    parameters: graph.parameters,
    layers: graph.layers.length,
    widths,
    edges: graphEdges(graph),
    everyToAll,
    unreachablePairs: reach.unreachablePairs ?? paths.unreachablePairs,
    unreachableSampled: reach.unreachablePairs === null,
    bottleneck,
    bottleneckCut,
    equalOutDegree,
    outDegrees: degrees,
    paths: {
      min: everyToAll ? paths.min : 0n,
      max: paths.max,
      sources: paths.sources,
      sampled: paths.sources < inputs,
    },
    lowerBound: graph.n * Math.log2(graph.n),
    bestIntegerDegrees: best,
    bestIntegerEdges: BigInt(graph.n) * BigInt(best.reduce((sum, d) => sum + d, 0)),
    criteria: { connectivity: everyToAll, bottleneck: bottleneck === graph.n, symmetry: equalOutDegree },
  };
}

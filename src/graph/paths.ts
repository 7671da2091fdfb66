import type { FusionGraph } from '../model/fusion-graph.js';

/** Reachability and path counts between the input and the output column. */
export interface PathSummary {
  /** Input/output pairs with no path. */
  readonly unreachablePairs: bigint;
  /** Fewest and most distinct paths over all pairs (min is 0 when a pair is unreachable). */
  readonly min: bigint;
  readonly max: bigint;
}

/**
 * Counts paths from every input to every output by dynamic programming over the layers, one
 * input at a time, touching only the nodes reached so far (a sparse frontier in typed arrays):
 * paths(v) = Σ over edges (u → v) of paths(u). Cost O(Σ_inputs Σ_layers frontier·degree) —
 * O(n²·k/(k−1)) for a butterfly, O(n·E) at worst. Counts must stay below 2^53 (checked).
 */
export function pathSummary(graph: FusionGraph): PathSummary {
  const widths = [graph.layers[0]?.inWidth ?? graph.n, ...graph.layers.map((l) => l.outWidth)];
  const maxWidth = Math.max(...widths);
  let counts = new Float64Array(maxWidth);
  let nextCounts = new Float64Array(maxWidth);
  let frontier = new Uint32Array(maxWidth);
  let nextFrontier = new Uint32Array(maxWidth);
  const inputs = widths[0] ?? 0;
  const outputs = widths[widths.length - 1] ?? 0;
  let unreachable = 0;
  let min = Infinity;
  let max = 0;
  for (let input = 0; input < inputs; input++) {
    counts[input] = 1;
    frontier[0] = input;
    let size = 1;
    for (const layer of graph.layers) {
      let nextSize = 0;
      for (let f = 0; f < size; f++) {
        const u = frontier[f] ?? 0;
        const c = counts[u] ?? 0;
        counts[u] = 0;
        const end = layer.offsets[u + 1] ?? 0;
        for (let e = layer.offsets[u] ?? 0; e < end; e++) {
          const v = layer.targets[e] ?? 0;
          const before = nextCounts[v] ?? 0;
          if (before === 0) nextFrontier[nextSize++] = v;
          nextCounts[v] = before + c;
        }
      }
      [counts, nextCounts] = [nextCounts, counts];
      [frontier, nextFrontier] = [nextFrontier, frontier];
      size = nextSize;
    }
    unreachable += outputs - size;
    if (size < outputs) min = 0;
    for (let f = 0; f < size; f++) {
      const v = frontier[f] ?? 0;
      const c = counts[v] ?? 0;
      counts[v] = 0;
      if (c < min) min = c;
      if (c > max) max = c;
    }
  }
  if (!Number.isSafeInteger(max)) throw new RangeError(`path counts exceed 2^53 (${max})`);
  return { unreachablePairs: BigInt(unreachable), min: BigInt(min === Infinity ? 0 : min), max: BigInt(max) };
}

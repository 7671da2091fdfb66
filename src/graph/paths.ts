import type { FusionGraph, FusionLayer } from '../model/fusion-graph.js';

/** Reachability and path counts between some inputs (or all) and the output column. */
export interface PathSummary {
  /** Pairs (counted input, output) with no path. */
  readonly unreachablePairs: bigint;
  /** Fewest and most distinct paths over those pairs (min is 0 when a pair is unreachable). */
  readonly min: bigint;
  readonly max: bigint;
  /** Number of inputs counted. */
  readonly sources: number;
}

/** One layer of the path-count recursion paths(v) = Σ over edges (u → v) of paths(u), sparse. */
function pushLayer(
  layer: FusionLayer,
  counts: Float64Array,
  frontier: Uint32Array,
  size: number,
  nextCounts: Float64Array,
  nextFrontier: Uint32Array,
  rowCounts: Float64Array,
  rowList: Uint32Array,
): number {
  const { rowOf, rowStarts, targets } = layer;
  let nextSize = 0;
  if (rowStarts.length - 1 < layer.inWidth) {
    let rows = 0;
    for (let f = 0; f < size; f++) {
      const u = frontier[f] ?? 0;
      const r = rowOf[u] ?? 0;
      const before = rowCounts[r] ?? 0;
      if (before === 0) rowList[rows++] = r;
      rowCounts[r] = before + (counts[u] ?? 0);
      counts[u] = 0;
    }
    for (let i = 0; i < rows; i++) {
      const r = rowList[i] ?? 0;
      const c = rowCounts[r] ?? 0;
      rowCounts[r] = 0;
      for (let e = rowStarts[r] ?? 0, end = rowStarts[r + 1] ?? 0; e < end; e++) {
        const v = targets[e] ?? 0;
        const before = nextCounts[v] ?? 0;
        if (before === 0) nextFrontier[nextSize++] = v;
        nextCounts[v] = before + c;
      }
    }
    return nextSize;
  }
  for (let f = 0; f < size; f++) {
    const u = frontier[f] ?? 0;
    const c = counts[u] ?? 0;
    counts[u] = 0;
    const r = rowOf[u] ?? 0;
    for (let e = rowStarts[r] ?? 0, end = rowStarts[r + 1] ?? 0; e < end; e++) {
      const v = targets[e] ?? 0;
      const before = nextCounts[v] ?? 0;
      if (before === 0) nextFrontier[nextSize++] = v;
      nextCounts[v] = before + c;
    }
  }
  return nextSize;
}

/** Path counts from one input to every output in bigint (used when a float count passes 2^53). */
function exactPathCounts(graph: FusionGraph, input: number): bigint[] {
  let counts: bigint[] = new Array<bigint>(graph.layers[0]?.inWidth ?? graph.n).fill(0n);
  counts[input] = 1n;
  for (const layer of graph.layers) {
    const next: bigint[] = new Array<bigint>(layer.outWidth).fill(0n);
    counts.forEach((c, u) => {
      if (c === 0n) return;
      const r = layer.rowOf[u] ?? 0;
      for (let e = layer.rowStarts[r] ?? 0; e < (layer.rowStarts[r + 1] ?? 0); e++) {
        const v = layer.targets[e] ?? 0;
        next[v] = (next[v] ?? 0n) + c;
      }
    });
    counts = next;
  }
  return counts;
}

/**
 * Counts paths from every input in `sources` (default: all inputs) to every output by dynamic
 * programming over the layers, one input at a time, touching only the nodes reached so far (a
 * sparse frontier in typed arrays); nodes that share a row are summed once per row. Counts are
 * exact: an input whose float counts pass 2^53 is recounted in bigint. Cost per input O(Σ_layers
 * (reached nodes + stored targets of reached rows)) — O(n·k/(k−1)) for a butterfly, O(n) for a
 * complete layer.
 */
export function pathSummary(graph: FusionGraph, sources?: ArrayLike<number>): PathSummary {
  const widths = [graph.layers[0]?.inWidth ?? graph.n, ...graph.layers.map((l) => l.outWidth)];
  const maxWidth = Math.max(...widths);
  const maxRows = Math.max(0, ...graph.layers.map((layer) => layer.rowStarts.length - 1));
  let counts = new Float64Array(maxWidth);
  let nextCounts = new Float64Array(maxWidth);
  let frontier = new Uint32Array(maxWidth);
  let nextFrontier = new Uint32Array(maxWidth);
  const rowCounts = new Float64Array(maxRows);
  const rowList = new Uint32Array(maxRows);
  const inputs = widths[0] ?? 0;
  const outputs = widths[widths.length - 1] ?? 0;
  const list = sources ?? Uint32Array.from({ length: inputs }, (_, i) => i);
  let unreachable = 0;
  let min: bigint | null = null;
  let max = 0n;
  let floatMin = Infinity;
  let floatMax = 0;
  for (let i = 0; i < list.length; i++) {
    const input = list[i] ?? 0;
    counts[input] = 1;
    frontier[0] = input;
    let size = 1;
    for (const layer of graph.layers) {
      size = pushLayer(layer, counts, frontier, size, nextCounts, nextFrontier, rowCounts, rowList);
      [counts, nextCounts] = [nextCounts, counts];
      [frontier, nextFrontier] = [nextFrontier, frontier];
    }
    unreachable += outputs - size;
    if (size < outputs) floatMin = 0;
    let safe = true;
    for (let f = 0; f < size; f++) {
      const v = frontier[f] ?? 0;
      const c = counts[v] ?? 0;
      counts[v] = 0;
      if (c > Number.MAX_SAFE_INTEGER) safe = false;
      if (c < floatMin) floatMin = c;
      if (c > floatMax) floatMax = c;
    }
    if (!safe) {
      for (const c of exactPathCounts(graph, input)) {
        if (min === null || c < min) min = c;
        if (c > max) max = c;
      }
    }
  }
  // Float extremes are exact while below 2^53; an unsafe float maximum was recounted above.
  if (floatMax <= Number.MAX_SAFE_INTEGER && BigInt(floatMax) > max) max = BigInt(floatMax);
  if (floatMin !== Infinity && floatMin <= Number.MAX_SAFE_INTEGER && (min === null || BigInt(floatMin) < min))
    min = BigInt(floatMin);
  return { unreachablePairs: BigInt(unreachable), min: min ?? 0n, max, sources: list.length };
}

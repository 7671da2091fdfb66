import type { FusionGraph, FusionLayer } from '../model/fusion-graph.js';

/**
 * A layer in which every one of `inWidth` nodes has `degree` targets, written by `fill(u,
 * targets, at)` into targets[at … at + degree). O(inWidth · degree).
 */
export function regularLayer(
  inWidth: number,
  outWidth: number,
  degree: number,
  fill: (u: number, targets: Uint32Array, at: number) => void,
): FusionLayer {
  const offsets = new Uint32Array(inWidth + 1);
  const targets = new Uint32Array(inWidth * degree);
  for (let u = 0; u < inWidth; u++) {
    offsets[u] = u * degree;
    fill(u, targets, u * degree);
  }
  offsets[inWidth] = inWidth * degree;
  return { inWidth, outWidth, offsets, targets };
}

/** A layer from an explicit edge list (sources and targets of equal length). O(E + inWidth). */
export function layerFromEdges(inWidth: number, outWidth: number, sources: Uint32Array, ends: Uint32Array): FusionLayer {
  const offsets = new Uint32Array(inWidth + 1);
  for (const source of sources) offsets[source + 1] = (offsets[source + 1] ?? 0) + 1;
  for (let u = 0; u < inWidth; u++) offsets[u + 1] = (offsets[u + 1] ?? 0) + (offsets[u] ?? 0);
  const cursor = offsets.slice(0, inWidth);
  const targets = new Uint32Array(sources.length);
  for (let e = 0; e < sources.length; e++) {
    const source = sources[e] ?? 0;
    targets[cursor[source] ?? 0] = ends[e] ?? 0;
    cursor[source] = (cursor[source] ?? 0) + 1;
  }
  return { inWidth, outWidth, offsets, targets };
}

/** Total edges of a graph (= multiplications per pixel). O(m). */
export function graphEdges(graph: FusionGraph): bigint {
  return graph.layers.reduce((sum, layer) => sum + BigInt(layer.targets.length), 0n);
}

/** Node count of every column, input column first. O(m). */
export function graphWidths(graph: FusionGraph): number[] {
  const first = graph.layers[0];
  return first === undefined ? [graph.n] : [first.inWidth, ...graph.layers.map((layer) => layer.outWidth)];
}

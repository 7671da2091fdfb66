import type { FusionGraph, FusionLayer } from '../model/fusion-graph.js';
import { UserError } from '../errors.js';

/**
 * Builders and measures of fusion-graph layers (`FusionLayer`: compressed sparse rows that nodes
 * may share). Every count that can pass 2^32 (edges of a layer or a graph) is a bigint; the typed
 * arrays only ever hold node numbers (< 2^32) and positions in `targets`, whose length is capped
 * by {@link MAX_STORED_TARGETS}.
 */

/**
 * Most targets a graph may store (2^27, 512 MiB of Uint32). Complete and butterfly layers store
 * only n targets per layer, so this limits only explicit wide random or official-wiring layers.
 */
export const MAX_STORED_TARGETS = 2 ** 27;

/**
 * Throws a `UserError` (for `field`) when a graph would store more than
 * {@link MAX_STORED_TARGETS} targets.
 */
export function checkStoredTargets(count: bigint, field: string): void {
  if (count > BigInt(MAX_STORED_TARGETS)) {
    throw new UserError(`the graph would store ${count} edges, more than the limit ${MAX_STORED_TARGETS}`, {
      location: { field },
      expected: 'a smaller value',
    });
  }
}

/** Internal guard: typed-array positions stay below 2^32 and the memory cap. */
function assertStorable(count: number): void {
  if (!Number.isSafeInteger(count) || count > MAX_STORED_TARGETS) {
    throw new RangeError(`a layer would store ${count} targets (limit ${MAX_STORED_TARGETS})`);
  }
}

/**
 * A layer of `rows` rows of `rowLength` targets each: row r is written by `fillRow(r, targets,
 * at)` into targets[at … at + rowLength), and input u uses row `rowOf(u)`. O(inWidth + rows ·
 * rowLength).
 */
export function groupedLayer(
  inWidth: number,
  outWidth: number,
  rows: number,
  rowLength: number,
  rowOf: (u: number) => number,
  fillRow: (r: number, targets: Uint32Array, at: number) => void,
): FusionLayer {
  assertStorable(rows * rowLength);
  const rowStarts = new Uint32Array(rows + 1);
  const targets = new Uint32Array(rows * rowLength);
  for (let r = 0; r < rows; r++) {
    rowStarts[r] = r * rowLength;
    fillRow(r, targets, r * rowLength);
  }
  rowStarts[rows] = rows * rowLength;
  const rowOfInput = new Uint32Array(inWidth);
  for (let u = 0; u < inWidth; u++) rowOfInput[u] = rowOf(u);
  return { inWidth, outWidth, rowOf: rowOfInput, rowStarts, targets };
}

/**
 * A layer in which every one of `inWidth` nodes has its own `degree` targets, written by `fill(u,
 * targets, at)` into targets[at … at + degree). O(inWidth · degree).
 */
export function regularLayer(
  inWidth: number,
  outWidth: number,
  degree: number,
  fill: (u: number, targets: Uint32Array, at: number) => void,
): FusionLayer {
  return groupedLayer(inWidth, outWidth, inWidth, degree, (u) => u, fill);
}

/** Every input to every output: one shared row of all outputs; inWidth·outWidth edges. O(inWidth + outWidth). */
export function completeLayer(inWidth: number, outWidth: number): FusionLayer {
  return groupedLayer(
    inWidth,
    outWidth,
    1,
    outWidth,
    () => 0,
    (_, targets) => {
      for (let v = 0; v < outWidth; v++) targets[v] = v;
    },
  );
}

/** A layer from an explicit edge list (sources and targets of equal length). O(E + inWidth). */
export function layerFromEdges(
  inWidth: number,
  outWidth: number,
  sources: Uint32Array,
  ends: Uint32Array,
): FusionLayer {
  assertStorable(sources.length);
  const rowStarts = new Uint32Array(inWidth + 1);
  for (const source of sources) rowStarts[source + 1] = (rowStarts[source + 1] ?? 0) + 1;
  for (let u = 0; u < inWidth; u++) rowStarts[u + 1] = (rowStarts[u + 1] ?? 0) + (rowStarts[u] ?? 0);
  const cursor = rowStarts.slice(0, inWidth);
  const targets = new Uint32Array(sources.length);
  for (let e = 0; e < sources.length; e++) {
    const source = sources[e] ?? 0;
    targets[cursor[source] ?? 0] = ends[e] ?? 0;
    cursor[source] = (cursor[source] ?? 0) + 1;
  }
  const rowOf = new Uint32Array(inWidth);
  for (let u = 0; u < inWidth; u++) rowOf[u] = u;
  return { inWidth, outWidth, rowOf, rowStarts, targets };
}

/** Number of rows of a layer. */
export function layerRows(layer: FusionLayer): number {
  return layer.rowStarts.length - 1;
}

/** The targets of input u (a view into the layer's storage). O(1). */
export function layerTargets(layer: FusionLayer, u: number): Uint32Array {
  const r = layer.rowOf[u] ?? 0;
  return layer.targets.subarray(layer.rowStarts[r] ?? 0, layer.rowStarts[r + 1] ?? 0);
}

/** Out-degree of input u. O(1). */
export function outDegree(layer: FusionLayer, u: number): number {
  const r = layer.rowOf[u] ?? 0;
  return (layer.rowStarts[r + 1] ?? 0) - (layer.rowStarts[r] ?? 0);
}

/** Edges of one layer, exactly: Σ_u out-degree(u) (may pass 2^32). O(inWidth). */
export function layerEdges(layer: FusionLayer): bigint {
  // Each term is < 2^32 and there are < 2^32 of them: sum per row first, multiply in bigint.
  const users = new Float64Array(layerRows(layer));
  for (let u = 0; u < layer.inWidth; u++) users[layer.rowOf[u] ?? 0] = (users[layer.rowOf[u] ?? 0] ?? 0) + 1;
  let total = 0n;
  for (let r = 0; r < users.length; r++) {
    const count = users[r] ?? 0;
    if (count > 0) total += BigInt(count) * BigInt((layer.rowStarts[r + 1] ?? 0) - (layer.rowStarts[r] ?? 0));
  }
  return total;
}

/** Total edges of a graph (= multiplications per pixel), exactly. O(Σ inWidth). */
export function graphEdges(graph: FusionGraph): bigint {
  return graph.layers.reduce((sum, layer) => sum + layerEdges(layer), 0n);
}

/** Node count of every column, input column first. O(m). */
export function graphWidths(graph: FusionGraph): number[] {
  const first = graph.layers[0];
  return first === undefined ? [graph.n] : [first.inWidth, ...graph.layers.map((layer) => layer.outWidth)];
}

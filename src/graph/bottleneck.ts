import type { FusionGraph } from '../model/fusion-graph.js';

/**
 * Bottleneck size (bft-paper.md §4, criterion 2): the minimum number of nodes whose removal
 * cuts every path from the input column to the output column. By Menger's theorem it equals
 * the maximum number of node-disjoint input→output paths, found here as a max-flow with unit
 * node capacities on the node-split network, kept implicit: every node carries at most one
 * unit, so the flow is stored as one successor and one predecessor per node.
 *
 * Phase 1 routes paths greedily (each input walks forward, preferring the node with its own
 * index, then any free node) — enough for butterflies, dense and shuffle graphs. Phase 2 adds
 * augmenting paths found by a breadth-first search of the residual network from all free
 * inputs at once. It stops early when the flow reaches the narrowest column.
 * Cost O(E) for phase 1, O(V + E) per augmenting path in phase 2.
 */
export function bottleneckSize(graph: FusionGraph): number {
  const layers = graph.layers;
  const m = layers.length;
  const widths = [layers[0]?.inWidth ?? graph.n, ...layers.map((l) => l.outWidth)];
  const limit = Math.min(...widths);
  // next[c][x]: the node of column c+1 that x sends its unit to; prev[c][x]: where it came from.
  const next = widths.map((w) => new Int32Array(w).fill(-1));
  const prev = widths.map((w) => new Int32Array(w).fill(-1));
  const used = (c: number, x: number): boolean =>
    (c === 0 ? next[0]?.[x] ?? -1 : prev[c]?.[x] ?? -1) !== -1;

  let flow = greedyPaths(graph, widths, next, prev);
  if (m === 0) return widths[0] ?? 0;

  // Residual search over states (column, node, side): side 0 = entering the node, 1 = leaving.
  const offsets = [0];
  for (const w of widths) offsets.push((offsets[offsets.length - 1] ?? 0) + w);
  const total = offsets[m + 1] ?? 0;
  const parent = new Int32Array(2 * total);
  const queue = new Int32Array(2 * total);
  const state = (c: number, x: number, side: number) => 2 * ((offsets[c] ?? 0) + x) + side;
  const columnOf = (id: number): number => {
    const node = id >> 1;
    let c = 0;
    while ((offsets[c + 1] ?? 0) <= node) c++;
    return c;
  };

  while (flow < limit) {
    parent.fill(-2);
    let head = 0;
    let tail = 0;
    for (let x = 0; x < (widths[0] ?? 0); x++) {
      if (!used(0, x)) {
        const s = state(0, x, 1);
        parent[s] = -1;
        queue[tail++] = s;
      }
    }
    let found = -1;
    while (head < tail && found < 0) {
      const s = queue[head++] ?? 0;
      const c = columnOf(s);
      const x = (s >> 1) - (offsets[c] ?? 0);
      const visit = (t: number) => {
        if (parent[t] === -2) {
          parent[t] = s;
          queue[tail++] = t;
        }
      };
      if ((s & 1) === 0) {
        // Entering x: use the node if free, else undo the unit that entered it.
        if (!used(c, x)) {
          if (c === m) { found = state(c, x, 1); parent[found] = s; break; }
          visit(state(c, x, 1));
        } else if (c > 0) {
          visit(state(c - 1, prev[c]?.[x] ?? 0, 1));
        }
      } else {
        if (c === m) continue;
        const layer = layers[c];
        if (layer === undefined) continue;
        const own = next[c]?.[x] ?? -1;
        const end = layer.offsets[x + 1] ?? 0;
        for (let e = layer.offsets[x] ?? 0; e < end; e++) {
          const y = layer.targets[e] ?? 0;
          if (y !== own) visit(state(c + 1, y, 0));
        }
        if (c > 0 && used(c, x)) visit(state(c, x, 0));
      }
    }
    if (found < 0) break;
    augment(found, parent, columnOf, offsets, next, prev);
    flow++;
  }
  return flow;
}

/** Applies an augmenting path (walked back from its end through `parent`). */
function augment(
  end: number,
  parent: Int32Array,
  columnOf: (id: number) => number,
  offsets: readonly number[],
  next: Int32Array[],
  prev: Int32Array[],
): void {
  const path: number[] = [];
  for (let s = end; s >= 0; s = parent[s] ?? -1) path.push(s);
  path.reverse();
  for (let i = 0; i + 1 < path.length; i++) {
    const from = path[i] ?? 0;
    const to = path[i + 1] ?? 0;
    const cFrom = columnOf(from);
    const cTo = columnOf(to);
    const xFrom = (from >> 1) - (offsets[cFrom] ?? 0);
    const xTo = (to >> 1) - (offsets[cTo] ?? 0);
    if (cTo === cFrom + 1) {
      // Forward edge xFrom → xTo gains the unit.
      (next[cFrom] as Int32Array)[xFrom] = xTo;
      (prev[cTo] as Int32Array)[xTo] = xFrom;
    } else if (cTo === cFrom - 1) {
      // Backward over edge xTo → xFrom: cancel it (unless already re-routed on this path).
      if (next[cTo]?.[xTo] === xFrom) (next[cTo] as Int32Array)[xTo] = -1;
      if (prev[cFrom]?.[xFrom] === xTo) (prev[cFrom] as Int32Array)[xFrom] = -1;
    }
    // Moves inside a node (enter ↔ leave) change no edge.
  }
}

/** Greedy phase: route each input forward through free nodes; returns the number routed. */
function greedyPaths(graph: FusionGraph, widths: readonly number[], next: Int32Array[], prev: Int32Array[]): number {
  const m = graph.layers.length;
  const route = new Int32Array(m + 1);
  let routed = 0;
  for (let input = 0; input < (widths[0] ?? 0); input++) {
    route[0] = input;
    let ok = true;
    for (let c = 0; c < m && ok; c++) {
      const layer = graph.layers[c];
      const x = route[c] ?? 0;
      if (layer === undefined) break;
      const start = layer.offsets[x] ?? 0;
      const end = layer.offsets[x + 1] ?? 0;
      let choice = -1;
      for (let e = start; e < end; e++) {
        const y = layer.targets[e] ?? 0;
        if ((prev[c + 1]?.[y] ?? 0) !== -1) continue;
        if (y === x) { choice = y; break; }
        if (choice < 0) choice = y;
      }
      if (choice < 0) ok = false;
      else route[c + 1] = choice;
    }
    if (!ok) continue;
    for (let c = 0; c < m; c++) {
      (next[c] as Int32Array)[route[c] ?? 0] = route[c + 1] ?? 0;
      (prev[c + 1] as Int32Array)[route[c + 1] ?? 0] = route[c] ?? 0;
    }
    routed++;
  }
  return routed;
}

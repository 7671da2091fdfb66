import type { FusionGraph, FusionLayer } from '../model/fusion-graph.js';

/**
 * Bottleneck size (bft-paper.md §4, criterion 2): the minimum number of nodes whose removal
 * cuts every path from the input column to the output column. By Menger's theorem it equals
 * the maximum number of node-disjoint input→output paths, found here as a max-flow with unit
 * node capacities on the node-split network, kept implicit: every node carries at most one
 * unit, so the flow is stored as one successor and one predecessor per node.
 *
 * Phase 1 routes paths greedily (each input walks forward, preferring the node with its own
 * index, then any free node) — enough for butterflies, dense and shuffle graphs. Phase 2 is
 * Dinic's algorithm (Dinic 1970; Even & Tarjan 1975 for unit capacities): a breadth-first
 * search from all free inputs labels the residual network by distance, then depth-first searches
 * with per-state arc pointers add a blocking set of shortest augmenting paths (many per search,
 * dead ends pruned for the rest of the phase). It stops early when the flow reaches the
 * narrowest column.
 * Cost O(E) for phase 1; phase 2 O(E) per phase and O(√V) phases (unit capacities), so
 * O(E·√V) in all, instead of O(V + E) per single path.
 */
export function bottleneckSize(graph: FusionGraph): number {
  const layers = graph.layers;
  const m = layers.length;
  const widths = [layers[0]?.inWidth ?? graph.n, ...layers.map((l) => l.outWidth)];
  const limit = Math.min(...widths);
  // next[c][x]: the node of column c+1 that x sends its unit to; prev[c][x]: where it came from.
  const next = widths.map((w) => new Int32Array(w).fill(-1));
  const prev = widths.map((w) => new Int32Array(w).fill(-1));

  let flow = greedyPaths(graph, widths, next, prev);
  if (m === 0) return widths[0] ?? 0;
  if (flow >= limit) return flow;

  const network = residualNetwork(graph, widths, next, prev);
  while (flow < limit) {
    const added = network.phase();
    if (added === 0) break;
    flow += added;
  }
  return Math.min(flow, limit);
}

/**
 * The residual network of the node-split graph over states (column c, node x, side): side 0 =
 * entering x, side 1 = leaving x, state id 2·(first id of column c + x) + side. Arcs, derived
 * from the current flow (next/prev) rather than stored:
 * - enter(c, x) → leave(c, x) when x carries no unit (its capacity 1 is free);
 * - enter(c, x) → leave(c−1, prev) when it does (undo the unit that entered x);
 * - leave(c, x) → enter(c+1, y) for every edge x → y that carries no unit;
 * - leave(c, x) → enter(c, x) when x carries a unit (c > 0; re-route it).
 * Paths start at leave(0, x) of a free input and end at enter(m, y) of a free output.
 */
function residualNetwork(graph: FusionGraph, widths: readonly number[], next: Int32Array[], prev: Int32Array[]): { phase: () => number } {
  const layers = graph.layers;
  const m = layers.length;
  const first = [0];
  for (const w of widths) first.push((first[first.length - 1] ?? 0) + w);
  const total = first[m + 1] ?? 0;
  const column = new Int32Array(total);
  for (let c = 0; c <= m; c++) column.fill(c, first[c] ?? 0, first[c + 1] ?? 0);
  const level = new Int32Array(2 * total);
  const pointer = new Int32Array(2 * total);
  const queue = new Int32Array(2 * total);
  const path = new Int32Array(2 * total + 1);
  const nodeOf = (id: number): number => (id >> 1) - (first[column[id >> 1] ?? 0] ?? 0);
  const used = (c: number, x: number): boolean => (c === 0 ? next[0]?.[x] ?? -1 : prev[c]?.[x] ?? -1) !== -1;

  /**
   * The arc number `i` of state `id` (see above): its head, −1 when that arc is absent now, −2
   * past the last arc. Enter states have one arc; leave(c, x) has deg(x) edge arcs, then the
   * re-route arc.
   */
  const arc = (id: number, i: number): number => {
    const node = id >> 1;
    const c = column[node] ?? 0;
    const x = node - (first[c] ?? 0);
    if ((id & 1) === 0) {
      if (i > 0) return -2;
      if (!used(c, x)) return c === m ? -1 : 2 * node + 1;
      return c === 0 ? -1 : 2 * ((first[c - 1] ?? 0) + (prev[c]?.[x] ?? 0)) + 1;
    }
    if (c === m) return -2;
    const layer = layers[c] as FusionLayer;
    const row = layer.rowOf[x] ?? 0;
    const start = layer.rowStarts[row] ?? 0;
    const degree = (layer.rowStarts[row + 1] ?? 0) - start;
    if (i < degree) {
      const y = layer.targets[start + i] ?? 0;
      return next[c]?.[x] === y ? -1 : 2 * ((first[c + 1] ?? 0) + y);
    }
    if (i === degree) return c > 0 && used(c, x) ? 2 * node : -1;
    return -2;
  };
  /** A free output's enter state ends an augmenting path. */
  const isEnd = (id: number): boolean => (id & 1) === 0 && column[id >> 1] === m && !used(m, nodeOf(id));

  /** Breadth-first levels from the free inputs; the level of the nearest free output, or −1. */
  const label = (): number => {
    level.fill(-1);
    let head = 0;
    let tail = 0;
    for (let x = 0; x < (widths[0] ?? 0); x++) {
      if (!used(0, x)) {
        const id = 2 * x + 1;
        level[id] = 0;
        queue[tail++] = id;
      }
    }
    let endLevel = -1;
    while (head < tail) {
      const id = queue[head++] ?? 0;
      const d = level[id] ?? 0;
      if (endLevel >= 0 && d >= endLevel) break;
      if (isEnd(id)) { endLevel = d; continue; }
      for (let i = 0; ; i++) {
        const to = arc(id, i);
        if (to === -2) break;
        if (to >= 0 && level[to] === -1) {
          level[to] = d + 1;
          queue[tail++] = to;
        }
      }
    }
    return endLevel;
  };

  /** One Dinic phase: label, then add augmenting paths until none of the shortest length is left. */
  const phase = (): number => {
    const endLevel = label();
    if (endLevel < 0) return 0;
    pointer.fill(0);
    let added = 0;
    for (let x = 0; x < (widths[0] ?? 0); x++) {
      const startId = 2 * x + 1;
      if (level[startId] !== 0 || used(0, x)) continue;
      let depth = 0;
      path[0] = startId;
      while (depth >= 0) {
        const id = path[depth] ?? 0;
        const d = level[id] ?? 0;
        if (d === endLevel) {
          if (isEnd(id)) {
            applyPath(path, depth + 1, column, first, next, prev);
            added++;
            break;
          }
          level[id] = -1;
          depth--;
          continue;
        }
        let advanced = false;
        for (let i = pointer[id] ?? 0; ; i++) {
          const to = arc(id, i);
          if (to === -2) { pointer[id] = i; break; }
          if (to >= 0 && level[to] === d + 1) {
            pointer[id] = i;
            path[++depth] = to;
            advanced = true;
            break;
          }
        }
        if (!advanced) {
          // Dead end for the rest of the phase.
          level[id] = -1;
          depth--;
        }
      }
    }
    return added;
  };
  return { phase };
}

/** Applies an augmenting path given as its state ids in order. O(path length). */
function applyPath(
  path: Int32Array,
  length: number,
  column: Int32Array,
  first: readonly number[],
  next: Int32Array[],
  prev: Int32Array[],
): void {
  for (let i = 0; i + 1 < length; i++) {
    const from = (path[i] ?? 0) >> 1;
    const to = (path[i + 1] ?? 0) >> 1;
    const cFrom = column[from] ?? 0;
    const cTo = column[to] ?? 0;
    const xFrom = from - (first[cFrom] ?? 0);
    const xTo = to - (first[cTo] ?? 0);
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

/**
 * Greedy phase: a depth-first search from each input in turn through free nodes to a free
 * output, never re-routing earlier paths. A node from which a search fails is marked dead (the
 * free nodes only shrink, so it stays useless), and a node on a found path is used, so every node
 * is entered at most once over all searches: O(V + stored targets) in all. A node tries the
 * target with its own index first (the identity-like paths of butterflies); rows shared by many
 * nodes (complete, butterfly and shuffle layers) keep a pointer past their used and dead targets,
 * so a complete layer costs O(n), not O(n²). Returns the number of paths routed.
 */
function greedyPaths(graph: FusionGraph, widths: readonly number[], next: Int32Array[], prev: Int32Array[]): number {
  const m = graph.layers.length;
  const dead = widths.map((w) => new Uint8Array(w));
  const pointers = graph.layers.map((layer) => layer.rowStarts.slice(0, layer.rowStarts.length - 1));
  const route = new Int32Array(m + 1);
  /** Cursor of the node on the stack at column c: −1 = own index not tried yet. */
  const cursor = new Float64Array(m + 1);
  const blocked = (c: number, y: number): boolean => (prev[c]?.[y] ?? 0) !== -1 || dead[c]?.[y] === 1;
  let routed = 0;
  for (let input = 0; input < (widths[0] ?? 0); input++) {
    if (next[0]?.[input] !== -1 || dead[0]?.[input] === 1) continue;
    route[0] = input;
    cursor[0] = -1;
    let c = 0;
    while (c >= 0 && c < m) {
      const layer = graph.layers[c] as FusionLayer;
      const x = route[c] ?? 0;
      const row = layer.rowOf[x] ?? 0;
      const end = layer.rowStarts[row + 1] ?? 0;
      let choice = -1;
      if ((cursor[c] ?? 0) < 0) {
        cursor[c] = 0;
        // Own index first, when it is a free target of this node.
        if (x < layer.outWidth && !blocked(c + 1, x)) {
          for (let e = layer.rowStarts[row] ?? 0; e < end; e++) if (layer.targets[e] === x) { choice = x; break; }
        }
      }
      if (choice < 0) {
        const pointer = pointers[c] as Uint32Array;
        let e = pointer[row] ?? 0;
        while (e < end && blocked(c + 1, layer.targets[e] ?? 0)) e++;
        pointer[row] = e;
        if (e < end) choice = layer.targets[e] ?? 0;
      }
      if (choice < 0) {
        (dead[c] as Uint8Array)[x] = 1;
        c--;
        continue;
      }
      route[c + 1] = choice;
      cursor[c + 1] = -1;
      c++;
      if (c === m && blocked(m, choice)) { c--; }
    }
    if (c < m) continue;
    for (let k = 0; k < m; k++) {
      (next[k] as Int32Array)[route[k] ?? 0] = route[k + 1] ?? 0;
      (prev[k + 1] as Int32Array)[route[k + 1] ?? 0] = route[k] ?? 0;
    }
    routed++;
  }
  return routed;
}

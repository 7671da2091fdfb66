import type { FusionGraph, FusionLayer } from '../model/fusion-graph.js';
import { valueAt } from '../errors.js';
import type { ProgressCallback } from './reachability.js';

/**
 * Bottleneck size (bft-paper.md §4, criterion 2): the minimum number of nodes whose removal
 * cuts every path from the input column to the output column. By Menger's theorem it equals
 * the maximum number of node-disjoint input→output paths.
 *
 * Phase 1 routes paths greedily (each input walks forward, preferring the node with its own
 * index, then any free node) — enough for butterflies, dense, shuffle and low-rank graphs.
 * When it falls short of the narrowest column, phase 2 finishes the job as a maximum bipartite
 * matching ({@link PathMatching}): rounds of a backward breadth-first search from the free
 * outputs (exact distances; vertices that cannot reach a free output are dropped for good)
 * followed by depth-first searches from the free inputs that only step down those distances,
 * adding a set of vertex-disjoint augmenting paths per round. The distances are the exact labels
 * of push–relabel's global relabeling (Goldberg & Tarjan 1988), here used as Dinic-style levels
 * measured from the outputs' side: each free input follows its own shortest path, so unlike
 * Hopcroft–Karp a round is not limited to the globally shortest length. On random graphs at
 * n = 65536 that takes about 60 rounds where Hopcroft–Karp took about 240 phases (measured).
 * It stops early when the flow reaches the narrowest column.
 * Cost: phase 1 O(V + stored targets); a round O(E), and every round adds at least one path
 * (its first search starts on exact labels), so at most (narrowest column) rounds.
 * `progress` hears ('bottleneck', paths so far, narrowest column) after every round.
 */
export function bottleneckSize(graph: FusionGraph, progress?: ProgressCallback): number {
  return bottleneckCertificate(graph, progress).size;
}

/** A node of a fusion graph: its column (0 = inputs) and its index in that column. */
export interface GraphNode {
  readonly column: number;
  readonly node: number;
}

/**
 * The bottleneck with its proof (max-flow = min-cut): `size` node-disjoint input→output paths,
 * given by `next` (next[c][x] = the node of column c+1 that the path through node x of column c
 * goes to, −1 when x is on no path), and a cut of `size` nodes that meets every input→output
 * path. Either alone bounds the bottleneck from one side; together they fix it.
 */
export interface BottleneckCertificate {
  readonly size: number;
  readonly next: readonly Int32Array[];
  readonly cut: readonly GraphNode[];
}

/** {@link bottleneckSize} with its certificate. Same cost, plus one O(E) search for the cut. */
export function bottleneckCertificate(graph: FusionGraph, progress?: ProgressCallback): BottleneckCertificate {
  const layers = graph.layers;
  const m = layers.length;
  const widths = [layers[0]?.inWidth ?? graph.n, ...layers.map((l) => l.outWidth)];
  const limit = Math.min(...widths);
  // next[c][x]: the node of column c+1 that x sends its unit to; prev[c][x]: where it came from.
  const next = widths.map((w) => new Int32Array(w).fill(-1));
  const prev = widths.map((w) => new Int32Array(w).fill(-1));

  let flow = greedyPaths(graph, widths, next, prev);
  const narrowest = (): GraphNode[] => {
    const column = widths.indexOf(limit);
    return Array.from({ length: limit }, (_, node) => ({ column, node }));
  };
  if (m === 0 || flow >= limit) return { size: Math.min(flow, limit), next: next.slice(0, m), cut: narrowest() };
  const matching = new PathMatching(graph, widths, next);
  for (;;) {
    progress?.('bottleneck', flow, limit);
    const added = matching.round(limit - flow);
    if (added === 0) break;
    flow += added;
  }
  progress?.('bottleneck', flow, limit);
  const paths = matching.paths(widths);
  return { size: flow, next: paths, cut: flow >= limit ? narrowest() : matching.minimumCut() };
}

/**
 * Node-disjoint input→output paths of a layered graph as a bipartite matching. Every node has
 * a "leaving" copy (the left side: nodes of columns 0 … m−1) and an "entering" copy (the right
 * side: nodes of columns 1 … m); both are numbered by node, id = first[c] + x. An edge x → y of
 * layer c joins leave(c, x) to enter(c+1, y), and every inner node (columns 1 … m−1) also joins
 * its own two copies: an inner node matched to itself is unused. The starting matching covers
 * every inner copy, augmenting never uncovers a vertex, so every later matching covers them too
 * and each matched output is one path: the number of paths is the number of matched outputs.
 *
 * A left vertex from which no alternating path reaches a free output is dead for good: its
 * alternating reach D is closed (every right neighbour of D is matched into D), so an
 * augmenting path can never enter D ∪ N(D), the matching there never changes and D stays
 * closed. Rounds therefore skip every vertex a previous round found dead.
 *
 * The adjacency is read from the layers' rows (shared rows stay shared); the backward search
 * uses their transpose by rows — for each right vertex the rows that list it, and for each row
 * the left vertices that use it — O(stored targets + V) memory.
 */
class PathMatching {
  private readonly inputs: number;
  /** Left vertices are ids [0, leftEnd); the free outputs are among [leftEnd, total). */
  private readonly leftEnd: number;
  private readonly total: number;
  private readonly column: Int32Array;
  /** first[c]: id of node 0 of column c. */
  private readonly first: Int32Array;
  private readonly firstOfNext: Int32Array;
  private readonly targetsOf: readonly Uint32Array[];
  /** Per left vertex: where its row lies in its layer's targets. */
  private readonly rowStart: Uint32Array;
  private readonly rowEnd: Uint32Array;
  /**
   * Transpose by rows: the rows listing right vertex v are entries[rowsAt[v] … rowsAt[v+1]),
   * each either ~u (a row used by left vertex u alone) or a global row id R ≥ 0 (a shared row).
   */
  private readonly rowsAt: Uint32Array;
  private readonly entries: Int32Array;
  /** Left vertices using global row R are users[usersAt[R] … usersAt[R+1]). */
  private readonly usersAt: Uint32Array;
  private readonly users: Uint32Array;
  private readonly mateOut: Int32Array;
  private readonly mateIn: Int32Array;
  /** Alternating distance to a free output (in left vertices), −1 when none; 1 = a free output is a neighbour. */
  private readonly distance: Int32Array;
  private readonly dead: Uint8Array;
  private readonly blocked: Int32Array;
  private readonly queue: Int32Array;
  private readonly pointer: Uint32Array;
  private readonly stack: Int32Array;
  private readonly chosen: Int32Array;
  private stamp = 0;

  constructor(graph: FusionGraph, widths: readonly number[], next: readonly Int32Array[]) {
    const layers = graph.layers;
    const m = layers.length;
    this.inputs = valueAt(widths, 0);
    const first = new Int32Array(m + 2);
    for (let c = 0; c <= m; c++) first[c + 1] = int32At(first, c) + valueAt(widths, c);
    this.first = first;
    this.leftEnd = int32At(first, m);
    this.total = int32At(first, m + 1);
    const { leftEnd, total } = this;
    this.column = new Int32Array(total);
    for (let c = 0; c <= m; c++) this.column.fill(c, int32At(first, c), int32At(first, c + 1));
    this.firstOfNext = Int32Array.from({ length: m }, (_, c) => int32At(first, c + 1));
    this.targetsOf = layers.map((layer) => layer.targets);

    // Rows: global row id R = rowBase[c] + r.
    const rowBase = new Uint32Array(m + 1);
    layers.forEach((layer, c) => {
      rowBase[c + 1] = uint32At(rowBase, c) + layer.rowStarts.length - 1;
    });
    const rows = uint32At(rowBase, m);
    this.rowStart = new Uint32Array(leftEnd);
    this.rowEnd = new Uint32Array(leftEnd);
    this.usersAt = new Uint32Array(rows + 1);
    this.users = new Uint32Array(leftEnd);
    this.rowsAt = new Uint32Array(total + 1);
    layers.forEach((layer, c) => {
      for (let x = 0; x < valueAt(widths, c); x++) {
        const row = uint32At(layer.rowOf, x);
        const id = int32At(first, c) + x;
        this.rowStart[id] = uint32At(layer.rowStarts, row);
        this.rowEnd[id] = uint32At(layer.rowStarts, row + 1);
        const at = uint32At(rowBase, c) + row + 1;
        this.usersAt[at] = uint32At(this.usersAt, at) + 1;
      }
      for (const y of layer.targets) {
        const at = int32At(first, c + 1) + y + 1;
        this.rowsAt[at] = uint32At(this.rowsAt, at) + 1;
      }
    });
    for (let r = 0; r < rows; r++) this.usersAt[r + 1] = uint32At(this.usersAt, r + 1) + uint32At(this.usersAt, r);
    for (let v = 0; v < total; v++) this.rowsAt[v + 1] = uint32At(this.rowsAt, v + 1) + uint32At(this.rowsAt, v);
    this.entries = new Int32Array(uint32At(this.rowsAt, total));
    const userFill = this.usersAt.slice(0, rows);
    const rowFill = this.rowsAt.slice(0, total);
    layers.forEach((layer, c) => {
      for (let x = 0; x < valueAt(widths, c); x++) {
        const global = uint32At(rowBase, c) + uint32At(layer.rowOf, x);
        const at = uint32At(userFill, global);
        userFill[global] = at + 1;
        this.users[at] = int32At(first, c) + x;
      }
      for (let r = 0; r + 1 < layer.rowStarts.length; r++) {
        const global = uint32At(rowBase, c) + r;
        const start = uint32At(this.usersAt, global);
        const entry = uint32At(this.usersAt, global + 1) - start === 1 ? ~uint32At(this.users, start) : global;
        for (let e = uint32At(layer.rowStarts, r); e < uint32At(layer.rowStarts, r + 1); e++) {
          const v = int32At(first, c + 1) + uint32At(layer.targets, e);
          const at = uint32At(rowFill, v);
          rowFill[v] = at + 1;
          this.entries[at] = entry;
        }
      }
    });

    // The starting matching: greedy paths, every other inner node matched to itself.
    this.mateOut = new Int32Array(leftEnd).fill(-1);
    this.mateIn = new Int32Array(total).fill(-1);
    for (let id = this.inputs; id < leftEnd; id++) {
      this.mateOut[id] = id;
      this.mateIn[id] = id;
    }
    for (let c = 0; c < m; c++) {
      const column = next[c] as Int32Array;
      for (let x = 0; x < valueAt(widths, c); x++) {
        const y = int32At(column, x);
        if (y < 0) continue;
        const from = int32At(first, c) + x;
        const to = int32At(first, c + 1) + y;
        this.mateOut[from] = to;
        this.mateIn[to] = from;
      }
    }
    this.distance = new Int32Array(leftEnd);
    this.dead = new Uint8Array(leftEnd);
    this.blocked = new Int32Array(leftEnd);
    this.queue = new Int32Array(leftEnd);
    this.pointer = new Uint32Array(leftEnd);
    this.stack = new Int32Array(leftEnd + 1);
    this.chosen = new Int32Array(leftEnd + 1);
  }

  /** Slots of left vertex u: its row's targets, then (inner nodes) its own entering copy. */
  private slots(u: number): number {
    return uint32At(this.rowEnd, u) - uint32At(this.rowStart, u) + (u >= this.inputs ? 1 : 0);
  }

  /** The right vertex in slot i of left vertex u (i < slots(u)). */
  private neighbour(u: number, i: number): number {
    const at = uint32At(this.rowStart, u) + i;
    if (at === this.rowEnd[u]) return u;
    const c = int32At(this.column, u);
    return int32At(this.firstOfNext, c) + uint32At(valueAt(this.targetsOf, c), at);
  }

  /**
   * Sets `distance` by a backward breadth-first search from the free outputs over the live
   * vertices, marks every vertex left unreached dead, and returns the number of live free inputs.
   * Left vertex u steps to w = mateIn[v] over an unmatched edge u–v, so w is reached backwards
   * from the left vertices joined to w's mate.
   */
  private relabel(): number {
    const { distance, dead, queue, mateIn, mateOut } = this;
    distance.fill(-1);
    let tail = 0;
    const reach = (v: number, d: number, except: number): void => {
      for (let k = uint32At(this.rowsAt, v); k < uint32At(this.rowsAt, v + 1); k++) {
        const entry = int32At(this.entries, k);
        if (entry < 0) {
          const u = ~entry;
          if (distance[u] === -1 && dead[u] === 0 && u !== except) {
            distance[u] = d;
            queue[tail++] = u;
          }
          continue;
        }
        for (let j = uint32At(this.usersAt, entry); j < uint32At(this.usersAt, entry + 1); j++) {
          const u = uint32At(this.users, j);
          if (distance[u] === -1 && dead[u] === 0 && u !== except) {
            distance[u] = d;
            queue[tail++] = u;
          }
        }
      }
      // The self slot of an inner node: leave(v) is joined to enter(v).
      if (v >= this.inputs && v < this.leftEnd && distance[v] === -1 && dead[v] === 0 && v !== except) {
        distance[v] = d;
        queue[tail++] = v;
      }
    };
    for (let v = this.leftEnd; v < this.total; v++) if (mateIn[v] === -1) reach(v, 1, -1);
    for (let head = 0; head < tail; head++) {
      const w = int32At(queue, head);
      const mate = int32At(mateOut, w);
      if (mate >= 0) reach(mate, int32At(distance, w) + 1, w);
    }
    for (let u = 0; u < this.leftEnd; u++) if (distance[u] === -1) dead[u] = 1;
    let live = 0;
    for (let x = 0; x < this.inputs; x++) if (mateOut[x] === -1 && int32At(distance, x) > 0) live++;
    return live;
  }

  /** The paths of the current matching as next[c][x] (see {@link BottleneckCertificate}). O(V). */
  paths(widths: readonly number[]): Int32Array[] {
    const m = this.firstOfNext.length;
    return Array.from({ length: m }, (_, c) => {
      const start = int32At(this.first, c);
      const column = new Int32Array(valueAt(widths, c)).fill(-1);
      for (let x = 0; x < column.length; x++) {
        const mate = int32At(this.mateOut, start + x);
        if (mate >= 0 && mate !== start + x) column[x] = mate - int32At(this.first, c + 1);
      }
      return column;
    });
  }

  /**
   * A minimum node cut, read off a maximum matching (König): Z = the vertices an alternating
   * path from a free input reaches — in the node-split network, the residual reach of the
   * source. The cut is every node whose entering side Z reaches but whose leaving side it does
   * not: used inputs outside Z, inner nodes with enter in Z and leave not, outputs in Z (all
   * used, the matching being maximum). Its size equals the number of paths. O(E).
   */
  minimumCut(): GraphNode[] {
    const { leftEnd, total, mateIn, mateOut, queue } = this;
    const leftIn = new Uint8Array(leftEnd);
    const rightIn = new Uint8Array(total);
    let tail = 0;
    for (let x = 0; x < this.inputs; x++)
      if (mateOut[x] === -1) {
        leftIn[x] = 1;
        queue[tail++] = x;
      }
    for (let head = 0; head < tail; head++) {
      const u = int32At(queue, head);
      const end = this.slots(u);
      for (let i = 0; i < end; i++) {
        const v = this.neighbour(u, i);
        if (v === mateOut[u] || rightIn[v] === 1) continue;
        rightIn[v] = 1;
        const w = int32At(mateIn, v);
        if (w >= 0 && leftIn[w] === 0) {
          leftIn[w] = 1;
          queue[tail++] = w;
        }
      }
    }
    const cut: GraphNode[] = [];
    const m = this.firstOfNext.length;
    for (let id = 0; id < total; id++) {
      const c = int32At(this.column, id);
      const enter = c === 0 ? mateOut[id] !== -1 : rightIn[id] === 1;
      const leave = c === m ? false : leftIn[id] === 1;
      if (enter && !leave) cut.push({ column: c, node: id - int32At(this.first, c) });
    }
    return cut;
  }

  /**
   * One round: relabel, then from every live free input a depth-first search that steps only
   * to a vertex one nearer a free output and not yet blocked in this round; a dead end is
   * blocked, and so is every vertex of a path found (so the round's paths are vertex-disjoint
   * and each is augmenting when applied). Returns the paths added (at most `most`).
   */
  round(most: number): number {
    if (this.relabel() === 0) return 0;
    const { distance, blocked, mateIn, mateOut, pointer, stack, chosen } = this;
    const stamp = ++this.stamp;
    let added = 0;
    for (let x = 0; x < this.inputs && added < most; x++) {
      if (mateOut[x] !== -1 || int32At(distance, x) <= 0 || blocked[x] === stamp) continue;
      let depth = 0;
      stack[0] = x;
      pointer[x] = 0;
      while (depth >= 0) {
        const u = int32At(stack, depth);
        const d = int32At(distance, u);
        const end = this.slots(u);
        let i = uint32At(pointer, u);
        let step = 0; // 1: stepped to a nearer vertex, 2: reached a free output
        for (; i < end; i++) {
          const v = this.neighbour(u, i);
          const w = int32At(mateIn, v);
          if (w === -1) {
            if (v >= this.leftEnd) {
              step = 2;
              break;
            }
          } else if (w !== u && distance[w] === d - 1 && blocked[w] !== stamp) {
            step = 1;
            break;
          }
        }
        if (step === 2) {
          chosen[depth] = this.neighbour(u, i);
          for (let k = 0; k <= depth; k++) {
            const left = int32At(stack, k);
            const right = int32At(chosen, k);
            mateOut[left] = right;
            mateIn[right] = left;
            blocked[left] = stamp;
          }
          added++;
          break;
        }
        if (step === 1) {
          const v = this.neighbour(u, i);
          const w = int32At(mateIn, v);
          pointer[u] = i + 1;
          chosen[depth] = v;
          stack[++depth] = w;
          pointer[w] = 0;
          continue;
        }
        pointer[u] = i;
        blocked[u] = stamp;
        depth--;
      }
    }
    return added;
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
  const blocked = (c: number, y: number): boolean => int32At(valueAt(prev, c), y) !== -1 || dead[c]?.[y] === 1;
  let routed = 0;
  for (let input = 0; input < valueAt(widths, 0); input++) {
    if (next[0]?.[input] !== -1 || dead[0]?.[input] === 1) continue;
    route[0] = input;
    cursor[0] = -1;
    let c = 0;
    while (c >= 0 && c < m) {
      const layer = graph.layers[c] as FusionLayer;
      const x = int32At(route, c);
      const row = uint32At(layer.rowOf, x);
      const end = uint32At(layer.rowStarts, row + 1);
      let choice = -1;
      if (float64At(cursor, c) < 0) {
        cursor[c] = 0;
        // Own index first, when it is a free target of this node. A row that is a run of
        // consecutive targets (dense, shuffle's groups) holds x at start + (x − first target):
        // one probe instead of a scan of up to n targets.
        if (x < layer.outWidth && !blocked(c + 1, x)) {
          const start = uint32At(layer.rowStarts, row);
          const probe = start < end ? start + x - uint32At(layer.targets, start) : end;
          if (probe >= start && probe < end && layer.targets[probe] === x) choice = x;
          else
            for (let e = start; e < end; e++)
              if (layer.targets[e] === x) {
                choice = x;
                break;
              }
        }
      }
      if (choice < 0) {
        const pointer = pointers[c] as Uint32Array;
        let e = uint32At(pointer, row);
        while (e < end && blocked(c + 1, uint32At(layer.targets, e))) e++;
        pointer[row] = e;
        if (e < end) choice = uint32At(layer.targets, e);
      }
      if (choice < 0) {
        (dead[c] as Uint8Array)[x] = 1;
        c--;
        continue;
      }
      route[c + 1] = choice;
      cursor[c + 1] = -1;
      c++;
      if (c === m && blocked(m, choice)) {
        c--;
      }
    }
    if (c < m) continue;
    for (let k = 0; k < m; k++) {
      (next[k] as Int32Array)[int32At(route, k)] = int32At(route, k + 1);
      (prev[k + 1] as Int32Array)[int32At(route, k + 1)] = int32At(route, k);
    }
    routed++;
  }
  return routed;
}

/**
 * Checked reads of the typed arrays above: an index outside the array is a bug and throws, where
 * `?? 0` would have read a silent 0. One function per array type keeps each call site
 * monomorphic, so the check costs about nothing in the max-flow's inner loops (a generic
 * `valueAt` over several array types made them several times slower, measured).
 */
function int32At(values: Int32Array, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} outside 0…${values.length - 1}`);
  return value;
}

function uint32At(values: Uint32Array, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} outside 0…${values.length - 1}`);
  return value;
}

function float64At(values: Float64Array, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} outside 0…${values.length - 1}`);
  return value;
}

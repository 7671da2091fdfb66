import type { FusionGraph } from '../model/fusion-graph.js';

/** Reports progress of long work: `done` of `total` units of `phase`. */
export type ProgressCallback = (phase: string, done: number, total: number) => void;

/** Sources handled together: 32 per word, {@link BLOCK_WORDS} words per node. */
const BLOCK_WORDS = 64;

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Result of one block of sources: reached (source, output) pairs and word operations spent. */
interface BlockResult {
  readonly reached: number;
  readonly work: number;
}

/**
 * Runs reachability for blocks of at most 32·`words` sources over `graph`, reusing its buffers.
 * Every node of a column holds one bit per source of the block; a node whose bits are all set
 * ("full") holds none and passes fullness on without word operations.
 */
function blockRunner(graph: FusionGraph, words: number): (sources: Uint32Array, cap?: number) => BlockResult | null {
  const widths = [graph.layers[0]?.inWidth ?? graph.n, ...graph.layers.map((layer) => layer.outWidth)];
  const maxWidth = Math.max(...widths);
  const maxRows = Math.max(0, ...graph.layers.map((layer) => layer.rowStarts.length - 1));
  let bits = new Int32Array(maxWidth * words);
  let nextBits = new Int32Array(maxWidth * words);
  let full = new Uint8Array(maxWidth);
  let nextFull = new Uint8Array(maxWidth);
  let active = new Uint32Array(maxWidth);
  let nextActive = new Uint32Array(maxWidth);
  const mark = new Uint8Array(maxWidth);
  const dirty = new Uint8Array(maxWidth);
  const rowBits = new Int32Array(maxRows * words);
  const rowState = new Uint8Array(maxRows); // 0 unseen, 1 partial, 2 full
  const rowList = new Uint32Array(maxRows);
  const fullMask = new Int32Array(words);

  /** Clears every buffer after an aborted run. */
  const reset = (): void => {
    for (const array of [bits, nextBits, full, nextFull, mark, dirty, rowBits, rowState]) array.fill(0);
  };

  return (sources, cap = Infinity) => {
    let work = 0;
    fullMask.fill(0);
    for (let bit = 0; bit < sources.length; bit++) fullMask[bit >>> 5] = (fullMask[bit >>> 5] ?? 0) | (1 << (bit & 31));
    let size = 0;
    for (let bit = 0; bit < sources.length; bit++) {
      const s = sources[bit] ?? 0;
      bits[s * words + (bit >>> 5)] = 1 << (bit & 31);
      active[size++] = s;
    }
    if (sources.length === 1) {
      full[sources[0] ?? 0] = 1;
      bits.fill(0, (sources[0] ?? 0) * words, ((sources[0] ?? 0) + 1) * words);
    }
    let nextSize = 0;
    /** Marks v reached, and full or ORs `from` (in `source`) into it. */
    const reach = (v: number, isFull: boolean, source: Int32Array, from: number): void => {
      if (mark[v] === 0) {
        mark[v] = 1;
        nextActive[nextSize++] = v;
      }
      if (nextFull[v] === 1) return;
      if (isFull) {
        nextFull[v] = 1;
        return;
      }
      const to = v * words;
      for (let w = 0; w < words; w++) nextBits[to + w] = (nextBits[to + w] ?? 0) | (source[from + w] ?? 0);
      dirty[v] = 1;
      work += words;
    };
    for (const layer of graph.layers) {
      if (work > cap) {
        reset();
        return null;
      }
      const { rowOf, rowStarts, targets } = layer;
      nextSize = 0;
      if (rowStarts.length - 1 < layer.inWidth) {
        // Shared rows: OR the reached nodes of each row together once, then push the row.
        let rows = 0;
        for (let f = 0; f < size; f++) {
          const u = active[f] ?? 0;
          const r = rowOf[u] ?? 0;
          if (rowState[r] === 0) {
            rowState[r] = 1;
            rowList[rows++] = r;
          }
          if (full[u] === 1) rowState[r] = 2;
          else {
            const from = u * words;
            if (rowState[r] === 1) {
              const to = r * words;
              for (let w = 0; w < words; w++) rowBits[to + w] = (rowBits[to + w] ?? 0) | (bits[from + w] ?? 0);
              work += words;
            }
            bits.fill(0, from, from + words);
          }
          full[u] = 0;
        }
        for (let i = 0; i < rows; i++) {
          const r = rowList[i] ?? 0;
          const isFull = rowState[r] === 2;
          const from = r * words;
          for (let e = rowStarts[r] ?? 0, stop = rowStarts[r + 1] ?? 0; e < stop; e++)
            reach(targets[e] ?? 0, isFull, rowBits, from);
          rowBits.fill(0, from, from + words);
          rowState[r] = 0;
        }
      } else {
        for (let f = 0; f < size; f++) {
          const u = active[f] ?? 0;
          const r = rowOf[u] ?? 0;
          const isFull = full[u] === 1;
          const from = u * words;
          for (let e = rowStarts[r] ?? 0, stop = rowStarts[r + 1] ?? 0; e < stop; e++)
            reach(targets[e] ?? 0, isFull, bits, from);
          if (!isFull) bits.fill(0, from, from + words);
          full[u] = 0;
        }
      }
      // Settle the new column: clear marks, detect nodes that became full.
      for (let f = 0; f < nextSize; f++) {
        const v = nextActive[f] ?? 0;
        mark[v] = 0;
        const at = v * words;
        if (nextFull[v] === 1) {
          if (dirty[v] === 1) nextBits.fill(0, at, at + words);
        } else {
          let isFull = true;
          for (let w = 0; w < words && isFull; w++) isFull = nextBits[at + w] === fullMask[w];
          if (isFull) {
            nextFull[v] = 1;
            nextBits.fill(0, at, at + words);
          }
        }
        dirty[v] = 0;
      }
      [bits, nextBits] = [nextBits, bits];
      [full, nextFull] = [nextFull, full];
      [active, nextActive] = [nextActive, active];
      size = nextSize;
    }
    let reached = 0;
    for (let f = 0; f < size; f++) {
      const v = active[f] ?? 0;
      if (full[v] === 1) {
        reached += sources.length;
        full[v] = 0;
        continue;
      }
      const from = v * words;
      for (let w = 0; w < words; w++) reached += popcount(bits[from + w] ?? 0);
      bits.fill(0, from, from + words);
    }
    return { reached, work };
  };
}

/** Word operations above which {@link reachability} may stop counting once a pair is known unreachable. */
export const REACHABILITY_WORK_CAP = 2 ** 29;

/** Options of {@link reachability}. */
export interface ReachabilityOptions {
  readonly progress?: ProgressCallback;
  /** Default {@link REACHABILITY_WORK_CAP}; `Infinity` always counts every pair. */
  readonly workCap?: number;
}

/** Whether every input reaches every output, and how many pairs do not. */
export interface Reachability {
  /** Exact in every case. */
  readonly everyToAll: boolean;
  /**
   * Exact number of unreachable input/output pairs, or `null` when counting them all would pass
   * the work cap and an unreachable pair was already found (so `everyToAll` is false).
   */
  readonly unreachablePairs: bigint | null;
}

/**
 * Every-to-all connectivity and the number of unreachable input/output pairs, by word-parallel
 * bitset reachability: the inputs are taken in blocks of up to 32·64 = 2048; every node holds one
 * bit per input of the block (set when that input reaches it), and a layer ORs each node's bits
 * into its targets. Nodes that share a row are ORed together once, only nodes reached so far are
 * visited, and a node reached by the whole block is marked full and passes that on without word
 * operations. Blocks are either consecutive inputs or inputs spaced by the number of blocks
 * (which keeps a butterfly's block inside few nodes when the wide strides come first); the first
 * block is tried both ways, with a growing work cap, and the cheaper order is kept. Counts are
 * exact (they can reach n², 2^32 at n = 65536). Once some pair is unreachable and the remaining
 * blocks would cost more than `workCap` word operations, counting stops (`unreachablePairs:
 * null`); `everyToAll` is exact either way.
 * Cost O((n / 2048) · Σ_layers (reached nodes + stored targets) · 64) word operations at worst;
 * for butterflies and complete layers far less.
 */
export function reachability(graph: FusionGraph, options: ReachabilityOptions = {}): Reachability {
  const { progress, workCap = REACHABILITY_WORK_CAP } = options;
  const inputs = graph.layers[0]?.inWidth ?? graph.n;
  const outputs = graph.layers[graph.layers.length - 1]?.outWidth ?? graph.n;
  if (graph.layers.length === 0)
    return { everyToAll: inputs <= 1, unreachablePairs: BigInt(inputs) * BigInt(inputs - 1) };
  const words = Math.min(BLOCK_WORDS, Math.ceil(inputs / 32));
  const blockSize = 32 * words;
  const blocks = Math.ceil(inputs / blockSize);
  const run = blockRunner(graph, words);
  const consecutive = (b: number): Uint32Array => {
    const start = b * blockSize;
    return Uint32Array.from({ length: Math.min(inputs, start + blockSize) - start }, (_, i) => start + i);
  };
  const spaced = (b: number): Uint32Array =>
    Uint32Array.from({ length: Math.ceil((inputs - b) / blocks) }, (_, i) => b + i * blocks);
  const orders = blocks > 1 ? [consecutive, spaced] : [consecutive];
  let order = consecutive;
  let first: BlockResult | null = null;
  for (let cap = 2 ** 20; first === null; cap *= 4) {
    for (const candidate of orders) {
      const result = run(candidate(0), cap);
      if (result !== null && (first === null || result.work < first.work)) {
        first = result;
        order = candidate;
      }
    }
  }
  let reached = first.reached;
  let unreachable = order(0).length * outputs - first.reached;
  for (let b = 1; b < blocks; b++) {
    if (unreachable > 0 && first.work * (blocks - b) > workCap) return { everyToAll: false, unreachablePairs: null };
    progress?.('reachability', b, blocks);
    const block = order(b);
    const result = run(block) as BlockResult;
    reached += result.reached;
    unreachable += block.length * outputs - result.reached;
  }
  progress?.('reachability', blocks, blocks);
  const pairs = BigInt(inputs) * BigInt(outputs) - BigInt(reached);
  return { everyToAll: pairs === 0n, unreachablePairs: pairs };
}

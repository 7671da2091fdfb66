/**
 * The fusion-graph vocabulary (bft-paper.md §4): a channel-fusion network as a layered
 * directed graph. Nodes are channels, one column of nodes per layer boundary; edges are the
 * multiplications. Depends on nothing.
 */

/** The structures the generators can build (see `src/graph/generate.ts`). */
export const FUSION_STRUCTURES = [
  'dense',
  'bft',
  'bft-mixed',
  'bft-official',
  'shuffle',
  'low-rank',
  'circulant',
  'random',
] as const;
export type FusionStructure = (typeof FUSION_STRUCTURES)[number];

/**
 * One layer of edges between a column of `inWidth` nodes and a column of `outWidth` nodes, in
 * compressed sparse row form with shared rows: node u sends edges to the targets of its row,
 * `targets[rowStarts[r] … rowStarts[r+1])` with r = `rowOf[u]`. Nodes whose targets are the same
 * set share a row, so a complete layer (dense, low rank, a radix-n butterfly layer) stores n
 * targets instead of n² (n = 65536 has 2^32 edges). The layer's edge count is
 * Σ_u |row(u)| (see `layerEdges` in src/graph/layered-graph.ts); `targets.length` is only what is
 * stored.
 */
export interface FusionLayer {
  readonly inWidth: number;
  readonly outWidth: number;
  /** Row of every input node (inWidth entries, each < rows). */
  readonly rowOf: Uint32Array;
  /** Start of every row in `targets`, plus the end (rows + 1 entries). */
  readonly rowStarts: Uint32Array;
  /** Targets of all rows, row after row; a row lists each target once. */
  readonly targets: Uint32Array;
}

/**
 * A layered fusion graph from n input channels to n output channels (the first column and the
 * last column have n nodes; inner columns may differ, e.g. low rank n → r → n).
 */
export interface FusionGraph {
  readonly structure: FusionStructure;
  /** Number of input (= output) channels. */
  readonly n: number;
  /** The generator's parameters (base, radices, groups, rank, degree, seed…), for reports. */
  readonly parameters: Readonly<Record<string, number | readonly number[]>>;
  readonly layers: readonly FusionLayer[];
}

/** Out-degree of one layer: a single number when every node has it, else the range. */
export type LayerOutDegree = number | { readonly min: number; readonly max: number };

/**
 * The findings on one fusion graph (bft-paper.md §4), as data. Counts are exact integers.
 * `lowerBound` is n·log2 n (a real number); `bestIntegerEdges` is n·min{Σd_j : ∏d_j ≥ n}.
 */
export interface FusionCriteria {
  readonly structure: FusionStructure;
  readonly n: number;
  readonly parameters: Readonly<Record<string, number | readonly number[]>>;
  /** Number of edge layers. */
  readonly layers: number;
  /** Node count of every column, input column first. */
  readonly widths: readonly number[];
  /** Total edges = multiplications per pixel. */
  readonly edges: bigint;
  /** Criterion 1: every input reaches every output. */
  readonly everyToAll: boolean;
  /**
   * Input/output pairs with no path between them: over all pairs, or, when `unreachableSampled`,
   * over the pairs of the `paths.sources` sampled inputs only.
   */
  readonly unreachablePairs: bigint;
  readonly unreachableSampled: boolean;
  /** Minimum number of nodes whose removal cuts all input→output paths (max-flow). */
  readonly bottleneck: number;
  /**
   * Where one such minimum cut lies: how many of its nodes are in each column (input column
   * first; they add up to `bottleneck`) — the first narrowest column when that is a minimum cut,
   * else the minimum cut closest to the inputs.
   */
  readonly bottleneckCut: readonly number[];
  /** Criterion 4: within each layer all nodes have the same out-degree. */
  readonly equalOutDegree: boolean;
  readonly outDegrees: readonly LayerOutDegree[];
  /**
   * Fewest and most distinct paths over input→output pairs: over all pairs when `sampled` is
   * false, else over every output of `sources` sampled inputs (min is exact 0 whenever a pair is
   * unreachable).
   */
  readonly paths: { readonly min: bigint; readonly max: bigint; readonly sources: number; readonly sampled: boolean };
  /** n·log2 n, the paper's lower bound on edges for a network meeting the criteria. */
  readonly lowerBound: number;
  /** Degrees d_j minimising Σd_j under ∏d_j ≥ n, and n·Σd_j (the integer-degree bound). */
  readonly bestIntegerDegrees: readonly number[];
  readonly bestIntegerEdges: bigint;
  /** Which of the paper's criteria hold (criterion 3, few edges, is the comparison above). */
  readonly criteria: { readonly connectivity: boolean; readonly bottleneck: boolean; readonly symmetry: boolean };
}

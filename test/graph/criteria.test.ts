import { describe, expect, it } from '@jest/globals';
import { layerFromEdges, layerTargets } from '../../src/graph/layered-graph.js';
import type { FusionGraph } from '../../src/model/fusion-graph.js';
import { generateStructure } from '../../src/graph/generate.js';
import { evaluateCriteria } from '../../src/graph/criteria.js';
import { bottleneckSize } from '../../src/graph/bottleneck.js';
import { pathSummary } from '../../src/graph/paths.js';
import { bestIntegerDegrees } from '../../src/graph/best-degree-sequence.js';
import { randomLayered } from './random-layered.js';

/** Path-count matrix as a product of adjacency count matrices (naive oracle). */
function pathMatrix(graph: FusionGraph): number[][] {
  const first = graph.layers[0];
  let m: number[][] = Array.from({ length: first?.inWidth ?? 0 }, (_, i) =>
    Array.from({ length: first?.inWidth ?? 0 }, (_, j) => (i === j ? 1 : 0)),
  );
  for (const layer of graph.layers) {
    const next = m.map(() => new Array<number>(layer.outWidth).fill(0));
    m.forEach((row, i) => {
      row.forEach((count, u) => {
        if (count === 0) return;
        for (const v of layerTargets(layer, u)) {
          (next[i] as number[])[v] = ((next[i] as number[])[v] ?? 0) + count;
        }
      });
    });
    m = next;
  }
  return m;
}

/** Smallest node set cutting all input→output paths, by trying every subset (tiny graphs). */
function bruteForceBottleneck(graph: FusionGraph): number {
  const widths = [graph.layers[0]?.inWidth ?? 0, ...graph.layers.map((l) => l.outWidth)];
  const offsets = [0];
  for (const w of widths) offsets.push((offsets[offsets.length - 1] ?? 0) + w);
  const total = offsets[widths.length] ?? 0;
  let best = Infinity;
  for (let mask = 0; mask < 1 << total; mask++) {
    let size = 0;
    for (let b = mask; b > 0; b &= b - 1) size++;
    if (size >= best) continue;
    const removed = (c: number, x: number) => ((mask >> ((offsets[c] ?? 0) + x)) & 1) === 1;
    let alive = new Set<number>();
    for (let x = 0; x < (widths[0] ?? 0); x++) if (!removed(0, x)) alive.add(x);
    graph.layers.forEach((layer, c) => {
      const next = new Set<number>();
      for (const u of alive) {
        for (const v of layerTargets(layer, u)) {
          if (!removed(c + 1, v)) next.add(v);
        }
      }
      alive = next;
    });
    if (alive.size === 0) best = size;
  }
  return best;
}

describe("criteria on the paper's structures (n = 64)", () => {
  const n = 64;
  it('BFT, mixed-radix BFT and the official wiring meet all criteria with one path per pair', () => {
    for (const [structure, base] of [
      ['bft', 2],
      ['bft', 4],
      ['bft', 8],
      ['bft-mixed', 2],
      ['bft-official', 4],
      ['bft-official', 2],
    ] as const) {
      const found = evaluateCriteria(generateStructure(structure, n, { base }));
      expect(found.criteria).toEqual({ connectivity: true, bottleneck: true, symmetry: true });
      expect(found.paths).toEqual({ min: 1n, max: 1n, sources: 64, sampled: false });
      expect(found.bottleneck).toBe(n);
    }
    expect(evaluateCriteria(generateStructure('bft-mixed', 60)).criteria).toEqual({
      connectivity: true,
      bottleneck: true,
      symmetry: true,
    });
  });

  it('dense meets them only at n² edges; low rank fails the bottleneck; random sparse fails connectivity', () => {
    const dense = evaluateCriteria(generateStructure('dense', n));
    expect(dense.criteria).toEqual({ connectivity: true, bottleneck: true, symmetry: true });
    expect(dense.edges).toBe(4096n);
    const lowRank = evaluateCriteria(generateStructure('low-rank', n, { rank: 6 }));
    expect(lowRank.bottleneck).toBe(6);
    expect(lowRank.criteria).toEqual({ connectivity: true, bottleneck: false, symmetry: true });
    expect(lowRank.paths).toEqual({ min: 6n, max: 6n, sources: 64, sampled: false });
    const random = evaluateCriteria(generateStructure('random', n, { base: 2, seed: 1 }));
    expect(random.everyToAll).toBe(false);
    expect(random.unreachablePairs > 0n).toBe(true);
  });

  it('circulant through the FFT has n paths per pair; shuffle with g ≤ √n is every-to-all', () => {
    expect(evaluateCriteria(generateStructure('circulant', n)).paths).toEqual({
      min: 64n,
      max: 64n,
      sources: 64,
      sampled: false,
    });
    const shuffle = evaluateCriteria(generateStructure('shuffle', n, { groups: 8 }));
    expect(shuffle.criteria).toEqual({ connectivity: true, bottleneck: true, symmetry: true });
    expect(shuffle.paths).toEqual({ min: 1n, max: 1n, sources: 64, sampled: false });
    const wide = evaluateCriteria(generateStructure('shuffle', n, { groups: 16 }));
    expect(wide.everyToAll).toBe(false);
    // Each input reaches 4 nodes of its group, which the shuffle puts in 4 groups of 4 outputs.
    expect(wide.unreachablePairs).toBe(64n * (64n - 16n));
  });

  it('reports the bounds: n·log2 n and the best integer degree sequence', () => {
    const found = evaluateCriteria(generateStructure('bft', n));
    expect(found.lowerBound).toBe(384);
    expect(found.bestIntegerEdges).toBe(64n * 12n);
    expect(found.outDegrees).toEqual([2, 2, 2, 2, 2, 2]);
  });
});

describe('path counts and bottleneck vs brute-force oracles', () => {
  it('path counts equal the product of adjacency matrices', () => {
    for (const graph of [
      generateStructure('circulant', 12, { base: 2 }),
      generateStructure('shuffle', 12, { groups: 3, layers: 3 }),
      generateStructure('random', 16, { degree: 3, layers: 3, seed: 4 }),
      randomLayered([5, 3, 6, 5], 0.5, 11),
    ]) {
      const matrix = pathMatrix(graph).flat();
      const summary = pathSummary(graph);
      expect(summary.unreachablePairs).toBe(BigInt(matrix.filter((c) => c === 0).length));
      expect(summary.min).toBe(BigInt(Math.min(...matrix)));
      expect(summary.max).toBe(BigInt(Math.max(...matrix)));
    }
  });

  it('max-flow bottleneck equals the smallest cutting node set', () => {
    const graphs = [
      generateStructure('bft', 4, { base: 2 }),
      generateStructure('low-rank', 4, { rank: 2 }),
      generateStructure('random', 4, { degree: 2, layers: 3, seed: 2 }),
      generateStructure('shuffle', 6, { groups: 3 }),
    ];
    for (let seed = 1; seed <= 25; seed++)
      graphs.push(randomLayered([4, 4, 3, 4], 0.35, seed), randomLayered([3, 5, 5, 3], 0.3, 100 + seed));
    for (const graph of graphs) expect(bottleneckSize(graph)).toBe(bruteForceBottleneck(graph));
  });

  // How fast this runs is measured by the benchmark (`npm run bench`), not asserted here.
  it('says where a minimum cut lies: the rank column of low rank, the inputs of a butterfly, the two feeding nodes of a crafted graph', () => {
    expect(evaluateCriteria(generateStructure('low-rank', 64, { rank: 5 })).bottleneckCut).toEqual([0, 5, 0]);
    expect(evaluateCriteria(generateStructure('bft', 16, { base: 2 })).bottleneckCut).toEqual([16, 0, 0, 0, 0]);
    // 4 → 4 → 4: identity into the middle column, then only its nodes 0 and 1 reach the outputs.
    // Every path uses input 0 or 1: the cut closest to the inputs is those two.
    const crafted: FusionGraph = {
      structure: 'random',
      n: 4,
      parameters: {},
      layers: [
        layerFromEdges(4, 4, Uint32Array.from([0, 1, 2, 3]), Uint32Array.from([0, 1, 2, 3])),
        layerFromEdges(4, 4, Uint32Array.from([0, 0, 0, 0, 1, 1, 1, 1]), Uint32Array.from([0, 1, 2, 3, 0, 1, 2, 3])),
      ],
    };
    const found = evaluateCriteria(crafted);
    expect([found.bottleneck, found.bottleneckCut]).toEqual([2, [2, 0, 0]]);
    for (let seed = 1; seed <= 10; seed++) {
      const random = evaluateCriteria(generateStructure('random', 200, { degree: 2, seed }));
      expect(random.bottleneckCut.reduce((sum, count) => sum + count, 0)).toBe(random.bottleneck);
    }
  });

  it('handles a large graph: the base-2 BFT at n = 1024 meets connectivity and bottleneck n', () => {
    const found = evaluateCriteria(generateStructure('bft', 1024));
    expect(found.criteria.bottleneck && found.criteria.connectivity).toBe(true);
    expect(found.bottleneck).toBe(1024);
  });
});

describe('bestIntegerDegrees', () => {
  it('matches a brute-force search over all degree multisets', () => {
    const bruteMinSum = (m: number, maxDegree: number): number => {
      if (m <= 1) return 0;
      let best = Infinity;
      for (let d = 2; d <= Math.min(maxDegree, m); d++) best = Math.min(best, d + bruteMinSum(Math.ceil(m / d), d));
      return best;
    };
    for (let n = 1; n <= 300; n++) {
      const degrees = bestIntegerDegrees(n);
      expect(degrees.reduce((a, b) => a + b, 0)).toBe(bruteMinSum(n, n));
      expect(degrees.reduce((a, b) => a * b, 1)).toBeGreaterThanOrEqual(n);
    }
    // The paper's constant: degrees of 3 give Σd / log2 n → 3 / log2 3 ≈ 1.89.
    const big = bestIntegerDegrees(3 ** 12);
    expect(big.filter((d) => d === 3).length).toBeGreaterThanOrEqual(10);
  });
});

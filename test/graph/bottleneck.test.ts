import { describe, expect, it } from '@jest/globals';
import { layerTargets } from '../../src/graph/layered-graph.js';
import { bottleneckCertificate, bottleneckSize } from '../../src/graph/bottleneck.js';
import { generateStructure } from '../../src/graph/generate.js';
import type { FusionGraph } from '../../src/model/fusion-graph.js';
import { randomLayered } from './random-layered.js';
import { certificateProblems } from './bottleneck-certificate.js';

/**
 * Independent oracle: Edmonds–Karp on an explicit node-split network (capacity matrix, one
 * augmenting path per breadth-first search), sharing no code with the matching-based version.
 */
function explicitMaxFlow(graph: FusionGraph): number {
  const widths = [graph.layers[0]?.inWidth ?? 0, ...graph.layers.map((l) => l.outWidth)];
  const first = [0];
  for (const w of widths) first.push((first[first.length - 1] ?? 0) + w);
  const nodes = first[widths.length] ?? 0;
  const size = 2 * nodes + 2;
  const source = 2 * nodes;
  const sink = source + 1;
  const capacity = Array.from({ length: size }, () => new Int32Array(size));
  const set = (from: number, to: number, c: number) => {
    (capacity[from] as Int32Array)[to] = c;
  };
  for (let node = 0; node < nodes; node++) set(2 * node, 2 * node + 1, 1);
  for (let x = 0; x < (widths[0] ?? 0); x++) set(source, 2 * x, 1);
  const m = graph.layers.length;
  for (let x = 0; x < (widths[m] ?? 0); x++) set(2 * ((first[m] ?? 0) + x) + 1, sink, 1);
  graph.layers.forEach((layer, c) => {
    for (let x = 0; x < layer.inWidth; x++) {
      for (const v of layerTargets(layer, x)) {
        set(2 * ((first[c] ?? 0) + x) + 1, 2 * ((first[c + 1] ?? 0) + v), 1);
      }
    }
  });
  let flow = 0;
  for (;;) {
    const parent = new Int32Array(size).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0 && parent[sink] === -1) {
      const u = queue.shift() ?? 0;
      for (let v = 0; v < size; v++) {
        if (parent[v] === -1 && (capacity[u]?.[v] ?? 0) > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] === -1) return flow;
    for (let v = sink; v !== source; v = parent[v] ?? source) {
      const u = parent[v] ?? source;
      (capacity[u] as Int32Array)[v] = (capacity[u]?.[v] ?? 0) - 1;
      (capacity[v] as Int32Array)[u] = (capacity[v]?.[u] ?? 0) + 1;
    }
    flow++;
  }
}

describe('bottleneckSize (greedy paths, then matching rounds)', () => {
  it('equals an explicit Edmonds–Karp max-flow on random layered graphs where greedy routing is not enough', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const widths = [24, 20 + (seed % 7), 18 + (seed % 5), 22, 24];
      const graph = randomLayered(widths, 0.04 + (seed % 4) * 0.03, seed);
      expect(bottleneckSize(graph)).toBe(explicitMaxFlow(graph));
      expect(certificateProblems(graph, bottleneckCertificate(graph))).toEqual([]);
    }
  });

  it('equals the explicit max-flow on the seeded random structure (out-degree 2 and 3)', () => {
    for (const [degree, seed] of [
      [2, 1],
      [2, 5],
      [3, 2],
      [3, 9],
    ] as const) {
      const graph = generateStructure('random', 48, { degree, seed });
      expect(bottleneckSize(graph)).toBe(explicitMaxFlow(graph));
      expect(certificateProblems(graph, bottleneckCertificate(graph))).toEqual([]);
    }
  });

  it('finds the full n on butterflies and dense layers, and the rank on low rank', () => {
    expect(bottleneckSize(generateStructure('bft', 256, { base: 2 }))).toBe(256);
    expect(bottleneckSize(generateStructure('dense', 32))).toBe(32);
    expect(bottleneckSize(generateStructure('low-rank', 64, { rank: 5 }))).toBe(5);
  });

  it('proves its answer with paths and a cut of the same size on shared-row and mixed graphs', () => {
    const graphs = [
      generateStructure('low-rank', 64, { rank: 5 }),
      generateStructure('shuffle', 64, { groups: 8, layers: 3 }),
      generateStructure('bft-official', 64, { base: 2 }),
      generateStructure('random', 512, { degree: 3, seed: 4 }),
      generateStructure('random', 300, { degree: 2, layers: 9, seed: 11 }),
    ];
    for (const graph of graphs) {
      const certificate = bottleneckCertificate(graph);
      expect([graph.structure, certificateProblems(graph, certificate)]).toEqual([graph.structure, []]);
    }
  });

  it('the certificate check fails on a cut that misses a node or a path that leaves the edges', () => {
    const graph = generateStructure('random', 256, { degree: 2, seed: 3 });
    const certificate = bottleneckCertificate(graph);
    expect(certificate.size).toBeLessThan(256); // a real cut, not a whole column
    const shortCut = { ...certificate, cut: certificate.cut.slice(1) };
    expect(certificateProblems(graph, shortCut)).toEqual([
      `cut of ${certificate.size - 1} nodes, but size ${certificate.size}`,
      'an output is still reachable with the cut removed',
    ]);
    const first = certificate.next[0]!.findIndex((to) => to >= 0);
    const bent = certificate.next.map((column) => column.slice());
    const targets = Array.from({ length: 256 }, (_, y) => y).filter(
      (y) => !graph.layers[0]!.targets.subarray(2 * first, 2 * first + 2).includes(y),
    );
    bent[0]![first] = targets[0]!;
    expect(certificateProblems(graph, { ...certificate, next: bent })).toContain(
      `path from input ${first} breaks at column 0`,
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import { layerTargets } from '../../src/graph/layered-graph.js';
import type { FusionGraph } from '../../src/model/fusion-graph.js';
import { FUSION_STRUCTURES } from '../../src/model/fusion-graph.js';
import { generateStructure } from '../../src/graph/generate.js';
import { graphEdges } from '../../src/graph/layered-graph.js';
import { UserError } from '../../src/errors.js';

/** Edge list of a graph as "layer:u>v" strings, for comparing graphs. */
function edgeSet(graph: FusionGraph): string[] {
  const edges: string[] = [];
  graph.layers.forEach((layer, c) => {
    for (let u = 0; u < layer.inWidth; u++) {
      for (const v of layerTargets(layer, u)) edges.push(`${c}:${u}>${v}`);
    }
  });
  return edges.sort();
}

describe('fusion graph generators', () => {
  it('have the hand-derived edge counts', () => {
    expect(graphEdges(generateStructure('dense', 12))).toBe(144n);
    expect(graphEdges(generateStructure('bft', 64, { base: 4 }))).toBe(4n * 64n * 3n);
    expect(graphEdges(generateStructure('bft', 243, { base: 3 }))).toBe(3n * 243n * 5n);
    expect(graphEdges(generateStructure('bft-official', 64, { base: 4 }))).toBe(4n * 64n * 3n);
    expect(graphEdges(generateStructure('bft-mixed', 60))).toBe(60n * (2n + 2n + 3n + 5n));
    expect(graphEdges(generateStructure('bft-mixed', 60, { radices: [5, 12] }))).toBe(60n * 17n);
    expect(graphEdges(generateStructure('shuffle', 64, { groups: 8 }))).toBe(2n * 64n * 8n);
    expect(graphEdges(generateStructure('shuffle', 64, { groups: 4, layers: 3 }))).toBe(3n * 64n * 16n);
    expect(graphEdges(generateStructure('low-rank', 64, { rank: 6 }))).toBe(2n * 64n * 6n);
    expect(graphEdges(generateStructure('circulant', 64, { base: 2 }))).toBe(2n * 2n * 64n * 6n + 64n);
    expect(graphEdges(generateStructure('random', 64, { degree: 3, layers: 4 }))).toBe(64n * 3n * 4n);
  });

  it('the base-2 butterfly wires stride n/2 first (node 0 → 0 and n/2)', () => {
    const graph = generateStructure('bft', 8, { base: 2 });
    expect(Array.from(layerTargets(graph.layers[0]!, 0))).toEqual([0, 4]);
    expect(Array.from(layerTargets(graph.layers[0]!, 4))).toEqual([0, 4]);
    expect(Array.from(layerTargets(graph.layers[2]!, 0))).toEqual([0, 1]);
  });

  it('shuffle folds the ShuffleNet channel shuffle into the second layer', () => {
    // n = 6, g = 2 (groups of 3): channel 1 = (group 0, index 1) moves to 1·2 + 0 = 2, group 0.
    const graph = generateStructure('shuffle', 6, { groups: 2 });
    const layer = graph.layers[1]!;
    expect(Array.from(layerTargets(layer, 1))).toEqual([0, 1, 2]);
    // channel 4 = (group 1, index 1) → position 1·2 + 1 = 3, group 1.
    expect(Array.from(layerTargets(layer, 4))).toEqual([3, 4, 5]);
  });

  it('random graphs are reproducible from the seed and differ between seeds', () => {
    const a = edgeSet(generateStructure('random', 32, { seed: 9 }));
    expect(edgeSet(generateStructure('random', 32, { seed: 9 }))).toEqual(a);
    expect(edgeSet(generateStructure('random', 32, { seed: 10 }))).not.toEqual(a);
    // Targets of one node are distinct.
    const graph = generateStructure('random', 16, { degree: 4, layers: 2, seed: 3 });
    for (let u = 0; u < 16; u++) expect(new Set(layerTargets(graph.layers[0]!, u)).size).toBe(4);
  });

  it('rejects bad parameters with a one-line UserError', () => {
    const bad: [() => unknown, RegExp][] = [
      [() => generateStructure('dense', 1), /n must be an integer >= 2/],
      [() => generateStructure('bft', 48, { base: 4 }), /not a power of the base 4/],
      [() => generateStructure('bft', 64, { base: 1 }), /base must be an integer >= 2/],
      [() => generateStructure('low-rank', 64, { rank: 64 }), /rank/],
      [() => generateStructure('shuffle', 64, { groups: 5 }), /groups must divide/],
      [() => generateStructure('bft-mixed', 60, { radices: [2, 3] }), /multiply to 6/],
      [() => generateStructure('random', 8, { degree: 9 }), /degree/],
    ];
    for (const [make, message] of bad) {
      expect(make).toThrow(UserError);
      expect(make).toThrow(message);
    }
  });

  it('every structure builds at n = 64', () => {
    for (const structure of FUSION_STRUCTURES) expect(generateStructure(structure, 64).n).toBe(64);
  });
});

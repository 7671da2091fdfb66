import { describe, expect, it } from '@jest/globals';
import { generateStructure } from '../../src/graph/generate.js';
import { evaluateCriteria } from '../../src/graph/criteria.js';
import { graphEdges, layerEdges } from '../../src/graph/layered-graph.js';
import { reachability } from '../../src/graph/reachability.js';
import { bottleneckCertificate } from '../../src/graph/bottleneck.js';
import { certificateProblems } from './bottleneck-certificate.js';

/**
 * Every structure at the largest width `criteria --n` allows (65536), where dense has 2^32 edges
 * and used to wrap a 32-bit offset (one input reached nothing: "unreachable 65536"), and at the
 * prime 65521, where bft-mixed and circulant have one radix-65521 layer (65521² > 2^31 edges).
 * Expected values are closed forms: edges from every structure's definition; every-to-all and
 * the bottleneck by max-flow where the largest n can break them (the smallest set of structures
 * that covers each kind of layer: complete, butterfly, low rank, prime radix, random).
 */
describe('criteria at the largest n the help allows', () => {
  const n = 65536;

  it('counts 2^32 edges of a complete 65536-wide layer exactly', () => {
    const dense = generateStructure('dense', n);
    expect(layerEdges(dense.layers[0]!)).toBe(2n ** 32n);
    expect(dense.layers[0]!.targets.length).toBe(n);
  });

  it('every structure has its closed-form edges at n = 65536', () => {
    const log = 16n;
    const N = BigInt(n);
    const expected: [Parameters<typeof generateStructure>[0], bigint][] = [
      ['dense', N * N],
      ['bft', 2n * N * log],
      ['bft-mixed', 2n * N * log],
      ['bft-official', 2n * N * log],
      ['shuffle', 2n * N * 256n], // groups 256 = √n, 2 layers of n·n/g
      ['low-rank', 2n * N * 16n], // rank ⌈log2 n⌉ = 16
      ['circulant', 2n * 2n * N * log + N],
    ];
    for (const [structure, edges] of expected) {
      expect([structure, graphEdges(generateStructure(structure, n))]).toEqual([structure, edges]);
    }
  });

  it('dense, the base-2 BFT and low rank meet every-to-all with the closed-form bottleneck at n = 65536', () => {
    // Dense is the graph whose 2^32 edges wrapped a 32-bit offset; the BFT stands for the
    // butterflies (bft-mixed and bft-official are butterflies too, with the same edge count here;
    // every structure's criteria are checked at n = 64 in criteria.test.ts); low rank's bottleneck is its
    // rank. Circulant's reachability at the largest n is checked at the prime 65521 below.
    const expected: [Parameters<typeof generateStructure>[0], number][] = [
      ['dense', n],
      ['bft', n],
      ['low-rank', 16], // rank ⌈log2 n⌉ = 16: the bottleneck is the rank
    ];
    for (const [structure, bottleneck] of expected) {
      const found = evaluateCriteria(generateStructure(structure, n));
      expect([structure, found.everyToAll, found.unreachablePairs, found.bottleneck]).toEqual([
        structure,
        true,
        0n,
        bottleneck,
      ]);
      expect(found.unreachableSampled).toBe(false);
      expect(found.paths.sampled).toBe(true);
    }
  }, 240_000);

  it('random at n = 65536: exact edges, every-to-all decided exactly, unreachable pairs marked as sampled', () => {
    const graph = generateStructure('random', n);
    expect(graphEdges(graph)).toBe(BigInt(n) * 2n * 16n);
    const reach = reachability(graph);
    expect(reach.everyToAll).toBe(false);
    expect(reach.unreachablePairs).toBeNull();
  }, 120_000);

  it('random at n = 16384: the exact bottleneck, proved by its certificate', () => {
    // That many disjoint paths over the graph's edges and a cut of that many nodes that separates
    // inputs from outputs. At 2^14 the max-flow already runs over half a million edges; at 2^16 the
    // same proof costs ten times as long and shows nothing more (edges and reachability at 2^16
    // are checked above; the 32-bit offsets by dense's 2^32 edges).
    const graph = generateStructure('random', 16384);
    const certificate = bottleneckCertificate(graph);
    expect(certificate.size).toBeLessThan(16384);
    expect(certificateProblems(graph, certificate)).toEqual([]);
  }, 120_000);

  it('a prime width has one radix-p layer: 65521² edges (> 2^31) and every-to-all', () => {
    const p = 65521n;
    const mixed = evaluateCriteria(generateStructure('bft-mixed', 65521));
    expect([mixed.edges, mixed.everyToAll, mixed.bottleneck]).toEqual([p * p, true, 65521]);
    // circulant's radix-p layers: the same edges and every-to-all (its bottleneck at the largest n is
    // checked above, and a radix-p layer's max-flow by bft-mixed here)
    const circulant = generateStructure('circulant', 65521);
    expect([graphEdges(circulant), reachability(circulant).everyToAll]).toEqual([2n * p * p + p, true]);
  }, 120_000);

  it('refuses a graph that would store too many edges with a one-line user error', () => {
    expect(() => generateStructure('random', n, { degree: 40_000 })).toThrow(/would store 5242880000 edges/);
    expect(() => generateStructure('bft-official', n, { base: n })).toThrow(/would store 4294967296 edges/);
  });
});

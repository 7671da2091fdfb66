import { describe, expect, it } from '@jest/globals';
import { toDense } from '../../src/butterfly/dense.js';
import {
  officialDense,
  officialEdge,
  officialForward,
  officialMixture,
  officialOutputToStandard,
  officialToStandardWeights,
} from '../../src/butterfly/official.js';
import { butterflyPlan } from '../../src/butterfly/plan.js';
import { seededRandom } from '../../src/random/seeded-random.js';

const cases = [
  [4, 2],
  [8, 2],
  [16, 2],
  [16, 4],
  [64, 4],
  [27, 3],
  [64, 8],
] as const;

describe('official wiring', () => {
  it('mixes digits as the official index formula says (hand values)', () => {
    // n = 16, k = 2 (L = 4): layer 1 keeps the low 3 bits of i and the top bit of j.
    expect(officialMixture(16, 2, 1, 0b0101, 0b1010)).toBe(0b1101);
    expect(officialMixture(16, 2, 0, 0b0101, 0b1010)).toBe(0b0101);
    expect(officialMixture(16, 2, 3, 0b0101, 0b1010)).toBe(0b1011);
    expect(officialOutputToStandard(8, 2, 0b011)).toBe(0b101);
  });

  it.each(cases)('is our butterfly up to an output permutation and a weight relabelling (n = %i, k = %i)', (n, k) => {
    const L = butterflyPlan(n, k).radices.length;
    const random = seededRandom(n + k);
    const weights = Float64Array.from({ length: k * n * L }, () => 2 * random.next() - 1);
    const official = officialDense(n, k, weights);
    const standard = toDense(butterflyPlan(n, k), officialToStandardWeights(n, k, weights));
    let worst = 0;
    for (let j = 0; j < n; j++) {
      const row = officialOutputToStandard(n, k, j);
      for (let i = 0; i < n; i++)
        worst = Math.max(worst, Math.abs((official[j * n + i] ?? 0) - (standard[row * n + i] ?? 0)));
    }
    expect(worst).toBeLessThan(1e-12);
    // The relabelling is a bijection: every official weight is used exactly once.
    const used = new Set(
      Array.from(
        officialToStandardWeights(
          n,
          k,
          Float64Array.from({ length: k * n * L }, (_, i) => i),
        ),
      ),
    );
    expect(used.size).toBe(k * n * L);
  });

  it('officialForward equals the official dense matrix times x', () => {
    const [n, k, pixels] = [16, 4, 3];
    const random = seededRandom(3);
    const weights = Float64Array.from({ length: k * n * 2 }, () => 2 * random.next() - 1);
    const x = Float64Array.from({ length: n * pixels }, () => random.next());
    const dense = officialDense(n, k, weights);
    const y = officialForward(n, k, weights, x, pixels);
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < pixels; p++) {
        let expected = 0;
        for (let i = 0; i < n; i++) expected += (dense[j * n + i] ?? 0) * (x[i * pixels + p] ?? 0);
        expect(Math.abs((y[j * pixels + p] ?? 0) - expected)).toBeLessThan(1e-12);
      }
    }
  });

  it('edges chain: the path of (i, j) through the official states ends at j', () => {
    const [n, k] = [27, 3];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let node = i;
        for (let layer = 0; layer < 3; layer++) {
          const [source, target] = officialEdge(n, k, layer, j % k, officialMixture(n, k, layer, i, j));
          expect(source).toBe(node);
          node = target;
        }
        expect(node).toBe(j);
      }
    }
  });
});

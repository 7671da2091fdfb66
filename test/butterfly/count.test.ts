import { describe, expect, it } from '@jest/globals';
import { butterflyForward, type OperationCount } from '../../src/butterfly/forward.js';
import { butterflyPlan, mixedRadices, mixedRadixPlan } from '../../src/butterfly/plan.js';
import { randomButterflyWeights } from '../../src/butterfly/weights.js';
import { seededRandom } from '../../src/random/seeded-random.js';
import { butterflyEdges } from '../../src/cost/butterfly.js';

/** Instrumented run: multiplies and adds per pixel actually performed. */
function measure(radices: readonly number[], residual: boolean): OperationCount {
  const plan = mixedRadixPlan(radices);
  const pixels = 3;
  const count: OperationCount = { multiplies: 0, adds: 0 };
  butterflyForward(plan, randomButterflyWeights(plan, seededRandom(5)), new Float64Array(plan.n * pixels), pixels, {
    residual,
    count,
  });
  return { multiplies: count.multiplies / pixels, adds: count.adds / pixels };
}

describe('instrumented butterfly run vs the cost model', () => {
  it('performs exactly k·n·log_k n multiplies for n = k^L (cost model, ceil and padded modes)', () => {
    for (const [k, maxL] of [
      [2, 9],
      [3, 5],
      [4, 5],
      [5, 3],
      [8, 3],
      [16, 2],
    ] as const) {
      for (let L = 1; L <= maxL; L++) {
        const n = k ** L;
        const count = measure(butterflyPlan(n, k).radices, false);
        const layer = { inChannels: n, outChannels: n, base: k, shapePolicy: 'official' } as const;
        expect(BigInt(count.multiplies)).toBe(butterflyEdges({ ...layer, logMode: 'ceil' }));
        expect(BigInt(count.multiplies)).toBe(butterflyEdges({ ...layer, logMode: 'padded' }));
        // Hand-derived: the first product of each output initialises its sum.
        expect(count.adds).toBe((k - 1) * n * L);
      }
    }
  });

  it('a padded run (next power of k) performs the padded formula k·k^L·L for any width', () => {
    for (const k of [2, 3, 4]) {
      for (const m of [3, 5, 6, 7, 10, 17, 33, 50, 100, 129, 200]) {
        let size = 1;
        while (size < m) size *= k;
        if (size === 1) continue;
        const count = measure(butterflyPlan(size, k).radices, false);
        const layer = { inChannels: m, outChannels: m, base: k, shapePolicy: 'official', logMode: 'padded' } as const;
        expect(BigInt(count.multiplies)).toBe(butterflyEdges(layer));
      }
    }
  });

  it('a mixed-radix run performs m·sopfr(m) multiplies (cost model, mixed-radix mode)', () => {
    for (let m = 2; m <= 120; m++) {
      const count = measure(mixedRadices(m), false);
      const layer = {
        inChannels: m,
        outChannels: m,
        base: 2,
        shapePolicy: 'official',
        logMode: 'mixed-radix',
      } as const;
      expect(BigInt(count.multiplies)).toBe(butterflyEdges(layer));
    }
    // Base-4 grouping costs the same: radix 4 = two radix-2 layers in edges (4 = 2 + 2).
    for (const m of [16, 48, 80, 96, 144]) {
      const count = measure(mixedRadices(m, 4), false);
      const layer = {
        inChannels: m,
        outChannels: m,
        base: 4,
        shapePolicy: 'official',
        logMode: 'mixed-radix',
      } as const;
      expect(BigInt(count.multiplies)).toBe(butterflyEdges(layer));
    }
  });

  it('the residual adds n per pixel and no multiply', () => {
    const plain = measure([4, 4, 4], false);
    const residual = measure([4, 4, 4], true);
    expect(residual.multiplies).toBe(plain.multiplies);
    expect(residual.adds - plain.adds).toBe(64);
  });
});

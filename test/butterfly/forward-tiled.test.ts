import { describe, expect, it } from '@jest/globals';
import { butterflyForwardTiled } from '../../src/butterfly/forward-tiled.js';
import { toDense } from '../../src/butterfly/dense.js';
import { butterflyPlan, mixedRadixPlan } from '../../src/butterfly/plan.js';
import { randomButterflyWeights } from '../../src/butterfly/weights.js';
import { seededRandom } from '../../src/random/seeded-random.js';

describe('butterflyForwardTiled', () => {
  const plans = [
    butterflyPlan(2, 2),
    butterflyPlan(64, 2),
    butterflyPlan(64, 4),
    butterflyPlan(81, 3),
    mixedRadixPlan([4, 3, 5, 2]),
    mixedRadixPlan([6, 4]),
    // Runs of radix-2 layers of every length mod 3 (fused as 3 + 3, 3 + 2, 2 + 2, 3 + 2 + 2, 2, 1),
    // alone and between other radices.
    butterflyPlan(32, 2),
    butterflyPlan(16, 2),
    butterflyPlan(128, 2),
    mixedRadixPlan([2, 2, 3, 2]),
    mixedRadixPlan([2, 4, 2, 2, 2]),
  ];
  it.each(plans.map((plan) => [plan.radices.join('x'), plan] as const))(
    'equals the dense matrix times x in Float32 (%s)',
    (_, plan) => {
      const random = seededRandom(plan.n);
      const weights = randomButterflyWeights(plan, random);
      const pixels = 37;
      const x = Float32Array.from({ length: plan.n * pixels }, () => 2 * random.next() - 1);
      const dense = toDense(plan, weights, true);
      for (const tile of [1, 8, 16, 64]) {
        const y = butterflyForwardTiled(plan, weights, x, pixels, { residual: true, tile });
        let worst = 0;
        for (let v = 0; v < plan.n; v++) {
          for (let p = 0; p < pixels; p++) {
            let expected = 0;
            for (let u = 0; u < plan.n; u++) expected += (dense[v * plan.n + u] ?? 0) * (x[u * pixels + p] ?? 0);
            worst = Math.max(worst, Math.abs((y[v * pixels + p] ?? 0) - expected));
          }
        }
        // Float32 rounding of intermediate layers: relative error ~1e-6 per layer.
        expect(worst).toBeLessThan(1e-4);
      }
    },
  );
});

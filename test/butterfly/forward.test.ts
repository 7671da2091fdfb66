import { describe, expect, it } from '@jest/globals';
import { butterflyForward } from '../../src/butterfly/forward.js';
import { toDense } from '../../src/butterfly/dense.js';
import { butterflyPlan, mixedRadixPlan, type ButterflyPlan } from '../../src/butterfly/plan.js';
import { randomButterflyWeights } from '../../src/butterfly/weights.js';
import { seededRandom } from '../../src/random/seeded-random.js';

/** y = M·x for a row-major n×n matrix and a channel-major batch. */
function denseTimes(matrix: Float64Array, x: Float64Array, n: number, pixels: number): Float64Array {
  const y = new Float64Array(n * pixels);
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) {
      const m = matrix[v * n + u] ?? 0;
      for (let p = 0; p < pixels; p++) y[v * pixels + p] = (y[v * pixels + p] ?? 0) + m * (x[u * pixels + p] ?? 0);
    }
  }
  return y;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  expect(worst).toBeLessThan(tolerance);
}

const plans: ButterflyPlan[] = [
  butterflyPlan(2, 2),
  butterflyPlan(8, 2),
  butterflyPlan(64, 2),
  butterflyPlan(16, 4),
  butterflyPlan(64, 4),
  butterflyPlan(27, 3),
  butterflyPlan(25, 5),
  butterflyPlan(64, 8),
  butterflyPlan(7, 7),
  mixedRadixPlan([4, 4, 3]),
  mixedRadixPlan([2, 3, 5]),
  mixedRadixPlan([5, 3, 2]),
  mixedRadixPlan([3, 2, 2, 7]),
];

describe('butterflyForward', () => {
  it.each(plans.map((plan) => [plan.radices.join('x'), plan] as const))(
    'equals the dense matrix times x (%s)',
    (_, plan) => {
      const random = seededRandom(plan.n * 31 + plan.radices.length);
      const weights = randomButterflyWeights(plan, random);
      const pixels = 5;
      const x = Float64Array.from({ length: plan.n * pixels }, () => 2 * random.next() - 1);
      expectClose(butterflyForward(plan, weights, x, pixels), denseTimes(toDense(plan, weights), x, plan.n, pixels));
      expectClose(
        butterflyForward(plan, weights, x, pixels, { residual: true }),
        denseTimes(toDense(plan, weights, true), x, plan.n, pixels),
      );
    },
  );

  it('keeps Float32 input in Float32', () => {
    const plan = butterflyPlan(16, 4);
    const y = butterflyForward(
      plan,
      randomButterflyWeights(plan, seededRandom(1)),
      new Float32Array(16 * 3).fill(1),
      3,
    );
    expect(y).toBeInstanceOf(Float32Array);
  });

  it('rejects a batch of the wrong size', () => {
    const plan = butterflyPlan(4, 2);
    expect(() => butterflyForward(plan, randomButterflyWeights(plan, seededRandom(1)), new Float64Array(7), 2)).toThrow(
      RangeError,
    );
  });
});

describe('toDense', () => {
  it('matches the hand-multiplied 4×4 butterfly of base 2', () => {
    // Layer 0 (stride 2) weights a_{v,j}, layer 1 (stride 1) weights b_{v,j}; entry (v, u) is
    // b[v, u's digit 0 after layer 0] · a[(v1, u0), u1]: e.g. (v=3, u=0) = a[2][0] · b[3][0].
    const plan = butterflyPlan(4, 2);
    const w = Float64Array.from({ length: 16 }, (_, i) => i + 2);
    const a = (v: number, j: number) => w[v * 2 + j] ?? NaN;
    const b = (v: number, j: number) => w[8 + v * 2 + j] ?? NaN;
    const dense = toDense(plan, w);
    expect(dense[3 * 4 + 0]).toBe(a(2, 0) * b(3, 0));
    expect(dense[0 * 4 + 3]).toBe(a(1, 1) * b(0, 1));
    expect(dense[2 * 4 + 1]).toBe(a(3, 0) * b(2, 1));
    expect(dense[1 * 4 + 1]).toBe(a(1, 0) * b(1, 1));
  });

  it('one path joins every input to every output: the forward pass with unit weights counts them', () => {
    // With every weight 1, output v of the forward pass on input e_u is the number of u → v
    // paths. Feeding the n unit vectors as n pixels gives the whole path-count matrix.
    for (const plan of [mixedRadixPlan([3, 2, 4]), butterflyPlan(16, 2), butterflyPlan(64, 4)]) {
      const n = plan.n;
      const identity = new Float32Array(n * n);
      for (let u = 0; u < n; u++) identity[u * n + u] = 1;
      const ones = new Float64Array(plan.radices.reduce((sum, r) => sum + r, 0) * n).fill(1);
      const paths = butterflyForward(plan, ones, identity, n);
      expect(Array.from(paths).every((count) => count === 1)).toBe(true);
    }
  });
});

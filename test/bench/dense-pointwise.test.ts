import { describe, expect, it } from '@jest/globals';
import { densePointwise, packDenseWeights } from '../../bench/dense-pointwise.js';
import { seededRandom } from '../../src/random/seeded-random.js';

/** Independent oracle: the textbook triple loop in Float64. */
function naive(weights: Float32Array, x: Float32Array, nIn: number, nOut: number, pixels: number): Float64Array {
  const y = new Float64Array(nOut * pixels);
  for (let v = 0; v < nOut; v++) {
    for (let p = 0; p < pixels; p++) {
      let sum = 0;
      for (let u = 0; u < nIn; u++) sum += (weights[v * nIn + u] ?? 0) * (x[u * pixels + p] ?? 0);
      y[v * pixels + p] = sum;
    }
  }
  return y;
}

describe('densePointwise (benchmark baseline)', () => {
  // Shapes off the 8-output × 4-channel blocks (n_in not a multiple of 4, n_out not of 8) and
  // across the 256-pixel tiles (300 = 256 + 44 pixels, 513 = 2·256 + 1).
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [4, 8, 4],
    [5, 7, 3],
    [16, 9, 13],
    [300, 6, 37],
    [64, 64, 101],
    [9, 13, 300],
    [40, 17, 513],
    [513, 260, 9],
  ];
  it.each(shapes)('equals the naive loop (n_in %i, n_out %i, %i pixels)', (nIn, nOut, pixels) => {
    const random = seededRandom(nIn * 1000 + nOut);
    const weights = Float32Array.from({ length: nIn * nOut }, () => 2 * random.next() - 1);
    const x = Float32Array.from({ length: nIn * pixels }, () => 2 * random.next() - 1);
    const expected = naive(weights, x, nIn, nOut, pixels);
    for (const y of [
      densePointwise(weights, x, nIn, nOut, pixels),
      densePointwise(packDenseWeights(weights, nIn, nOut), x, nIn, nOut, pixels),
    ]) {
      expect(y.length).toBe(nOut * pixels);
      let worst = 0;
      for (let i = 0; i < y.length; i++) worst = Math.max(worst, Math.abs((y[i] ?? 0) - (expected[i] ?? 0)));
      // Float64 accumulation, one Float32 rounding of the result.
      expect(worst).toBeLessThan(1e-4);
    }
  });

  it('overwrites a given output array completely', () => {
    const weights = new Float32Array([1, 2, 3, 4, 5, 6]);
    const x = new Float32Array([1, 0, 0, 1, 1, 1]);
    const y = densePointwise(weights, x, 3, 2, 2, new Float32Array(4).fill(99));
    expect([...y]).toEqual([4, 5, 10, 11]);
  });
});

import { describe, expect, it } from '@jest/globals';
import FFT from 'fft.js';
import { complexButterflyForward, fftOutputOrder, fftWeights } from '../../src/butterfly/fft.js';
import { butterflyPlan, mixedRadixPlan, type ButterflyPlan } from '../../src/butterfly/plan.js';
import { seededRandom } from '../../src/random/seeded-random.js';

/** Naive O(n²) DFT, X[f] = Σ_t x[t]·e^(−2πi·f·t/n) (the oracle). */
function naiveDft(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * ((f * t) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      outRe[f] = (outRe[f] ?? 0) + (re[t] ?? 0) * c - (im[t] ?? 0) * s;
      outIm[f] = (outIm[f] ?? 0) + (re[t] ?? 0) * s + (im[t] ?? 0) * c;
    }
  }
  return { re: outRe, im: outIm };
}

function randomVector(n: number, seed: number): { re: Float64Array; im: Float64Array } {
  const random = seededRandom(seed);
  return {
    re: Float64Array.from({ length: n }, () => 2 * random.next() - 1),
    im: Float64Array.from({ length: n }, () => 2 * random.next() - 1),
  };
}

/** The butterfly's outputs put back in frequency order. */
function butterflyDft(plan: ButterflyPlan, x: { re: Float64Array; im: Float64Array }) {
  const y = complexButterflyForward(plan, fftWeights(plan), x);
  const order = fftOutputOrder(plan);
  const re = new Float64Array(plan.n);
  const im = new Float64Array(plan.n);
  order.forEach((frequency, position) => {
    re[frequency] = y.re[position] ?? NaN;
    im[frequency] = y.im[position] ?? NaN;
  });
  return { re, im };
}

function maxError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}

describe('FFT as a butterfly with twiddle weights', () => {
  const plans = [
    butterflyPlan(2, 2),
    butterflyPlan(8, 2),
    butterflyPlan(64, 2),
    butterflyPlan(64, 4),
    butterflyPlan(27, 3),
    mixedRadixPlan([2, 3, 5]),
    mixedRadixPlan([4, 3, 2]),
    mixedRadixPlan([7, 2]),
    mixedRadixPlan([3, 4, 4]),
  ];
  it.each(plans.map((plan) => [plan.radices.join('x'), plan] as const))(
    'equals a naive DFT up to digit reversal (%s)',
    (_, plan) => {
      const x = randomVector(plan.n, plan.n);
      const expected = naiveDft(x.re, x.im);
      const actual = butterflyDft(plan, x);
      expect(maxError(actual.re, expected.re)).toBeLessThan(1e-9);
      expect(maxError(actual.im, expected.im)).toBeLessThan(1e-9);
    },
  );

  it('base 2 outputs are in bit-reversed order', () => {
    expect(Array.from(fftOutputOrder(butterflyPlan(8, 2)))).toEqual([0, 4, 2, 6, 1, 5, 3, 7]);
  });

  it.each([2, 4, 16, 256, 1024])('agrees with fft.js at n = %i (independent library)', (n) => {
    const x = randomVector(n, 7 * n);
    const fft = new FFT(n);
    const interleaved = fft.createComplexArray() as number[];
    const data = fft.createComplexArray() as number[];
    for (let t = 0; t < n; t++) {
      data[2 * t] = x.re[t] ?? 0;
      data[2 * t + 1] = x.im[t] ?? 0;
    }
    fft.transform(interleaved, data);
    for (const base of n === 2 ? [2] : [2, 4]) {
      const actual = butterflyDft(butterflyPlan(n, base), x);
      expect(
        maxError(
          actual.re,
          interleaved.filter((_, i) => i % 2 === 0),
        ),
      ).toBeLessThan(1e-9 * n);
      expect(
        maxError(
          actual.im,
          interleaved.filter((_, i) => i % 2 === 1),
        ),
      ).toBeLessThan(1e-9 * n);
    }
  });
});

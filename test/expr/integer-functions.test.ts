import { describe, expect, it } from '@jest/globals';
import { ceilLog, makeDivisible, primeFactors, sumOfPrimeFactors } from '../../src/expr/integer-functions.js';

describe('ceilLog', () => {
  it('is exact at powers where floating-point log is not', () => {
    // In IEEE doubles log(125)/log(5) = 3.0000000000000004, whose ceiling would be 4.
    expect(Math.ceil(Math.log(125) / Math.log(5))).toBe(4);
    expect(ceilLog(125n, 5n)).toBe(3n);
    expect(ceilLog(216n, 6n)).toBe(3n);
    expect(ceilLog(64n, 4n)).toBe(3n);
    expect(ceilLog(65n, 4n)).toBe(4n);
    expect(ceilLog(1n, 2n)).toBe(0n);
    expect(ceilLog(2n, 2n)).toBe(1n);
    expect(ceilLog(243n, 3n)).toBe(5n);
    expect(ceilLog(244n, 3n)).toBe(6n);
  });

  it('is the smallest L with k^L >= m on a grid (definition as oracle)', () => {
    const wrong: string[] = [];
    for (let k = 2n; k <= 9n; k++) {
      for (let m = 1n; m <= 3000n; m++) {
        const level = ceilLog(m, k);
        if (k ** level < m || (level > 0n && k ** (level - 1n) >= m)) wrong.push(`ceilLog(${m}, ${k}) = ${level}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rejects m < 1 and k < 2', () => {
    expect(() => ceilLog(0n, 2n)).toThrow(RangeError);
    expect(() => ceilLog(8n, 1n)).toThrow(RangeError);
  });
});

describe('primeFactors / sumOfPrimeFactors', () => {
  it('matches hand factorisations', () => {
    expect(primeFactors(1n)).toEqual([]);
    expect(primeFactors(12n)).toEqual([2n, 2n, 3n]);
    expect(primeFactors(116n)).toEqual([2n, 2n, 29n]);
    expect(primeFactors(1024n)).toEqual(Array(10).fill(2n));
    expect(primeFactors(97n)).toEqual([97n]);
    expect(sumOfPrimeFactors(12n)).toBe(7n);
    expect(sumOfPrimeFactors(1n)).toBe(0n);
  });

  it('multiplies back to n, all factors prime', () => {
    const isPrime = (p: bigint) => {
      for (let d = 2n; d * d <= p; d++) if (p % d === 0n) return false;
      return p >= 2n;
    };
    const wrong: string[] = [];
    for (let n = 1n; n <= 2000n; n++) {
      const factors = primeFactors(n);
      if (factors.reduce((a, b) => a * b, 1n) !== n || !factors.every(isPrime)) {
        wrong.push(`primeFactors(${n}) = ${factors.join(' · ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('makeDivisible', () => {
  // Values computed by hand from the TF-slim/torchvision definition
  // new_v = max(8, int(v + 4) // 8 * 8); if new_v < 0.9 v: new_v += 8.
  it('rounds like MobileNetV2/V3 reference code', () => {
    const md = (v: number) => makeDivisible(BigInt(Math.round(v * 1000)), 1000n);
    expect(md(32)).toBe(32n);
    expect(md(32 * 0.35)).toBe(16n); // 11.2 -> 8, below 10.08 -> 16
    expect(md(16 * 0.35)).toBe(8n); // 5.6 -> 8
    expect(md(24 * 0.75)).toBe(24n); // 18 -> 16, below 16.2 -> 24
    expect(md(96 * 1.4)).toBe(136n); // 134.4 -> 136
    expect(md(320 * 0.5)).toBe(160n);
    expect(md(1280 * 1.4)).toBe(1792n);
    expect(md(960 / 4)).toBe(240n);
    expect(md(72 / 4)).toBe(24n); // 18 -> 16 < 16.2 -> 24
    expect(md(12)).toBe(16n); // 12 + 4 = 16 -> 16 (halves round up)
  });
});

import { describe, expect, it } from '@jest/globals';
import { float32Draws, seededRandom } from '../../src/random/seeded-random.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed, differs between seeds, stays in [0, 1) and in integer bounds', () => {
    const draws = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 1000 }, () => random.next());
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    expect(draws(7).every((x) => x >= 0 && x < 1)).toBe(true);
    const random = seededRandom(3);
    const integers = Array.from({ length: 2000 }, () => random.integer(-2, 2));
    expect(new Set(integers)).toEqual(new Set([-2, -1, 0, 1, 2]));
  });
});

describe('float32Draws', () => {
  it('holds the draws in order, each rounded to float32 as a Float32Array stores it', () => {
    const a = seededRandom(11);
    const b = seededRandom(11);
    const values = float32Draws(5000, () => 0.3 * (2 * a.next() - 1));
    expect(values).toBeInstanceOf(Float32Array);
    const expected = Array.from({ length: 5000 }, () => Math.fround(0.3 * (2 * b.next() - 1)));
    expect(Array.from(values)).toEqual(expected);
    expect(float32Draws(0, () => 1)).toHaveLength(0);
  });
});

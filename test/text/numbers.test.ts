import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { withSuffix } from '../../src/text/numbers.js';

/** Powers of ten of the decimal SI prefixes (BIPM SI brochure, table 7). */
const EXPONENT: Readonly<Record<string, number>> = { '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Integers of every size up to 10^24 (a uniform draw would almost always be near 10^24). */
const ANY_MAGNITUDE = fc
  .integer({ min: 1, max: 24 })
  .chain((k) => fc.bigInt({ min: -(10n ** BigInt(k)), max: 10n ** BigInt(k) }));

describe('withSuffix', () => {
  it('uses P and E past T (1 PMAC = 10^15, 1 EMAC = 10^18)', () => {
    expect(withSuffix(10n ** 15n)).toBe('1.00P');
    expect(withSuffix(2_500_000_000_000_000n)).toBe('2.50P');
    expect(withSuffix(10n ** 18n)).toBe('1.00E');
    expect(withSuffix(-3n * 10n ** 18n)).toBe('-3.00E');
    expect(withSuffix(12_345n * 10n ** 18n)).toBe('12345.00E');
  });

  it('chooses the unit after rounding: 999,999 is 1.00M, never 1000.00k', () => {
    expect(withSuffix(999n)).toBe('999');
    expect(withSuffix(999_994n)).toBe('999.99k');
    expect(withSuffix(999_995n)).toBe('1.00M');
    expect(withSuffix(999_999_999_999_999n)).toBe('1.00P');
    expect(withSuffix(999_999_999_999_999_999n)).toBe('1.00E');
  });

  it('reads back within half a unit of the last decimal, with a mantissa in [1, 1000) below E', () => {
    fc.assert(
      fc.property(ANY_MAGNITUDE, fc.integer({ min: 0, max: 3 }), (value, digits) => {
        const text = withSuffix(value, digits);
        const match = /^(-?)(\d+)(?:\.(\d+))?([kMGTPE]?)$/.exec(text);
        expect(match).not.toBeNull();
        const [, sign = '', whole = '', fraction = '', suffix = ''] = match ?? [];
        if (suffix === '') {
          expect(text).toBe(value.toString());
          return;
        }
        expect(fraction.length).toBe(digits);
        // text = sign · whole.fraction · 10^E; its last digit is worth 10^(E − digits), an integer since E ≥ 3 ≥ digits.
        const unit = 10n ** BigInt((EXPONENT[suffix] ?? 0) - digits);
        const shown = BigInt(`${sign}${whole}${fraction}`) * unit;
        const error = value > shown ? value - shown : shown - value;
        expect(2n * error <= unit).toBe(true);
        const mantissa = Number(`${whole}.${fraction || '0'}`);
        expect(mantissa).toBeGreaterThanOrEqual(1);
        if (suffix !== 'E') expect(mantissa).toBeLessThan(1000);
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { simplifyInteger } from '../../src/expr/simplify-integer.js';
import { evaluateExactValue, exactMath, fractionParts, type ExactValue } from '../../src/expr/math.js';

/** Exact equality of two evaluated values (cross-multiplied rationals). */
function sameValue(a: ExactValue, b: ExactValue): boolean {
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  const [p, q] = [fractionParts(a), fractionParts(b)];
  return p.numerator * q.denominator === q.numerator * p.denominator;
}
import { runInProcess } from '../cli/run-main.js';

describe('simplifyInteger', () => {
  it('proves ceil(ceil(ceil(r/2)/2)/2) = ceil(r/8) and floor((r+6-7)/2) = floor((r-1)/2) over r = 1 … 20000 (plain arithmetic)', () => {
    const wrong: number[] = [];
    for (let r = 1; r <= 20_000; r++) {
      const ceils = Math.ceil(Math.ceil(Math.ceil(r / 2) / 2) / 2) === Math.ceil(r / 8);
      const floors = Math.floor((r + 6 - 7) / 2) === Math.floor((r - 1) / 2);
      if (!ceils || !floors) wrong.push(r);
    }
    expect(wrong).toEqual([]);
  });

  it("reads like a formula on the issue's three examples", () => {
    expect(simplifyInteger('ceil(ceil(ceil(r / 2) / 2) / 2)')).toBe('ceil(r / 8)');
    expect(simplifyInteger('(true ? 24 : (width == 0.5 ? 48 : 116))')).toBe('24');
    expect(simplifyInteger('floor((r + 6 - 7) / 2)')).toBe('floor((r - 1) / 2)');
    // A ResNet stem and first stage: conv 7×7/2 pad 3, then max-pool 3×3/2 pad 1.
    expect(simplifyInteger('floor(((floor((r + 6 - 7) / 2) + 1) + 2 - 3) / 2) + 1')).toBe('floor((r - 1) / 4) + 1');
  });

  it('keeps the value of nested floor/ceil/choice formulas at every real point (random formulas, exact arithmetic)', () => {
    type Builder = (inner: string) => string;
    const step = fc.oneof(
      fc.tuple(fc.constantFrom('floor', 'ceil'), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 4 })).map(
        ([f, c, d]): Builder =>
          (inner) =>
            `${f}((${inner} + ${c}) / ${d})`,
      ),
      fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 })).map(
        ([a, b]): Builder =>
          (inner) =>
            `(${inner} + ${a} - ${b})`,
      ),
      fc.boolean().map(
        (flag): Builder =>
          (inner) =>
            `(${flag} ? ${inner} : 7 * r)`,
      ),
      fc.constant<Builder>((inner) => `(${inner}) / 1`),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 6 }), (steps) => {
        const formula = steps.reduce((inner, build) => build(inner), 'r');
        const simple = simplifyInteger(formula);
        for (const r of ['-7', '-2.5', '0', '1', '1.25', '3', '7', '8', '17', '224', '1000/3']) {
          const a = evaluateExactValue(formula, { r: exactMath.fraction(r) });
          const b = evaluateExactValue(simple, { r: exactMath.fraction(r) });
          expect([formula, simple, r, sameValue(a, b)]).toEqual([formula, simple, r, true]);
        }
      }),
      { numRuns: 150, seed: 9 },
    );
  });
});

describe('butterflops formula', () => {
  it('prints MobileNetV1 in resolution as ceil(resolution / 2^k) terms and ResNet-18 without "+ 6 - 7", still checked against the count', async () => {
    const [mobilenet, resnet, shufflenet] = await Promise.all([
      runInProcess(['formula', 'mobilenet-v1', '--symbolic', 'resolution']),
      runInProcess(['formula', 'resnet-18', '--symbolic', 'resolution']),
      runInProcess(['formula', 'shufflenet-v2', '--symbolic', 'resolution']),
    ]);
    for (const run of [mobilenet, resnet, shufflenet]) {
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(
        /check: at resolution=224 the formula gives [\d,]+, equal to the layer-by-layer count/,
      );
      expect(run.stdout).not.toMatch(/ceil\(ceil|floor\(\(floor|true \?|\+ \d+ - \d+/);
    }
    for (const k of [2, 4, 8, 16, 32]) expect(mobilenet.stdout).toContain(`ceil(resolution / ${k}) ^ 2`);
    expect(resnet.stdout).toContain('(floor((resolution - 1) / 32) + 1) ^ 2');
  });
});

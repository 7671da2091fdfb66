/** Which butterfly an export realises: hand-counted plans and edge counts. */
import { describe, expect, it } from '@jest/globals';
import { planEdges } from '../../src/butterfly/plan.js';
import { isPowerOf, realisedLogMode, realisedPlan, butterflySquares } from '../../src/export/realise-butterfly.js';

describe('realised butterflies', () => {
  it('isPowerOf', () => {
    expect([isPowerOf(64, 4), isPowerOf(32, 4), isPowerOf(1, 2), isPowerOf(27, 3), isPowerOf(2, 2)]).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
  });

  it('ceil with m = k^L keeps k·m·L edges: 64, base 4 → 4·64·3 = 768', () => {
    const plan = realisedPlan({ base: 4, logMode: 'ceil' }, 64, 'x');
    expect(plan.radices).toEqual([4, 4, 4]);
    expect(planEdges(plan)).toBe(768n);
  });

  it('ceil with m not a power of k becomes mixed-radix: 32, base 4 → radices 4, 4, 2, 32·(2+2+2+2+2) = 320 edges', () => {
    expect(realisedLogMode({ base: 4, logMode: 'ceil' }, 32, 'x')).toBe('mixed-radix');
    const plan = realisedPlan({ base: 4, logMode: 'ceil' }, 32, 'x');
    expect(plan.radices).toEqual([4, 4, 2]);
    expect(planEdges(plan)).toBe(320n);
  });

  it('base 8 on 32 channels uses the prime factors (sopfr(32) = 10): 320 edges', () => {
    expect(realisedPlan({ base: 8, logMode: 'mixed-radix' }, 32, 'x').radices).toEqual([2, 2, 2, 2, 2]);
  });

  it('48 channels, base 4: 4, 4, 3 → 48·(2+2+2+2+3) = 528 edges', () => {
    expect(planEdges(realisedPlan({ base: 4, logMode: 'mixed-radix' }, 48, 'x'))).toBe(528n);
  });

  it('padded and real have no construction: a UserError', () => {
    expect(() => realisedLogMode({ base: 2, logMode: 'real' }, 24, 'block/pw')).toThrow(
      'cannot export butterfly block/pw with --log-mode real',
    );
    expect(() => realisedLogMode({ base: 2, logMode: 'padded' }, 24, 'b')).toThrow('--log-mode padded');
  });

  it('squares: official uses ⌈max/min⌉ of size min; square-max one of size max', () => {
    expect(butterflySquares({ inChannels: 24, outChannels: 64, shapePolicy: 'official' })).toEqual({
      m: 24,
      squares: 3,
    });
    expect(butterflySquares({ inChannels: 64, outChannels: 24, shapePolicy: 'square-max' })).toEqual({
      m: 64,
      squares: 1,
    });
  });
});

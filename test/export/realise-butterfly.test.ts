/**
 * Which butterfly an export builds (issue 22): the cheaper of padded and mixed radix where the
 * accounting rule has no construction, against edge counts worked out by hand.
 */
import { describe, expect, it } from '@jest/globals';
import { planEdges } from '../../src/butterfly/plan.js';
import {
  buildableLogMode,
  isPowerOf,
  mixedRadixEdges,
  paddedEdges,
  paddedSize,
} from '../../src/fusion/buildable-butterfly.js';
import { realisedPlan, butterflySquares } from '../../src/export/realise-butterfly.js';

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

  it('padded sizes and edges by hand: 58 → 64 = 4³, 4·64·3 = 768; 116 → 256, 4·256·4 = 4096; 24 (base 2) → 32, 2·32·5 = 320', () => {
    expect(paddedSize(58, 4)).toEqual({ layers: 3, size: 64 });
    expect(paddedEdges(58, 4)).toBe(768n);
    expect(paddedEdges(116, 4)).toBe(4096n);
    expect(paddedEdges(24, 2)).toBe(320n);
    expect(paddedEdges(3, 4)).toBe(16n); // 4·4·1
  });

  it('mixed-radix edges by hand: 58 = 2·29 → 58·31 = 1798; 116 = 2·2·29 → 116·33 = 3828; 48 = 2⁴·3 → 48·11 = 528', () => {
    expect(mixedRadixEdges(58)).toBe(1798n);
    expect(mixedRadixEdges(116)).toBe(3828n);
    expect(mixedRadixEdges(48)).toBe(528n);
    expect(mixedRadixEdges(29)).toBe(841n);
  });

  it('ceil with m = k^L keeps k·m·L edges: 64, base 4 → 4·64·3 = 768', () => {
    const plan = realisedPlan({ base: 4, logMode: 'ceil' }, 64);
    expect(plan.radices).toEqual([4, 4, 4]);
    expect(planEdges(plan)).toBe(768n);
  });

  it('ceil on 58 channels, base 4 (ShuffleNetV2-1.0): padded 768 < mixed radix 1798 → zero-padded to 64, radices 4, 4, 4', () => {
    expect(buildableLogMode({ base: 4, logMode: 'ceil' }, 58)).toBe('padded');
    const plan = realisedPlan({ base: 4, logMode: 'ceil' }, 58);
    expect(plan).toEqual({ n: 64, radices: [4, 4, 4] });
    expect(planEdges(plan)).toBe(768n);
  });

  it('ceil on 116 channels: mixed radix 3828 < padded 4096 → radices 4, 29', () => {
    expect(buildableLogMode({ base: 4, logMode: 'ceil' }, 116)).toBe('mixed-radix');
    expect(realisedPlan({ base: 4, logMode: 'ceil' }, 116).radices).toEqual([4, 29]);
  });

  it('ceil with m not a power of k, mixed radix cheaper: 32, base 4 → radices 4, 4, 2, 32·(2+2+2+2+2) = 320 edges (padded: 768)', () => {
    expect(buildableLogMode({ base: 4, logMode: 'ceil' }, 32)).toBe('mixed-radix');
    const plan = realisedPlan({ base: 4, logMode: 'ceil' }, 32);
    expect(plan.radices).toEqual([4, 4, 2]);
    expect(planEdges(plan)).toBe(320n);
  });

  it('base 8 on 32 channels uses the prime factors (sopfr(32) = 10): 320 edges', () => {
    expect(realisedPlan({ base: 8, logMode: 'mixed-radix' }, 32).radices).toEqual([2, 2, 2, 2, 2]);
  });

  it('48 channels, base 4: 4, 4, 3 → 48·(2+2+2+2+3) = 528 edges', () => {
    expect(planEdges(realisedPlan({ base: 4, logMode: 'mixed-radix' }, 48))).toBe(528n);
  });

  it('padded and mixed-radix are built as asked, even where the other is cheaper', () => {
    expect(buildableLogMode({ base: 4, logMode: 'padded' }, 48)).toBe('padded');
    expect(realisedPlan({ base: 4, logMode: 'padded' }, 48)).toEqual({ n: 64, radices: [4, 4, 4] });
    expect(buildableLogMode({ base: 4, logMode: 'mixed-radix' }, 58)).toBe('mixed-radix');
    expect(realisedPlan({ base: 4, logMode: 'mixed-radix' }, 58).radices).toEqual([2, 29]);
  });

  it('real is built like ceil: base 2 on 24 → mixed radix 216 < padded 320; on 16 → base 2', () => {
    expect(buildableLogMode({ base: 2, logMode: 'real' }, 24)).toBe('mixed-radix');
    expect(buildableLogMode({ base: 2, logMode: 'real' }, 16)).toBe('ceil');
  });

  it("a layer's plan is built as it is", () => {
    expect(realisedPlan({ base: 4, logMode: 'ceil', plan: { radices: [2, 29] } }, 58).radices).toEqual([2, 29]);
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

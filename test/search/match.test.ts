import { describe, expect, it } from '@jest/globals';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { matchBudget, solveResolution } from '../../src/search/match.js';

describe('matchBudget', () => {
  // BFT paper Table 1c: MobileNetV1-1.0+BFT at 96/128/160 is printed 14/23/35M, and
  // MobileNetV1-2.0+BFT@128 52M. The default tolerance (10 %) covers the paper's ±6 % spread.
  it.each([[14, 1, 96], [23, 1, 128], [35, 1, 160], [52, 2, 128]] as const)(
    'finds the paper\'s configuration for the %pM budget (%p@%p)', (millions, width, resolution) => {
      const found = matchBudget({
        model: 'mobilenet-v1', budgetMacs: BigInt(millions) * 1_000_000n, fusion: DEFAULT_BFT, tolerance: 0.1,
        widths: [1, 2], resolutions: [96, 128, 160, 192, 224],
      });
      expect(found.map((c) => `${c.width}@${c.resolution}`)).toContain(`${width}@${resolution}`);
      for (const c of found) expect(Math.abs(c.deviationPercent)).toBeLessThanOrEqual(10);
    });
});

describe('solveResolution', () => {
  it('MobileNetV1 pointwise 0.25: the resolution nearest 13.57M is 128 ', () => {
    // MobileNetV1-0.25@128 is 13.57M MACs (bft-paper.md §6). With SAME padding 127 gives the
    // same feature maps as 128 (ceil halving), so the smallest such resolution, 127, is returned.
    const solved = solveResolution({ model: 'mobilenet-v1', budgetMacs: 13_570_000n, fusion: { kind: 'pointwise' } }, 0.25, 64, 256);
    expect(solved.resolution).toBe(127);
    expect(Math.round(Number(solved.macs) / 1e4) / 100).toBe(13.57);
  });
});

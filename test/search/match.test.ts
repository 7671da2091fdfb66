import { describe, expect, it } from '@jest/globals';
import { countModel, resolveModel } from '../../src/index.js';

const mobilenetV1 = resolveModel('mobilenet-v1');
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { macsOfResolution, matchBudget, solveResolution } from '../../src/search/match.js';

describe('matchBudget', () => {
  // BFT paper Table 1c: MobileNetV1-1.0+BFT at 96/128/160 is printed 14/23/35M, and
  // MobileNetV1-2.0+BFT@128 52M. The default tolerance (10 %) covers the paper's ±6 % spread.
  it.each([
    [14, 1, 96],
    [23, 1, 128],
    [35, 1, 160],
    [52, 2, 128],
  ] as const)("finds the paper's configuration for the %pM budget (%p@%p)", (millions, width, resolution) => {
    const found = matchBudget({
      model: mobilenetV1,
      budgetMacs: BigInt(millions) * 1_000_000n,
      fusion: DEFAULT_BFT,
      tolerance: 0.1,
      widths: [1, 2],
      resolutions: [96, 128, 160, 192, 224],
    });
    expect(found.map((c) => `${c.width}@${c.resolution}`)).toContain(`${width}@${resolution}`);
    for (const c of found) expect(Math.abs(c.deviationPercent)).toBeLessThanOrEqual(10);
  });
});

describe('solveResolution', () => {
  it('MobileNetV1 pointwise 0.25: the resolution nearest 13.57M is 127 (same feature maps as 128)', () => {
    // MobileNetV1-0.25@128 is 13.57M MACs (bft-paper.md §6). With SAME padding 127 gives the
    // same feature maps as 128 (ceil halving), so the smallest such resolution, 127, is returned.
    const solved = solveResolution(
      { model: mobilenetV1, budgetMacs: 13_570_000n, fusion: { kind: 'pointwise' } },
      0.25,
      64,
      256,
    );
    expect(solved.resolution).toBe(127);
    expect(Math.round(Number(solved.macs) / 1e4) / 100).toBe(13.57);
  });
});

describe('equal-cost solving on the symbolic total', () => {
  const request = { model: mobilenetV1, budgetMacs: 41_030_272n, fusion: DEFAULT_BFT };

  it('macsOfResolution (formula) equals a network built at each resolution', () => {
    const f = macsOfResolution(request, 1);
    for (const resolution of [1, 33, 96, 127, 128, 160, 161, 224, 300]) {
      expect(f(resolution)).toBe(
        countModel({ model: 'mobilenet-v1', parameters: { width: 1, resolution }, fusion: DEFAULT_BFT }).total.macs,
      );
    }
  });

  it('bisection finds what a linear scan over every resolution finds', () => {
    const f = macsOfResolution(request, 1);
    const solved = solveResolution(request, 1, 1, 400, f);
    let best = 1;
    for (let r = 1; r <= 400; r++) {
      const gap = (x: bigint) => (x > request.budgetMacs ? x - request.budgetMacs : request.budgetMacs - x);
      if (gap(f(r)) < gap(f(best))) best = r;
    }
    expect(solved.macs).toBe(f(best));
  });
});

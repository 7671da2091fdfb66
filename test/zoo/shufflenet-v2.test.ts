/**
 * ShuffleNetV2 against published figures. Sources: Ma et al. 2018 (arXiv:1807.11164) Table 5 /
 * Megvii's README (41 / 146 / 299 / 591 MFLOPs = MACs; 1.4 / 2.3 / 3.5 / 7.4M params, official
 * form); torchvision's documented parameter counts (ShuffleNet_V2_X0_5_Weights … X2_0:
 * 1,366,792 / 2,278,604 / 3,503,624 / 7,393,996).
 */
import { describe, expect, it } from '@jest/globals';
import { countModel } from '../../src/index.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { roundsToMillions, totals } from './published.js';

const OFFICIAL: readonly [number, string, string][] = [
  [1, '146', '2.3'],
  [1.5, '299', '3.5'],
  [2, '591', '7.4'],
];
const TORCHVISION_PARAMS: readonly [number, bigint][] = [
  [0.5, 1_366_792n],
  [1, 2_278_604n],
  [1.5, 3_503_624n],
  [2, 7_393_996n],
];
const STAGES: Record<number, [number, number, number, number]> = {
  0.5: [48, 96, 192, 1024],
  1: [116, 232, 464, 1024],
  1.5: [176, 352, 704, 1024],
  2: [244, 488, 976, 2048],
};

/** Hand count of MACs from Fig. 3(c,d) of the paper at 224 (56² after stem and pool). */
function handCount(width: number, official: boolean, resolution = 224): bigint {
  const [c2, c3, c4, c5] = STAGES[width]!;
  let size = Math.ceil(Math.ceil(resolution / 2) / 2);
  let macs = BigInt(Math.ceil(resolution / 2) ** 2 * 24 * 27);
  let cin = 24;
  for (const [out, units] of [
    [c2, 4],
    [c3, 8],
    [c4, 4],
  ] as const) {
    const half = out / 2;
    const next = Math.ceil(size / 2);
    // down-sampling unit: projection DW + 1×1, main 1×1 (at the input size), DW/2, 1×1
    const projOut = official ? cin : half;
    const mainOut = official ? out - cin : half;
    macs += BigInt(next * next * cin * 9 + next * next * cin * projOut);
    macs += BigInt(size * size * cin * half + next * next * half * 9 + next * next * half * mainOut);
    size = next;
    // basic units on half the channels: 1×1, DW, 1×1
    macs += BigInt((units - 1) * size * size * (half * half * 2 + half * 9));
    cin = out;
  }
  return macs + BigInt(size * size * cin * c5 + c5 * 1000);
}

describe('shufflenet-v2', () => {
  it.each(OFFICIAL)('official %p×: MACs round to %sM and params to %sM', (width, macs, params) => {
    const t = totals('shufflenet-v2', { width, variant: 'official' });
    expect(roundsToMillions(t.macs, macs)).toBe(true);
    expect(roundsToMillions(t.params, params)).toBe(true);
  });

  it('official 0.5×: 1.4M params; MACs 40.48M against the printed 41M (documented deviation)', () => {
    const t = totals('shufflenet-v2', { width: 0.5, variant: 'official' });
    expect(roundsToMillions(t.params, '1.4')).toBe(true);
    // Deviation documented, not tuned: the direct count (equal to the hand count below and to
    // torchvision's 0.5× model, whose down-sampling units coincide with Megvii's at this width)
    // is 40.48M, 1.3 % under the printed 41M. Adding the stem's max pool (0.68M comparisons)
    // would reach 41 but break the 1.5× row (299.65 → 300), so no single rule explains it.
    expect(roundsToMillions(t.macs, '41')).toBe(false);
    expect(Number(t.macs) / 41e6).toBeGreaterThan(0.985);
  });

  it.each(TORCHVISION_PARAMS)('torchvision %p×: params exactly %p', (width, params) => {
    expect(totals('shufflenet-v2', { width, variant: 'torchvision' }).params).toBe(params);
  });

  it('equals a hand count from the unit diagrams for both variants', () => {
    for (const width of [0.5, 1, 1.5, 2]) {
      for (const official of [true, false]) {
        expect(totals('shufflenet-v2', { width, variant: official ? 'official' : 'torchvision' }).macs).toBe(
          handCount(width, official),
        );
      }
    }
    expect(totals('shufflenet-v2', { width: 0.5, resolution: 160 }).macs).toBe(handCount(0.5, true, 160));
  });

  it('the variants coincide at 0.5× and differ by 1-1.3 % above (architectures.md)', () => {
    expect(totals('shufflenet-v2', { width: 0.5, variant: 'torchvision' }).macs).toBe(
      totals('shufflenet-v2', { width: 0.5, variant: 'official' }).macs,
    );
    for (const width of [1, 1.5, 2]) {
      const official = Number(totals('shufflenet-v2', { width, variant: 'official' }).macs);
      const torchvision = Number(totals('shufflenet-v2', { width, variant: 'torchvision' }).macs);
      const gap = (official - torchvision) / official;
      expect(gap).toBeGreaterThan(0.005);
      expect(gap).toBeLessThan(0.014);
    }
  });

  it("BFT keeps the 1×1 convs reading the stem's 24 channels dense and replaces every other 1×1", () => {
    const report = countModel({ model: 'shufflenet-v2', parameters: { width: 0.5 }, fusion: DEFAULT_BFT });
    // At 0.5× the stage-2 branches are 24 wide too, yet only the first unit's convs reading
    // the stem's output stay dense (a bare "c_in == 24" rule would keep 14 of them).
    const dense1x1 = report.layers.filter(
      (l) => l.kind === 'conv2d' && l.name !== 'conv1' && !/depthwise/.test(l.name),
    );
    expect(dense1x1.map((l) => l.name)).toEqual([
      'stage2/unit1/branches/1/proj_pw/conv',
      'stage2/unit1/branches/2/pw1/conv',
    ]);
    // 16 units: 13 basic × 2 + 3 down × 3 − 2 kept dense + conv5 = 34 butterflies
    expect(report.layers.filter((l) => l.kind === 'butterfly')).toHaveLength(13 * 2 + 3 * 3 - 2 + 1);
  });

  it('rejects an unknown variant and a width without a published stage table', () => {
    expect(() => totals('shufflenet-v2', { variant: 'megvii' })).toThrow(
      /invalid variant.*received "megvii"; expected one of official, torchvision/,
    );
    expect(() => totals('shufflenet-v2', { width: 0.75 })).toThrow(/invalid width.*one of 0.5, 1, 1.5, 2/);
  });
});

describe('shufflenet-v2-1.25 (BFT paper §5)', () => {
  // The paper prints 41M at 224, 21M at 160, 14M at 128 for ShuffleNetV2-1.25+BFT.
  // Deviation documented, not tuned: with the printed widths 128/256/1024 and the paper's BFT
  // (k = 4, ceil log, official n_in ≠ n_out handling) the counts are 39.1M / 20.5M / 13.5M:
  // within -5 % of the printed figures, like the paper's other BFT rows (bft-paper.md §6).
  it.each([
    [224, 41],
    [160, 21],
    [128, 14],
  ] as const)('at %p the BFT count is within 6 %% below the printed %pM', (resolution, printed) => {
    const macs = Number(totals('shufflenet-v2-1.25', { resolution }, { bft: true }).macs) / 1e6;
    expect(macs / printed).toBeGreaterThan(0.94);
    expect(macs / printed).toBeLessThan(1);
  });

  it('stage 4 = 512 (the suspected typo) is cheaper and further from the printed 41M', () => {
    const wide = totals('shufflenet-v2-1.25', {}, { bft: true }).macs;
    const narrow = totals('shufflenet-v2-1.25', { stage4: 512 }, { bft: true }).macs;
    expect(narrow).toBeLessThan(wide);
    expect(Math.abs(Number(narrow) / 1e6 - 41)).toBeGreaterThan(Math.abs(Number(wide) / 1e6 - 41));
  });
});

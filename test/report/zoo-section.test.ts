import { describe, expect, it } from '@jest/globals';
import { readDataFiles } from '../../src/io/read-data-files.js';
import { reportInputs } from '../../src/report/sections/report-section.js';
import { zooPairs } from '../../src/report/sections/zoo-networks.js';

const { models } = reportInputs(readDataFiles('data'), { fontFiles: () => [], vegaRuntime: () => '' });

describe('zoo report data', () => {
  const pairs = zooPairs(models);

  it('covers every zoo architecture file, sorted', () => {
    expect(pairs.map((p) => p.id)).toEqual([
      'convnext',
      'mobilenet-v1',
      'mobilenet-v2',
      'mobilenet-v3-large',
      'mobilenet-v3-small',
      'resnet-18',
      'resnet-50',
      'shufflenet-v2',
      'shufflenet-v2-1.25',
      'vit',
    ]);
  });

  it('counts the defaults: MobileNetV1-1.0@224 = 568,740,352 MACs (published 569M), BFT strictly cheaper', () => {
    const mobilenet = pairs.find((p) => p.id === 'mobilenet-v1');
    expect(mobilenet?.pointwise.total.macs).toBe(568_740_352n);
    for (const pair of pairs) expect(pair.bft.total.macs).toBeLessThan(pair.pointwise.total.macs);
  });

  it("reproduces the paper's Figure 3 pair: 1.0 pointwise ≈ 95 % fusion, 2.0 + BFT ≈ 60 %", () => {
    const [wide] = zooPairs(models, { 'mobilenet-v1': { width: 2 } }).filter((p) => p.id === 'mobilenet-v1');
    const share = (macs: bigint | undefined, total: bigint) => Number(macs ?? 0n) / Number(total);
    const a = pairs.find((p) => p.id === 'mobilenet-v1')?.pointwise;
    expect(a).toBeDefined();
    expect(wide).toBeDefined();
    if (a === undefined || wide === undefined) return;
    expect(share(a.roles.find((r) => r.role === 'channel-fusion')?.macs, a.total.macs)).toBeCloseTo(0.95, 2);
    expect(share(wide.bft.roles.find((r) => r.role === 'channel-fusion')?.macs, wide.bft.total.macs)).toBeCloseTo(
      0.6,
      2,
    );
    // The paper's stated drawback: at equal-ish FLOPs the widened BFT net needs twice the activation memory of width 1.
    expect(wide.bft.peakActivationBytes).toBe(2n * a.peakActivationBytes);
  });
});

/**
 * ResNet-18 / ResNet-50 against published figures. Sources: He et al. 2016 (arXiv:1512.03385)
 * Table 1 (1.8 and 3.8 ×10⁹ FLOPs = multiply-adds); torchvision's documented parameter counts
 * (ResNet18_Weights 11,689,512; ResNet50_Weights 25,557,032) and GFLOPS (ResNet-50 4.09).
 */
import { describe, expect, it } from '@jest/globals';
import { roundsToMillions, totals, withinLastDigit } from './published.js';

/** Hand count of ResNet-18 from Table 1: each stage's 3×3 convs, its projection, the stem, FC. */
function resnet18Macs(): bigint {
  const conv = (size: number, out: number, cin: number, k: number) => BigInt(size * size * out * cin * k * k);
  let macs = conv(112, 64, 3, 7) + 4n * conv(56, 64, 64, 3);
  for (const [size, planes] of [
    [28, 128],
    [14, 256],
    [7, 512],
  ] as const) {
    macs += conv(size, planes, planes / 2, 3) + 3n * conv(size, planes, planes, 3) + conv(size, planes, planes / 2, 1);
  }
  return macs + 512n * 1000n;
}

/** Hand count of ResNet-50: v1 strides the first 1×1 of a down-sampling block, v1.5 the 3×3. */
function resnet50Macs(v15: boolean): bigint {
  const conv = (size: number, out: number, cin: number, k: number) => BigInt(size * size * out * cin * k * k);
  let macs = conv(112, 64, 3, 7);
  let cin = 64;
  let size = 56;
  for (const [planes, units, stride] of [
    [64, 3, 1],
    [128, 4, 2],
    [256, 6, 2],
    [512, 3, 2],
  ] as const) {
    for (let u = 0; u < units; u++) {
      const s = u === 0 ? stride : 1;
      const out = Math.ceil(size / s);
      macs += conv(v15 ? size : out, planes, cin, 1) + conv(out, planes, planes, 3) + conv(out, 4 * planes, planes, 1);
      if (u === 0) macs += conv(out, 4 * planes, cin, 1);
      cin = 4 * planes;
      size = out;
    }
  }
  return macs + 2048n * 1000n;
}

describe('resnet-18', () => {
  it("1.8G MACs (hand count) and torchvision's 11,689,512 params", () => {
    const t = totals('resnet-18');
    expect(t.macs).toBe(resnet18Macs());
    expect(withinLastDigit(t.macs / 100n, '18')).toBe(true);
    expect(t.params).toBe(11_689_512n);
  });
});

describe('resnet-50', () => {
  it('v1 (paper): hand count, "3.8 ×10⁹" printed for 3.858G (truncated), 25.6M params', () => {
    const t = totals('resnet-50', { variant: 'v1' });
    expect(t.macs).toBe(resnet50Macs(false));
    expect(withinLastDigit(t.macs / 1000n, '3.8')).toBe(true);
    expect(t.params).toBe(25_557_032n);
    expect(roundsToMillions(t.params, '25.6')).toBe(true);
  });

  it('v1.5 (torchvision): hand count, 4.09G, same params', () => {
    const t = totals('resnet-50', { variant: 'v1.5' });
    expect(t.macs).toBe(resnet50Macs(true));
    expect(roundsToMillions(t.macs / 1000n, '4.09')).toBe(true);
    expect(t.params).toBe(25_557_032n);
  });

  it('rejects an unknown variant in one line naming the allowed ones', () => {
    expect(() => totals('resnet-50', { variant: 'v2' })).toThrow(
      /invalid variant; received "v2"; expected one of v1, v1.5/,
    );
  });
});

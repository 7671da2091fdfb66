/**
 * MobileNetV3 against published figures. Sources: Howard et al. 2019 (arXiv:1905.02244)
 * Table 3 (Large 219M / 5.4M, Large-0.75 155M / 4.0M; Small 56M / 2.5M and Small-0.75 44M /
 * 2.0M in one revision), TF-slim's table (Large 217M), torchvision's documented parameter counts
 * (MobileNet_V3_Large_Weights 5,483,032; MobileNet_V3_Small_Weights 2,542,856).
 */
import { describe, expect, it } from '@jest/globals';
import { countModel } from '../../src/index.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { roundsToMillions, totals, withinLastDigit } from './published.js';

describe('mobilenet-v3-large', () => {
  it('1.0@224: torchvision params exactly; MACs 217M as TF-slim (paper 219M: documented deviation)', () => {
    for (const variant of ['tensorflow', 'torchvision']) {
      const t = totals('mobilenet-v3-large', { variant });
      expect(t.params).toBe(5_483_032n);
      expect(roundsToMillions(t.macs, '217')).toBe(true);
      // The paper's 219M is 1.1 % above a direct count of its own block table (216.6M);
      // TF-slim, counting the same network, prints 217.
      expect(withinLastDigit(t.macs, '219')).toBe(false);
    }
  });

  it("0.75@224 reproduces 155M / 4.0M under the TensorFlow width rule, not under torchvision's", () => {
    const tf = totals('mobilenet-v3-large', { width: 0.75 });
    expect(roundsToMillions(tf.macs, '155')).toBe(true);
    expect(roundsToMillions(tf.params, '4.0')).toBe(true);
    const torch = totals('mobilenet-v3-large', { width: 0.75, variant: 'torchvision' });
    expect(Number(torch.macs) / 1e6).toBeLessThan(150);
  });
});

describe('mobilenet-v3-small', () => {
  it('1.0@224: torchvision params exactly; 56.5M MACs against the printed 56M (truncated)', () => {
    const t = totals('mobilenet-v3-small');
    expect(t.params).toBe(2_542_856n);
    expect(withinLastDigit(t.macs, '56')).toBe(true);
    expect(roundsToMillions(t.params, '2.5')).toBe(true);
  });

  it('0.75@224: 2.0M params; 43.4M MACs against the printed 44M (documented deviation)', () => {
    const t = totals('mobilenet-v3-small', { width: 0.75 });
    expect(roundsToMillions(t.params, '2.0')).toBe(true);
    // No rule found that gives 44: the direct count of the TF width rule is 43.40M (-1.4 %).
    expect(Number(t.macs) / 44e6).toBeGreaterThan(0.98);
    expect(Number(t.macs) / 44e6).toBeLessThan(1);
  });

  it("0.35@224 is the BFT paper's 13M baseline", () => {
    expect(roundsToMillions(totals('mobilenet-v3-small', { width: 0.35 }).macs, '13')).toBe(true);
  });

  it('a squeeze-excite costs the hand count of its two 1×1s on a 1×1 map, with biases', () => {
    // bneck1 of Small: 16 channels at 56×56, SE squeeze make_divisible(16 // 4, 8) = 8.
    const layers = countModel({ model: 'mobilenet-v3-small' }).layers.filter((l) => l.role === 'squeeze-excite');
    const first = layers.slice(0, 2);
    expect(first.map((l) => l.macs)).toEqual([16n * 8n, 8n * 16n]);
    expect(first.map((l) => l.params)).toEqual([16n * 8n + 8n, 8n * 16n + 16n]);
    // Small has squeeze-excite in 9 of its 11 blocks (all but the 2nd and 3rd).
    expect(layers).toHaveLength(18);
  });

  it('under BFT the squeeze-excite convs and the FCs stay dense unless asked', () => {
    const report = countModel({ model: 'mobilenet-v3-small', parameters: { width: 0.5 }, fusion: DEFAULT_BFT });
    expect(report.layers.filter((l) => l.role === 'squeeze-excite' && l.kind === 'butterfly')).toHaveLength(0);
    expect(report.layers.filter((l) => l.kind === 'linear')).toHaveLength(2);
    const fused = countModel({
      model: 'mobilenet-v3-small',
      parameters: { width: 0.5 },
      fusion: { ...DEFAULT_BFT, includeSqueezeExcite: true },
    });
    expect(fused.layers.filter((l) => l.role === 'squeeze-excite' && l.kind === 'butterfly')).toHaveLength(18);
    // The paper's MobileNetV3-Small-0.5+BFT is printed as 15M.
    expect(roundsToMillions(report.total.macs, '15')).toBe(true);
  });
});

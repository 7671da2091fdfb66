/**
 * The bench's synthetic ViT (`bench/vit-onnx.ts`) is a faithful stand-in for torchvision's export:
 * graph-only, at ViT-Ti/S/B/16 dims it counts exactly PyTorch's MACs and params (the fixtures'
 * expected.json, torch.profiler and sum(p.numel())); at ViT-L/16 dims it counts the closed form.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIT_L_16, vitOnnx, type VitShape } from '../../bench/vit-onnx.js';
import { analyze } from '../../src/cost/analyze.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';

const expected = JSON.parse(readFileSync(join('test', 'fixtures', 'onnx-transformers', 'expected.json'), 'utf8')) as {
  models: Record<string, { macs: number; params: number }>;
};

function count(shape: VitShape) {
  const bytes = vitOnnx(shape, false);
  return analyze(
    onnxModelDescription(bytes, { kind: 'onnx', reference: 'vit.onnx', path: 'vit.onnx' }).build(),
    PAPER_CONVENTION,
  ).total;
}

const base = { patch: 16, resolution: 224, depth: 12, classes: 1000 };

describe('the synthetic ViT of the import bench', () => {
  for (const [name, width, heads] of [
    ['vit_ti_16', 192, 3],
    ['vit_s_16', 384, 6],
    ['vit_b_16', 768, 12],
  ] as const) {
    it(`at ${name} dims counts PyTorch's own numbers`, () => {
      const total = count({ ...base, width, heads, mlp: 4 * width });
      expect([total.macs, total.params]).toEqual([
        BigInt(expected.models[name]?.macs ?? 0),
        BigInt(expected.models[name]?.params ?? 0),
      ]);
    });
  }

  it('at ViT-L/16 dims counts the closed form (T = 197, d = 1024, MLP 4096, 24 blocks)', () => {
    const t = 197n;
    const d = 1024n;
    const m = 4096n;
    const block = 4n * t * d * d + 2n * t * t * d + 2n * t * d * m;
    const macs = 24n * block + 3n * 16n * 16n * d * (t - 1n) + d * 1000n;
    const blockParams = 4n * d * d + 4n * d + 2n * d * m + m + d + 4n * d;
    const params = 24n * blockParams + 3n * 16n * 16n * d + d + d + t * d + 2n * d + d * 1000n + 1000n;
    const total = count(VIT_L_16);
    expect([total.macs, total.params]).toEqual([macs, params]);
    // torchvision publishes 61.55 GFLOPS (= MACs) and 304.33 M params for vit_l_16
    expect(Number(macs) / 1e9).toBeCloseTo(61.55, 1);
    expect(Number(params) / 1e6).toBeCloseTo(304.33, 1);
  });
});

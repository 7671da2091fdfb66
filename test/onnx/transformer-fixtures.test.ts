/**
 * torchvision transformers exported to ONNX (opset 17; test/fixtures/onnx-transformers/, made by
 * scripts/make-transformer-fixtures.py) against PyTorch's own counts: MACs = torch.profiler's
 * FLOPs of aten::conv2d + addmm + mm + bmm / 2 (torchvision's published "GFLOPS"), params =
 * sum(p.numel()). Independent of our code: the numbers come from running the PyTorch models.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/cost/analyze.js';
import { readOnnxModel } from '../../src/io/onnx-file.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';

const FOLDER = join(process.cwd(), 'test', 'fixtures', 'onnx-transformers');
interface Oracle {
  readonly macs: number;
  readonly params: number;
  readonly file: string;
  readonly unfolded_file?: string;
}
const expected = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as { models: Record<string, Oracle> };

function count(file: string) {
  const network = readOnnxModel(join(FOLDER, file)).build({});
  return { network, report: analyze(network, PAPER_CONVENTION) };
}

/**
 * Swin's relative-position bias: a trainable table of (2·7 − 1)² = 169 rows × heads per block,
 * gathered by a constant index into a [heads, 49, 49] bias. With constant folding (torch's
 * default) the exporter stores only the gathered bias — 2401 values per head instead of 169 — and
 * the table is gone from the file. Swin-T: stages of 2, 2, 6, 2 blocks with 3, 6, 12, 24 heads.
 */
const SWIN_T_FOLDED_BIAS_EXCESS = (49 * 49 - 13 * 13) * (2 * 3 + 2 * 6 + 6 * 12 + 2 * 24);

describe('transformer exports vs PyTorch', () => {
  it.each(Object.entries(expected.models))(
    "%s: MACs equal PyTorch's, params too (Swin: without constant folding), nothing left uncounted",
    (name, oracle) => {
      const { network, report } = count(oracle.file);
      expect(network.notCounted ?? []).toEqual([]);
      expect(report.total.macs).toBe(BigInt(oracle.macs));
      const excess = name === 'swin_t' ? SWIN_T_FOLDED_BIAS_EXCESS : 0;
      expect(report.total.params).toBe(BigInt(oracle.params + excess));
      if (oracle.unfolded_file !== undefined) {
        const unfolded = count(oracle.unfolded_file).report.total;
        expect([unfolded.macs, unfolded.params]).toEqual([BigInt(oracle.macs), BigInt(oracle.params)]);
      }
    },
  );

  it("the published totals (torchvision 0.14 docs: ViT-B/16 17.56 GFLOPS, 86.57 M params; ConvNeXt-T 4.46, 28.59 M; Swin-T 4.49, 28.29 M) are the oracle's", () => {
    const round = (value: number, unit: number) => Math.round(value / unit) / 100;
    expect(round(expected.models['vit_b_16']?.macs ?? 0, 1e7)).toBe(17.56);
    expect(round(expected.models['vit_b_16']?.params ?? 0, 1e4)).toBe(86.57);
    expect(round(expected.models['convnext_tiny']?.macs ?? 0, 1e7)).toBe(4.46);
    expect(round(expected.models['convnext_tiny']?.params ?? 0, 1e4)).toBe(28.59);
    expect(round(expected.models['swin_t']?.macs ?? 0, 1e7)).toBe(4.49);
    expect(round(expected.models['swin_t']?.params ?? 0, 1e4)).toBe(28.29);
  });
});

describe('roles of a ViT encoder, against the closed form of one block', () => {
  it('ViT-B/16 (T = 197, d = 768, r = 4, 12 blocks): MLP 2·r·T·d², projections 4·T·d², attention products 2·T²·d per block', () => {
    const { report } = count('vit_b_16.onnx');
    const byRole = new Map(report.roles.map((role) => [role.role, role.macs]));
    const [T, d, r, blocks] = [197n, 768n, 4n, 12n];
    expect(byRole.get('channel-fusion')).toBe(blocks * 2n * r * T * d * d);
    expect(byRole.get('attention-projection')).toBe(blocks * 4n * T * d * d);
    expect(byRole.get('attention')).toBe(blocks * 2n * T * T * d);
    // the patch embedding: (T − 1) patches of 3·16·16 inputs to d outputs; the head: d → 1000
    expect(byRole.get('stem')).toBe((T - 1n) * 3n * 16n * 16n * d);
    expect(byRole.get('classifier')).toBe(d * 1000n);
  });

  it('ConvNeXt-T has no attention: its token-wise Linear layers are channel fusion; LayerNorms are normalisation', () => {
    const { report } = count('convnext_tiny.onnx');
    const byRole = new Map(report.roles.map((role) => [role.role, role]));
    expect(byRole.get('attention')?.macs ?? 0n).toBe(0n);
    expect(byRole.get('attention-projection')?.macs ?? 0n).toBe(0n);
    // 18 blocks (3, 3, 9, 3) of two pointwise Linear layers
    expect(report.layers.filter((layer) => layer.role === 'channel-fusion')).toHaveLength(36);
    expect(report.layers.filter((layer) => layer.role === 'normalization').length).toBeGreaterThan(18);
  });
});

describe('the BFT what-if on a transformer (ViT-B/16)', () => {
  // One square butterfly of 768 channels, base 4, ceil mode: 4 · 768 · ⌈log₄ 768⌉ = 4 · 768 · 5 edges.
  const square = 4n * 768n * 5n;
  const [T, blocks] = [197n, 12n];
  const bftReport = (includeAttentionProjections: boolean) => {
    const network = readOnnxModel(join(FOLDER, 'vit_b_16.onnx')).build({});
    return analyze(applyFusion(network, { ...DEFAULT_BFT, includeAttentionProjections }), PAPER_CONVENTION);
  };
  it('replaces the MLPs (768 → 3072 → 768: 4 squares each) and keeps attention dense by default', () => {
    const byRole = new Map(bftReport(false).roles.map((role) => [role.role, role.macs]));
    expect(byRole.get('channel-fusion')).toBe(blocks * 2n * T * 4n * square);
    expect(byRole.get('attention-projection')).toBe(blocks * 4n * T * 768n * 768n);
  });
  it('--fuse-attention also replaces the qkv (768 → 2304: 3 squares) and output (1 square) projections', () => {
    const byRole = new Map(bftReport(true).roles.map((role) => [role.role, role.macs]));
    expect(byRole.get('attention-projection')).toBe(blocks * T * (3n + 1n) * square);
    expect(byRole.get('attention')).toBe(blocks * 2n * T * T * 768n);
  });
});

/**
 * The convention presets on the ViT and ConvNeXt zoo files, whose records carry torchvision's
 * PyTorch forms (`pytorch` fields: nn.MultiheadAttention projections and products, nn.Linear,
 * nn.LayerNorm / LayerNorm2d = F.layer_norm, `result += input`), against the totals the tools
 * themselves printed for torchvision's vit_b_16 and convnext_tiny
 * (test/conventions/transformer-counter-totals.json, scripts/measure-counter-totals.py).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { analyze } from '../../src/cost/analyze.js';
import { CONVENTION_PRESETS } from '../../src/conventions/presets.js';
import { reportedTotal, type PresetName } from '../../src/conventions/preset.js';
import { loadNetwork } from '../../src/index.js';

const MEASURED = (
  JSON.parse(readFileSync(new URL('../conventions/transformer-counter-totals.json', import.meta.url), 'utf8')) as {
    models: Record<string, Record<string, number | null>>;
  }
).models;

function reported(model: string, preset: PresetName, parameters: Record<string, number> = {}): bigint {
  const { convention, registry } = CONVENTION_PRESETS[preset];
  const network = loadNetwork({ model, parameters, convention });
  return reportedTotal(convention, analyze(network, convention, registry).total).reported;
}

/**
 * What no preset sees on a zoo (or imported) record: the learned tensors are element-wise records
 * with params, so torch.profiler's `aten::add` of the positional embedding (T·d = 197·768
 * elements, 1 FLOP each) and `aten::mul` of ConvNeXt's layer scale (its first operand, the
 * C×1×1 γ: 3·96 + 3·192 + 9·384 + 3·768 = 6,624) are missing from the torch-profiler preset.
 */
const POSITION_EMBEDDING_ADD = 197n * 768n;
const LAYER_SCALE_MUL = 6_624n;

describe("presets on the zoo transformers vs the tools' own totals", () => {
  it.each(['fvcore', 'ptflops-aten', 'thop'] as const)(
    "vit (ViT-B/16) under %s: the tool's total exactly",
    (preset) => {
      expect(reported('vit', preset)).toBe(BigInt(MEASURED['vit_b_16']?.[preset] ?? -1));
    },
  );

  it.each(['fvcore', 'ptflops', 'ptflops-modules', 'ptflops-aten', 'thop'] as const)(
    "convnext (ConvNeXt-T) under %s: the tool's total exactly",
    (preset) => {
      expect(reported('convnext', preset)).toBe(BigInt(MEASURED['convnext_tiny']?.[preset] ?? -1));
    },
  );

  it('torch-profiler: short by exactly the learned-tensor add (ViT) and multiply (ConvNeXt), as on the ONNX imports', () => {
    expect(BigInt(MEASURED['vit_b_16']?.['torch-profiler'] ?? -1) - reported('vit', 'torch-profiler')).toBe(
      POSITION_EMBEDDING_ADD,
    );
    expect(BigInt(MEASURED['convnext_tiny']?.['torch-profiler'] ?? -1) - reported('convnext', 'torch-profiler')).toBe(
      LAYER_SCALE_MUL,
    );
  });
});

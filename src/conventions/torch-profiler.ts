/**
 * torch.profiler 1.13 — `torch.profiler.profile(with_flops=True)`, summed over the recorded
 * events (`sum(e.flops for e in prof.events())`, what the "Total FLOPs" column of
 * `key_averages().table()` adds up), in FLOPs: a multiply-add is 2.
 *
 * The formulas are C++ (`torch::profiler::impl::computeFlops`, declared in
 * torch/csrc/profiler/util.h — installed with Debian's python3-torch 1.13 — and defined in
 * torch/csrc/profiler/util.cpp), keyed by the exact operator name, with shapes saved by
 * `saveExtraArgs` for those operators only:
 * - `aten::conv2d`: 2 · N · H_out · W_out · K_h · K_w · C_in · C_out / groups — 2 × MACs; the
 *   bias is not counted (the nested `aten::convolution`, `aten::_convolution` have no formula).
 * - `aten::addmm` (what `nn.Linear` becomes for a 2-D input), `aten::mm`: 2 · M · K · N; no bias.
 * - `aten::mul`, `aten::add`: the element count of the *first* operand — for `a + b` the output
 *   elements, for torchvision's squeeze-excite `scale * input` only the C×1×1 scale.
 * - Every other operator, including the in-place `aten::add_` (`out += identity` in ResNet and
 *   MobileNetV3), `aten::mul_`, batch norm, activations, pooling and `aten::mean`: 0.
 * Transformers: `aten::mm`, `addmm` (an `nn.Linear` on T tokens, the projections of
 * `nn.MultiheadAttention`) and `aten::bmm` (what `@`, `torch.matmul` and `torch.einsum` become
 * for batched products, and the products inside `nn.MultiheadAttention`, Python or native path)
 * have formulas: 2 × MACs each; the bias, the q scaling (`aten::div`), `aten::layer_norm`,
 * `aten::gelu` and `aten::softmax` have none: 0. Swin's `q * scale` is an `aten::mul`: q's
 * elements.
 * Checked by running torch 1.13 (Debian python3-torch) on the torchvision models:
 * test/conventions/counter-totals.json and transformer-counter-totals.json (token-net and
 * ViT-B/16), made by scripts/measure-counter-totals.py.
 */
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ConventionPreset } from './preset.js';
import { ELEMENTS, toolRegistry } from './tool-registry.js';

const VERSION = 'torch 1.13';
const TOOL = 'torch.profiler.profile(with_flops=True): sum of event flops';

/** The torch.profiler preset (see the file comment). */
export const TORCH_PROFILER_PRESET: ConventionPreset = {
  name: 'torch-profiler',
  tool: TOOL,
  version: VERSION,
  source:
    'torch/csrc/profiler/util.cpp computeFlops (aten::conv2d, aten::addmm, aten::mm, aten::bmm, aten::mul, aten::add)',
  reportedUnit: 'FLOP',
  convention: {
    ...PAPER_CONVENTION,
    extraElementwise: true,
    preset: { name: 'torch-profiler', tool: TOOL, version: VERSION, reportedUnit: 'FLOP' },
  },
  registry: toolRegistry({
    add: (layer) => ((layer.pytorch ?? 'a + b') === 'a += b' ? '0' : ELEMENTS.input),
    multiply: (layer) => {
      switch (layer.pytorch ?? 'x * gate') {
        case 'x * gate':
        case 'torch.mul':
          return ELEMENTS.input;
        case 'gate * x':
          return ELEMENTS.second;
        case 'x *= gate':
          return '0';
      }
    },
  }),
  rules: {
    'conv MACs': 'aten::conv2d: 2·H_out·W_out·K²·C_in·C_out/groups (2 FLOPs per MAC)',
    'linear MACs': 'aten::addmm: 2·N_in·N_out',
    'attention projection MACs': 'aten::addmm / mm: 2·T·N_in·N_out',
    'attention MACs': 'aten::bmm: 2·batch·m·k·n, whatever the Python form',
    'attention bias/scaling': 'not counted (aten::div for the q scaling has no formula)',
    'layer norm': 'aten::layer_norm: no formula, 0',
    gelu: 'aten::gelu: no formula, 0',
    softmax: 'aten::softmax: no formula, 0',
    'conv bias': 'not counted',
    'linear bias': 'not counted',
    'residual add': 'aten::add (a + b): elements of the first operand; aten::add_ (a += b): 0',
    'gate multiply': 'aten::mul: elements of the first operand (gate * x: the C×1×1 gate); aten::mul_: 0',
  },
};

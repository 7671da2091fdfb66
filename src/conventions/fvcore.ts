/**
 * fvcore 0.1.6 — `FlopCountAnalysis(model.eval(), x).total()`, which counts one multiply-add as
 * one "flop" (so the unit is MACs).
 *
 * Read at facebookresearch/fvcore 3378afe0d71dc2aa95e358bc78dc9b67cb48825a (`__version__ =
 * "0.1.6"`), fvcore/nn/flop_count.py `_DEFAULT_SUPPORTED_OPS` and fvcore/nn/jit_handles.py:
 * - `aten::_convolution` → `conv_flop_jit`: batch · prod(w_shape) · prod(out_shape[2:]) — the
 *   MACs; the bias is ignored ("Computation for addition and bias is ignored").
 * - `aten::linear` → `linear_flop_jit` (and `aten::addmm` → `addmm_flop_jit`): prod(input) · out
 *   features; no bias.
 * - `aten::batch_norm` → `batchnorm_flop_jit`: in eval mode input elements × (2 if affine else 1);
 *   in training mode 5 per element (`norm_flop_counter(1)`). Modelled: eval (the tool runs the
 *   model as given; `model.eval()` is the user's job), torchvision's BN is affine: 2 per element.
 * - `aten::adaptive_avg_pool2d` → `elementwise_flop_counter(1, 0)`: input elements, whether
 *   called through `nn.AdaptiveAvgPool2d` or `F.adaptive_avg_pool2d` (both trace to this op).
 * - Everything else counts 0: `aten::relu`/`relu_` are in jit_analysis.py `_IGNORED_OPS`;
 *   `aten::hardswish`, `hardsigmoid`, `max_pool2d`, `avg_pool2d`, `add`/`add_`, `mul`, `mean`
 *   (ShuffleNetV2's `x.mean([2, 3])`) have no handle and are reported as unsupported, counted 0.
 * Transformers (same files):
 * - `aten::linear` on T tokens: prod(input shape)·N_out = T·N_in·N_out, no bias — also the
 *   `F.linear` projections inside `nn.MultiheadAttention` (fvcore traces with autograd on, so
 *   PyTorch 1.13 takes the module's Python path: `linear`, `torch.bmm`, `softmax`).
 * - `aten::matmul`/`mm` → `matmul_flop_jit`: prod(first shape)·last dim of the second;
 *   `aten::bmm` → `bmm_flop_jit`: n·c·t·d; `aten::einsum` → `einsum_flop_jit` (its two batched
 *   matmul equations directly, others through numpy's `einsum_path` "optimized flop" / 2): each
 *   batch·m·k·n MACs, whichever Python form (`@`, `torch.matmul`, `torch.bmm`, `torch.einsum`,
 *   inside `nn.MultiheadAttention`).
 * - `aten::layer_norm` → `norm_flop_counter(2)`: 5 per input element with γ/β (4 without),
 *   module or `F.layer_norm` (both trace to it).
 * - `aten::gelu`, `aten::softmax`, `aten::div` (q scaling) have no handle: 0.
 */
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ConventionPreset } from './preset.js';
import { ELEMENTS, toolRegistry } from './tool-registry.js';
import { transformerOp } from './transformer-ops.js';

/** The fvcore preset (see the file comment). */
export const FVCORE_PRESET: ConventionPreset = {
  name: 'fvcore',
  tool: 'fvcore FlopCountAnalysis(model.eval(), x).total()',
  version: 'fvcore 0.1.6 (3378afe)',
  source:
    'fvcore/nn/flop_count.py _DEFAULT_SUPPORTED_OPS; fvcore/nn/jit_handles.py; fvcore/nn/jit_analysis.py _IGNORED_OPS',
  reportedUnit: 'MAC',
  convention: {
    ...PAPER_CONVENTION,
    extraBatchNorm: true,
    extraPooling: true,
    preset: {
      name: 'fvcore',
      tool: 'fvcore FlopCountAnalysis(model.eval(), x).total()',
      version: 'fvcore 0.1.6 (3378afe)',
      reportedUnit: 'MAC',
    },
  },
  registry: toolRegistry({
    batchnorm: () => `2 * ${ELEMENTS.input}`,
    'global-pool': (layer) => (layer.op === 'avg' && layer.pytorch !== 'x.mean' ? ELEMENTS.input : '0'),
    elementwise: (layer) =>
      transformerOp(layer) === 'layer norm'
        ? `${layer.params === 0 || layer.params === '0' ? 4 : 5} * ${ELEMENTS.input}`
        : '0',
  }),
  rules: {
    'conv MACs': 'aten::_convolution: prod(w_shape)·H_out·W_out (jit_handles.py conv_flop_count)',
    'linear MACs': 'aten::linear / addmm: N_in·N_out (linear_flop_jit, addmm_flop_jit)',
    'attention projection MACs': "aten::linear: T·N_in·N_out, nn.MultiheadAttention's F.linear included",
    'attention bias/scaling': 'bias ignored; q scaling (aten::div) unsupported: 0',
    'attention MACs': 'aten::matmul / bmm / einsum: batch·m·k·n, whatever the Python form',
    'layer norm': 'aten::layer_norm: 5 per input element with γ/β (norm_flop_counter(2)), module or F.layer_norm',
    gelu: 'aten::gelu unsupported: 0',
    softmax: 'aten::softmax unsupported: 0',
    'conv bias': 'ignored ("Computation for addition and bias is ignored")',
    'linear bias': 'ignored',
    'batch norm': 'aten::batch_norm, eval: 2 per input element when affine (batchnorm_flop_jit)',
    'global average pool': 'aten::adaptive_avg_pool2d: 1 per input element; x.mean (aten::mean) unsupported: 0',
    relu: 'aten::relu/relu_ ignored (_IGNORED_OPS)',
    relu6: 'aten::hardtanh_ unsupported: 0',
    hardswish: 'aten::hardswish_ unsupported: 0',
    hardsigmoid: 'aten::hardsigmoid unsupported: 0',
    'max pool': 'aten::max_pool2d unsupported: 0',
    'residual add': 'aten::add/add_ unsupported: 0',
    'gate multiply': 'aten::mul unsupported: 0',
  },
};

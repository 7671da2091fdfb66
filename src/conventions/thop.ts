/**
 * thop 0.1.1 — `thop.profile(model, inputs=(x,))[0]`, in MACs. Module forward hooks only
 * (functions, tensor methods and operators are invisible), summed over the module tree.
 *
 * Read at Lyken17/pytorch-OpCounter 43c064afb71383501e41eaef9e8c8407265cf77f
 * (thop/__version__.py "0.1.1"; PyPI thop 0.1.1.post2209072238), thop/profile.py
 * `register_hooks`, thop/vision/basic_hooks.py and thop/vision/calc_func.py:
 * - `nn.Conv2d` `count_convNd` → `calculate_conv2d_flops`: output elements · (C_in/groups) ·
 *   K_h·K_w — the MACs; the bias is not counted.
 * - `nn.Linear` `count_linear`: in_features · output elements; no bias.
 * - `nn.BatchNorm2d` `count_normalization`: `calculate_norm` = 2 · input elements, doubled again
 *   when affine: 4 per element.
 * - `nn.ReLU`, `nn.ReLU6`, `nn.MaxPool2d`, `nn.Dropout`: `zero_ops`; `nn.Hardswish`,
 *   `nn.Hardsigmoid`, `nn.Sigmoid` have no rule: 0.
 * - `nn.AvgPool2d` `count_avgpool`: output elements.
 * - `nn.AdaptiveAvgPool2d` `count_adap_avgpool`: (kernel + 1) · output elements with kernel =
 *   prod(input size / output size) = H·W for a global pool: (H·W + 1) · C.
 * Transformers (same files; thop matches modules by exact type, `register_hooks[type(m)]`):
 * - `nn.Linear` on T tokens: `count_linear` = in_features · output elements = T·N_in·N_out.
 * - `nn.MultiheadAttention` has no rule, and its projections are not `nn.Linear` modules (the
 *   in-projection is `F.linear` on `in_proj_weight`; `out_proj` is a
 *   `NonDynamicallyQuantizableLinear`, another type, and is not even called as a module): the
 *   whole attention counts 0 — projections, products, softmax.
 * - A Linear's parameters used through `F.linear` (torchvision's Swin attention): no module call, 0.
 * - Products of activations (`@`, `torch.matmul`, `torch.bmm`, `torch.einsum`) are not modules: 0.
 * - `nn.LayerNorm` → `count_normalization`: 2 per input element, doubled with
 *   `elementwise_affine`: 4. `F.layer_norm` (and torchvision's `LayerNorm2d`, another type): 0.
 * - `nn.Softmax` → `count_softmax`: rows·(exp n + adds n−1 + divides n) = (3n − 1) per row of n
 *   elements (n = the softmax axis, taken to be the record's width, its last axis); `F.softmax`: 0.
 * - `nn.GELU` has no rule: 0.
 * thop accumulates in float64; every count here is an integer below 2^53, so exact.
 */
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ConventionPreset } from './preset.js';
import { ELEMENTS, toolRegistry } from './tool-registry.js';
import { attentionProjection, elementwiseForm, transformerOp } from './transformer-ops.js';

const VERSION = 'thop 0.1.1 (43c064a)';
const TOOL = 'thop.profile(model, inputs=(x,))';

/** The thop preset (see the file comment). */
export const THOP_PRESET: ConventionPreset = {
  name: 'thop',
  tool: TOOL,
  version: VERSION,
  source: 'thop/profile.py register_hooks; thop/vision/basic_hooks.py; thop/vision/calc_func.py',
  reportedUnit: 'MAC',
  convention: {
    ...PAPER_CONVENTION,
    extraBatchNorm: true,
    extraPooling: true,
    preset: { name: 'thop', tool: TOOL, version: VERSION, reportedUnit: 'MAC' },
  },
  registry: toolRegistry(
    {
      batchnorm: () => `4 * ${ELEMENTS.input}`,
      pool: (layer) => (layer.op === 'avg' && (layer.pytorch ?? 'module') === 'module' ? ELEMENTS.output : '0'),
      'global-pool': (layer) =>
        layer.op === 'avg' && (layer.pytorch ?? 'module') === 'module' ? '(X_H * X_W + 1) * X_C' : '0',
      elementwise: (layer) => {
        if (elementwiseForm(layer) !== 'module') return '0';
        switch (transformerOp(layer)) {
          case 'layer norm':
            return `4 * ${ELEMENTS.input}`;
          case 'softmax':
            return '(3 * X_W - 1) * X_C * X_H';
          case 'gelu':
          case undefined:
            return '0';
        }
      },
    },
    {
      conv2d: (layer) => (attentionProjection(layer) === undefined && layer.pytorch !== 'F.linear' ? 1 : 0),
      linear: (layer) => (attentionProjection(layer) === undefined && layer.pytorch !== 'F.linear' ? 1 : 0),
      matmul: () => 0,
    },
  ),
  rules: {
    'conv MACs': 'nn.Conv2d count_convNd: output elements·(C_in/groups)·K² (calculate_conv2d_flops)',
    'linear MACs': 'nn.Linear count_linear: in_features·output elements; F.linear: 0',
    'attention projection MACs':
      'nn.Linear count_linear: T·N_in·N_out; F.linear (Swin) and inside nn.MultiheadAttention: 0',
    'attention bias/scaling': 'not counted',
    'attention MACs': 'not modules (@, matmul, bmm, einsum) or inside nn.MultiheadAttention: 0',
    'layer norm': 'nn.LayerNorm count_normalization: 2 per element, ×2 with elementwise_affine: 4; F.layer_norm: 0',
    softmax: 'nn.Softmax count_softmax: (3n − 1) per row of n; F.softmax, nn.MultiheadAttention: 0',
    gelu: 'no rule for nn.GELU: 0',
    'conv bias': 'not counted',
    'linear bias': 'not counted',
    'batch norm': 'count_normalization: 2 per input element, ×2 when affine: 4',
    relu: 'zero_ops',
    relu6: 'zero_ops',
    'max pool': 'zero_ops',
    hardswish: 'no rule: 0',
    hardsigmoid: 'no rule: 0',
    'average pool': 'nn.AvgPool2d count_avgpool: 1 per output element',
    'global average pool':
      'nn.AdaptiveAvgPool2d count_adap_avgpool: (H·W + 1)·C; F.adaptive_avg_pool2d and x.mean invisible: 0',
    'residual add': 'operators invisible: 0',
    'gate multiply': 'operators invisible: 0',
  },
};

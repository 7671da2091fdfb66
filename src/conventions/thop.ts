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
 * thop accumulates in float64; every count here is an integer below 2^53, so exact.
 */
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ConventionPreset } from './preset.js';
import { ELEMENTS, toolRegistry } from './tool-registry.js';

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
  registry: toolRegistry({
    batchnorm: () => `4 * ${ELEMENTS.input}`,
    pool: (layer) => (layer.op === 'avg' && (layer.pytorch ?? 'module') === 'module' ? ELEMENTS.output : '0'),
    'global-pool': (layer) => (layer.op === 'avg' && (layer.pytorch ?? 'module') === 'module' ? '(X_H * X_W + 1) * X_C' : '0'),
  }),
  rules: {
    'conv MACs': 'nn.Conv2d count_convNd: output elements·(C_in/groups)·K² (calculate_conv2d_flops)',
    'linear MACs': 'nn.Linear count_linear: in_features·output elements',
    'conv bias': 'not counted',
    'linear bias': 'not counted',
    'batch norm': 'count_normalization: 2 per input element, ×2 when affine: 4',
    relu: 'zero_ops',
    relu6: 'zero_ops',
    'max pool': 'zero_ops',
    hardswish: 'no rule: 0',
    hardsigmoid: 'no rule: 0',
    'average pool': 'nn.AvgPool2d count_avgpool: 1 per output element',
    'global average pool': 'nn.AdaptiveAvgPool2d count_adap_avgpool: (H·W + 1)·C; F.adaptive_avg_pool2d and x.mean invisible: 0',
    'residual add': 'operators invisible: 0',
    'gate multiply': 'operators invisible: 0',
  },
};

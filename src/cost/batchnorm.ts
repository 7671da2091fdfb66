import type { ParamsRule } from '../model/convention.js';
import { bindOutput, OUTPUT_ELEMENTS, type CostRule } from './rule.js';

/**
 * Batch norm: 0 MACs. Params per channel: 2 (γ, β) under the PyTorch rule; 0 under `tf-slim`
 * (weights only); 3 under `tf-slim-checkpoint` (β, moving mean, moving variance — TF-slim's
 * MobileNetV1 uses `batch_norm_scale=False` and its table counts every checkpoint variable).
 * At inference a scale and a shift per element: 2 ops.
 */
const BN_PARAMS_PER_CHANNEL: { readonly [R in ParamsRule]: string } = {
  pytorch: '2 * C',
  'tf-slim': '0',
  'tf-slim-checkpoint': '3 * C',
};

export const batchnormCost: CostRule<'batchnorm'> = {
  formulas(_layer, convention) {
    return {
      macs: '0',
      params: BN_PARAMS_PER_CHANNEL[convention.paramsRule],
      extraOps: convention.extraBatchNorm ? `2 * ${OUTPUT_ELEMENTS}` : '0',
    };
  },
  bind: (_layer, _inputs, output) => bindOutput(output),
};

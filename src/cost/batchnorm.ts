import { bindOutput, OUTPUT_ELEMENTS, type CostRule } from './rule.js';

/**
 * Batch norm: 0 MACs. Params: 2·C (γ, β) under the PyTorch rule; 3·C under the TF-slim rule —
 * TF-slim's MobileNets use `batch_norm_scale=False` and count every variable, so each channel has
 * β, moving mean and moving variance (this is what reproduces the published 4.24M / 2.59M /
 * 1.34M / 0.47M of MobileNetV1). At inference a scale and a shift per element: 2 ops.
 */
export const batchnormCost: CostRule<'batchnorm'> = {
  formulas(_layer, convention) {
    return {
      macs: '0',
      params: convention.paramsRule === 'pytorch' ? '2 * C' : '3 * C',
      extraOps: convention.extraBatchNorm ? `2 * ${OUTPUT_ELEMENTS}` : '0',
    };
  },
  bind: (_layer, _inputs, output) => bindOutput(output),
};

import { bindOutput, OUTPUT_ELEMENTS, type CostRule } from './rule.js';

/**
 * Batch norm: 0 MACs. Params 2·C (γ, β) under the PyTorch rule, 0 under TF-slim's (which
 * publishes conv and FC weights only). At inference a scale and a shift per element: 2 ops.
 */
export const batchnormCost: CostRule<'batchnorm'> = {
  formulas(_layer, convention) {
    return {
      macs: '0',
      params: convention.paramsRule === 'pytorch' ? '2 * C' : '0',
      extraOps: convention.extraBatchNorm ? `2 * ${OUTPUT_ELEMENTS}` : '0',
    };
  },
  bind: (_layer, _inputs, output) => bindOutput(output),
};

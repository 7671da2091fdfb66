import type { CostRule } from './rule.js';

/**
 * Fully connected layer: MACs = N_in·N_out; params = N_in·N_out (+ N_out with bias); bias adds
 * N_out when counted. N_in is the flattened input C·H·W.
 */
export const linearCost: CostRule<'linear'> = {
  formulas(layer, convention) {
    return {
      macs: 'N_in * N_out',
      params: layer.bias ? 'N_in * N_out + N_out' : 'N_in * N_out',
      extraOps: layer.bias && convention.extraBiasAdds ? 'N_out' : '0',
    };
  },
  bind(layer) {
    return { N_in: layer.inFeatures, N_out: layer.outFeatures };
  },
};

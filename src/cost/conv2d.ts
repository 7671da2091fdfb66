import type { CostRule } from './rule.js';

/**
 * conv2d with groups: MACs = H_out·W_out·C_out·(C_in/groups)·K_h·K_w (each output element
 * sums C_in/groups · K_h·K_w products). Depthwise is groups = C_in; pointwise is K = 1.
 * Params = C_out·(C_in/groups)·K_h·K_w (+ C_out with bias). Bias adds, when counted, are one
 * op per output element. Reference: architectures.md, "paper MACs".
 */
export const conv2dCost: CostRule<'conv2d'> = {
  formulas(layer, convention) {
    const weights = 'C_out * (C_in / groups) * K_h * K_w';
    return {
      macs: 'H_out * W_out * C_out * (C_in / groups) * K_h * K_w',
      params: layer.bias ? `${weights} + C_out` : weights,
      extraOps: layer.bias && convention.extraBiasAdds ? 'C_out * H_out * W_out' : '0',
    };
  },
  bind(layer, _inputs, output) {
    return {
      C_in: layer.inChannels,
      C_out: layer.outChannels,
      H_out: output.height,
      W_out: output.width,
      K_h: layer.kernelH,
      K_w: layer.kernelW,
      groups: layer.groups,
    };
  },
};

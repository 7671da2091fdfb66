import { firstInput, type CostRule } from './rule.js';

/**
 * Transposed conv: MACs = H_in·W_in·C_in·(C_out/groups)·K_h·K_w (each input element is
 * multiplied by the C_out/groups · K_h·K_w kernel weights of its group and accumulated into the
 * output); params = C_in·(C_out/groups)·K_h·K_w (+ C_out with bias); bias adds, when counted,
 * one per output element.
 */
export const convTransposeCost: CostRule<'conv-transpose'> = {
  formulas(layer, convention) {
    const weights = 'C_in * (C_out / groups) * K_h * K_w';
    return {
      macs: 'H_in * W_in * C_in * (C_out / groups) * K_h * K_w',
      params: layer.bias ? `${weights} + C_out` : weights,
      extraOps: layer.bias && convention.extraBiasAdds ? 'C_out * H_out * W_out' : '0',
    };
  },
  bind(layer, inputs, output) {
    const input = firstInput(inputs);
    return {
      C_in: layer.inChannels,
      C_out: layer.outChannels,
      K_h: layer.kernelH,
      K_w: layer.kernelW,
      groups: layer.groups,
      H_in: input.height,
      W_in: input.width,
      H_out: output.height,
      W_out: output.width,
    };
  },
};

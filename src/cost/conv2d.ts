import { bindOuter, outerAxisNames, type CostRule } from './rule.js';

/**
 * conv2d with groups: MACs = H_out·W_out·C_out·(C_in/groups)·K_h·K_w (each output element
 * sums C_in/groups · K_h·K_w products). Depthwise is groups = C_in; pointwise is K = 1.
 * Params = C_out·(C_in/groups)·K_h·K_w (+ C_out with bias). Bias adds, when counted, are one
 * op per output element. Reference: architectures.md, "paper MACs".
 *
 * With outer spatial dims (a Conv3d on a clip: `kernelOuter` = [K_t], output T_out × H_out ×
 * W_out) every product gains those axes: MACs = T_out·H_out·W_out·C_out·(C_in/groups)·K_t·K_h·K_w,
 * i.e. output elements × C_in/groups × ∏kernel, as PyTorch's Conv3d computes it.
 */
export const conv2dCost: CostRule<'conv2d'> = {
  formulas(layer, convention) {
    const outer = outerAxisNames(layer.kernelOuter?.length ?? 0);
    const kernel = [...outer.map((t) => `K_${t.toLowerCase()}`), 'K_h', 'K_w'].join(' * ');
    const pixels = [...outer.map((t) => `${t}_out`), 'H_out', 'W_out'].join(' * ');
    const weights = `C_out * (C_in / groups) * ${kernel}`;
    return {
      macs: `${pixels} * C_out * (C_in / groups) * ${kernel}`,
      params: layer.bias ? `${weights} + C_out` : weights,
      extraOps: layer.bias && convention.extraBiasAdds ? `C_out * ${pixels}` : '0',
    };
  },
  bind(layer, _inputs, output) {
    const outer = outerAxisNames(layer.kernelOuter?.length ?? 0);
    const kernels = bindOuter(
      outer.map((t) => `K_${t.toLowerCase()}`),
      '',
      layer.kernelOuter,
    );
    return {
      C_in: layer.inChannels,
      C_out: layer.outChannels,
      ...bindOuter(outer, '_out', output.outer),
      H_out: output.height,
      W_out: output.width,
      ...kernels,
      K_h: layer.kernelH,
      K_w: layer.kernelW,
      groups: layer.groups,
    };
  },
};

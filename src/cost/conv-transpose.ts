import { bindOuter, firstInput, outerAxisNames, type CostRule } from './rule.js';

/**
 * Transposed conv: MACs = H_in·W_in·C_in·(C_out/groups)·K_h·K_w (each input element is
 * multiplied by the C_out/groups · K_h·K_w kernel weights of its group and accumulated into the
 * output); params = C_in·(C_out/groups)·K_h·K_w (+ C_out with bias); bias adds, when counted,
 * one per output element. With outer spatial dims (ConvTranspose3d, `kernelOuter` = [K_t]) the
 * input positions and the kernel gain those axes: T_in·H_in·W_in·C_in·(C_out/groups)·K_t·K_h·K_w.
 */
export const convTransposeCost: CostRule<'conv-transpose'> = {
  formulas(layer, convention) {
    const outer = outerAxisNames(layer.kernelOuter?.length ?? 0);
    const kernel = [...outer.map((t) => `K_${t.toLowerCase()}`), 'K_h', 'K_w'].join(' * ');
    const inputs = [...outer.map((t) => `${t}_in`), 'H_in', 'W_in'].join(' * ');
    const outputs = [...outer.map((t) => `${t}_out`), 'H_out', 'W_out'].join(' * ');
    const weights = `C_in * (C_out / groups) * ${kernel}`;
    return {
      macs: `${inputs} * C_in * (C_out / groups) * ${kernel}`,
      params: layer.bias ? `${weights} + C_out` : weights,
      extraOps: layer.bias && convention.extraBiasAdds ? `C_out * ${outputs}` : '0',
    };
  },
  bind(layer, inputs, output) {
    const input = firstInput(inputs);
    const outer = outerAxisNames(layer.kernelOuter?.length ?? 0);
    return {
      C_in: layer.inChannels,
      C_out: layer.outChannels,
      ...bindOuter(
        outer.map((t) => `K_${t.toLowerCase()}`),
        '',
        layer.kernelOuter,
      ),
      K_h: layer.kernelH,
      K_w: layer.kernelW,
      groups: layer.groups,
      ...bindOuter(outer, '_in', input.outer),
      H_in: input.height,
      W_in: input.width,
      ...bindOuter(outer, '_out', output.outer),
      H_out: output.height,
      W_out: output.width,
    };
  },
};

import { bindOuter, outerAxisNames, type CostRule } from './rule.js';

/**
 * Windowed pooling: no MACs, no params. When counted: max pooling K²−1 comparisons and
 * average pooling K² ops (K²−1 adds and a divide) per output element. A pool whose window width
 * differs from its height (`kernelW`) has a K·K_w window; with outer spatial dims (a MaxPool3d,
 * `kernelOuter` = [K_t]) the window is K_t·K·K_w and the output T_out × H_out × W_out.
 */
export const poolCost: CostRule<'pool'> = {
  formulas(layer, convention) {
    const outer = outerAxisNames(layer.kernelOuter?.length ?? 0);
    const width = layer.kernelW === undefined ? 'K' : 'K_w';
    const window = [...outer.map((t) => `K_${t.toLowerCase()}`), 'K', width].join(' * ');
    const perElement = layer.op === 'max' ? `(${window} - 1)` : window;
    const outputs = ['C', ...outer.map((t) => `${t}_out`), 'H_out', 'W_out'].join(' * ');
    return { macs: '0', params: '0', extraOps: convention.extraPooling ? `${perElement} * ${outputs}` : '0' };
  },
  bind(layer, _inputs, output) {
    const outer = outerAxisNames(layer.kernelOuter?.length ?? 0);
    return {
      K: layer.kernel,
      ...(layer.kernelW !== undefined ? { K_w: layer.kernelW } : {}),
      ...bindOuter(
        outer.map((t) => `K_${t.toLowerCase()}`),
        '',
        layer.kernelOuter,
      ),
      C: output.channels,
      ...bindOuter(outer, '_out', output.outer),
      H_out: output.height,
      W_out: output.width,
    };
  },
};

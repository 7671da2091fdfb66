import type { CostRule } from './rule.js';

/**
 * Windowed pooling: no MACs, no params. When counted: max pooling K²−1 comparisons and
 * average pooling K² ops (K²−1 adds and a divide) per output element.
 */
export const poolCost: CostRule<'pool'> = {
  formulas(layer, convention) {
    const perElement = layer.op === 'max' ? '(K * K - 1)' : 'K * K';
    return { macs: '0', params: '0', extraOps: convention.extraPooling ? `${perElement} * C * H_out * W_out` : '0' };
  },
  bind(layer, _inputs, output) {
    return { K: layer.kernel, C: output.channels, H_out: output.height, W_out: output.width };
  },
};

import { shapeRows } from '../model/shape.js';
import { firstInput, type CostRule } from './rule.js';

/**
 * Global pooling to C×1×1: no MACs, no params. When counted: average H_in·W_in ops per channel
 * (H·W−1 adds and a divide), max H_in·W_in−1 comparisons per channel. H_in is bound to the
 * input's rows (height × any outer spatial dims), so a clip's T·H·W positions are pooled.
 */
export const globalPoolCost: CostRule<'global-pool'> = {
  formulas(layer, convention) {
    const perChannel = layer.op === 'avg' ? 'H_in * W_in' : '(H_in * W_in - 1)';
    return { macs: '0', params: '0', extraOps: convention.extraPooling ? `${perChannel} * C` : '0' };
  },
  bind(_layer, inputs) {
    const input = firstInput(inputs);
    return { C: input.channels, H_in: shapeRows(input), W_in: input.width };
  },
};

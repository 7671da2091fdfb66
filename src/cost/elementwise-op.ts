import type { CountingConvention } from '../model/convention.js';
import type { ElementwiseGroup } from '../model/layer.js';
import { bindOutput, OUTPUT_ELEMENTS, type CostRule } from './rule.js';

/** The convention switch that counts each group of element-wise operations. */
const GROUP_SWITCH: { readonly [G in ElementwiseGroup]: (convention: CountingConvention) => boolean } = {
  activation: (c) => c.extraActivations,
  normalization: (c) => c.extraBatchNorm,
  pooling: (c) => c.extraPooling,
  elementwise: (c) => c.extraElementwise,
};

/**
 * Other element-wise operations (softmax, layer norm, resize, …): no MACs; params as recorded
 * on the layer (P); when the group's switch is on, ops = opsPerElement · C·H·W of the output.
 */
export const elementwiseOpCost: CostRule<'elementwise'> = {
  formulas(layer, convention) {
    return {
      macs: '0',
      params: 'P',
      extraOps: GROUP_SWITCH[layer.group](convention) ? `ops * ${OUTPUT_ELEMENTS}` : '0',
    };
  },
  bind: (layer, _inputs, output) => ({ P: layer.params, ops: layer.opsPerElement, ...bindOutput(output) }),
};

import { bindOutput, OUTPUT_ELEMENTS, type CostRule } from './rule.js';

/** Element-wise add of n inputs: (n−1) adds per output element when counted; no MACs. */
export const addCost: CostRule<'add'> = {
  formulas(_layer, convention, inputCount) {
    return {
      macs: '0',
      params: '0',
      extraOps: convention.extraElementwise ? `${inputCount - 1} * ${OUTPUT_ELEMENTS}` : '0',
    };
  },
  bind: (_layer, _inputs, output) => bindOutput(output),
};

/** Channel-wise multiply (squeeze-excite scaling): one multiply per output element when counted. */
export const multiplyCost: CostRule<'multiply'> = {
  formulas(_layer, convention) {
    return { macs: '0', params: '0', extraOps: convention.extraElementwise ? OUTPUT_ELEMENTS : '0' };
  },
  bind: (_layer, _inputs, output) => bindOutput(output),
};

import type { CostRule } from './rule.js';

/**
 * Activation × activation matrix product: MACs = batch·M·K·N (each of the batch·M·N outputs
 * sums K products); no params; no extra ops (the adds are inside the MACs).
 */
export const matmulCost: CostRule<'matmul'> = {
  formulas: () => ({ macs: 'batch * M * K * N', params: '0', extraOps: '0' }),
  bind: (layer) => ({ batch: layer.batch, M: layer.m, K: layer.k, N: layer.n }),
};

import { layerStrides, layerWeightOffsets, type ButterflyPlan } from './plan.js';
import type { ButterflyWeights } from './weights.js';

/**
 * The equivalent dense n×n matrix of a butterfly (row = output v, column = input u, row-major):
 * entry (v, u) is the product of the weights on the unique path from u to v (bft-paper.md §2).
 * The path is followed digit by digit: at layer ℓ the node's digit at stride s_ℓ is replaced by
 * v's digit there, using the weight of that edge. Independent of the forward pass, so it serves
 * as its oracle. With `residual` the identity is added. O(n² · m).
 */
export function toDense(plan: ButterflyPlan, weights: ButterflyWeights, residual = false): Float64Array {
  const { n } = plan;
  const strides = layerStrides(plan);
  const offsets = layerWeightOffsets(plan);
  const matrix = new Float64Array(n * n);
  for (let v = 0; v < n; v++) {
    for (let u = 0; u < n; u++) {
      let node = u;
      let product = 1;
      for (let layer = 0; layer < plan.radices.length; layer++) {
        const r = plan.radices[layer] ?? 1;
        const s = strides[layer] ?? 1;
        const fromDigit = Math.floor(node / s) % r;
        const toDigit = Math.floor(v / s) % r;
        node += (toDigit - fromDigit) * s;
        product *= weights[(offsets[layer] ?? 0) + node * r + fromDigit] ?? 0;
      }
      matrix[v * n + u] = product + (residual && u === v ? 1 : 0);
    }
  }
  return matrix;
}

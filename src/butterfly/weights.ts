import { layerWeightOffsets, type ButterflyPlan } from './plan.js';
import type { SeededRandom } from '../random/seeded-random.js';

/**
 * Butterfly weights: one flat array of Σ r_ℓ·n entries. Layer ℓ occupies
 * [offset_ℓ, offset_ℓ + r_ℓ·n); within it the weight of the edge from input digit j into output
 * node v is at v·r_ℓ + j (so each output node's r_ℓ incoming weights are contiguous).
 */
export type ButterflyWeights = Float64Array | Float32Array;

/** Weights drawn uniformly from [−1, 1) with `random` (Float64). O(n·Σr). */
export function randomButterflyWeights(plan: ButterflyPlan, random: SeededRandom): Float64Array {
  const offsets = layerWeightOffsets(plan);
  const weights = new Float64Array(offsets[offsets.length - 1] ?? 0);
  for (let i = 0; i < weights.length; i++) weights[i] = 2 * random.next() - 1;
  return weights;
}

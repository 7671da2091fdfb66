/**
 * Which butterfly an exported network actually contains: the construction `buildableLogMode`
 * (`fusion/buildable-butterfly.ts`) chooses for each layer, as a plan of radices. A padded
 * butterfly's plan has the padded size P = k^L ≥ m (the export zero-pads m channels to P and keeps
 * the first m outputs).
 */
import { butterflyPlan, mixedRadices, type ButterflyPlan } from '../butterfly/plan.js';
import type { ButterflyLayer } from '../model/layer.js';
import { butterflySquares } from '../fusion/butterfly-plans.js';
import { buildableLogMode, buildableNetwork, isPowerOf, paddedSize } from '../fusion/buildable-butterfly.js';

export { butterflySquares, isPowerOf };

/**
 * The plan of one exported square butterfly of size m: a layer's own plan as it is; base-k layers
 * when m = k^L; base-k layers of the padded size P = k^L ≥ m for `padded` (plan.n = P > m);
 * otherwise the prime factors of m (radix 4 for pairs of 2s when the base is 4), whose edge count
 * m·Σr equals the cost model's mixed-radix count m·sopfr(m). O(√m).
 */
export function realisedPlan(layer: Pick<ButterflyLayer, 'base' | 'logMode' | 'plan'>, m: number): ButterflyPlan {
  // A layer's own plan (issue 18) is built as it is: its radices multiply to m (checked when it was attached).
  if (layer.plan !== undefined) return { n: m, radices: [...layer.plan.radices] };
  const mode = buildableLogMode(layer, m);
  if (mode === 'ceil') return butterflyPlan(m, layer.base);
  if (mode === 'padded') return butterflyPlan(paddedSize(m, layer.base).size, layer.base);
  return { n: m, radices: mixedRadices(m, layer.base === 4 ? 4 : 0) };
}

/**
 * The network as exported (`buildableNetwork`): every butterfly relabelled with the log mode it is
 * built with, so that counting this network gives the exported graph's MACs and params. O(layers).
 */
export const realisedNetwork = buildableNetwork;

/**
 * Which butterfly an exported network actually contains. The cost model may charge a butterfly
 * by an accounting rule that has no construction (`ceil` for a size m that is not a power of the
 * base k: k·m·⌈log_k m⌉ edges; `real`: a real logarithm); an exported graph needs a butterfly
 * that exists. This file chooses it and says which count the export then has.
 */
import { butterflyPlan, mixedRadices, type ButterflyPlan } from '../butterfly/plan.js';
import { UserError } from '../errors.js';
import type { ButterflyLayer, ButterflyLogMode } from '../model/layer.js';
import type { Network, NetworkLayer } from '../model/network.js';

import { butterflySquares } from '../fusion/butterfly-plans.js';

export { butterflySquares };

/** Whether m is a power of k (k^L with L ≥ 1). O(log m). */
export function isPowerOf(m: number, k: number): boolean {
  if (m < k) return false;
  let rest = m;
  while (rest % k === 0) rest /= k;
  return rest === 1;
}

/**
 * The log mode an exported butterfly of size m realises: `ceil` when m is a power of the base
 * (then k·m·L edges exist), otherwise `mixed-radix` (m·sopfr(m) edges: one layer per prime factor,
 * base-4 layers counting as two radix-2 ones). `padded` and `real` have no export. O(log m).
 */
export function realisedLogMode(
  layer: Pick<ButterflyLayer, 'base' | 'logMode'>,
  m: number,
  where: string,
): ButterflyLogMode {
  if (layer.logMode === 'padded' || layer.logMode === 'real') {
    throw new UserError(`cannot export butterfly ${where} with --log-mode ${layer.logMode}`, {
      location: { field: '--log-mode' },
      expected: 'ceil or mixed-radix',
    });
  }
  if (layer.logMode === 'ceil' && isPowerOf(m, layer.base)) return 'ceil';
  return 'mixed-radix';
}

/**
 * The plan of one exported square butterfly of size m: base-k layers when m = k^L under `ceil`;
 * otherwise the prime factors of m (radix 4 for pairs of 2s when the base is 4), whose edge count
 * m·Σr equals the cost model's mixed-radix count m·sopfr(m). O(√m).
 */
export function realisedPlan(
  layer: Pick<ButterflyLayer, 'base' | 'logMode' | 'plan'>,
  m: number,
  where: string,
): ButterflyPlan {
  // A layer's own plan (issue 18) is built as it is: its radices multiply to m (checked when it was attached).
  if (layer.plan !== undefined) return { n: m, radices: [...layer.plan.radices] };
  if (realisedLogMode(layer, m, where) === 'ceil') return butterflyPlan(m, layer.base);
  const radices = mixedRadices(m, layer.base === 4 ? 4 : 0);
  return { n: m, radices };
}

/**
 * The network as exported: every butterfly whose log mode has no construction for its size is
 * relabelled with the mode it is realised by, so that counting this network gives the exported
 * graph's MACs and params. Other layers are unchanged. O(layers).
 */
export function realisedNetwork(network: Network): Network {
  let changed = false;
  const layers = network.layers.map((entry): NetworkLayer => {
    const layer = entry.layer;
    if (layer.kind !== 'butterfly' || layer.plan !== undefined) return entry;
    const logMode = realisedLogMode(layer, butterflySquares(layer).m, entry.name);
    if (logMode === layer.logMode) return entry;
    changed = true;
    const { symbolic: _dropped, ...rest } = entry;
    return { ...rest, layer: { ...layer, logMode } };
  });
  return changed ? { ...network, layers } : network;
}

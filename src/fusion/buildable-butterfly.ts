/**
 * Which butterfly can be built (issue 22). The cost model may charge a butterfly by an accounting
 * rule that has no construction: `ceil` for a square size m that is not a power of the base k
 * (k·m·⌈log_k m⌉ edges: no butterfly has that many) and `real` (a real logarithm). `export` builds,
 * per layer, a butterfly that exists; this file chooses it, so that `count` can say what `export`
 * builds (`buildableMacs`) without building it. Pure arithmetic on integers.
 *
 * The constructions, edges per square of size m (one weight and one MAC per pixel each):
 * - base k, when m = k^L: k·m·L (the paper's butterfly; `ceil` and `real` then count exactly this);
 * - `padded`: zero channels in up to P = k^L, L = ⌈log_k m⌉, a base-k butterfly of size P, the first
 *   m channels out: k·P·L;
 * - `mixed-radix`: one layer per prime factor r of m (radix 4 for pairs of 2s when k = 4): m·sopfr(m);
 * - a plan's radices (issue 18), built as they are: m·Σr.
 * `ceil` and `real` on other sizes are built as the cheaper of `padded` and `mixed-radix` (the
 * mixed radix on a tie: no padding); `padded` and `mixed-radix` are built as asked.
 */
import type { ButterflyLayer, ButterflyLogMode } from '../model/layer.js';
import type { Network, NetworkLayer } from '../model/network.js';
import { baseRadices, butterflySquares } from './butterfly-plans.js';

/** Whether m is a power of k (k^L with L ≥ 1). O(log m). */
export function isPowerOf(m: number, k: number): boolean {
  if (m < k || k < 2) return false;
  let rest = m;
  while (rest % k === 0) rest /= k;
  return rest === 1;
}

/** L = ⌈log_k m⌉ and P = k^L: the smallest power of k (L ≥ 1) with P ≥ m. O(log m). */
export function paddedSize(m: number, k: number): { readonly layers: number; readonly size: number } {
  let size = k;
  let layers = 1;
  while (size < m) {
    size *= k;
    layers++;
  }
  return { layers, size };
}

/** Edges of one padded square butterfly: k·P·L (P = k^L ≥ m). Example: m = 58, k = 4 → 4·64·3 = 768. */
export function paddedEdges(m: number, k: number): bigint {
  const { layers, size } = paddedSize(m, k);
  return BigInt(k) * BigInt(size) * BigInt(layers);
}

/** Edges of one mixed-radix square butterfly: m·sopfr(m) (sum of prime factors with repetition). Example: 58 → 58·(2 + 29) = 1798. */
export function mixedRadixEdges(m: number): bigint {
  const radices = baseRadices(m, m + 1); // no factor m + 1 divides m: the prime factors only
  return BigInt(m) * radices.reduce((sum, r) => sum + BigInt(r), 0n);
}

/**
 * The log mode a square butterfly of size m is built with: `ceil` when m is a power of the base
 * (then every mode but `mixed-radix` counts the base-k butterfly), `padded` and `mixed-radix` as
 * asked, otherwise the cheaper of the two (see the file comment). O(√m).
 */
export function buildableLogMode(layer: Pick<ButterflyLayer, 'base' | 'logMode'>, m: number): ButterflyLogMode {
  if (layer.logMode === 'padded' || layer.logMode === 'mixed-radix') return layer.logMode;
  if (isPowerOf(m, layer.base)) return 'ceil';
  return paddedEdges(m, layer.base) < mixedRadixEdges(m) ? 'padded' : 'mixed-radix';
}

/**
 * The network `export` builds: every butterfly without a plan is relabelled with the log mode it
 * is built with (`buildableLogMode`), so that counting the result gives the exported graph's MACs
 * and params. A relabelled layer loses its symbolic twin (the choice depends on the numbers).
 * Returns `network` itself when nothing changes. O(layers · √m).
 */
export function buildableNetwork(network: Network): Network {
  let changed = false;
  const layers = network.layers.map((entry): NetworkLayer => {
    const layer = entry.layer;
    if (layer.kind !== 'butterfly' || layer.plan !== undefined) return entry;
    const logMode = buildableLogMode(layer, butterflySquares(layer).m);
    if (logMode === layer.logMode) return entry;
    changed = true;
    const { symbolic: _dropped, ...rest } = entry;
    return { ...rest, layer: { ...layer, logMode } };
  });
  return changed ? { ...network, layers } : network;
}

/** The names of the butterfly layers `buildableNetwork` relabels, in network order. */
export function rebuiltButterflies(network: Network, buildable: Network): string[] {
  return network.layers
    .filter((entry, i) => entry.layer.kind === 'butterfly' && buildable.layers[i]?.layer !== entry.layer)
    .map((entry) => entry.name);
}

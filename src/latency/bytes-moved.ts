/**
 * Memory traffic of a layer, in bytes of Float32 values, for the roofline view: how much data a
 * layer's kernels read and write, next to its MACs.
 */
import { butterflySquares, realisedPlan } from '../export/realise-butterfly.js';
import type { NetworkLayer } from '../model/network.js';
import { shapeElements, spatialSize } from '../model/shape.js';

/** Bytes per Float32 value. */
export const FLOAT32_BYTES = 4n;

/** Bytes a layer moves: as exported (operator by operator) and at least (inputs + output + weights once). */
export interface LayerBytes {
  /** What the exported operators read and write. */
  readonly exported: bigint;
  /** The least any kernel must move: every input, the output and the weights once (a fused, tiled kernel). */
  readonly minimum: bigint;
}

/**
 * Bytes moved by `entry` with `params` weights. Every layer: 4·(input elements + output elements
 * + params). A butterfly as exported (see `export/butterfly-nodes.ts`) touches its activations
 * once per operator instead: per square of size m on H×W pixels, each of its L layers reads and
 * writes m·H·W values in its grouped Conv and again in its channel shuffle (none when the radix is
 * m), and the residual Add reads two and writes one n·H·W tensor; concatenation, padding and
 * slicing are left out. O(L).
 */
export function layerBytes(entry: NetworkLayer, params: bigint): LayerBytes {
  const images = BigInt(entry.batch ?? 1); // a layer run on several images per sample moves each one's
  // each input as many times as the images it holds (RoiAlign reads one feature map for all its boxes)
  const inputs = entry.inputs.reduce(
    (sum, shape, i) => sum + BigInt(entry.inputBatch?.[i] ?? entry.batch ?? 1) * shapeElements(shape),
    0n,
  );
  const output = images * shapeElements(entry.output);
  const minimum = FLOAT32_BYTES * (inputs + output + params);
  const layer = entry.layer;
  if (layer.kind !== 'butterfly') return { exported: minimum, minimum };
  const { m, squares } = butterflySquares(layer);
  const plan = realisedPlan(layer, m);
  const pixels = images * BigInt(spatialSize(entry.output));
  const passes = plan.radices.reduce((sum, r) => sum + (r === plan.n ? 2n : 4n), 0n);
  const residual = layer.residual ? 3n * BigInt(layer.outChannels) * pixels : 0n;
  return {
    exported: FLOAT32_BYTES * (BigInt(squares) * BigInt(plan.n) * pixels * passes + residual + params),
    minimum,
  };
}

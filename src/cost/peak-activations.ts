import type { NetworkLayer } from '../model/network.js';
import { shapeElements, type Shape } from '../model/shape.js';

/**
 * Peak number of activation elements alive at once when the layers run in order (a layer that
 * runs on `batch` images per sample writes `batch` of its output shapes).
 * A tensor is alive from the step that writes it (the network input from the start) through the
 * last step that reads it; the final output stays alive to the end. At each step the live set
 * includes the step's inputs and its output. O(layers + reads).
 */
export function peakActivations(input: Shape, layers: readonly NetworkLayer[]): bigint {
  const sizes = new Map<number, bigint>([[0, shapeElements(input)]]);
  const lastRead = new Map<number, number>();
  layers.forEach((layer, step) => {
    sizes.set(layer.writes, BigInt(layer.batch ?? 1) * shapeElements(layer.output));
    for (const tensor of layer.reads) lastRead.set(tensor, step);
  });
  const last = layers[layers.length - 1];
  if (last !== undefined) lastRead.set(last.writes, layers.length);
  let live = sizes.get(0) ?? 0n;
  let peak = live;
  layers.forEach((layer, step) => {
    live += sizes.get(layer.writes) ?? 0n;
    if (live > peak) peak = live;
    // Free what this step read for the last time (and outputs nobody reads).
    for (const tensor of new Set(layer.reads)) {
      if (lastRead.get(tensor) === step) live -= sizes.get(tensor) ?? 0n;
    }
    if (!lastRead.has(layer.writes)) live -= sizes.get(layer.writes) ?? 0n;
  });
  return peak;
}

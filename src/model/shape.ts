/**
 * A feature map's shape for one sample: channels × height × width (NCHW without the batch).
 * `D` is the dimension type: `number` for a concrete network, `string` (a mathjs expression in
 * the free parameters) for a symbolic one. The same layer records serve both.
 */
export interface Shape<D = number> {
  readonly channels: D;
  readonly height: D;
  readonly width: D;
}

/** Number of elements of a concrete shape, exact. */
export function shapeElements(shape: Shape): bigint {
  return BigInt(shape.channels) * BigInt(shape.height) * BigInt(shape.width);
}

/** `[C, H, W]`, the order used in every output format. */
export function shapeTuple(shape: Shape): [number, number, number] {
  return [shape.channels, shape.height, shape.width];
}

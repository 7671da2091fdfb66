/**
 * A feature map's shape for one sample: channels × height × width (NCHW without the batch), and
 * for a map of more than two spatial dims (a video clip's N × C × T × H × W) the spatial dims
 * before the height in `outer`. `D` is the dimension type: `number` for a concrete network,
 * `string` (a mathjs expression in the free parameters) for a symbolic one. The same layer
 * records serve both.
 */
export interface Shape<D = number> {
  readonly channels: D;
  /**
   * The spatial dims before the height, outermost first: `[T]` for a clip C × T × H × W (a
   * Conv3d's depth). Absent (or empty) for an image C × H × W.
   */
  readonly outer?: readonly D[];
  readonly height: D;
  readonly width: D;
}

/** Number of elements of a concrete shape, exact: C · ∏outer · H · W. */
export function shapeElements(shape: Shape): bigint {
  return (
    (shape.outer ?? []).reduce((n, d) => n * BigInt(d), BigInt(shape.channels) * BigInt(shape.height)) *
    BigInt(shape.width)
  );
}

/** Spatial positions of a concrete shape (pixels, or voxels of a clip): ∏outer · H · W. */
export function spatialSize(shape: Pick<Shape, 'outer' | 'height' | 'width'>): number {
  return (shape.outer ?? []).reduce((n, d) => n * d, shape.height * shape.width);
}

/** `[C, H, W]`, or `[C, …outer, H, W]` for a map with outer spatial dims: the order used in every output format. */
export function shapeTuple(shape: Shape): number[] {
  return [shape.channels, ...(shape.outer ?? []), shape.height, shape.width];
}

/** `C×H×W` (or `C×T×H×W`), as the tables print a shape. */
export function formatShape<D>(shape: Shape<D>): string {
  return [shape.channels, ...(shape.outer ?? []), shape.height, shape.width].map(String).join('×');
}

/**
 * The rows of a shape: its height times its outer spatial dims (T·H for a clip), so that
 * rows × W is the number of spatial positions and C × rows × W the element count. The rules
 * that only count elements bind it as their `H`. For `D = number` the product; for `D = string`
 * the product expression (outer dims occur only in imported, concrete networks, so in practice
 * the expression form is the height itself).
 */
export function shapeRows<D>(shape: Shape<D>): D {
  const outer = shape.outer ?? [];
  if (outer.length === 0) return shape.height;
  const factors: readonly D[] = [...outer, shape.height];
  // D is number or string (see Shape): multiply numbers, join expressions.
  if (factors.every((f) => typeof f === 'number'))
    return factors.reduce((n, f) => n * (f as number), 1) as unknown as D;
  return factors.map((f) => `(${String(f)})`).join(' * ') as unknown as D;
}

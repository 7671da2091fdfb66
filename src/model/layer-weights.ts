/**
 * Trained values an imported layer came with, kept so that an export can write them again
 * instead of drawing random ones. The bytes are a view into the source file, never copied or
 * decoded until an export asks for them.
 */

/** A float32 tensor as stored: its dims and its little-endian bytes (4 per element). */
export interface StoredFloats {
  readonly dims: readonly number[];
  readonly bytes: Uint8Array;
}

/**
 * Weights of a conv2d or linear layer: `weight` holds out × in/groups × kH × kW (conv) or
 * out × in (linear) values in that order, or — when `transposed` — a 2-D in × out matrix to be
 * read transposed (a MatMul's or an untransposed Gemm's B).
 */
export interface ProductWeights {
  readonly kind: 'conv2d' | 'linear';
  readonly weight: StoredFloats;
  readonly transposed: boolean;
  readonly bias?: StoredFloats;
}

/** Inference parameters of a batchnorm layer (ONNX BatchNormalization's scale, B, mean, var, ε). */
export interface BatchNormWeights {
  readonly kind: 'batchnorm';
  readonly scale: StoredFloats;
  readonly bias: StoredFloats;
  readonly mean: StoredFloats;
  readonly variance: StoredFloats;
  readonly epsilon: number;
}

/** The trained values of one layer. */
export type LayerWeights = ProductWeights | BatchNormWeights;

/** The values of stored floats as a Float32Array (a copy; `transposed` reads a 2-D rows × cols tensor as cols × rows). O(elements). */
export function floatValues(stored: StoredFloats, transposed = false): Float32Array {
  const count = stored.bytes.length >> 2;
  const view = new DataView(stored.bytes.buffer, stored.bytes.byteOffset, stored.bytes.byteLength);
  const out = new Float32Array(count);
  if (!transposed) {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
    return out;
  }
  const [rows = 0, cols = 0] = stored.dims;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = view.getFloat32(4 * (r * cols + c), true);
  return out;
}

/**
 * Dimension arithmetic shared by the operator rules: axis normalisation, NumPy-style
 * broadcasting, and the output size of a sliding window (Conv, pools). Pure; every function
 * returns a problem text instead of throwing, so the rule can name its node.
 */

/** A negative axis counts from the end: −1 is the last of `rank` axes. Undefined when out of range. */
export function normalizeAxis(axis: number, rank: number): number | undefined {
  const normal = axis < 0 ? axis + rank : axis;
  return normal >= 0 && normal < rank ? normal : undefined;
}

/**
 * NumPy/ONNX multidirectional broadcasting: shapes are right-aligned, and along each axis the
 * sizes must be equal or one of them 1. Returns the result dims, or undefined when they clash.
 */
export function broadcastDims(shapes: readonly (readonly number[])[]): number[] | undefined {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let size = 1;
    for (const shape of shapes) {
      const dim = shape[shape.length - rank + i];
      if (dim === undefined || dim === 1) continue;
      if (size !== 1 && size !== dim) return undefined;
      size = dim;
    }
    out.push(size);
  }
  return out;
}

/** How a window operator pads, from its `auto_pad` attribute and `pads`. */
export interface WindowPadding {
  readonly autoPad: 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';
  /** Padding added before and after, for this axis (NOTSET only). */
  readonly begin: number;
  readonly end: number;
}

/**
 * Output length of a sliding window along one axis (ONNX Conv/MaxPool/AveragePool):
 * with effective kernel k′ = (k − 1)·d + 1,
 * - NOTSET: ⌊(n + p_begin + p_end − k′) / s⌋ + 1 (⌈·⌉ with ceil_mode, dropping a last window
 *   that would start inside the end padding, as PyTorch and onnxruntime do);
 * - SAME_UPPER / SAME_LOWER: ⌈n / s⌉;
 * - VALID: ⌊(n − k′) / s⌋ + 1.
 */
export function windowOutput(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: WindowPadding,
  ceilMode = false,
): number {
  const effective = (kernel - 1) * dilation + 1;
  switch (padding.autoPad) {
    case 'SAME_UPPER':
    case 'SAME_LOWER':
      return Math.ceil(size / stride);
    case 'VALID':
      return Math.floor((size - effective) / stride) + 1;
    default: {
      const span = size + padding.begin + padding.end - effective;
      if (!ceilMode) return Math.floor(span / stride) + 1;
      let out = Math.ceil(span / stride) + 1;
      if ((out - 1) * stride >= size + padding.begin) out -= 1;
      return out;
    }
  }
}

/** Row-major strides of a shape (for indexing folded constants). */
export function rowMajorStrides(dims: readonly number[]): number[] {
  const strides = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) strides[i] = (strides[i + 1] ?? 1) * (dims[i + 1] ?? 1);
  return strides;
}

/**
 * A dense 1×1 convolution (pointwise) on Float32 channel-major activations, written to be a fair
 * baseline for the butterfly (not a naive axpy loop): the input is packed once into panels of 2
 * pixels (Float64, contiguous over channels), the weights of each block of 4 output rows are
 * packed interleaved, and the 4 × 2 partial sums live in local variables (register blocking).
 * Of the blockings tried on the benchmark machine (4×4, 2×4, 4×3, 4×2, Float32 or Float64
 * panels) this one was fastest. y = W·x, W row-major n_out × n_in. O(pixels · n_in · n_out).
 */
export function densePointwise(
  weights: Float32Array,
  input: Float32Array,
  nIn: number,
  nOut: number,
  pixels: number,
  output: Float32Array = new Float32Array(nOut * pixels),
): Float32Array {
  const panels = Math.ceil(pixels / 2);
  const packed = new Float64Array(panels * nIn * 2);
  for (let q = 0; q < panels; q++) {
    for (let u = 0; u < nIn; u++) {
      packed[(q * nIn + u) * 2] = input[u * pixels + 2 * q] as number;
      packed[(q * nIn + u) * 2 + 1] = 2 * q + 1 < pixels ? (input[u * pixels + 2 * q + 1] as number) : 0;
    }
  }
  const rowWeights = new Float64Array(nIn * 4);
  for (let v = 0; v < nOut; v += 4) {
    const rows = Math.min(4, nOut - v);
    for (let u = 0; u < nIn; u++) {
      for (let i = 0; i < 4; i++) rowWeights[u * 4 + i] = i < rows ? (weights[(v + i) * nIn + u] as number) : 0;
    }
    for (let q = 0; q < panels; q++) {
      let c00 = 0, c01 = 0, c10 = 0, c11 = 0, c20 = 0, c21 = 0, c30 = 0, c31 = 0;
      for (let u = 0, k = q * nIn * 2, m = 0; u < nIn; u++, k += 2, m += 4) {
        const x0 = packed[k] as number; const x1 = packed[k + 1] as number;
        const a = rowWeights[m] as number; const b = rowWeights[m + 1] as number;
        const c = rowWeights[m + 2] as number; const d = rowWeights[m + 3] as number;
        c00 += a * x0; c01 += a * x1; c10 += b * x0; c11 += b * x1;
        c20 += c * x0; c21 += c * x1; c30 += d * x0; c31 += d * x1;
      }
      const p = 2 * q;
      let o = v * pixels + p;
      if (rows === 4 && p + 1 < pixels) {
        output[o] = c00; output[o + 1] = c01; o += pixels;
        output[o] = c10; output[o + 1] = c11; o += pixels;
        output[o] = c20; output[o + 1] = c21; o += pixels;
        output[o] = c30; output[o + 1] = c31;
      } else {
        const sums = [c00, c01, c10, c11, c20, c21, c30, c31];
        for (let row = 0; row < rows; row++) {
          output[(v + row) * pixels + p] = sums[2 * row] as number;
          if (p + 1 < pixels) output[(v + row) * pixels + p + 1] = sums[2 * row + 1] as number;
        }
      }
    }
  }
  return output;
}

/**
 * A dense 1×1 convolution (pointwise) on Float32 channel-major activations, written to be a fair
 * baseline for the butterfly (not a naive axpy loop), in the classic GEMM shape:
 * - the weights are packed once (`packDenseWeights`, outside the timed call, as inference would)
 *   into blocks of 4 output rows, interleaved so the inner loop reads 4 contiguous weights per
 *   input channel;
 * - the input is packed per call into panels of 4 contiguous pixels (Float64, channel after
 *   channel), and split into blocks of at most 256 input channels so a weight block and a panel
 *   block (2 × 8 KiB) stay in L1 while they are reused;
 * - the 4 outputs × 4 pixels partial sums live in 16 local variables (register blocking): per
 *   input channel 8 loads feed 16 multiply-adds.
 * Of the blockings tried on the benchmark machine (4×4 with and without channel blocks, 3×4,
 * 2×4, 2×8, 4×2, Float32 or Float64 panels, unpacked Float32 rows) this one was fastest at
 * n = 1024 and 4096 and within noise of the best at n = 256.
 * y = W·x, W row-major n_out × n_in. O(pixels · n_in · n_out) time, O(pixels · n_in) extra memory.
 */

/** Dense weights packed for `densePointwise`: rows in blocks of 4, 4 weights per input channel. */
export interface PackedDenseWeights {
  readonly nIn: number;
  readonly nOut: number;
  /** Block b, input channel u, row i of the block at (b·nIn + u)·4 + i; missing rows are 0. */
  readonly data: Float64Array;
}

/** Input channels per cache block of the dense kernel. */
const CHANNEL_BLOCK = 256;

/** Packs a row-major n_out × n_in weight matrix for `densePointwise`. O(n_in · n_out). */
export function packDenseWeights(weights: Float32Array | Float64Array, nIn: number, nOut: number): PackedDenseWeights {
  if (weights.length !== nIn * nOut) throw new RangeError(`weights have ${weights.length} values, expected ${nOut}·${nIn}`);
  const blocks = Math.ceil(nOut / 4);
  const data = new Float64Array(blocks * nIn * 4);
  for (let v = 0; v < nOut; v++) {
    const base = (v >> 2) * nIn * 4 + (v & 3);
    for (let u = 0; u < nIn; u++) data[base + u * 4] = weights[v * nIn + u] as number;
  }
  return { nIn, nOut, data };
}

/**
 * y = W·x for `pixels` channel-major pixel vectors (element (c, p) at c·pixels + p). `weights`
 * is either packed (`packDenseWeights`) or a row-major n_out × n_in matrix (packed on the fly).
 * Returns `output` (allocated when not given).
 */
export function densePointwise(
  weights: PackedDenseWeights | Float32Array | Float64Array,
  input: Float32Array,
  nIn: number,
  nOut: number,
  pixels: number,
  output: Float32Array = new Float32Array(nOut * pixels),
): Float32Array {
  const packedWeights = 'data' in weights ? weights : packDenseWeights(weights, nIn, nOut);
  if (packedWeights.nIn !== nIn || packedWeights.nOut !== nOut) throw new RangeError('packed weights have another shape');
  if (input.length !== nIn * pixels) throw new RangeError(`input has ${input.length} values, expected ${nIn}·${pixels}`);
  const w = packedWeights.data;
  const panels = Math.ceil(pixels / 4);
  const blockWidth = Math.min(nIn, CHANNEL_BLOCK);
  const channelBlocks = Math.ceil(nIn / blockWidth);
  // Panel layout: channel block cb, panel q, channel u within the block, pixel j of the panel at
  // ((cb·panels + q)·blockWidth + u)·4 + j. The last channel block may be shorter.
  const x = new Float64Array(channelBlocks * panels * blockWidth * 4);
  for (let u = 0; u < nIn; u++) {
    const cb = Math.floor(u / blockWidth);
    const inner = u - cb * blockWidth;
    const row = u * pixels;
    for (let q = 0; q < panels; q++) {
      const at = ((cb * panels + q) * blockWidth + inner) * 4;
      const p = 4 * q;
      if (p + 3 < pixels) {
        x[at] = input[row + p] as number; x[at + 1] = input[row + p + 1] as number;
        x[at + 2] = input[row + p + 2] as number; x[at + 3] = input[row + p + 3] as number;
      } else {
        for (let j = 0; p + j < pixels; j++) x[at + j] = input[row + p + j] as number;
      }
    }
  }
  const sums = new Float64Array(panels * 16);
  for (let v = 0; v < nOut; v += 4) {
    sums.fill(0);
    for (let cb = 0; cb < channelBlocks; cb++) {
      const width = Math.min(blockWidth, nIn - cb * blockWidth);
      const wStart = ((v >> 2) * nIn + cb * blockWidth) * 4;
      const wEnd = wStart + width * 4;
      for (let q = 0; q < panels; q++) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let m = wStart, k = (cb * panels + q) * blockWidth * 4; m < wEnd; m += 4, k += 4) {
          const x0 = x[k] as number; const x1 = x[k + 1] as number; const x2 = x[k + 2] as number; const x3 = x[k + 3] as number;
          let a = w[m] as number;
          c00 += a * x0; c01 += a * x1; c02 += a * x2; c03 += a * x3;
          a = w[m + 1] as number;
          c10 += a * x0; c11 += a * x1; c12 += a * x2; c13 += a * x3;
          a = w[m + 2] as number;
          c20 += a * x0; c21 += a * x1; c22 += a * x2; c23 += a * x3;
          a = w[m + 3] as number;
          c30 += a * x0; c31 += a * x1; c32 += a * x2; c33 += a * x3;
        }
        const s = 16 * q;
        sums[s] = (sums[s] as number) + c00; sums[s + 1] = (sums[s + 1] as number) + c01;
        sums[s + 2] = (sums[s + 2] as number) + c02; sums[s + 3] = (sums[s + 3] as number) + c03;
        sums[s + 4] = (sums[s + 4] as number) + c10; sums[s + 5] = (sums[s + 5] as number) + c11;
        sums[s + 6] = (sums[s + 6] as number) + c12; sums[s + 7] = (sums[s + 7] as number) + c13;
        sums[s + 8] = (sums[s + 8] as number) + c20; sums[s + 9] = (sums[s + 9] as number) + c21;
        sums[s + 10] = (sums[s + 10] as number) + c22; sums[s + 11] = (sums[s + 11] as number) + c23;
        sums[s + 12] = (sums[s + 12] as number) + c30; sums[s + 13] = (sums[s + 13] as number) + c31;
        sums[s + 14] = (sums[s + 14] as number) + c32; sums[s + 15] = (sums[s + 15] as number) + c33;
      }
    }
    const rows = Math.min(4, nOut - v);
    for (let i = 0; i < rows; i++) {
      const row = (v + i) * pixels;
      for (let q = 0; q < panels; q++) {
        const s = 16 * q + 4 * i;
        const p = 4 * q;
        for (let j = 0; j < 4 && p + j < pixels; j++) output[row + p + j] = sums[s + j] as number;
      }
    }
  }
  return output;
}

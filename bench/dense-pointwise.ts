/**
 * A dense 1×1 convolution (pointwise) on Float32 channel-major activations, written to be a fair
 * baseline for the butterfly (not a naive axpy loop). Register-blocked and tiled over pixels:
 * - the weights are packed once (`packDenseWeights`, outside the timed call, as inference would)
 *   into 8 × 4 blocks (8 output rows × 4 input channels), 32 contiguous Float64 values each;
 * - the pixels are processed in tiles of 256; for every block of 8 output rows a Float64
 *   accumulator tile (8 × 256, 16 KiB) stays in L1 while all input channels stream through it,
 *   4 channels at a time: the inner loop runs over contiguous pixels, loads 4 inputs and does
 *   8 × 4 = 32 multiply-adds into 8 accumulators, with the 32 weights held in locals.
 * Of the kernels tried on the benchmark machine under the same load (interleaved runs), this
 * pixel-streaming form reached ~3.2 GMAC/s, against ~2.3 for every register-tile form with
 * packed 2-, 3- or 4-pixel panels (4×4 with and without 256-channel cache blocks, 3×3, 4×2, 2×4,
 * 2×8) and 2.2–3.1 for other pixel-streaming blockings (2×16, 4×4, 4×8, 4×16, 8×2, 8×8, 12×4,
 * 16×4).
 * y = W·x, W row-major n_out × n_in. O(pixels · n_in · n_out) time, O(n_out + pixels) extra memory
 * (plus a zero-padded copy of the input when n_in is not a multiple of 4).
 */

/** Dense weights packed for `densePointwise`: blocks of 8 output rows × 4 input channels. */
export interface PackedDenseWeights {
  readonly nIn: number;
  readonly nOut: number;
  /** Row block b, channel group g, row i, channel j at ((b·⌈n_in/4⌉ + g)·32) + 4i + j; padding is 0. */
  readonly data: Float64Array;
}

/** Output rows and input channels of one register block, and the pixels of one tile. */
const ROWS = 8;
const CHANNELS = 4;
const TILE = 256;

/** Packs a row-major n_out × n_in weight matrix for `densePointwise`. O(n_in · n_out). */
export function packDenseWeights(weights: Float32Array | Float64Array, nIn: number, nOut: number): PackedDenseWeights {
  if (weights.length !== nIn * nOut)
    throw new RangeError(`weights have ${weights.length} values, expected ${nOut}·${nIn}`);
  const groups = Math.ceil(nIn / CHANNELS);
  const data = new Float64Array(Math.ceil(nOut / ROWS) * groups * ROWS * CHANNELS);
  for (let v = 0; v < nOut; v++) {
    for (let u = 0; u < nIn; u++) {
      const block = Math.floor(v / ROWS);
      const group = Math.floor(u / CHANNELS);
      data[(block * groups + group) * ROWS * CHANNELS + (v % ROWS) * CHANNELS + (u % CHANNELS)] = weights[
        v * nIn + u
      ] as number;
    }
  }
  return { nIn, nOut, data };
}

/**
 * y = W·x for `pixels` channel-major pixel vectors (element (c, p) at c·pixels + p). `weights`
 * is either packed (`packDenseWeights`) or a row-major n_out × n_in matrix (packed on the fly).
 * Returns `output` (allocated when not given); every output value is written.
 */
export function densePointwise(
  weights: PackedDenseWeights | Float32Array | Float64Array,
  input: Float32Array,
  nIn: number,
  nOut: number,
  pixels: number,
  output: Float32Array = new Float32Array(nOut * pixels),
): Float32Array {
  const packed = 'data' in weights ? weights : packDenseWeights(weights, nIn, nOut);
  if (packed.nIn !== nIn || packed.nOut !== nOut) throw new RangeError('packed weights have another shape');
  if (input.length !== nIn * pixels)
    throw new RangeError(`input has ${input.length} values, expected ${nIn}·${pixels}`);
  const groups = Math.ceil(nIn / CHANNELS);
  // Channels past n_in (weight 0) read zero rows, so that no index runs off the input.
  const x = nIn % CHANNELS === 0 ? input : padRows(input, groups * CHANNELS * pixels);
  const w = packed.data;
  const acc = new Float64Array(ROWS * TILE);
  for (let p0 = 0; p0 < pixels; p0 += TILE) {
    const count = Math.min(TILE, pixels - p0);
    for (let v = 0; v < nOut; v += ROWS) {
      acc.fill(0);
      const a0 = 0;
      const a1 = TILE;
      const a2 = 2 * TILE;
      const a3 = 3 * TILE;
      const a4 = 4 * TILE;
      const a5 = 5 * TILE;
      const a6 = 6 * TILE;
      const a7 = 7 * TILE;
      for (let group = 0; group < groups; group++) {
        const at = ((v / ROWS) * groups + group) * ROWS * CHANNELS;
        const w00 = w[at + 0] as number;
        const w01 = w[at + 1] as number;
        const w02 = w[at + 2] as number;
        const w03 = w[at + 3] as number;
        const w10 = w[at + 4] as number;
        const w11 = w[at + 5] as number;
        const w12 = w[at + 6] as number;
        const w13 = w[at + 7] as number;
        const w20 = w[at + 8] as number;
        const w21 = w[at + 9] as number;
        const w22 = w[at + 10] as number;
        const w23 = w[at + 11] as number;
        const w30 = w[at + 12] as number;
        const w31 = w[at + 13] as number;
        const w32 = w[at + 14] as number;
        const w33 = w[at + 15] as number;
        const w40 = w[at + 16] as number;
        const w41 = w[at + 17] as number;
        const w42 = w[at + 18] as number;
        const w43 = w[at + 19] as number;
        const w50 = w[at + 20] as number;
        const w51 = w[at + 21] as number;
        const w52 = w[at + 22] as number;
        const w53 = w[at + 23] as number;
        const w60 = w[at + 24] as number;
        const w61 = w[at + 25] as number;
        const w62 = w[at + 26] as number;
        const w63 = w[at + 27] as number;
        const w70 = w[at + 28] as number;
        const w71 = w[at + 29] as number;
        const w72 = w[at + 30] as number;
        const w73 = w[at + 31] as number;
        const i0 = group * CHANNELS * pixels + p0;
        const i1 = i0 + pixels;
        const i2 = i1 + pixels;
        const i3 = i2 + pixels;
        for (let p = 0; p < count; p++) {
          const x0 = x[i0 + p] as number;
          const x1 = x[i1 + p] as number;
          const x2 = x[i2 + p] as number;
          const x3 = x[i3 + p] as number;
          acc[a0 + p] = (acc[a0 + p] as number) + (w00 * x0 + w01 * x1 + w02 * x2 + w03 * x3);
          acc[a1 + p] = (acc[a1 + p] as number) + (w10 * x0 + w11 * x1 + w12 * x2 + w13 * x3);
          acc[a2 + p] = (acc[a2 + p] as number) + (w20 * x0 + w21 * x1 + w22 * x2 + w23 * x3);
          acc[a3 + p] = (acc[a3 + p] as number) + (w30 * x0 + w31 * x1 + w32 * x2 + w33 * x3);
          acc[a4 + p] = (acc[a4 + p] as number) + (w40 * x0 + w41 * x1 + w42 * x2 + w43 * x3);
          acc[a5 + p] = (acc[a5 + p] as number) + (w50 * x0 + w51 * x1 + w52 * x2 + w53 * x3);
          acc[a6 + p] = (acc[a6 + p] as number) + (w60 * x0 + w61 * x1 + w62 * x2 + w63 * x3);
          acc[a7 + p] = (acc[a7 + p] as number) + (w70 * x0 + w71 * x1 + w72 * x2 + w73 * x3);
        }
      }
      const rows = Math.min(ROWS, nOut - v);
      for (let i = 0; i < rows; i++) {
        const row = (v + i) * pixels + p0;
        for (let p = 0; p < count; p++) output[row + p] = acc[i * TILE + p] as number;
      }
    }
  }
  return output;
}

/** `input` followed by zeros up to `length` values. */
function padRows(input: Float32Array, length: number): Float32Array {
  const padded = new Float32Array(length);
  padded.set(input);
  return padded;
}

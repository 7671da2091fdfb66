import { layerStrides, layerWeightOffsets, type ButterflyPlan } from './plan.js';

/**
 * The fast BFT forward pass (same result as `butterflyForward`, Float32 activations): the pixels
 * are processed in tiles of `tile` pixels, and each tile goes through all layers while it stays
 * in cache (two n × tile buffers), instead of streaming the whole batch through memory once per
 * layer. Radix 2, 3 and 4 layers have unrolled kernels that load the r inputs of a group once
 * and write its r outputs. The first layer reads the input in place and the last writes the
 * output in place. Arithmetic is the same n·Σr multiplies per pixel.
 * O(pixels · n · Σr) time, O(n · tile) extra memory.
 */
export function butterflyForwardTiled(
  plan: ButterflyPlan,
  weights: Float32Array | Float64Array,
  input: Float32Array,
  pixels: number,
  options: { readonly residual?: boolean; readonly tile?: number; readonly output?: Float32Array } = {},
): Float32Array {
  const { n } = plan;
  if (input.length !== n * pixels) throw new RangeError(`input has ${input.length} values, expected ${n}·${pixels}`);
  const output = options.output ?? new Float32Array(n * pixels);
  const tile = Math.max(1, Math.min(pixels, options.tile ?? defaultTile(n)));
  const strides = layerStrides(plan);
  const offsets = layerWeightOffsets(plan);
  const m = plan.radices.length;
  const a = new Float32Array(n * tile);
  const b = new Float32Array(n * tile);
  for (let p0 = 0; p0 < pixels; p0 += tile) {
    const count = Math.min(tile, pixels - p0);
    let src: Float32Array = input;
    let srcStride = pixels;
    let srcOff = p0;
    for (let layer = 0; layer < m; layer++) {
      const last = layer === m - 1;
      const dst = last ? output : layer % 2 === 0 ? a : b;
      const dstStride = last ? pixels : tile;
      const dstOff = last ? p0 : 0;
      const r = plan.radices[layer] ?? 1;
      const s = strides[layer] ?? 1;
      const wOff = offsets[layer] ?? 0;
      if (r === 4) radix4(src, srcStride, srcOff, dst, dstStride, dstOff, weights, wOff, n, s, count);
      else if (r === 2) radix2(src, srcStride, srcOff, dst, dstStride, dstOff, weights, wOff, n, s, count);
      else if (r === 3) radix3(src, srcStride, srcOff, dst, dstStride, dstOff, weights, wOff, n, s, count);
      else radixAny(src, srcStride, srcOff, dst, dstStride, dstOff, weights, wOff, n, r, s, count);
      src = dst;
      srcStride = dstStride;
      srcOff = dstOff;
    }
    if (options.residual) {
      for (let c = 0; c < n; c++) {
        const row = c * pixels + p0;
        for (let p = 0; p < count; p++) output[row + p] = (output[row + p] as number) + (input[row + p] as number);
      }
    }
  }
  return output;
}

/** Tile width keeping the two n × tile Float32 buffers near 1 MiB (half of a 2 MiB L2), 16 … 256 pixels. */
export function defaultTile(n: number): number {
  return Math.max(16, Math.min(256, 16 * Math.floor(131072 / n / 16)));
}

/* The kernels index typed arrays in bounds by construction; `as number` avoids per-element checks. */

function radix2(
  src: Float32Array, ss: number, so: number, dst: Float32Array, ds: number, dOff: number,
  w: Float32Array | Float64Array, wOff: number, n: number, s: number, count: number,
): void {
  for (let block = 0; block < n; block += 2 * s) {
    for (let t = 0; t < s; t++) {
      const u0 = block + t;
      const u1 = u0 + s;
      const w00 = w[wOff + u0 * 2] as number; const w01 = w[wOff + u0 * 2 + 1] as number;
      const w10 = w[wOff + u1 * 2] as number; const w11 = w[wOff + u1 * 2 + 1] as number;
      const i0 = so + u0 * ss; const i1 = so + u1 * ss;
      const o0 = dOff + u0 * ds; const o1 = dOff + u1 * ds;
      for (let p = 0; p < count; p++) {
        const x0 = src[i0 + p] as number; const x1 = src[i1 + p] as number;
        dst[o0 + p] = w00 * x0 + w01 * x1;
        dst[o1 + p] = w10 * x0 + w11 * x1;
      }
    }
  }
}

function radix3(
  src: Float32Array, ss: number, so: number, dst: Float32Array, ds: number, dOff: number,
  w: Float32Array | Float64Array, wOff: number, n: number, s: number, count: number,
): void {
  for (let block = 0; block < n; block += 3 * s) {
    for (let t = 0; t < s; t++) {
      const u0 = block + t; const u1 = u0 + s; const u2 = u1 + s;
      const w00 = w[wOff + u0 * 3] as number; const w01 = w[wOff + u0 * 3 + 1] as number; const w02 = w[wOff + u0 * 3 + 2] as number;
      const w10 = w[wOff + u1 * 3] as number; const w11 = w[wOff + u1 * 3 + 1] as number; const w12 = w[wOff + u1 * 3 + 2] as number;
      const w20 = w[wOff + u2 * 3] as number; const w21 = w[wOff + u2 * 3 + 1] as number; const w22 = w[wOff + u2 * 3 + 2] as number;
      const i0 = so + u0 * ss; const i1 = so + u1 * ss; const i2 = so + u2 * ss;
      const o0 = dOff + u0 * ds; const o1 = dOff + u1 * ds; const o2 = dOff + u2 * ds;
      for (let p = 0; p < count; p++) {
        const x0 = src[i0 + p] as number; const x1 = src[i1 + p] as number; const x2 = src[i2 + p] as number;
        dst[o0 + p] = w00 * x0 + w01 * x1 + w02 * x2;
        dst[o1 + p] = w10 * x0 + w11 * x1 + w12 * x2;
        dst[o2 + p] = w20 * x0 + w21 * x1 + w22 * x2;
      }
    }
  }
}

function radix4(
  src: Float32Array, ss: number, so: number, dst: Float32Array, ds: number, dOff: number,
  w: Float32Array | Float64Array, wOff: number, n: number, s: number, count: number,
): void {
  for (let block = 0; block < n; block += 4 * s) {
    for (let t = 0; t < s; t++) {
      const u0 = block + t; const u1 = u0 + s; const u2 = u1 + s; const u3 = u2 + s;
      const i0 = so + u0 * ss; const i1 = so + u1 * ss; const i2 = so + u2 * ss; const i3 = so + u3 * ss;
      // Two passes of two outputs each keep the live values within the register file.
      for (let half = 0; half < 2; half++) {
        const v0 = half === 0 ? u0 : u2;
        const v1 = half === 0 ? u1 : u3;
        const a0 = w[wOff + v0 * 4] as number; const a1 = w[wOff + v0 * 4 + 1] as number;
        const a2 = w[wOff + v0 * 4 + 2] as number; const a3 = w[wOff + v0 * 4 + 3] as number;
        const b0 = w[wOff + v1 * 4] as number; const b1 = w[wOff + v1 * 4 + 1] as number;
        const b2 = w[wOff + v1 * 4 + 2] as number; const b3 = w[wOff + v1 * 4 + 3] as number;
        const o0 = dOff + v0 * ds; const o1 = dOff + v1 * ds;
        for (let p = 0; p < count; p++) {
          const x0 = src[i0 + p] as number; const x1 = src[i1 + p] as number;
          const x2 = src[i2 + p] as number; const x3 = src[i3 + p] as number;
          dst[o0 + p] = a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
          dst[o1 + p] = b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
        }
      }
    }
  }
}

function radixAny(
  src: Float32Array, ss: number, so: number, dst: Float32Array, ds: number, dOff: number,
  w: Float32Array | Float64Array, wOff: number, n: number, r: number, s: number, count: number,
): void {
  for (let block = 0; block < n; block += r * s) {
    for (let t = 0; t < s; t++) {
      for (let i = 0; i < r; i++) {
        const v = block + i * s + t;
        const o = dOff + v * ds;
        for (let p = 0; p < count; p++) dst[o + p] = 0;
        for (let j = 0; j < r; j++) {
          const weight = w[wOff + v * r + j] as number;
          const from = so + (block + j * s + t) * ss;
          for (let p = 0; p < count; p++) dst[o + p] = (dst[o + p] as number) + weight * (src[from + p] as number);
        }
      }
    }
  }
}

import { layerStrides, layerWeightOffsets, type ButterflyPlan } from './plan.js';

/**
 * The fast BFT forward pass (same result as `butterflyForward`, Float32 activations): the pixels
 * are processed in tiles of `tile` pixels, and each tile goes through all layers while it stays
 * in cache (two n × tile buffers), instead of streaming the whole batch through memory once per
 * layer. Radix 2, 3 and 4 layers have unrolled kernels that load the r inputs of a group once
 * and write its r outputs; runs of radix-2 layers are fused three (or two) layers per pass. The
 * first layer reads the input in place and the last writes the output in place. Weights are
 * used as Float64 (a Float32 array is widened once per call). Arithmetic is the same n·Σr multiplies per pixel.
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
  // One weight type for every call keeps the kernels monomorphic (n·Σr values, negligible).
  const w = weights instanceof Float64Array ? weights : Float64Array.from(weights);
  const m = plan.radices.length;
  // Rows of the tile buffers are padded by 8 values so that channels a power of two apart do
  // not all fall into the same L1 cache set (measured: fewer slow runs of the fused kernels).
  const rowStride = tile + 8;
  const a = new Float32Array(n * rowStride);
  const b = new Float32Array(n * rowStride);
  for (let p0 = 0; p0 < pixels; p0 += tile) {
    const count = Math.min(tile, pixels - p0);
    let src: Float32Array = input;
    let srcStride = pixels;
    let srcOff = p0;
    for (let layer = 0, pass = 0; layer < m; pass++) {
      const r = plan.radices[layer] ?? 1;
      const s = strides[layer] ?? 1;
      const wOff = offsets[layer] ?? 0;
      // Runs of radix-2 layers are fused three (or two) at a time into one pass over 8 (or 4)
      // channels held in registers; a run is never split so as to leave a single layer.
      const run = radix2Run(plan.radices, layer);
      const step = run >= 3 && run !== 4 ? 3 : run >= 2 ? 2 : 1;
      const last = layer + step === m;
      const dst = last ? output : pass % 2 === 0 ? a : b;
      const dstStride = last ? pixels : rowStride;
      const dstOff = last ? p0 : 0;
      if (step === 3) {
        radix2Triple(
          src,
          srcStride,
          srcOff,
          dst,
          dstStride,
          dstOff,
          w,
          wOff,
          offsets[layer + 1] ?? 0,
          offsets[layer + 2] ?? 0,
          n,
          s,
          count,
        );
      } else if (step === 2)
        radix2Pair(src, srcStride, srcOff, dst, dstStride, dstOff, w, wOff, offsets[layer + 1] ?? 0, n, s, count);
      else if (r === 4) radix4(src, srcStride, srcOff, dst, dstStride, dstOff, w, wOff, n, s, count);
      else if (r === 2) radix2(src, srcStride, srcOff, dst, dstStride, dstOff, w, wOff, n, s, count);
      else if (r === 3) radix3(src, srcStride, srcOff, dst, dstStride, dstOff, w, wOff, n, s, count);
      else radixAny(src, srcStride, srcOff, dst, dstStride, dstOff, w, wOff, n, r, s, count);
      src = dst;
      srcStride = dstStride;
      srcOff = dstOff;
      layer += step;
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

/** Number of consecutive radix-2 layers starting at `layer`. O(run). */
function radix2Run(radices: readonly number[], layer: number): number {
  let run = 0;
  while (radices[layer + run] === 2) run++;
  return run;
}

/**
 * Default pixel tile: 128 pixels. Measured on the benchmark machine (2-core EPYC, 1 MiB L2 per
 * core) at n = 256 … 4096, tiles of 64 … 256 were within noise of each other; 32 was slower
 * (loop overhead per channel group), and the whole batch at once is memory-bound.
 */
export function defaultTile(n: number): number {
  return n > 0 ? 128 : 1;
}

/* The kernels index typed arrays in bounds by construction; `as number` avoids per-element checks. */

function radix2(
  src: Float32Array,
  ss: number,
  so: number,
  dst: Float32Array,
  ds: number,
  dOff: number,
  w: Float64Array,
  wOff: number,
  n: number,
  s: number,
  count: number,
): void {
  for (let block = 0; block < n; block += 2 * s) {
    for (let t = 0; t < s; t++) {
      const u0 = block + t;
      const u1 = u0 + s;
      const w00 = w[wOff + u0 * 2] as number;
      const w01 = w[wOff + u0 * 2 + 1] as number;
      const w10 = w[wOff + u1 * 2] as number;
      const w11 = w[wOff + u1 * 2 + 1] as number;
      const i0 = so + u0 * ss;
      const i1 = so + u1 * ss;
      const o0 = dOff + u0 * ds;
      const o1 = dOff + u1 * ds;
      for (let p = 0; p < count; p++) {
        const x0 = src[i0 + p] as number;
        const x1 = src[i1 + p] as number;
        dst[o0 + p] = w00 * x0 + w01 * x1;
        dst[o1 + p] = w10 * x0 + w11 * x1;
      }
    }
  }
}

function radix3(
  src: Float32Array,
  ss: number,
  so: number,
  dst: Float32Array,
  ds: number,
  dOff: number,
  w: Float64Array,
  wOff: number,
  n: number,
  s: number,
  count: number,
): void {
  for (let block = 0; block < n; block += 3 * s) {
    for (let t = 0; t < s; t++) {
      const u0 = block + t;
      const u1 = u0 + s;
      const u2 = u1 + s;
      const w00 = w[wOff + u0 * 3] as number;
      const w01 = w[wOff + u0 * 3 + 1] as number;
      const w02 = w[wOff + u0 * 3 + 2] as number;
      const w10 = w[wOff + u1 * 3] as number;
      const w11 = w[wOff + u1 * 3 + 1] as number;
      const w12 = w[wOff + u1 * 3 + 2] as number;
      const w20 = w[wOff + u2 * 3] as number;
      const w21 = w[wOff + u2 * 3 + 1] as number;
      const w22 = w[wOff + u2 * 3 + 2] as number;
      const i0 = so + u0 * ss;
      const i1 = so + u1 * ss;
      const i2 = so + u2 * ss;
      const o0 = dOff + u0 * ds;
      const o1 = dOff + u1 * ds;
      const o2 = dOff + u2 * ds;
      for (let p = 0; p < count; p++) {
        const x0 = src[i0 + p] as number;
        const x1 = src[i1 + p] as number;
        const x2 = src[i2 + p] as number;
        dst[o0 + p] = w00 * x0 + w01 * x1 + w02 * x2;
        dst[o1 + p] = w10 * x0 + w11 * x1 + w12 * x2;
        dst[o2 + p] = w20 * x0 + w21 * x1 + w22 * x2;
      }
    }
  }
}

function radix4(
  src: Float32Array,
  ss: number,
  so: number,
  dst: Float32Array,
  ds: number,
  dOff: number,
  w: Float64Array,
  wOff: number,
  n: number,
  s: number,
  count: number,
): void {
  for (let block = 0; block < n; block += 4 * s) {
    for (let t = 0; t < s; t++) {
      const u0 = block + t;
      const u1 = u0 + s;
      const u2 = u1 + s;
      const u3 = u2 + s;
      const i0 = so + u0 * ss;
      const i1 = so + u1 * ss;
      const i2 = so + u2 * ss;
      const i3 = so + u3 * ss;
      const o0 = dOff + u0 * ds;
      const o1 = dOff + u1 * ds;
      const o2 = dOff + u2 * ds;
      const o3 = dOff + u3 * ds;
      const q0 = wOff + u0 * 4;
      const q1 = wOff + u1 * 4;
      const q2 = wOff + u2 * 4;
      const q3 = wOff + u3 * 4;
      const a0 = w[q0] as number;
      const a1 = w[q0 + 1] as number;
      const a2 = w[q0 + 2] as number;
      const a3 = w[q0 + 3] as number;
      const b0 = w[q1] as number;
      const b1 = w[q1 + 1] as number;
      const b2 = w[q1 + 2] as number;
      const b3 = w[q1 + 3] as number;
      const c0 = w[q2] as number;
      const c1 = w[q2 + 1] as number;
      const c2 = w[q2 + 2] as number;
      const c3 = w[q2 + 3] as number;
      const d0 = w[q3] as number;
      const d1 = w[q3 + 1] as number;
      const d2 = w[q3 + 2] as number;
      const d3 = w[q3 + 3] as number;
      // All four outputs per pixel: 4 loads and 4 stores for 16 multiply-adds (measured ~1.4×
      // faster than two passes of two outputs, although the 16 weights do not all fit in registers).
      for (let p = 0; p < count; p++) {
        const x0 = src[i0 + p] as number;
        const x1 = src[i1 + p] as number;
        const x2 = src[i2 + p] as number;
        const x3 = src[i3 + p] as number;
        dst[o0 + p] = a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        dst[o1 + p] = b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
        dst[o2 + p] = c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
        dst[o3 + p] = d0 * x0 + d1 * x1 + d2 * x2 + d3 * x3;
      }
    }
  }
}

/**
 * Two consecutive radix-2 layers (strides s and s/2) in one pass: channels u, u + s/2, u + s,
 * u + 3s/2 form a closed group of 4; layer A mixes (u, u+s) and (u+s/2, u+3s/2), layer B then
 * mixes (u, u+s/2) and (u+s, u+3s/2). The intermediate values stay in registers, halving the
 * memory traffic of a radix-2 layer; the multiplies are the same 8 per group and pixel.
 */
function radix2Pair(
  src: Float32Array,
  ss: number,
  so: number,
  dst: Float32Array,
  ds: number,
  dOff: number,
  w: Float64Array,
  wA: number,
  wB: number,
  n: number,
  s: number,
  count: number,
): void {
  const h = s >> 1;
  for (let block = 0; block < n; block += 2 * s) {
    for (let t = 0; t < h; t++) {
      const u0 = block + t;
      const u1 = u0 + h;
      const u2 = u0 + s;
      const u3 = u2 + h;
      const a00 = w[wA + u0 * 2] as number;
      const a01 = w[wA + u0 * 2 + 1] as number;
      const a10 = w[wA + u1 * 2] as number;
      const a11 = w[wA + u1 * 2 + 1] as number;
      const a20 = w[wA + u2 * 2] as number;
      const a21 = w[wA + u2 * 2 + 1] as number;
      const a30 = w[wA + u3 * 2] as number;
      const a31 = w[wA + u3 * 2 + 1] as number;
      const b00 = w[wB + u0 * 2] as number;
      const b01 = w[wB + u0 * 2 + 1] as number;
      const b10 = w[wB + u1 * 2] as number;
      const b11 = w[wB + u1 * 2 + 1] as number;
      const b20 = w[wB + u2 * 2] as number;
      const b21 = w[wB + u2 * 2 + 1] as number;
      const b30 = w[wB + u3 * 2] as number;
      const b31 = w[wB + u3 * 2 + 1] as number;
      const i0 = so + u0 * ss;
      const i1 = so + u1 * ss;
      const i2 = so + u2 * ss;
      const i3 = so + u3 * ss;
      const o0 = dOff + u0 * ds;
      const o1 = dOff + u1 * ds;
      const o2 = dOff + u2 * ds;
      const o3 = dOff + u3 * ds;
      for (let p = 0; p < count; p++) {
        const x0 = src[i0 + p] as number;
        const x1 = src[i1 + p] as number;
        const x2 = src[i2 + p] as number;
        const x3 = src[i3 + p] as number;
        // The intermediate layer stays in double precision (no Float32 rounding in between).
        const y0 = a00 * x0 + a01 * x2;
        const y2 = a20 * x0 + a21 * x2;
        const y1 = a10 * x1 + a11 * x3;
        const y3 = a30 * x1 + a31 * x3;
        dst[o0 + p] = b00 * y0 + b01 * y1;
        dst[o1 + p] = b10 * y0 + b11 * y1;
        dst[o2 + p] = b20 * y2 + b21 * y3;
        dst[o3 + p] = b30 * y2 + b31 * y3;
      }
    }
  }
}

/**
 * Three consecutive radix-2 layers (strides s, s/2, s/4) in one pass over closed groups of 8
 * channels u + {0, 1, …, 7}·s/4: layer A mixes channels s apart, B s/2 apart, C s/4 apart.
 * Per group and pixel: 8 loads, 48 multiply-adds, 8 stores (a single radix-2 layer: 2 loads,
 * 4 multiply-adds, 2 stores); the intermediate values stay in double precision.
 */
function radix2Triple(
  src: Float32Array,
  ss: number,
  so: number,
  dst: Float32Array,
  ds: number,
  dOff: number,
  w: Float64Array,
  wA: number,
  wB: number,
  wC: number,
  n: number,
  s: number,
  count: number,
): void {
  const h = s >> 1;
  const q = s >> 2;
  for (let block = 0; block < n; block += 2 * s) {
    for (let t = 0; t < q; t++) {
      const u0 = block + t;
      const u1 = u0 + q;
      const u2 = u0 + h;
      const u3 = u2 + q;
      const u4 = u0 + s;
      const u5 = u4 + q;
      const u6 = u4 + h;
      const u7 = u6 + q;
      const a00 = w[wA + u0 * 2] as number;
      const a01 = w[wA + u0 * 2 + 1] as number;
      const a10 = w[wA + u1 * 2] as number;
      const a11 = w[wA + u1 * 2 + 1] as number;
      const a20 = w[wA + u2 * 2] as number;
      const a21 = w[wA + u2 * 2 + 1] as number;
      const a30 = w[wA + u3 * 2] as number;
      const a31 = w[wA + u3 * 2 + 1] as number;
      const a40 = w[wA + u4 * 2] as number;
      const a41 = w[wA + u4 * 2 + 1] as number;
      const a50 = w[wA + u5 * 2] as number;
      const a51 = w[wA + u5 * 2 + 1] as number;
      const a60 = w[wA + u6 * 2] as number;
      const a61 = w[wA + u6 * 2 + 1] as number;
      const a70 = w[wA + u7 * 2] as number;
      const a71 = w[wA + u7 * 2 + 1] as number;
      const b00 = w[wB + u0 * 2] as number;
      const b01 = w[wB + u0 * 2 + 1] as number;
      const b10 = w[wB + u1 * 2] as number;
      const b11 = w[wB + u1 * 2 + 1] as number;
      const b20 = w[wB + u2 * 2] as number;
      const b21 = w[wB + u2 * 2 + 1] as number;
      const b30 = w[wB + u3 * 2] as number;
      const b31 = w[wB + u3 * 2 + 1] as number;
      const b40 = w[wB + u4 * 2] as number;
      const b41 = w[wB + u4 * 2 + 1] as number;
      const b50 = w[wB + u5 * 2] as number;
      const b51 = w[wB + u5 * 2 + 1] as number;
      const b60 = w[wB + u6 * 2] as number;
      const b61 = w[wB + u6 * 2 + 1] as number;
      const b70 = w[wB + u7 * 2] as number;
      const b71 = w[wB + u7 * 2 + 1] as number;
      const c00 = w[wC + u0 * 2] as number;
      const c01 = w[wC + u0 * 2 + 1] as number;
      const c10 = w[wC + u1 * 2] as number;
      const c11 = w[wC + u1 * 2 + 1] as number;
      const c20 = w[wC + u2 * 2] as number;
      const c21 = w[wC + u2 * 2 + 1] as number;
      const c30 = w[wC + u3 * 2] as number;
      const c31 = w[wC + u3 * 2 + 1] as number;
      const c40 = w[wC + u4 * 2] as number;
      const c41 = w[wC + u4 * 2 + 1] as number;
      const c50 = w[wC + u5 * 2] as number;
      const c51 = w[wC + u5 * 2 + 1] as number;
      const c60 = w[wC + u6 * 2] as number;
      const c61 = w[wC + u6 * 2 + 1] as number;
      const c70 = w[wC + u7 * 2] as number;
      const c71 = w[wC + u7 * 2 + 1] as number;
      const i0 = so + u0 * ss;
      const i1 = so + u1 * ss;
      const i2 = so + u2 * ss;
      const i3 = so + u3 * ss;
      const i4 = so + u4 * ss;
      const i5 = so + u5 * ss;
      const i6 = so + u6 * ss;
      const i7 = so + u7 * ss;
      const o0 = dOff + u0 * ds;
      const o1 = dOff + u1 * ds;
      const o2 = dOff + u2 * ds;
      const o3 = dOff + u3 * ds;
      const o4 = dOff + u4 * ds;
      const o5 = dOff + u5 * ds;
      const o6 = dOff + u6 * ds;
      const o7 = dOff + u7 * ds;
      for (let p = 0; p < count; p++) {
        // Layer A (stride s): pairs (u0, u4), (u1, u5), (u2, u6), (u3, u7).
        const x0 = src[i0 + p] as number;
        const x4 = src[i4 + p] as number;
        const y0 = a00 * x0 + a01 * x4;
        const y4 = a40 * x0 + a41 * x4;
        const x1 = src[i1 + p] as number;
        const x5 = src[i5 + p] as number;
        const y1 = a10 * x1 + a11 * x5;
        const y5 = a50 * x1 + a51 * x5;
        const x2 = src[i2 + p] as number;
        const x6 = src[i6 + p] as number;
        const y2 = a20 * x2 + a21 * x6;
        const y6 = a60 * x2 + a61 * x6;
        const x3 = src[i3 + p] as number;
        const x7 = src[i7 + p] as number;
        const y3 = a30 * x3 + a31 * x7;
        const y7 = a70 * x3 + a71 * x7;
        // Layer B (stride s/2): pairs (u0, u2), (u1, u3), then layer C (stride s/4): (u0, u1), (u2, u3).
        const z0 = b00 * y0 + b01 * y2;
        const z2 = b20 * y0 + b21 * y2;
        const z1 = b10 * y1 + b11 * y3;
        const z3 = b30 * y1 + b31 * y3;
        dst[o0 + p] = c00 * z0 + c01 * z1;
        dst[o1 + p] = c10 * z0 + c11 * z1;
        dst[o2 + p] = c20 * z2 + c21 * z3;
        dst[o3 + p] = c30 * z2 + c31 * z3;
        // The same for the upper half: B pairs (u4, u6), (u5, u7); C pairs (u4, u5), (u6, u7).
        const z4 = b40 * y4 + b41 * y6;
        const z6 = b60 * y4 + b61 * y6;
        const z5 = b50 * y5 + b51 * y7;
        const z7 = b70 * y5 + b71 * y7;
        dst[o4 + p] = c40 * z4 + c41 * z5;
        dst[o5 + p] = c50 * z4 + c51 * z5;
        dst[o6 + p] = c60 * z6 + c61 * z7;
        dst[o7 + p] = c70 * z6 + c71 * z7;
      }
    }
  }
}

function radixAny(
  src: Float32Array,
  ss: number,
  so: number,
  dst: Float32Array,
  ds: number,
  dOff: number,
  w: Float64Array,
  wOff: number,
  n: number,
  r: number,
  s: number,
  count: number,
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

import { layerStrides, layerWeightOffsets, type ButterflyPlan } from './plan.js';

/** Complex butterfly weights (same layout as `ButterflyWeights`), real and imaginary parts. */
export interface ComplexWeights {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** A complex vector or channel-major batch, real and imaginary parts. */
export interface ComplexVector {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * The FFT as a butterfly (bft-paper.md §2, decimation in frequency, any radices): at layer ℓ
 * with radix r and stride s, a block of N' = r·s entries is split as index j·s + t and output
 * node i·s + t receives weight ω_r^(i·j) · ω_N'^(i·t) from input digit j, ω_M = e^(−2πi/M).
 * With radix 2 this is D11 = D12 = I, D21 = Ω, D22 = −Ω. The outputs come out in digit-reversed
 * order (see `fftOutputOrder`). O(n·Σr).
 */
export function fftWeights(plan: ButterflyPlan): ComplexWeights {
  const strides = layerStrides(plan);
  const offsets = layerWeightOffsets(plan);
  const size = offsets[offsets.length - 1] ?? 0;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let layer = 0; layer < plan.radices.length; layer++) {
    const r = plan.radices[layer] ?? 1;
    const s = strides[layer] ?? 1;
    const blockSize = r * s;
    for (let v = 0; v < plan.n; v++) {
      const i = Math.floor(v / s) % r;
      const t = v % s;
      for (let j = 0; j < r; j++) {
        // ω_r^(ij) · ω_N'^(it) = e^(−2πi·(i·j·s + i·t)/N'); reduce the exponent mod N' first.
        const exponent = (i * j * s + i * t) % blockSize;
        const angle = (-2 * Math.PI * exponent) / blockSize;
        const at = (offsets[layer] ?? 0) + v * r + j;
        re[at] = Math.cos(angle);
        im[at] = Math.sin(angle);
      }
    }
  }
  return { re, im };
}

/**
 * Which DFT frequency each output position of the FFT butterfly holds: position
 * Σ i_ℓ·s_ℓ holds frequency i_0 + r_0·(i_1 + r_1·(i_2 + …)) (digit reversal; bit reversal for
 * radix 2). O(n·m).
 */
export function fftOutputOrder(plan: ButterflyPlan): Uint32Array {
  const strides = layerStrides(plan);
  const order = new Uint32Array(plan.n);
  for (let position = 0; position < plan.n; position++) {
    let frequency = 0;
    let scale = 1;
    for (let layer = 0; layer < plan.radices.length; layer++) {
      const r = plan.radices[layer] ?? 1;
      frequency += (Math.floor(position / (strides[layer] ?? 1)) % r) * scale;
      scale *= r;
    }
    order[position] = frequency;
  }
  return order;
}

/**
 * Complex butterfly forward pass on a channel-major batch (same loops as `butterflyForward`
 * with complex arithmetic): per pixel n·Σr complex multiplies. O(pixels · n · Σr).
 */
export function complexButterflyForward(
  plan: ButterflyPlan,
  weights: ComplexWeights,
  input: ComplexVector,
  pixels = 1,
): ComplexVector {
  const { n } = plan;
  const strides = layerStrides(plan);
  const offsets = layerWeightOffsets(plan);
  let re = input.re;
  let im = input.im;
  for (let layer = 0; layer < plan.radices.length; layer++) {
    const r = plan.radices[layer] ?? 1;
    const s = strides[layer] ?? 1;
    const nextRe = new Float64Array(n * pixels);
    const nextIm = new Float64Array(n * pixels);
    for (let v = 0; v < n; v++) {
      const t = v % s;
      const block = v - (v % (r * s));
      for (let j = 0; j < r; j++) {
        const at = (offsets[layer] ?? 0) + v * r + j;
        const wr = weights.re[at] ?? 0;
        const wi = weights.im[at] ?? 0;
        const from = (block + j * s + t) * pixels;
        for (let p = 0; p < pixels; p++) {
          const xr = re[from + p] ?? 0;
          const xi = im[from + p] ?? 0;
          nextRe[v * pixels + p] = (nextRe[v * pixels + p] ?? 0) + wr * xr - wi * xi;
          nextIm[v * pixels + p] = (nextIm[v * pixels + p] ?? 0) + wr * xi + wi * xr;
        }
      }
    }
    re = nextRe;
    im = nextIm;
  }
  return { re, im };
}

import { layerStrides, layerWeightOffsets, type ButterflyPlan } from './plan.js';
import type { ButterflyWeights } from './weights.js';

/** Channel-major activations of a batch: element (channel c, pixel p) at c·pixels + p. */
export type Activations = Float64Array | Float32Array;

/** Arithmetic actually performed by an instrumented run (totals over all pixels). */
export interface OperationCount {
  multiplies: number;
  adds: number;
}

/** Options of the reference forward pass. */
export interface ForwardOptions {
  /** First-to-last residual y = Bx + x (bft-paper.md §3): n·pixels extra adds. */
  readonly residual?: boolean;
  /** When given, every multiply and add performed is counted into it (instrumented mode). */
  readonly count?: OperationCount;
}

/**
 * The reference BFT forward pass on a batch of pixel vectors, layer by layer: for each layer ℓ
 * and output node v = (b, i, t), y_v = Σ_j w_ℓ[v·r + j] · x_(b, j, t), the inner loop running
 * over the contiguous pixels. The first product initialises the sum, so per output and pixel a
 * layer does r multiplies and r − 1 adds: per pixel, n·Σr multiplies (= the edge count = the
 * cost model's MACs) and n·Σ(r−1) adds, plus n adds for the residual.
 * Returns a new array of the input's type. O(pixels · n · Σr).
 */
export function butterflyForward(
  plan: ButterflyPlan,
  weights: ButterflyWeights,
  input: Activations,
  pixels: number,
  options: ForwardOptions = {},
): Activations {
  const { n } = plan;
  if (input.length !== n * pixels) throw new RangeError(`input has ${input.length} values, expected ${n}·${pixels}`);
  const make = (): Activations =>
    input instanceof Float32Array ? new Float32Array(n * pixels) : new Float64Array(n * pixels);
  const strides = layerStrides(plan);
  const offsets = layerWeightOffsets(plan);
  let current: Activations = input;
  for (let layer = 0; layer < plan.radices.length; layer++) {
    const r = plan.radices[layer] ?? 0;
    const s = strides[layer] ?? 0;
    const base = offsets[layer] ?? 0;
    const next = make();
    for (let block = 0; block < n; block += r * s) {
      for (let t = 0; t < s; t++) {
        for (let i = 0; i < r; i++) {
          const v = block + i * s + t;
          const out = v * pixels;
          for (let j = 0; j < r; j++) {
            const w = weights[base + v * r + j] ?? 0;
            const from = (block + j * s + t) * pixels;
            if (j === 0) for (let p = 0; p < pixels; p++) next[out + p] = w * (current[from + p] ?? 0);
            else for (let p = 0; p < pixels; p++) next[out + p] = (next[out + p] ?? 0) + w * (current[from + p] ?? 0);
          }
          if (options.count) {
            options.count.multiplies += r * pixels;
            options.count.adds += (r - 1) * pixels;
          }
        }
      }
    }
    current = next;
  }
  if (options.residual) {
    for (let e = 0; e < current.length; e++) current[e] = (current[e] ?? 0) + (input[e] ?? 0);
    if (options.count) options.count.adds += n * pixels;
  }
  return current;
}

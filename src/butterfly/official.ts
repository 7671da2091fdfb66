import { butterflyPlan, layerWeightOffsets, type ButterflyPlan } from './plan.js';
import { butterflyForward, type Activations } from './forward.js';

/**
 * The official code's wiring (keivanalizadeh/ButterflyTransform, `butterfly.py`, read as a
 * specification; no code copied). For n = k^L it stores k·n·L weights and builds the dense matrix
 * M[j][i] = ∏_ℓ w[ℓ·k·n + d·n + mix_ℓ(i, j)], where mix_ℓ keeps the top ℓ base-k digits of the
 * output j and the low L − ℓ digits of the input i, and the digit d is meant to be digit ℓ of
 * j — but `n & mask >> shift` parses as `n & (mask >> shift)` in Python, so d is always the
 * lowest digit of j. We reproduce what the code computes. The result is still a butterfly: it
 * equals our standard one after an output permutation (digit rotation) and a weight relabelling
 * (`officialToStandardWeights`), which the tests check on random weights.
 */

/** k^e for small integers. */
function power(k: number, e: number): number {
  let result = 1;
  for (let i = 0; i < e; i++) result *= k;
  return result;
}

/** Number of base-k digits L of n = k^L (n must be a power of k). */
function levels(n: number, k: number): number {
  return butterflyPlan(n, k).radices.length;
}

/** mix_ℓ(i, j): low L − ℓ digits of i, the other (top) digits from j. O(1). */
export function officialMixture(n: number, k: number, layer: number, input: number, output: number): number {
  const low = power(k, levels(n, k) - layer);
  return (input % low) + (output - (output % low));
}

/**
 * The dense matrix the official code builds (row = output j, column = input i, row-major):
 * M[j][i] = ∏_ℓ w[ℓ·k·n + (j mod k)·n + mix_ℓ(i, j)]. O(n²·L).
 */
export function officialDense(n: number, k: number, weights: ArrayLike<number>): Float64Array {
  const L = levels(n, k);
  const matrix = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let product = 1;
      for (let layer = 0; layer < L; layer++) {
        const low = power(k, L - layer);
        const mixture = (i % low) + (j - (j % low));
        product *= weights[layer * k * n + (j % k) * n + mixture] ?? 0;
      }
      matrix[j * n + i] = product;
    }
  }
  return matrix;
}

/**
 * The output permutation: official output j is our standard output rot(j) =
 * (j mod k)·k^(L−1) + ⌊j / k⌋ (the lowest digit moves to the top). O(1).
 */
export function officialOutputToStandard(n: number, k: number, j: number): number {
  return (j % k) * (n / k) + Math.floor(j / k);
}

/**
 * Relabels official weights into our layout (`ButterflyWeights` of `butterflyPlan(n, k)`) so
 * that officialDense(w)[j][i] = toDense(plan, officialToStandardWeights(w))[rot(j)][i].
 * Our edge of layer ℓ into node T from input digit f takes the official weight with digit
 * d = top digit of T and mixture = (T's digits L−2 … L−1−ℓ shifted up one place, then f, then
 * T's low L−1−ℓ digits). O(k·n·L).
 */
export function officialToStandardWeights(n: number, k: number, weights: ArrayLike<number>): Float64Array {
  const plan = butterflyPlan(n, k);
  const L = plan.radices.length;
  const offsets = layerWeightOffsets(plan);
  const standard = new Float64Array(offsets[L] ?? 0);
  const top = n / k;
  for (let layer = 0; layer < L; layer++) {
    const stride = power(k, L - 1 - layer);
    for (let target = 0; target < n; target++) {
      const digit = Math.floor(target / top);
      const shifted = Math.floor((target % top) / stride) * stride * k;
      for (let f = 0; f < k; f++) {
        const mixture = shifted + f * stride + (target % stride);
        standard[(offsets[layer] ?? 0) + target * k + f] = weights[layer * k * n + digit * n + mixture] ?? 0;
      }
    }
  }
  return standard;
}

/**
 * Forward pass with official weights and official output order, through our kernel: relabel the
 * weights, run the standard butterfly, un-rotate the outputs. O(pixels·k·n·L).
 */
export function officialForward(
  n: number,
  k: number,
  weights: ArrayLike<number>,
  input: Activations,
  pixels: number,
): Float64Array {
  const plan: ButterflyPlan = butterflyPlan(n, k);
  const y = butterflyForward(plan, officialToStandardWeights(n, k, weights), input, pixels);
  const out = new Float64Array(n * pixels);
  for (let j = 0; j < n; j++) {
    const from = officialOutputToStandard(n, k, j) * pixels;
    for (let p = 0; p < pixels; p++) out[j * pixels + p] = y[from + p] ?? 0;
  }
  return out;
}

/**
 * Endpoints of the official graph's edge for weight (ℓ, d, mixture m): it leaves the node m
 * with digit L − ℓ set to d (for ℓ = 0, the input m itself) and enters m with digit L − 1 − ℓ
 * set to d. Node labels are the states the official index formula passes through; the last
 * layer's targets are the outputs j in the official order. O(1).
 */
export function officialEdge(n: number, k: number, layer: number, digit: number, mixture: number): [number, number] {
  const L = levels(n, k);
  const setDigit = (value: number, position: number): number => {
    const place = power(k, position);
    return value - (Math.floor(value / place) % k) * place + digit * place;
  };
  const source = layer === 0 ? mixture : setDigit(mixture, L - layer);
  return [source, setDigit(mixture, L - 1 - layer)];
}

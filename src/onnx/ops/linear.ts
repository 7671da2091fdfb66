/**
 * Gemm and MatMul. A product with a constant (weight) operand is a layer with parameters:
 * `linear` (K → N features, MACs K·N) when there is one row per sample, otherwise a 1×1
 * `conv2d` over the rows (MACs rows·K·N, the same as a token-wise linear). A product of two
 * activations is a `matmul` (MACs batch·M·K·N). Cost rules: `cost/linear.ts`, `cost/conv2d.ts`,
 * `cost/matmul.ts`.
 *
 * Counts are per sample: no axis of a product is assumed to be the sample's. A transformer's
 * products run on [T, N, d] (PyTorch's MultiheadAttention), [N·heads, T, T] or a Gemm on [N·T, d],
 * so the rows of a product (every leading dim and M) and its batch (every batch dim) are divided
 * by the number of images N the graph runs on (`OpContext.samples`).
 */
import type { OpContext, OpRule } from '../op-rule.js';
import { broadcastDims } from '../shape-math.js';
import type { ProductWeights } from '../../model/layer-weights.js';
import { elementCount, isActivation, storedFloats, type TensorValue } from '../tensor-value.js';

/** Trained values of a product's constant operand, whichever layer kind it becomes. */
type StoredProduct = Omit<ProductWeights, 'kind'>;

/** Gemm: Y = α·A′·B′ + β·C with A′ = Aᵀ when transA (M × K), B′ = Bᵀ when transB (K × N). */
export const gemmRule: OpRule = {
  infer(context) {
    const a = context.input(0, 'input A');
    const b = context.input(1, 'input B');
    if (a.dims.length !== 2 || b.dims.length !== 2)
      context.fail(`inputs have ranks ${a.dims.length} and ${b.dims.length}`, 'two matrices (rank 2)');
    const transA = context.int('transA', 0) !== 0;
    const transB = context.int('transB', 0) !== 0;
    const [a0 = 0, a1 = 0] = a.dims;
    const [b0 = 0, b1 = 0] = b.dims;
    const [m, k] = transA ? [a1, a0] : [a0, a1];
    const [kB, n] = transB ? [b1, b0] : [b0, b1];
    if (k !== kB) {
      context.fail(
        `A is ${m}×${k} but B${transB ? 'ᵀ' : ''} is ${kB}×${n} (B has shape [${b.dims.join(', ')}])`,
        `B${transB ? 'ᵀ' : ''} with ${k} rows`,
      );
    }
    const c = context.inputs[2];
    if (c !== undefined && broadcastDims([[m, n], c.dims])?.join() !== `${m},${n}`) {
      context.fail(`C has shape [${c.dims.join(', ')}]`, `a shape broadcastable to [${m}, ${n}]`);
    }
    // Y = A·B′ + C keeps its trained values when α = β = 1 and B (and C, one per output) are stored.
    const weight = storedFloats(b);
    const bias = c === undefined ? undefined : storedFloats(c);
    const plain = context.float('alpha', 1) === 1 && (c === undefined || context.float('beta', 1) === 1);
    const stored: StoredProduct | undefined =
      weight !== undefined && plain && (c === undefined || (bias !== undefined && elementCount(c.dims) === n))
        ? { weight, transposed: !transB, ...(bias !== undefined ? { bias } : {}) }
        : undefined;
    return [
      product(
        context,
        a,
        b,
        { batch: 1, m, k, n, rows: m },
        [m, n],
        c !== undefined && !isActivation(c),
        transA,
        stored,
      ),
    ];
  },
};

/**
 * MatMul with NumPy semantics: [..., M, K] · [..., K, N] → [..., M, N], batch dims broadcast;
 * a rank-1 operand is a vector (its axis dropped from the result).
 */
export const matmulRule: OpRule = {
  infer(context) {
    const a = context.input(0, 'input A');
    const b = context.input(1, 'input B');
    if (a.dims.length === 0 || b.dims.length === 0) context.fail('an input is a scalar', 'tensors of rank ≥ 1');
    const aDims = a.dims.length === 1 ? [1, ...a.dims] : a.dims;
    const bDims = b.dims.length === 1 ? [...b.dims, 1] : b.dims;
    const m = aDims[aDims.length - 2] ?? 1;
    const k = aDims[aDims.length - 1] ?? 1;
    const kB = bDims[bDims.length - 2] ?? 1;
    const n = bDims[bDims.length - 1] ?? 1;
    if (k !== kB)
      context.fail(`A is […, ${m}, ${k}] but B is […, ${kB}, ${n}] (shape [${b.dims.join(', ')}])`, `B with ${k} rows`);
    const batchDims = broadcastDims([aDims.slice(0, -2), bDims.slice(0, -2)]);
    if (batchDims === undefined)
      return context.fail(
        `batch dims [${aDims.slice(0, -2).join(', ')}] and [${bDims.slice(0, -2).join(', ')}] do not broadcast`,
        'broadcastable batch dims',
      );
    const dims = [...batchDims, ...(a.dims.length === 1 ? [] : [m]), ...(b.dims.length === 1 ? [] : [n])];
    const batch = elementCount(batchDims);
    const weight = b.dims.length === 2 ? storedFloats(b) : undefined;
    // A's rows: every leading dim of A and M (a weight B of rank 2 is shared by all of them).
    const rows = elementCount(aDims.slice(0, -1));
    return [
      product(
        context,
        a,
        b,
        { batch, m, k, n, rows },
        dims,
        false,
        false,
        weight === undefined ? undefined : { weight, transposed: true },
      ),
    ];
  },
};

/** A product's sizes over all samples: `batch` (m × k)·(k × n) products; `rows` of the left operand. */
export interface ProductSize {
  readonly batch: number;
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly rows: number;
}

/** `count` over the graph's samples, per sample (fails when the samples do not divide it). */
function perSample(context: OpContext, count: number, what: string): number {
  const samples = context.samples;
  if (count % samples !== 0)
    context.fail(
      `${what} (${count}) is not a multiple of the ${samples} images the graph runs on`,
      `a ${what} that is a multiple of the image input's first dim`,
    );
  return count / samples;
}

/**
 * The layer of a product of `a` and `b` (sizes over all samples): a `matmul` of two activations
 * or of a constant × activation, a token-wise 1×1 `conv2d` over the rows of an activation ×
 * weight, a `linear` when there is one row per sample. Shared with Einsum (`einsum.ts`).
 */
export function product(
  context: OpContext,
  a: TensorValue,
  b: TensorValue,
  size: ProductSize,
  dims: readonly number[],
  bias: boolean,
  transA: boolean,
  stored?: StoredProduct,
): TensorValue {
  const { m, k, n } = size;
  if (!isActivation(a) && !isActivation(b))
    return context.emit({ layer: { kind: 'matmul', batch: size.batch, m, k, n }, reads: [], dims });
  // No rows (a data-dependent size bounded at 0): nothing to split over the images; it costs 0.
  const batch = m === 0 ? size.batch : perSample(context, size.batch * m, 'number of product rows') / m;
  if (!Number.isInteger(batch))
    context.fail(
      `${size.batch} products of ${m} rows do not split evenly over ${context.samples} images`,
      "a batch that is a multiple of the image input's first dim",
    );
  if (isActivation(a) && isActivation(b)) {
    return context.emit({ layer: { kind: 'matmul', batch, m, k, n }, reads: [a, b], dims });
  }
  const activation = isActivation(a) ? a : b;
  if (activation === b || transA) {
    // constant × activation: the activation's columns are the rows of the product.
    return context.emit({ layer: { kind: 'matmul', batch, m, k, n }, reads: [activation], dims });
  }
  const rows = perSample(context, size.rows, 'number of rows');
  if (rows === 1) {
    return context.emit({
      layer: { kind: 'linear', inFeatures: k, outFeatures: n, bias },
      reads: [activation],
      dims,
      ...(stored !== undefined ? { weights: { kind: 'linear', ...stored } } : {}),
    });
  }
  return context.emit({
    layer: {
      kind: 'conv2d',
      inChannels: k,
      outChannels: n,
      kernelH: 1,
      kernelW: 1,
      stride: 1,
      padding: { mode: 'explicit', size: 0 },
      groups: 1,
      bias,
    },
    reads: [activation],
    dims,
    inputShapes: [{ channels: k, height: rows, width: 1 }],
    outputShape: { channels: n, height: rows, width: 1 },
    ...(stored !== undefined ? { weights: { kind: 'conv2d', ...stored } } : {}),
  });
}

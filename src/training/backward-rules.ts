/**
 * One backward rule per layer kind (issue 24): the MACs of the gradients reverse-mode autodiff
 * computes for a layer, from its forward MACs F and which gradients are needed.
 *
 * - Products with weights (conv2d of any groups, stride and kernel; transposed conv; Linear):
 *   the input gradient is the transposed product of the output gradient with the weights
 *   (for a conv, a transposed conv of dY, for a transposed conv, a conv), and the weight
 *   gradient is the correlation of the input with dY; each multiplies exactly the pairs the
 *   forward multiplied, so each costs F. PyTorch: `convolution_backward` with its output mask,
 *   `mm` for the two gradients of `addmm`.
 * - Products of two activations (matmul: attention's q·kᵀ and attn·v): dA = dC·Bᵀ and
 *   dB = Aᵀ·dC, F each, for every operand that needs a gradient (two `bmm`s in PyTorch).
 * - Butterflies: per factor, a weight gradient and an input gradient at the factor's forward
 *   cost, so 2F when everything is differentiated; when the butterfly's input needs no gradient
 *   its first factor's input gradient is not computed (F − first factor); a frozen butterfly on
 *   a differentiated input costs F (input gradients only).
 * - Every other kind (batch norm, activations, pools, adds, multiplies, concat, split, shuffle,
 *   element-wise): no MACs backward either, as forward (their gradients are element-wise).
 */
import { mixedRadices } from '../butterfly/plan.js';
import { butterflySquares } from '../fusion/butterfly-plans.js';
import type { ButterflyLayer, LayerKind, LayerOf } from '../model/layer.js';
import { spatialSize, type Shape } from '../model/shape.js';

/** Which gradients of one layer are computed. */
export interface GradientNeeds {
  /** Per activation input (in `reads` order): its gradient is computed. */
  readonly inputs: readonly boolean[];
  /** The layer's weights train. */
  readonly weights: boolean;
}

/** The MACs of one layer's backward pass. */
export interface BackwardMacs {
  readonly inputGradientMacs: bigint;
  readonly weightGradientMacs: bigint;
  /** The rule in words over F (forward MACs), e.g. `input F + weight F`. */
  readonly rule: string;
  /**
   * The backward MACs as a whole multiple of F (0, 1 or 2), for formulas; undefined when they
   * are not one (a training butterfly whose input needs no gradient: 2F − its first factor).
   */
  readonly forwardMultiple: number | undefined;
}

/** How the backward MACs of one kind follow from the forward MACs. Pure. */
export type BackwardRule<K extends LayerKind> = (
  layer: LayerOf<K>,
  forwardMacs: bigint,
  needs: GradientNeeds,
  output: Pick<Shape, 'outer' | 'height' | 'width'>,
  /** Images the layer runs on per sample (`NetworkLayer.batch`; 1 for most layers). */
  images: number,
) => BackwardMacs;

function describe(parts: readonly string[]): string {
  return parts.length === 0 ? '0' : parts.join(' + ');
}

/** Conv, transposed conv, Linear: input gradient F when needed, weight gradient F when training. */
function weightProduct<K extends 'conv2d' | 'linear' | 'conv-transpose'>(): BackwardRule<K> {
  return (_layer, forwardMacs, needs) => {
    const input = needs.inputs.some(Boolean);
    return {
      inputGradientMacs: input ? forwardMacs : 0n,
      weightGradientMacs: needs.weights ? forwardMacs : 0n,
      rule: describe([...(input ? ['input F'] : []), ...(needs.weights ? ['weight F'] : [])]),
      forwardMultiple: (input ? 1 : 0) + (needs.weights ? 1 : 0),
    };
  };
}

/** Product of two activations: F per operand whose gradient is needed (one read: both operands are it). */
const matmulBackward: BackwardRule<'matmul'> = (_layer, forwardMacs, needs) => {
  const first = needs.inputs[0] ?? false;
  const second = needs.inputs[1] ?? first;
  const operands = (first ? 1n : 0n) + (second ? 1n : 0n);
  return {
    inputGradientMacs: operands * forwardMacs,
    weightGradientMacs: 0n,
    rule: describe([...(first ? ['dA F'] : []), ...(second ? ['dB F'] : [])]),
    forwardMultiple: Number(operands),
  };
};

/**
 * MACs per output pixel of the first factor of a butterfly, over all its squares: squares · m · r₀
 * with r₀ the first radix — the plan's, else the base k (`ceil`, `real`); `padded` charges each
 * layer k · k^L (the channels padded to k^L = the next power of k); `mixed-radix` the first radix
 * the export builds (4 when the base is 4 and 4 divides m, else the smallest prime factor).
 */
export function firstFactorEdges(layer: ButterflyLayer): bigint {
  const { m, squares } = butterflySquares(layer);
  const s = BigInt(squares);
  if (layer.plan !== undefined) return s * BigInt(m) * BigInt(layer.plan.radices[0] ?? 0);
  const k = BigInt(layer.base);
  switch (layer.logMode) {
    case 'ceil':
    case 'real':
      return s * k * BigInt(m);
    case 'padded': {
      let padded = 1n;
      while (padded < BigInt(m)) padded *= k;
      return s * k * padded;
    }
    case 'mixed-radix':
      return s * BigInt(m) * BigInt(mixedRadices(m, layer.base === 4 ? 4 : 0)[0] ?? m);
  }
}

const butterflyBackward: BackwardRule<'butterfly'> = (layer, forwardMacs, needs, output, images) => {
  const input = needs.inputs.some(Boolean);
  if (!needs.weights) {
    return {
      inputGradientMacs: input ? forwardMacs : 0n,
      weightGradientMacs: 0n,
      rule: input ? 'input F' : '0',
      forwardMultiple: input ? 1 : 0,
    };
  }
  const first = firstFactorEdges(layer) * BigInt(spatialSize(output)) * BigInt(images);
  return input
    ? {
        inputGradientMacs: forwardMacs,
        weightGradientMacs: forwardMacs,
        rule: 'input F + weight F',
        forwardMultiple: 2,
      }
    : {
        inputGradientMacs: forwardMacs - first,
        weightGradientMacs: forwardMacs,
        rule: `input (F − first factor ${first}) + weight F`,
        forwardMultiple: undefined,
      };
};

/** Kinds whose backward, like their forward, has no MACs. */
function noMacs<K extends LayerKind>(): BackwardRule<K> {
  return () => ({ inputGradientMacs: 0n, weightGradientMacs: 0n, rule: '0', forwardMultiple: 0 });
}

/** The backward rule of every kind; the mapped type makes a missing kind a compile error. */
export const BACKWARD_RULES: { readonly [K in LayerKind]: BackwardRule<K> } = {
  conv2d: weightProduct<'conv2d'>(),
  linear: weightProduct<'linear'>(),
  'conv-transpose': weightProduct<'conv-transpose'>(),
  matmul: matmulBackward,
  butterfly: butterflyBackward,
  batchnorm: noMacs(),
  activation: noMacs(),
  pool: noMacs(),
  'global-pool': noMacs(),
  add: noMacs(),
  multiply: noMacs(),
  concat: noMacs(),
  split: noMacs(),
  shuffle: noMacs(),
  elementwise: noMacs(),
};

/**
 * The usual shortcuts for a training step's cost, beside the exact count (`explain --training`,
 * issue 24), with the difference and where it comes from:
 *
 * - backward = 2 × forward (calflops, DeepSpeed's flops profiler and most papers: an input and a
 *   weight gradient per layer, each costing the forward);
 * - training = 3 × forward (the same shortcut, forward included);
 * - 6·N·D (Kaplan et al. 2020, "Scaling Laws for Neural Language Models", §2.1: about 2·N·D FLOPs
 *   forward and 4·N·D backward for N parameters and D tokens; in MACs 3·N·D), for networks that
 *   run on tokens. Here N is every parameter and D the tokens of one sample.
 *
 * The exact backward differs from 2 × forward by what autograd does not compute: the input
 * gradients of layers that read the network input (the stem), the input gradients of layers
 * with no trainable parameter before them (below a frozen prefix), the weight gradients of frozen
 * layers; those four parts add up to the difference exactly.
 */
import type { Network } from '../model/network.js';
import type { TrainingCost } from '../model/training.js';

/** One shortcut's estimate of a training step, in MACs per sample. */
export interface TrainingApproximation {
  /** `backward = 2 × forward`, `training = 3 × forward` or `6·N·D`. */
  readonly name: string;
  /** Its estimate of forward + backward MACs. */
  readonly trainingMacs: bigint;
  /** Its estimate of backward MACs (`undefined` when the shortcut gives only a total). */
  readonly backwardMacs?: bigint;
  /** estimate − exact forward + backward (positive: the shortcut overestimates). */
  readonly differenceMacs: bigint;
  /** What the shortcut assumes, in words. */
  readonly assumes: string;
}

/** Where 2 × forward − exact backward comes from, in MACs; the parts sum to that difference. */
export interface BackwardShortfall {
  /** Input gradients of layers reading the network input (never computed: the image needs none). */
  readonly networkInputGradients: bigint;
  /** Input gradients of other layers with no trainable parameter between the input and them. */
  readonly frozenPrefixInputGradients: bigint;
  /** Weight gradients of layers whose weights are frozen. */
  readonly frozenWeightGradients: bigint;
  /** The first butterfly factor's input gradient, in butterflies whose input needs none. */
  readonly butterflyFirstFactors: bigint;
}

/** The comparison `explain --training` prints. */
export interface TrainingExplanation {
  readonly training: TrainingCost;
  readonly approximations: readonly TrainingApproximation[];
  readonly shortfall: BackwardShortfall;
  /** Parameters (N of 6·N·D). */
  readonly params: bigint;
  /** Tokens per sample (D of 6·N·D): the rows of the first product of two activations; absent: no tokens. */
  readonly tokens?: number;
  /** Forward + backward MACs of the products of two activations (attention), which 6·N·D leaves out. */
  readonly activationProductMacs: bigint;
  /** The fewest tokens any attention projection sees (below `tokens` in hierarchical models that merge tokens). */
  readonly fewestTokens?: number;
}

/**
 * The shortfall of the exact backward against 2 × forward, split by cause. Each layer with MACs
 * could cost 2F backward (input and weight gradient, or both operands of a product of two
 * activations); what it does not compute is attributed to exactly one cause. O(layers).
 */
export function backwardShortfall(network: Network, training: TrainingCost): BackwardShortfall {
  let networkInput = 0n;
  let frozenPrefix = 0n;
  let frozenWeights = 0n;
  let firstFactors = 0n;
  training.layers.forEach((layer, i) => {
    const node = network.layers[i];
    if (node === undefined || layer.forwardMacs === 0n) return;
    const f = layer.forwardMacs;
    if (node.layer.kind === 'matmul') {
      const skipped = 2n * f - layer.inputGradientMacs;
      if (node.reads.includes(0)) networkInput += skipped;
      else frozenPrefix += skipped;
      return;
    }
    frozenWeights += f - layer.weightGradientMacs;
    const skippedInput = f - layer.inputGradientMacs;
    if (skippedInput === 0n) return;
    if (layer.inputGradientMacs > 0n) firstFactors += skippedInput;
    else if (node.reads.includes(0)) networkInput += skippedInput;
    else frozenPrefix += skippedInput;
  });
  return {
    networkInputGradients: networkInput,
    frozenPrefixInputGradients: frozenPrefix,
    frozenWeightGradients: frozenWeights,
    butterflyFirstFactors: firstFactors,
  };
}

/**
 * Tokens per sample of a network that runs on tokens (one with products of two activations):
 * the positions (H·W) of its first attention projection (q/k/v Linear, a token-wise layer), so
 * windowed attention (Swin) counts every token, not one window's; else the rows m of its first
 * product of two activations. `undefined` for a network without such products.
 */
export function tokensPerSample(network: Network): number | undefined {
  const product = network.layers.find((node) => node.layer.kind === 'matmul');
  if (product?.layer.kind !== 'matmul') return undefined;
  const projection = network.layers.find((node) => node.role === 'attention-projection');
  return projection !== undefined ? projection.output.height * projection.output.width : product.layer.m;
}

/**
 * The shortcuts against the exact count. `params` is N of 6·N·D (every parameter, the PyTorch
 * rule). O(layers).
 * Example: MobileNetV1-1.0 has exact backward 2F − 10,838,016, so `backward = 2 × forward`
 * overestimates by 10,838,016 MACs, all of it the stem's input gradient.
 */
export function explainTraining(network: Network, training: TrainingCost, params: bigint): TrainingExplanation {
  const f = training.total.forwardMacs;
  const exact = training.total.trainingMacs;
  const tokens = tokensPerSample(network);
  const approximations: TrainingApproximation[] = [
    {
      name: 'backward = 2 × forward',
      trainingMacs: 3n * f,
      backwardMacs: 2n * f,
      differenceMacs: 3n * f - exact,
      assumes: 'every layer computes an input and a weight gradient, each at its forward cost',
    },
    {
      name: 'training = 3 × forward',
      trainingMacs: 3n * f,
      differenceMacs: 3n * f - exact,
      assumes: 'the same, stated for the whole step',
    },
  ];
  if (tokens !== undefined) {
    const estimate = 3n * params * BigInt(tokens);
    approximations.push({
      name: '6·N·D',
      trainingMacs: estimate,
      differenceMacs: estimate - exact,
      assumes: `${params} parameters each used once per token, D = ${tokens} tokens, 6 FLOPs = 3 MACs per parameter and token; no products of two activations (attention)`,
    });
  }
  let activationProductMacs = 0n;
  training.layers.forEach((layer, i) => {
    if (network.layers[i]?.layer.kind === 'matmul') activationProductMacs += layer.forwardMacs + layer.backwardMacs;
  });
  const positions = network.layers
    .filter((node) => node.role === 'attention-projection')
    .map((node) => node.output.height * node.output.width);
  const fewestTokens = positions.length > 0 ? Math.min(...positions) : undefined;
  return {
    training,
    approximations,
    activationProductMacs,
    ...(fewestTokens !== undefined ? { fewestTokens } : {}),
    shortfall: backwardShortfall(network, training),
    params,
    ...(tokens !== undefined ? { tokens } : {}),
  };
}

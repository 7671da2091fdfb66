/**
 * The vocabulary of a training step (issue 24): which parameters train, and the MACs of one
 * forward and one backward pass per layer. The backward pass is what reverse-mode autodiff
 * executes: per layer the gradient with respect to each activation input that needs one (the
 * input gradient) and the gradient with respect to its weights when they train (the weight
 * gradient). FLOPs = 2 × MACs as everywhere (`units.ts`).
 */

/** Which of a network's parameters train: globs over layer names and weight-tensor names. */
export interface TrainingSelection {
  /** Layers whose name or weight-tensor name matches one of these are frozen. */
  readonly freeze?: readonly string[];
  /** When given, only layers matching one of these train (then `freeze` still freezes). */
  readonly trainable?: readonly string[];
}

/** Training costs of one layer for one sample. */
export interface LayerTrainingCost {
  readonly name: string;
  /** Forward MACs (the layer's `macs` under the default rules). */
  readonly forwardMacs: bigint;
  /** MACs of the gradients with respect to the layer's activation inputs that autograd computes. */
  readonly inputGradientMacs: bigint;
  /** MACs of the gradient with respect to the layer's weights (0 when frozen or weight-free). */
  readonly weightGradientMacs: bigint;
  /** inputGradientMacs + weightGradientMacs. */
  readonly backwardMacs: bigint;
  /** The layer has trainable parameters and none of them is frozen. */
  readonly trains: boolean;
  /** The layer has parameters at all (weights, biases, γ/β, embeddings, …). */
  readonly hasParameters: boolean;
  /** For each activation input (in `NetworkLayer.reads` order): whether its gradient is computed. */
  readonly inputGradients: readonly boolean[];
  /** Trainable parameters of the layer when it trains (its params count), else 0. */
  readonly trainableParams: bigint;
  /** How the backward MACs follow from the forward ones, e.g. `input 1×F + weight 1×F`. */
  readonly rule: string;
}

/** Training costs of a network for one sample. */
export interface TrainingCost {
  readonly selection: TrainingSelection;
  readonly layers: readonly LayerTrainingCost[];
  readonly total: {
    readonly forwardMacs: bigint;
    readonly inputGradientMacs: bigint;
    readonly weightGradientMacs: bigint;
    readonly backwardMacs: bigint;
    /** forwardMacs + backwardMacs. */
    readonly trainingMacs: bigint;
    /** Parameters that receive a gradient (and an optimizer update). */
    readonly trainableParams: bigint;
    /** Parameters of frozen layers. */
    readonly frozenParams: bigint;
  };
}

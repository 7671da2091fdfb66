import type { ButterflyLogMode, ButterflyShapePolicy } from '../model/layer.js';

/** Dense 1×1 convs, unchanged: the baseline. */
export interface PointwiseFusion {
  readonly kind: 'pointwise';
}

/** Every eligible 1×1 conv becomes a Butterfly Transform (bft-paper.md §2, §5). */
export interface ButterflyFusion {
  readonly kind: 'bft';
  /** Base k ≥ 2 (the paper's default is 4). */
  readonly base: number;
  readonly logMode: ButterflyLogMode;
  readonly shapePolicy: ButterflyShapePolicy;
  /** Add the first-to-last residual where n_in = n_out (the paper's choice). */
  readonly residual: boolean;
  /** Also replace squeeze-excite 1×1 convs (the paper does not say; default no). */
  readonly includeSqueezeExcite: boolean;
  /** Ignore the architecture's keep-dense rule (e.g. ShuffleNetV2's 24-channel input). */
  readonly ignoreKeepDense: boolean;
  /** Keep `base` symbolic in formulas (`--symbolic base`). */
  readonly symbolicBase: boolean;
}

export type FusionStrategy = PointwiseFusion | ButterflyFusion;

/** The paper's BFT settings. */
export const DEFAULT_BFT: ButterflyFusion = {
  kind: 'bft',
  base: 4,
  logMode: 'ceil',
  shapePolicy: 'official',
  residual: true,
  includeSqueezeExcite: false,
  ignoreKeepDense: false,
  symbolicBase: false,
};

export const FUSION_KINDS = ['pointwise', 'bft'] as const;

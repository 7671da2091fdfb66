import type { ButterflyLayerPlan, ButterflyLogMode, ButterflyShapePolicy } from '../model/layer.js';

/**
 * One factorisation rule for every butterfly of a network (`--radices`), applied to each square
 * size m: `sqrt` two factors a·b = m with a ≤ b as close to √m as possible (one factor when m is
 * prime); `base` as many factors k as divide m, then the prime factors of the rest; `radices` the
 * given list, which must multiply to m for every layer it is applied to.
 */
export type RadixRule =
  | { readonly kind: 'sqrt' }
  | { readonly kind: 'base'; readonly base: number }
  | { readonly kind: 'radices'; readonly radices: readonly number[] };

/**
 * A plan file's choice for one layer the BFT would replace (issue 22): a butterfly with its plan,
 * or the dense 1×1 conv kept as it is (`{"name": …, "dense": true}` in the file).
 */
export type LayerChoice =
  { readonly kind: 'butterfly'; readonly plan: ButterflyLayerPlan } | { readonly kind: 'dense' };

/**
 * Where the butterflies' plans come from (issue 18): a plan file's layers by layer name
 * (`--plan plan.json`; a replaced layer the file does not name is an error), or one rule.
 */
export type PlanSource =
  | { readonly kind: 'layers'; readonly file: string; readonly layers: ReadonlyMap<string, LayerChoice> }
  | { readonly kind: 'rule'; readonly rule: RadixRule; readonly form?: ButterflyLayerPlan['form'] };

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
  /**
   * Also replace a transformer's attention projections (q/k/v and output token-wise Linear
   * layers, role `attention-projection`; absent: no — only channel fusion, i.e. the MLPs).
   */
  readonly includeAttentionProjections?: boolean;
  /** Ignore the architecture's keep-dense rule (e.g. ShuffleNetV2's 24-channel input). */
  readonly ignoreKeepDense: boolean;
  /** Keep `base` symbolic in formulas (`--symbolic base`). */
  readonly symbolicBase: boolean;
  /** Per-layer butterfly plans (absent: radices from base and log mode). */
  readonly plan?: PlanSource;
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

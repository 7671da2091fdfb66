/**
 * The counting convention: what is counted and how. It is an explicit value, echoed in every
 * output, so a number never stands without the rule that produced it.
 *
 * Defaults reproduce the papers (MobileNet, ShuffleNet, ResNet, BFT): MACs of conv, FC and
 * butterfly layers only, per sample; FLOPs = 2 × MACs; params PyTorch-style. (The number of
 * classes is a model parameter, `classes`, not part of the convention.)
 * The `extra*` switches add non-MAC operations (one FLOP each) so that other tools' totals can be
 * reproduced: see `reference/flop-counters.md`, and the cost rules in `src/cost/` for the per-element costs.
 */
/** Which parameters are counted; see `CountingConvention.paramsRule`. */
export const PARAMS_RULES = ['pytorch', 'tf-slim', 'tf-slim-checkpoint'] as const;
export type ParamsRule = (typeof PARAMS_RULES)[number];

export interface CountingConvention {
  /** Count the bias additions of conv/FC layers that have a bias: 1 op per output element. */
  readonly extraBiasAdds: boolean;
  /** Count batch norm at inference: 2 ops (scale, shift) per element. */
  readonly extraBatchNorm: boolean;
  /** Count activation functions per element (relu 1, relu6 2, hardsigmoid 3, hardswish 4, sigmoid 4). */
  readonly extraActivations: boolean;
  /** Count pooling: k²−1 comparisons (max) or k² ops (avg) per output element; global avg H·W. */
  readonly extraPooling: boolean;
  /** Count element-wise adds and multiplies (residuals, SE scaling, BFT first-to-last residual). */
  readonly extraElementwise: boolean;
  /**
   * Which parameters are counted.
   * - `pytorch`: every trainable tensor: conv/FC weights and biases, BN γ and β (2 per channel).
   * - `tf-slim`: conv weights and FC weights + bias, no BN (TF-slim's MobileNetV2 table).
   * - `tf-slim-checkpoint`: every variable of a TF-slim MobileNetV1 checkpoint: the weights above
   *   and per BN channel β, moving mean and moving variance (no γ: `batch_norm_scale=False`);
   *   this is what reproduces TF-slim's MobileNetV1 figures 4.24M / 2.59M / 1.34M / 0.47M.
   */
  readonly paramsRule: ParamsRule;
  /**
   * Set when the counts follow a named preset that reproduces a counting tool
   * (`--convention fvcore`, …; see `src/conventions/`): echoed with every output.
   */
  readonly preset?: PresetEcho;
}

/** Units in which tools print their totals: multiply-accumulates, or FLOPs (2 per MAC). */
export const REPORTED_UNITS = ['MAC', 'FLOP'] as const;
/** One of `REPORTED_UNITS`. */
export type ReportedUnit = (typeof REPORTED_UNITS)[number];

/** What a counting-convention preset models, as echoed in outputs. */
export interface PresetEcho {
  /** Preset name, e.g. `fvcore`. */
  readonly name: string;
  /** The tool and the call whose printed total it reproduces. */
  readonly tool: string;
  /** The tool version (and commit) whose rules it implements. */
  readonly version: string;
  /** The unit of the number that tool prints (`MAC` even where the tool calls it "FLOPs"). */
  readonly reportedUnit: ReportedUnit;
}

/** The papers' convention. */
export const PAPER_CONVENTION: CountingConvention = {
  extraBiasAdds: false,
  extraBatchNorm: false,
  extraActivations: false,
  extraPooling: false,
  extraElementwise: false,
  paramsRule: 'pytorch',
};

/** Every extra-op switch on: the closest to counting every arithmetic operation. */
export const ALL_OPS_CONVENTION: CountingConvention = {
  ...PAPER_CONVENTION,
  extraBiasAdds: true,
  extraBatchNorm: true,
  extraActivations: true,
  extraPooling: true,
  extraElementwise: true,
};

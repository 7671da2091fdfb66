/**
 * Vocabulary of published results: one accuracy-vs-cost row of a result CSV, the cost
 * configuration a row may name instead of a cost, and the resolver that turns such a
 * configuration into MACs. Depends on nothing.
 *
 * Costs are `bigint` multiply-accumulates (MACs, the papers' "FLOPs"); accuracies are numbers in
 * percent. FLOPs = 2 × MACs is derived only in `src/model/units.ts`.
 */

/**
 * Where a value came from in a CSV file, for error messages and tooltips: the file as the user
 * wrote it and the 1-based line of the row.
 */
export interface RecordOrigin {
  readonly file: string;
  readonly line: number;
  /** 1-based column where the row's cost cell starts (for "cost missing" errors). */
  readonly costColumn: number;
  /** Header of the file's cost column (`mmacs`, `gflops_2xmacs`, …): the unit costs were written in. */
  readonly costHeader?: string;
}

/**
 * One published (or measured) result: a trained model with its cost and ImageNet top-1
 * accuracy. Exactly one of `publishedMacs` and a configuration the cost model can count must be
 * present before analysis; `countedMacs` is filled in by a {@link ResolveMacs} function.
 */
export interface ResultRecord {
  /** Model name as printed, e.g. `MobileNetV1-1.0+BFT`. */
  readonly model: string;
  /** Model family, e.g. `MobileNetV1`: the baseline a BFT point is compared with. */
  readonly family: string;
  /** Channel fusion: `pointwise` (dense 1×1), `bft`, or another method (`nas`, `circulant`, …). */
  readonly fusion: string;
  /** Width multiplier, when the row names one. */
  readonly width?: number;
  /** Input resolution in pixels (square), when the row names one. */
  readonly resolution?: number;
  /** Architecture id for the cost model (`mobilenet-v1`); the family is used when absent. */
  readonly arch?: string;
  /** Cost as published, converted exactly to MACs; absent when the CSV cell is empty. */
  readonly publishedMacs?: bigint;
  /** Cost counted by the cost model for the named configuration; absent when not counted. */
  readonly countedMacs?: bigint;
  /** Top-1 accuracy in percent, 0–100. */
  readonly top1: number;
  /** Parameter count when published, exact. */
  readonly params?: bigint;
  /** Where the number was published. */
  readonly source?: string;
  /** Free-text remark. */
  readonly note?: string;
  /** Every other column of the row, by header, as written (trimmed). */
  readonly extra: Readonly<Record<string, string>>;
  readonly origin: RecordOrigin;
}

/** The channel fusions the cost model can count. */
export type CountableFusion = 'pointwise' | 'bft';

/**
 * A model configuration the cost model can count: the argument of the lead's
 * `configurationMacs` (src/count/configuration-macs.ts).
 */
export interface CostConfiguration {
  /** Architecture id, e.g. `mobilenet-v1`. */
  readonly model: string;
  readonly width?: number;
  readonly resolution?: number;
  readonly fusion: CountableFusion;
}

/**
 * The injected cost model: MACs (paper convention: conv and FC multiply-adds) of a
 * configuration, or `undefined` when it cannot count it (unknown architecture, …). Pure.
 */
export type ResolveMacs = (config: CostConfiguration) => bigint | undefined;

/** Which cost the analysis uses when a row has both a published and a counted one. */
export type CostPreference = 'published' | 'counted';

/**
 * A network's butterfly plan as data (issue 18): what `butterflops plan` writes (`--out
 * plan.json`) and what `--plan plan.json` reads. One entry per layer the BFT replaces, by the
 * layer's name in the network it was made for: its butterfly, or that it stays a dense 1×1 conv
 * (issue 22). Counts are exact integers (written as JSON numbers or decimal strings by
 * `text/json.ts`); times in milliseconds.
 */
import type { ButterflyForm } from './layer.js';

/** What every planned layer records, butterfly or dense. */
interface PlannedLayerCommon {
  /** The network layer's name (`block3/pointwise`). */
  readonly name: string;
  /** Square butterfly size of the layer under the shape policy (see `butterflySquares`): the radices' product. */
  readonly n: number;
  readonly inChannels: number;
  readonly outChannels: number;
  /** Output pixels per sample (H_out · W_out, or tokens; times the images of a stacked batch). */
  readonly pixels: number;
  /** The planned layer's MACs per sample (all its squares, all pixels; for a dense layer, the 1×1 conv's). */
  readonly macs: bigint;
  /** Measured (or, for `roofline`, predicted) time of the planned layer; absent for `macs`. */
  readonly ms?: number;
  /** The dense 1×1 conv's time at the same shape, measured the same way. */
  readonly denseMs?: number;
}

/** A layer planned as a butterfly. */
export interface PlannedButterflyLayer extends PlannedLayerCommon {
  readonly radices: readonly number[];
  readonly form: ButterflyForm;
  readonly dense?: never;
}

/** A layer the plan keeps a dense 1×1 conv (issue 22): written `"dense": true`, without radices or form. */
export interface PlannedDenseLayer extends PlannedLayerCommon {
  readonly dense: true;
}

/** One layer's choice: a butterfly (radices, form) or the dense conv (`dense: true`). */
export type PlannedLayer = PlannedButterflyLayer | PlannedDenseLayer;

export const PLAN_OBJECTIVES = ['macs', 'latency', 'roofline'] as const;
export type PlanObjective = (typeof PLAN_OBJECTIVES)[number];

/** A whole plan file. */
export interface NetworkPlan {
  /** Model reference the plan was made for (zoo id or file) and its parameters. */
  readonly model: string;
  readonly parameters: Readonly<Record<string, number | string | boolean>>;
  readonly objective: PlanObjective;
  /** Network MAC budget the choice was made under, if any. */
  readonly maxMacs?: bigint;
  /** onnxruntime intra-op threads of the measurements. */
  readonly threads?: number;
  readonly layers: readonly PlannedLayer[];
}

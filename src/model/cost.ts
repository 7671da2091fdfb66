import type { CountingConvention } from './convention.js';
import type { ButterflyLogMode, LayerKind, LayerRole } from './layer.js';
import type { BoundableNode, DataDependentBound, SharedTensor } from './network.js';
import type { Shape } from './shape.js';
import type { TrainingCost } from './training.js';

/** Exact costs of one layer for one sample. */
export interface LayerCost {
  readonly name: string;
  readonly kind: LayerKind;
  readonly role: LayerRole;
  readonly inputs: readonly Shape[];
  readonly output: Shape;
  /** Multiply-accumulates (conv, FC, butterfly). */
  readonly macs: bigint;
  /** Non-MAC operations enabled by the convention (bias adds, BN, activations, …). */
  readonly extraOps: bigint;
  /** Trainable parameters under the convention's params rule. */
  readonly params: bigint;
  /** Elements of the output feature map. */
  readonly activations: bigint;
  /** The MAC formula in the layer's own dimension names, e.g. `H_out*W_out*C_out*(C_in/groups)*K_h*K_w`. */
  readonly formula: string;
  /** The same formula with this layer's values substituted. */
  readonly substituted: string;
  /** Set when the registry had no rule for this layer's kind: its costs are absent, not zero. */
  readonly notCounted?: true;
  /** Set when the layer's size depends on the data: its costs are at most these, at the bound. */
  readonly dataDependent?: DataDependentBound;
  /**
   * Images the layer runs on per sample (`NetworkLayer.batch`), when more than 1: `output` is one
   * image's shape, and so is each input (one of the images it holds, `NetworkLayer.inputBatch`);
   * macs, extra ops and activations count all of them.
   */
  readonly batch?: number;
}

/** Layers counted at the bound of one data-dependent size (imported models). */
export interface DataDependentLayers extends DataDependentBound {
  /** Names of the layers, in network order. */
  readonly layers: readonly string[];
}

/** Layers of one kind the cost rules did not count (never a silent zero). */
export interface NotCounted {
  readonly kind: string;
  /** Names of the layers, in network order. */
  readonly layers: readonly string[];
  /**
   * Set for an imported model's operator that no importer rule maps to a layer (`kind` is then
   * the op type, `layers` its node names); absent for a layer kind without a cost rule.
   */
  readonly operator?: true;
}

/** Costs summed over a network, or over one role. */
export interface CostTotals {
  readonly macs: bigint;
  /** 2 · macs + extraOps (see `units.ts`). */
  readonly flops: bigint;
  readonly extraOps: bigint;
  readonly params: bigint;
  /** Sum of all layer outputs' elements. */
  readonly activations: bigint;
}

/** Share of one role in the network totals. */
export interface RoleShare {
  readonly role: LayerRole;
  readonly macs: bigint;
  readonly params: bigint;
  readonly layers: number;
}

/** A butterfly layer that `export` builds otherwise than its log mode counts it (issue 22). */
export interface RebuiltButterfly {
  readonly name: string;
  /** Square size m (see `butterflySquares`). */
  readonly size: number;
  /** The log mode it is counted with (`ceil`, `real`). */
  readonly counted: ButterflyLogMode;
  /** The construction it is built with: zero-padded to the next power of the base, or mixed radix. */
  readonly built: ButterflyLogMode;
}

/**
 * What `export` builds with the same options (issue 22): the totals of the network whose
 * butterflies are counted as constructed (`fusion/buildable-butterfly.ts`) under the same
 * convention, and the layers that differ. Equal to the report's totals when no layer is rebuilt.
 */
export interface BuildableCount {
  readonly total: CostTotals;
  readonly rebuilt: readonly RebuiltButterfly[];
}

/** The full cost analysis of one network under one convention. */
export interface CostReport {
  readonly model: string;
  readonly parameters: Readonly<Record<string, number | string | boolean>>;
  readonly convention: CountingConvention;
  readonly layers: readonly LayerCost[];
  readonly total: CostTotals;
  readonly roles: readonly RoleShare[];
  /**
   * Peak number of activation elements alive at once when the layers run in order (a tensor
   * lives from the layer that writes it to the last layer that reads it; the input counts).
   */
  readonly peakActivations: bigint;
  /** `peakActivations` × 4 bytes (float32). */
  readonly peakActivationBytes: bigint;
  /** Kinds without a cost rule and their layers (empty when everything was counted). */
  readonly notCounted: readonly NotCounted[];
  /** Forward and backward MACs of a training step, when asked for (`count --training`). */
  readonly training?: TrainingCost;
  /** Layers whose sizes depend on the data, by the node that bounds them (absent: none). */
  readonly dataDependent?: readonly DataDependentLayers[];
  /** Trainable tensors read by several layers and how their params were counted (imported models). */
  readonly sharedTensors?: readonly SharedTensor[];
  /** The nodes a bound can be given for (`Network.boundable`). */
  readonly boundable?: readonly BoundableNode[];
  /** What the file says about its params (`Network.paramsNote`). */
  readonly paramsNote?: 'bn-folded';
  /** What `export` builds (set by `countCost`; absent from a bare `analyze`). */
  readonly buildable?: BuildableCount;
}

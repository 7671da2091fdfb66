/**
 * The per-operator contract of the importer. Each ONNX operator has one {@link OpRule}: its shape
 * rule (output dims from input dims and attributes, constant folding where the inputs are
 * constants) and its layer mapping (which network layer, if any, it emits) side by side.
 */
import type { Layer, LayerRole } from '../model/layer.js';
import type { LayerWeights } from '../model/layer-weights.js';
import type { DataDependentBound } from '../model/network.js';
import type { Shape } from '../model/shape.js';
import type { OnnxGraph, OnnxNode } from './onnx-graph.js';
import type { TensorValue } from './tensor-value.js';

/** A layer an operator emits: the record, the activations it reads and its output dims. */
export interface Emission {
  readonly layer: Layer;
  /** Activations read (their tensors become the layer's `reads`). */
  readonly reads: readonly TensorValue[];
  /** Full output dims (batch first). */
  readonly dims: readonly number[];
  readonly elemType?: number;
  /** Per-sample input shapes when they differ from the reads' own (e.g. a MatMul's rows as H). */
  readonly inputShapes?: readonly Shape[];
  /** Per-sample output shape when it differs from the dims' own. */
  readonly outputShape?: Shape;
  /** A role fixed by the operator (otherwise inferred from the graph, see `infer-roles.ts`). */
  readonly role?: LayerRole;
  /** The layer's trained values, when the file stores them as float32 initializers. */
  readonly weights?: LayerWeights;
  /**
   * Set by an operator whose output size depends on the data (NonMaxSuppression, NonZero, …):
   * its output is taken at this bound, and so is everything computed from it.
   */
  readonly dataDependent?: DataDependentBound;
  /**
   * Set by an operator whose first axis is the batch by definition (Conv, ConvTranspose, the
   * pools, BatchNormalization, RoiAlign): when the output's first dim is m · samples with m > 1
   * (RAFT's encoder on two frames stacked along N, a head on every kept box), the layer runs on m
   * images per sample (`NetworkLayer.batch`) and its shapes are one image's. Layers computed from
   * such an output with the same first dim inherit m (see `build-onnx-network.ts`).
   */
  readonly batchAxis?: true;
}

/** What an operator rule sees and may do. */
export interface OpContext {
  readonly node: OnnxNode;
  /** Opset version of the node's domain. */
  readonly opset: number;
  /**
   * Images per run: the first dim of the image input (1 in most exports). Counts are per sample:
   * a tensor's elements, a product's MACs, divided by it.
   */
  readonly samples: number;
  /** Inputs in order; undefined for an omitted optional input. */
  readonly inputs: readonly (TensorValue | undefined)[];
  /** A required input. */
  input(index: number, what: string): TensorValue;
  /** A required input that must be an activation of the given rank (or any rank). */
  activation(index: number, what: string, rank?: number): TensorValue;
  /** The constant values of an input (fails when the input is not a known constant). */
  constant(index: number, what: string): readonly number[];
  /** Integer attribute (or the default; fails when required and absent). */
  int(name: string, fallback?: number): number;
  /** Integer-list attribute. */
  ints(name: string, fallback?: readonly number[]): readonly number[];
  float(name: string, fallback?: number): number;
  string(name: string, fallback?: string): string;
  /** Whether an attribute is present. */
  has(name: string): boolean;
  /** A graph attribute (an If branch, a Loop body); fails when absent. */
  subgraph(name: string): OnnxGraph;
  /**
   * Walks a subgraph as part of this node: its formal inputs take `inputs` in order, the values
   * of the enclosing graphs are visible, its layers are emitted with `prefix` before their names.
   * Returns the values of its outputs.
   */
  runGraph(graph: OnnxGraph, inputs: readonly TensorValue[], prefix?: string): readonly (TensorValue | undefined)[];
  /**
   * The bound the user gave this node (`--bound name=N`), if any. Called by every rule whose
   * output size depends on the data, with the bound the graph sets itself (if any), which lists
   * the node among those a bound can be given for (`Network.boundable`).
   */
  givenBound(graphBound?: number): number | undefined;
  /** Throws a UserError naming the file, node and op type. */
  fail(problem: string, expected?: string): never;
  /** Emits a layer and returns its output activation. */
  emit(emission: Emission): TensorValue;
}

/** One operator: returns a value per node output (undefined for an output it does not produce). */
export interface OpRule {
  infer(context: OpContext): readonly (TensorValue | undefined)[];
}

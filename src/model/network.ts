import type { Layer, LayerRole } from './layer.js';
import type { LayerWeights } from './layer-weights.js';
import type { Shape } from './shape.js';

/**
 * One layer of a built network: its record, where it sits, and the shapes around it.
 * `symbolic`, when present, is the same layer with every dimension as an expression in the
 * network's free parameters (see `Network.free`).
 */
export interface NetworkLayer {
  /** Unique, path-like name, e.g. `block3/pointwise`. */
  readonly name: string;
  readonly role: LayerRole;
  readonly layer: Layer;
  readonly inputs: readonly Shape[];
  readonly output: Shape;
  /** Indices of the tensors this layer reads (0 = the network input) and the one it writes. */
  readonly reads: readonly number[];
  readonly writes: number;
  readonly symbolic?: SymbolicLayer;
  /** JSON pointer of the definition in the architecture file (for error messages). */
  readonly source: string;
  /** The architecture asks this 1×1 conv to stay dense under any fusion (its `fusion.keepDense` rule). */
  readonly keepDense?: true;
  /** Trained values from the source file (imported models only); an export writes them again. */
  readonly weights?: LayerWeights;
  /**
   * Trainable tensor elements the layer's operator reads that its kind's params formula does not
   * count (imported models): a bias added after a MatMul, a layer scale, a class token, a
   * positional embedding, a relative-position bias table. Added to the layer's params as they are
   * (docs/conventions.md, "Parameters of imported models"); absent: 0.
   */
  readonly tensorParams?: number;
  /**
   * Names of the trainable tensors the layer's operator reads (imported models: the initializer
   * names, which PyTorch exports as parameter names such as `layer1.0.conv1.weight`); matched by
   * `--freeze`/`--trainable` globs besides the layer's name. Absent: none recorded.
   */
  readonly parameterNames?: readonly string[];
  /**
   * Params the kind's formula counts for tensors that an earlier layer already counted (a tied
   * weight read again, see {@link SharedTensor}): subtracted from the layer's params; absent: 0.
   */
  readonly sharedParams?: number;
  /** Set when the layer's size depends on the data: it is counted at this bound. */
  readonly dataDependent?: DataDependentBound;
  /**
   * Images the layer runs on per sample of the network, when the graph stacks them along the
   * batch axis (imported models: RAFT's feature encoder runs once on both frames, a batch of 2;
   * a mask head on every kept box): `inputs` and `output` are one image's shapes, and the
   * layer's MACs, extra ops and activations are `batch` times theirs (params are counted once).
   * Absent: 1.
   */
  readonly batch?: number;
  /**
   * Images per sample each input holds, where one differs from `batch` (absent: every input
   * holds `batch`): RoiAlign's feature map, one image that every box reads; the frames a Concat
   * stacks; a gate broadcast over a stacked batch; a batch-1 layer reading a stacked tensor. Each
   * input's shape is one of its own images.
   */
  readonly inputBatch?: readonly number[];
}

/**
 * A size that depends on the data, counted at its bound (imported models): the node whose
 * output size depends on the data (NonMaxSuppression, NonZero, a Loop without a fixed trip
 * count, …), its op type, the bound and where the bound comes from.
 */
export interface DataDependentBound {
  readonly node: string;
  readonly op: string;
  readonly bound: number;
  /** Where the bound comes from, e.g. `max_output_boxes_per_class 100 × 1 batch × 91 classes`. */
  readonly reason: string;
}

/**
 * A node whose output size depends on the data and that a bound can be given for (imported
 * models; the CLI's `--bound node=N`, the explorer's bound fields): NonMaxSuppression, NonZero,
 * a Loop. `graphBound` is the bound the graph sets itself (absent for a Loop without a maximum
 * trip count, which needs one given).
 */
export interface BoundableNode {
  readonly node: string;
  readonly op: string;
  readonly graphBound?: number;
}

/**
 * A trainable tensor that several layers read (imported models), and how its params were
 * counted (docs/conventions.md, "Parameters of imported models"):
 * - `tied`: one parameter read by several layers (a head applied to several feature levels):
 *   counted once, as PyTorch's `parameters()` does;
 * - `equal-values`: its elements all have one value (a fresh zero bias, a unit scale) and layers
 *   of several modules read it — the exporter merged equal tensors of different modules into
 *   one — counted once per module;
 * - `module-scopes`: the file holds no values (graph-only), and layers of several modules read
 *   the exporter's `Identity` copies of it (how torch writes merged tensors): counted once per
 *   module scope of the readers' node names (its readers under its own name: once together).
 */
export interface SharedTensor {
  readonly name: string;
  readonly elements: number;
  /** Names of the layers that read it, in network order. */
  readonly readers: readonly string[];
  readonly rule: 'tied' | 'equal-values' | 'module-scopes';
  /** The modules it was counted for (their scope paths; one entry for `tied`). */
  readonly modules: readonly string[];
  /** Params it adds to the total: elements × modules. */
  readonly params: number;
}

/** The symbolic twin of a layer: the same record and shapes with expression dimensions. */
export interface SymbolicLayer {
  readonly layer: Layer<string>;
  readonly inputs: readonly Shape<string>[];
  readonly output: Shape<string>;
}

/**
 * Operators of an imported model that no cost rule counts (their cost is unknown, not zero):
 * the op type, how many nodes, and their names (fvcore's "unsupported operators").
 */
export interface NotCountedOp {
  readonly op: string;
  readonly count: number;
  readonly nodes: readonly string[];
}

/** A built network: layers in execution order, shapes inferred. */
export interface Network {
  /** Model id, e.g. `mobilenet-v1`. */
  readonly model: string;
  /** The parameter values it was built with (width, resolution, …, and fusion options). */
  readonly parameters: Readonly<Record<string, number | string | boolean>>;
  /** Names of the parameters kept symbolic (empty for a concrete-only build). */
  readonly free: readonly string[];
  readonly input: Shape;
  readonly layers: readonly NetworkLayer[];
  /** Operators left out of the count (imported models only; absent or empty when all are counted). */
  readonly notCounted?: readonly NotCountedOp[];
  /** Trainable tensors read by several layers and how they were counted (imported models). */
  readonly sharedTensors?: readonly SharedTensor[];
  /** The nodes a bound can be given for, in graph order (imported models; absent when none). */
  readonly boundable?: readonly BoundableNode[];
  /**
   * What the file says about its params (imported models): `bn-folded` when it has no
   * BatchNormalization but convolutions with biases, as torch's default export folds BN.
   */
  readonly paramsNote?: 'bn-folded';
}

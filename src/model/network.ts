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
}

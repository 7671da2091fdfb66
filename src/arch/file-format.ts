/**
 * The architecture file format (raw, as read from JSON or YAML, before evaluation).
 * `data/README.md` documents it with an example; `schema.ts` is its JSON Schema.
 *
 * Every numeric field is an `Expr`: a number, or a mathjs expression string over the model's
 * parameters, its definitions, block arguments, repeat indices and the input shape
 * (`c_in`, `h_in`, `w_in`), e.g. `"max(floor(64 * width), 8)"`.
 */
import type { LayerRole, PytorchForm } from '../model/layer.js';

export type Expr = number | string;

/** A model parameter the user may set (`--width 0.5`, `--set variant=torchvision`). */
export interface ParameterSpec {
  readonly description: string;
  /** Default value. Numbers for numeric parameters, a string for a choice. */
  readonly default: number | string;
  /** Numeric parameters: must be an integer. */
  readonly integer?: boolean;
  /** Numeric parameters: inclusive lower bound, or exclusive with `exclusiveMinimum`. */
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  /** Allowed values (choices for strings; for numbers, the published settings — advisory). */
  readonly values?: readonly (number | string)[];
  /** Numbers: whether `values` is the complete list (default: advisory only). */
  readonly strict?: boolean;
}

interface NodeCommon {
  /** Name of this node in layer paths; defaults to the kind (deduplicated with _2, _3 …). */
  readonly name?: string;
  /** Condition: the node is present only when this evaluates to true (non-zero). */
  readonly if?: Expr;
  /** Cost-share role for the conv/linear layers inside (default: derived from their shape). */
  readonly role?: LayerRole;
}

/** Padding: the string `'same'`, or an expression for explicit padding on every side. */
export type PaddingSpec = Expr;

export interface Conv2dSpec extends NodeCommon {
  readonly kind: 'conv2d';
  readonly out: Expr;
  readonly kernel: Expr;
  readonly stride?: Expr;
  readonly groups?: Expr;
  readonly padding?: PaddingSpec;
  readonly bias?: boolean;
  /**
   * How the PyTorch reference code computes it (`module` by default): a 1×1 conv over tokens
   * written as `nn.Linear`, an `nn.MultiheadAttention` projection, …; see `PYTORCH_FORMS`.
   */
  readonly pytorch?: PytorchForm<'conv2d'>;
}
export interface LinearSpec extends NodeCommon {
  readonly kind: 'linear';
  readonly out: Expr;
  readonly bias?: boolean;
  /** How the PyTorch reference code computes it (`module` by default); see `PYTORCH_FORMS`. */
  readonly pytorch?: PytorchForm<'linear'>;
}
export interface BatchNormSpec extends NodeCommon {
  readonly kind: 'batchnorm';
}
export interface ActivationSpec extends NodeCommon {
  readonly kind: 'relu' | 'relu6' | 'hardswish' | 'hardsigmoid' | 'sigmoid';
  /** How the PyTorch reference code calls it (`module` by default); see `PYTORCH_FORMS`. */
  readonly pytorch?: PytorchForm<'activation'>;
}
export interface PoolSpec extends NodeCommon {
  readonly kind: 'pool';
  readonly op: 'max' | 'avg';
  readonly kernel: Expr;
  readonly stride?: Expr;
  readonly padding?: PaddingSpec;
  /** How the PyTorch reference code calls it (`module` by default); see `PYTORCH_FORMS`. */
  readonly pytorch?: PytorchForm<'pool'>;
}
export interface GlobalPoolSpec extends NodeCommon {
  readonly kind: 'global-pool';
  readonly op?: 'max' | 'avg';
  /** How the PyTorch reference code computes it (`module` by default); see `PYTORCH_FORMS`. */
  readonly pytorch?: PytorchForm<'global-pool'>;
}
export interface ShuffleSpec extends NodeCommon {
  readonly kind: 'shuffle';
  readonly groups: Expr;
}
/**
 * Product of two activations (attention q·kᵀ, attn·v): `batch` (default 1) products of an
 * (m × k) by a (k × n) matrix, read from the current tensor; output batch × m × n.
 */
export interface MatMulSpec extends NodeCommon {
  readonly kind: 'matmul';
  readonly batch?: Expr;
  readonly m: Expr;
  readonly k: Expr;
  readonly n: Expr;
  /** How the PyTorch reference code computes it (`torch.matmul` by default); see `PYTORCH_FORMS`. */
  readonly pytorch?: PytorchForm<'matmul'>;
}
/** LayerNorm over the channels (γ and β: 2·C params unless `affine: false`). */
export interface LayerNormSpec extends NodeCommon {
  readonly kind: 'layernorm';
  readonly affine?: boolean;
  /** `module` (`nn.LayerNorm`, default) or `functional` (`F.layer_norm`, `LayerNorm2d`); see `PYTORCH_FORMS`. */
  readonly pytorch?: PytorchForm<'elementwise'>;
}
/** Softmax along the width (the last axis: the keys of attention scores), or GELU. */
export interface SoftmaxGeluSpec extends NodeCommon {
  readonly kind: 'softmax' | 'gelu';
  /** `module`, `functional` or `nn.MultiheadAttention` (see `PYTORCH_FORMS`; default: softmax `functional`, GELU `module`). */
  readonly pytorch?: PytorchForm<'elementwise'>;
}
/**
 * Learned tensors of transformers, each an element-wise record with its params: `class-token`
 * prepends one learned token (C × T × 1 → C × (T+1) × 1, C params), `position-embedding` adds a
 * learned tensor of the input's shape (C·H·W params), `layer-scale` multiplies by a learned
 * per-channel factor γ (C params).
 */
export interface LearnedTensorSpec extends NodeCommon {
  readonly kind: 'class-token' | 'position-embedding' | 'layer-scale';
}
/**
 * Data movement without a layer record (0 MACs, 0 params): `reshape` views the tensor as
 * channels × height × width (same element count; patch grid → tokens: `height: "h_in * w_in"`,
 * heads back to tokens), `select-token` keeps token 0 (`x[:, 0]`, the class token): C × 1 × 1.
 */
export interface ReshapeSpec extends NodeCommon {
  readonly kind: 'reshape';
  readonly channels: Expr;
  readonly height: Expr;
  readonly width?: Expr;
}
export interface SelectTokenSpec extends NodeCommon {
  readonly kind: 'select-token';
}
/** Calls a block defined under `blocks` with named arguments. */
export interface BlockCallSpec extends NodeCommon {
  readonly block: string;
  readonly args?: Readonly<Record<string, Expr>>;
}
/** Repeats `body` `repeat` times; `as` names the 0-based index variable (default `i`). */
export interface RepeatSpec extends NodeCommon {
  readonly repeat: Expr;
  readonly as?: string;
  readonly body: readonly NodeSpec[];
}
/**
 * Parallel branches merged by add, concat or multiply (squeeze-excite: the second branch is the
 * C×1×1 gate). With `split`, the input channels are split into those parts, one per branch;
 * without, every branch sees the whole input. An empty branch is the identity.
 */
export interface ParallelSpec extends NodeCommon {
  readonly parallel: readonly (readonly NodeSpec[])[];
  readonly merge: 'add' | 'concat' | 'multiply';
  readonly split?: readonly Expr[];
  /**
   * How the PyTorch reference code writes an `add` or `multiply` merge (default `a + b`,
   * `x * gate`); see `PYTORCH_FORMS`. Not allowed with `concat`.
   */
  readonly pytorch?: PytorchForm<'add'> | PytorchForm<'multiply'>;
}

export type LayerSpec =
  | Conv2dSpec
  | LinearSpec
  | BatchNormSpec
  | ActivationSpec
  | PoolSpec
  | GlobalPoolSpec
  | ShuffleSpec
  | MatMulSpec
  | LayerNormSpec
  | SoftmaxGeluSpec
  | LearnedTensorSpec
  | ReshapeSpec
  | SelectTokenSpec;
export type NodeSpec = LayerSpec | BlockCallSpec | RepeatSpec | ParallelSpec;

export interface BlockSpec {
  readonly args: readonly string[];
  readonly body: readonly NodeSpec[];
}

/** How `--fusion bft` treats this model's 1×1 convs. */
export interface FusionSpec {
  /** Keep a 1×1 conv dense when this is true; scope: c_in, c_out, h_in, w_in and the parameters. */
  readonly keepDense?: Expr;
  readonly note?: string;
}

export interface ArchitectureFile {
  /** Model id used on the command line, e.g. `mobilenet-v1`. */
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /** Where the definition comes from (papers, reference code). */
  readonly source?: string;
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  /**
   * Named expressions, evaluated in order; a key like `depth(d)` defines a function.
   * Later definitions may use earlier ones.
   */
  readonly definitions?: Readonly<Record<string, Expr>>;
  readonly input: { readonly channels: Expr; readonly height: Expr; readonly width: Expr };
  readonly blocks?: Readonly<Record<string, BlockSpec>>;
  readonly fusion?: FusionSpec;
  readonly layers: readonly NodeSpec[];
}

/** File kinds that are activations. */
export const ACTIVATION_KINDS = ['relu', 'relu6', 'hardswish', 'hardsigmoid', 'sigmoid'] as const;

/** File kinds of transformers (token-wise layers, attention, learned tensors, reshapes). */
export const TRANSFORMER_KINDS = [
  'matmul',
  'layernorm',
  'softmax',
  'gelu',
  'class-token',
  'position-embedding',
  'layer-scale',
  'reshape',
  'select-token',
] as const;

/**
 * The layer vocabulary: a discriminated union on `kind`. Every numeric hyper-parameter has the
 * dimension type `D` (see `Shape`), so one record type describes a concrete layer (`D = number`)
 * and its symbolic twin (`D = string`, a mathjs expression in the free parameters).
 */

/** Element-wise nonlinearities. */
export const ACTIVATION_FNS = ['relu', 'relu6', 'hardswish', 'hardsigmoid', 'sigmoid'] as const;
export type ActivationFn = (typeof ACTIVATION_FNS)[number];

/** Spatial padding: TF "SAME" (`H_out = ceil(H / s)`) or explicit symmetric padding p. */
export type Padding<D = number> = { readonly mode: 'same' } | { readonly mode: 'explicit'; readonly size: D };

/**
 * A conv's or pool's window per spatial axis exactly as an imported file gives it, in the input's
 * axis order (outer axes, then height, then width): strides, dilations and explicit pads
 * `[begin per axis…, end per axis…]` (ONNX's order). A record carries it only where its scalar
 * fields do not say it all — a width stride other than the height's, a dilation, pads that differ
 * between axes or between begin and end (a clip's 1×3×3 padding of a 3×7×7 stem). Counts never
 * read it (they follow from the output shape); an export rebuilt from layer records writes it.
 * Concrete numbers (imported networks have no symbolic twin).
 */
export interface SpatialWindow {
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  /** Explicit pads (absent when `padding` is `same`). */
  readonly pads?: readonly number[];
  /** Set for ONNX's SAME_LOWER auto padding (the extra pad before, not after); `same` alone is SAME_UPPER. */
  readonly autoPad?: 'SAME_LOWER';
  /** Set for a pool with ONNX's `ceil_mode` = 1: its output sizes round up, not down. */
  readonly ceilMode?: true;
}

/** Convolution with groups: standard (groups = 1), depthwise (groups = C_in = C_out), pointwise (1×1). */
export interface Conv2dLayer<D = number> {
  readonly kind: 'conv2d';
  readonly inChannels: D;
  readonly outChannels: D;
  readonly kernelH: D;
  readonly kernelW: D;
  /**
   * Kernel sizes along the input's outer spatial dims (`Shape.outer`), outermost first: `[kT]`
   * of a Conv3d. Absent for a 2-D (or 1-D) conv; when present, as long as the output's `outer`.
   */
  readonly kernelOuter?: readonly D[];
  /** Stride along the height (and the width). */
  readonly stride: D;
  /** Strides along the outer spatial dims (absent: all 1, or a 2-D conv). */
  readonly strideOuter?: readonly D[];
  readonly padding: Padding<D>;
  /** Strides, dilations and pads per axis where the fields above do not say them all (imported models). */
  readonly window?: SpatialWindow;
  readonly groups: D;
  /** Whether the conv has a bias vector (counted as params; bias adds are optional non-MAC ops). */
  readonly bias: boolean;
  /**
   * How the PyTorch reference code computes it (see {@link PYTORCH_FORMS}); absent: `module`.
   * A token-wise Linear (a 1×1 conv over rows) is `nn.Linear`, or an `nn.MultiheadAttention`
   * projection.
   */
  readonly pytorch?: PytorchForm<'conv2d'>;
}

/** Whether a concrete conv has a 1×1 kernel (1×1×1 on a clip: every `kernelOuter` entry 1 too). */
export function isPointwiseKernel(layer: Pick<Conv2dLayer, 'kernelH' | 'kernelW' | 'kernelOuter'>): boolean {
  return layer.kernelH === 1 && layer.kernelW === 1 && (layer.kernelOuter ?? []).every((k) => k === 1);
}

/** Fully connected layer on the flattened input (C·H·W features). */
export interface LinearLayer<D = number> {
  readonly kind: 'linear';
  readonly inFeatures: D;
  readonly outFeatures: D;
  readonly bias: boolean;
  /** How the PyTorch reference code computes it (see {@link PYTORCH_FORMS}); absent: `module`. */
  readonly pytorch?: PytorchForm<'linear'>;
}

/** Batch normalisation (inference: a per-channel scale and shift; γ and β are trainable). */
export interface BatchNormLayer<D = number> {
  readonly kind: 'batchnorm';
  readonly channels: D;
}

export interface ActivationLayer {
  readonly kind: 'activation';
  readonly fn: ActivationFn;
  /** How the PyTorch reference code calls it (see {@link PYTORCH_FORMS}); absent: `module`. */
  readonly pytorch?: PytorchForm<'activation'>;
}

/** Max or average pooling with a K × K window over height and width (K × K_w when `kernelW` is given). */
export interface PoolLayer<D = number> {
  readonly kind: 'pool';
  readonly op: 'max' | 'avg';
  /** Window height (and width, unless `kernelW`). */
  readonly kernel: D;
  /** Window width when it differs from the height (a 3×1 pool of an imported model); absent: `kernel`. */
  readonly kernelW?: D;
  /** Window sizes along the outer spatial dims (`Shape.outer`, e.g. `[kT]` of a MaxPool3d); absent for 2-D. */
  readonly kernelOuter?: readonly D[];
  readonly stride: D;
  /** Strides along the outer spatial dims (absent: all 1, or a 2-D pool). */
  readonly strideOuter?: readonly D[];
  readonly padding: Padding<D>;
  /** Strides, dilations and pads per axis where the fields above do not say them all (imported models). */
  readonly window?: SpatialWindow;
  /** How the PyTorch reference code calls it (see {@link PYTORCH_FORMS}); absent: `module`. */
  readonly pytorch?: PytorchForm<'pool'>;
}

/** Global pooling to C × 1 × 1. */
export interface GlobalPoolLayer {
  readonly kind: 'global-pool';
  readonly op: 'max' | 'avg';
  /** How the PyTorch reference code computes it (see {@link PYTORCH_FORMS}); absent: `module`. */
  readonly pytorch?: PytorchForm<'global-pool'>;
}

/** Element-wise sum of equally shaped inputs (residual connections). */
export interface AddLayer {
  readonly kind: 'add';
  /** How the PyTorch reference code writes it (see {@link PYTORCH_FORMS}); absent: `a + b`. */
  readonly pytorch?: PytorchForm<'add'>;
}

/** Channel-wise multiply of a C×H×W map by a C×1×1 gate (squeeze-excite scaling). */
export interface MultiplyLayer {
  readonly kind: 'multiply';
  /** How the PyTorch reference code writes it (see {@link PYTORCH_FORMS}); absent: `x * gate`. */
  readonly pytorch?: PytorchForm<'multiply'>;
}

/**
 * How PyTorch reference code (torchvision) writes a layer, for the kinds where counting tools
 * disagree because of it: hook-based counters see modules, patched functions or tensor methods,
 * trace-based ones see the aten operator each form becomes. The first value is the default.
 * - activation, pool: `module` (`nn.ReLU()`, `nn.MaxPool2d`) or `functional` (`F.relu(x)`).
 * - global-pool: `module` (`nn.AdaptiveAvgPool2d(1)`), `functional` (`F.adaptive_avg_pool2d(x, 1)`)
 *   or `x.mean` (`x.mean([2, 3])`, ShuffleNetV2).
 * - add: `a + b` (operator), `a += b` (in place, `aten::add_`), `torch.add` (the function).
 * - multiply: `x * gate`, `gate * x` (the gate is the first operand, torchvision's
 *   squeeze-excite `scale * input`), `x *= gate` (in place), `torch.mul` (the function, map first).
 * - conv2d, linear (transformers): `module` (`nn.Conv2d`, `nn.Linear`), `nn.Linear` (a conv2d
 *   record that is a token-wise `nn.Linear` on a (B, T, C) input), `nn.Linear channels-last` (the
 *   same on a (B, H, W, C) input, ConvNeXt: PyTorch 1.13 runs it as `matmul` + in-place bias
 *   `add_` instead of `addmm`), `F.linear` (a Linear's parameters used through `F.linear`, not
 *   called as a module: torchvision's Swin), `nn.MultiheadAttention.in_proj` /
 *   `nn.MultiheadAttention.out_proj` (the projections inside `nn.MultiheadAttention`, which it
 *   computes with `F.linear` on its own parameters, torchvision's ViT).
 * - matmul: `@` (`Tensor.__matmul__`), `torch.matmul` (also `Tensor.matmul`, torchvision's Swin), `torch.bmm`,
 *   `torch.einsum`, `nn.MultiheadAttention` (q·kᵀ and attn·v inside it).
 * - elementwise (LayerNorm, GELU, softmax): `module` (`nn.LayerNorm`, `nn.GELU`, `nn.Softmax`),
 *   `functional` (`F.layer_norm`, `F.gelu`, `F.softmax`; also a subclass such as torchvision's
 *   `LayerNorm2d`, which exact-type module lookups miss and which calls `F.layer_norm`),
 *   `nn.MultiheadAttention` (the softmax inside it).
 * The convention presets in `src/conventions/` read it; every other rule ignores it.
 */
export const PYTORCH_FORMS = {
  activation: ['module', 'functional'],
  pool: ['module', 'functional'],
  'global-pool': ['module', 'functional', 'x.mean'],
  add: ['a + b', 'a += b', 'torch.add'],
  multiply: ['x * gate', 'gate * x', 'x *= gate', 'torch.mul'],
  conv2d: [
    'module',
    'nn.Linear',
    'nn.Linear channels-last',
    'F.linear',
    'nn.MultiheadAttention.in_proj',
    'nn.MultiheadAttention.out_proj',
  ],
  linear: ['module', 'F.linear', 'nn.MultiheadAttention.in_proj', 'nn.MultiheadAttention.out_proj'],
  matmul: ['@', 'torch.matmul', 'torch.bmm', 'torch.einsum', 'nn.MultiheadAttention'],
  elementwise: ['module', 'functional', 'nn.MultiheadAttention'],
} as const;

/** The PyTorch forms of one layer kind. */
export type PytorchForm<K extends keyof typeof PYTORCH_FORMS> = (typeof PYTORCH_FORMS)[K][number];

/** Concatenation along channels. */
export interface ConcatLayer {
  readonly kind: 'concat';
}

/** Channel split into consecutive parts (ShuffleNetV2). */
export interface SplitLayer<D = number> {
  readonly kind: 'split';
  readonly sizes: readonly D[];
}

/** Channel shuffle with g groups (a permutation; no arithmetic). */
export interface ShuffleLayer<D = number> {
  readonly kind: 'shuffle';
  readonly groups: D;
}

/**
 * How a butterfly's layer count is charged when the size m is not a power of the base k.
 * - `ceil`: L = ceil(log_k m) layers of k·m edges (the official code's L; default).
 * - `real`: k·m·log_k m with the real logarithm (not an integer; rounded to the nearest MAC).
 * - `padded`: pad to k^L channels, L = ceil(log_k m): k·k^L·L.
 * - `mixed-radix`: one layer per prime factor r of m, degrees whose product is m: m·Σr.
 */
export const BUTTERFLY_LOG_MODES = ['ceil', 'real', 'padded', 'mixed-radix'] as const;
export type ButterflyLogMode = (typeof BUTTERFLY_LOG_MODES)[number];

/**
 * How n_in ≠ n_out is handled.
 * - `official`: ceil(max/min) square BFTs of size min(n_in, n_out) (the official code).
 * - `square-max`: one square BFT of size max(n_in, n_out) (pad the input, truncate the output).
 */
export const BUTTERFLY_SHAPE_POLICIES = ['official', 'square-max'] as const;
export type ButterflyShapePolicy = (typeof BUTTERFLY_SHAPE_POLICIES)[number];

/**
 * How each factor of a butterfly is written as operators (export, latency): a grouped 1×1
 * `Conv`, a batched `MatMul` of r×r blocks, or element-wise `Mul` + `ReduceSum`. The cost model
 * charges every form the same n·r MACs per factor; the forms differ in time only.
 */
export const BUTTERFLY_FORMS = ['conv', 'matmul', 'elementwise'] as const;
export type ButterflyForm = (typeof BUTTERFLY_FORMS)[number];

/**
 * A butterfly plan for one layer (issue 18): the radices r_0 … r_{m−1} of every square butterfly
 * of the layer, in order, with ∏ r_ℓ = the square size (see `butterflySquares`), and optionally
 * the operator form. With a plan the layer costs squares · size · Σ r_ℓ MACs per pixel whatever
 * its base and log mode (those then only say how the plan was made). Radix 1 is never allowed.
 */
export interface ButterflyLayerPlan {
  readonly radices: readonly number[];
  /** Operator form of the export; absent: the export's default (`--bft-ops`). */
  readonly form?: ButterflyForm;
}

/** Butterfly Transform replacing a dense 1×1 conv (Alizadeh-Vahid et al. 2020). */
export interface ButterflyLayer<D = number> {
  readonly kind: 'butterfly';
  readonly inChannels: D;
  readonly outChannels: D;
  /** Base k: each node has out-degree k. */
  readonly base: D;
  readonly logMode: ButterflyLogMode;
  readonly shapePolicy: ButterflyShapePolicy;
  /** First-to-last residual y = Bx + x (only when n_in = n_out): n adds per pixel, non-MAC. */
  readonly residual: boolean;
  /**
   * Stride of the 1×1 conv the butterfly replaced (absent: 1): it mixes the channels of every
   * stride-th pixel, so its costs are those of the output pixels, as the conv's were.
   */
  readonly stride?: D;
  /** Strides along the outer spatial dims of the 1×1×1 conv it replaced (absent: all 1). */
  readonly strideOuter?: readonly D[];
  /** The per-axis window of the conv it replaced, when it had one (`Conv2dLayer.window`: a padded 1×1, a width stride of its own). */
  readonly window?: SpatialWindow;
  /**
   * The layer's own factorisation (a plan, issue 18); absent: the radices follow from base and
   * log mode. Concrete numbers even in a symbolic twin (a plan is made for one network).
   */
  readonly plan?: ButterflyLayerPlan;
}

/**
 * Product of two activations (attention scores, …): per sample, `batch` independent
 * (m × k) · (k × n) products, batch·m·k·n MACs. A weight × activation product is a `linear`
 * or a 1×1 `conv2d` instead.
 */
export interface MatMulLayer<D = number> {
  readonly kind: 'matmul';
  readonly batch: D;
  readonly m: D;
  readonly k: D;
  readonly n: D;
  /** How the PyTorch reference code computes it (see {@link PYTORCH_FORMS}); absent: `torch.matmul`. */
  readonly pytorch?: PytorchForm<'matmul'>;
}

/**
 * Transposed convolution (fractionally strided): every input element is scattered through the
 * kernel to C_out/groups outputs; the output size comes from the operator (stride, pads,
 * output padding).
 */
export interface ConvTransposeLayer<D = number> {
  readonly kind: 'conv-transpose';
  readonly inChannels: D;
  readonly outChannels: D;
  readonly kernelH: D;
  readonly kernelW: D;
  /** Kernel sizes along the outer spatial dims (`Shape.outer`), outermost first; absent for 2-D. */
  readonly kernelOuter?: readonly D[];
  readonly groups: D;
  readonly bias: boolean;
}

/** Which convention switch counts an `elementwise` layer's operations. */
export const ELEMENTWISE_GROUPS = ['activation', 'normalization', 'pooling', 'elementwise'] as const;
export type ElementwiseGroup = (typeof ELEMENTWISE_GROUPS)[number];

/**
 * Any other per-element operation of an imported model (softmax, layer norm, resize, tanh,
 * a constant add, …): no MACs, `params` trainable parameters (PRelu slopes, layer-norm γ/β),
 * `opsPerElement` operations per output element when the convention's `group` switch is on.
 * `op` names the source operator (e.g. the ONNX op type).
 */
export interface ElementwiseLayer<D = number> {
  readonly kind: 'elementwise';
  readonly op: string;
  readonly group: ElementwiseGroup;
  readonly opsPerElement: D;
  readonly params: D;
  /**
   * How the PyTorch reference code computes it (see {@link PYTORCH_FORMS}); absent: `module`,
   * but `functional` for a softmax (torchvision's forms).
   */
  readonly pytorch?: PytorchForm<'elementwise'>;
}

/** Every layer kind. */
export type Layer<D = number> =
  | Conv2dLayer<D>
  | LinearLayer<D>
  | BatchNormLayer<D>
  | ActivationLayer
  | PoolLayer<D>
  | GlobalPoolLayer
  | AddLayer
  | MultiplyLayer
  | ConcatLayer
  | SplitLayer<D>
  | ShuffleLayer<D>
  | ButterflyLayer<D>
  | MatMulLayer<D>
  | ElementwiseLayer<D>
  | ConvTransposeLayer<D>;

export type LayerKind = Layer['kind'];

/** All layer kinds, in a fixed order (for tables and validation). */
export const LAYER_KINDS: readonly LayerKind[] = [
  'conv2d',
  'linear',
  'batchnorm',
  'activation',
  'pool',
  'global-pool',
  'add',
  'multiply',
  'concat',
  'split',
  'shuffle',
  'butterfly',
  'matmul',
  'elementwise',
  'conv-transpose',
];

/** The layer record of one kind. */
export type LayerOf<K extends LayerKind, D = number> = Extract<Layer<D>, { kind: K }>;

/**
 * What a layer does in the network, for the cost-share analysis (the paper's Figure 3):
 * first conv (or a transformer's patch embedding), depthwise (spatial fusion), channel fusion
 * (1×1 / BFT, and a transformer's token-wise MLP Linear layers), other spatial convs,
 * squeeze-excite, classifier, and everything else (BN, activations, pooling, merges). For
 * transformers (issue 17): `attention-projection` (the q/k/v and output Linear layers of
 * attention), `attention` (the two products of activations, q·kᵀ and attn·v) and
 * `normalization` (LayerNorm and its decomposed form).
 */
export const LAYER_ROLES = [
  'stem',
  'depthwise',
  'channel-fusion',
  'attention-projection',
  'attention',
  'spatial',
  'squeeze-excite',
  'normalization',
  'classifier',
  'other',
] as const;
export type LayerRole = (typeof LAYER_ROLES)[number];

/**
 * One layer of an architecture file → its concrete and symbolic layer records and output shape:
 * the per-kind half of the architecture walk (`build.ts` does blocks, repeats, branches and
 * naming). Checks dimensions (positive integers, groups dividing channels, non-empty outputs)
 * and derives the layer's role.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import type { ElementwiseGroup, LayerRole, Padding, PytorchForm } from '../model/layer.js';
import type { Conv2dSpec, Expr, LayerSpec, LinearSpec, PaddingSpec } from './file-format.js';
import { positiveInteger, toNumber, truthy, type Emitted, type Moved, type ShapeValues } from './layer-values.js';
import { constant, derive, evaluate, extendScope, type Scope, type ScopeValue } from './scope.js';

/** What a layer needs to know about where it stands. */
export interface LayerContext {
  /** The node's scope (parameters, definitions, block arguments, c_in, h_in, w_in). */
  readonly scope: Scope;
  readonly input: ShapeValues;
  /** JSON pointer of the layer's definition. */
  readonly at: string;
  /** Role given by the node or an enclosing block, if any. */
  readonly role: LayerRole | undefined;
  /** Whether no conv came before (the first conv is the stem). */
  readonly firstConv: boolean;
  /** The architecture's keep-dense rule for 1×1 convs, if it has one. */
  readonly keepDenseRule: Expr | undefined;
  readonly locate: (pointer: string) => ErrorLocation;
}

interface PaddingValues {
  readonly concrete: Padding;
  readonly symbolic: Padding<string>;
  readonly value?: ScopeValue;
}

/** Builds one layer (see the file comment); a reshape gives no record, only the new shape. */
export function buildLayer(spec: LayerSpec, context: LayerContext): Emitted | Moved {
  const { scope, input, at, role, locate } = context;
  const location = locate(at);
  const field = (name: string) => locate(`${at}/${name}`);
  const value = (name: string, expr: Expr | undefined, fallback: Expr, allowZero = false) =>
    positiveInteger(evaluate(expr ?? fallback, scope, field(name)), name, field(name), allowZero);
  const cIn = toNumber(input.channels);
  let emitted: Emitted;
  switch (spec.kind) {
    case 'conv2d': {
      const out = value('out', spec.out, 1);
      const kernel = value('kernel', spec.kernel, 1);
      const stride = value('stride', spec.stride, 1);
      const groups = value('groups', spec.groups, 1);
      const paddingValues = paddingOf(spec.padding, scope, locate(`${at}/padding`));
      const g = toNumber(groups);
      if (cIn % g !== 0 || toNumber(out) % g !== 0) {
        throw new UserError(`groups must divide the input and output channels`, {
          location: field('groups'),
          received: g,
          expected: `a divisor of ${cIn} (input) and ${toNumber(out)} (output)`,
        });
      }
      const height = outputSize(input.height, kernel, stride, paddingValues, location, 'height');
      const width = outputSize(input.width, kernel, stride, paddingValues, location, 'width');
      const k = toNumber(kernel);
      const derivedRole: LayerRole =
        role ??
        (context.firstConv ? 'stem' : g > 1 && g === cIn ? 'depthwise' : k === 1 ? 'channel-fusion' : 'spatial');
      let keepDense = false;
      if (k === 1 && context.keepDenseRule !== undefined) {
        const ruleScope = extendScope(scope, { c_out: out });
        keepDense = truthy(evaluate(context.keepDenseRule, ruleScope, locate('/fusion/keepDense')));
      }
      emitted = {
        layer: {
          kind: 'conv2d',
          inChannels: cIn,
          outChannels: toNumber(out),
          kernelH: k,
          kernelW: k,
          stride: toNumber(stride),
          padding: paddingValues.concrete,
          groups: g,
          bias: spec.bias ?? false,
          ...convForm(spec),
        },
        symbolic: {
          kind: 'conv2d',
          inChannels: input.channels.expr,
          outChannels: out.expr,
          kernelH: kernel.expr,
          kernelW: kernel.expr,
          stride: stride.expr,
          padding: paddingValues.symbolic,
          groups: groups.expr,
          bias: spec.bias ?? false,
          ...convForm(spec),
        },
        output: { channels: out, height, width },
        role: derivedRole,
        ...(keepDense ? { keepDense } : {}),
      };
      break;
    }
    case 'linear': {
      const out = value('out', spec.out, 1);
      const features = derive('c * h * w', { c: input.channels, h: input.height, w: input.width });
      const one = constant(1);
      emitted = {
        layer: {
          kind: 'linear',
          inFeatures: toNumber(features),
          outFeatures: toNumber(out),
          bias: spec.bias ?? true,
          ...linearForm(spec),
        },
        symbolic: {
          kind: 'linear',
          inFeatures: features.expr,
          outFeatures: out.expr,
          bias: spec.bias ?? true,
          ...linearForm(spec),
        },
        output: { channels: out, height: one, width: one },
        role: role ?? 'classifier',
      };
      break;
    }
    case 'batchnorm':
      emitted = {
        layer: { kind: 'batchnorm', channels: cIn },
        symbolic: { kind: 'batchnorm', channels: input.channels.expr },
        output: input,
        role: 'other',
      };
      break;
    case 'relu':
    case 'relu6':
    case 'hardswish':
    case 'hardsigmoid':
    case 'sigmoid': {
      const form = spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
      emitted = {
        layer: { kind: 'activation', fn: spec.kind, ...form },
        symbolic: { kind: 'activation', fn: spec.kind, ...form },
        output: input,
        role: 'other',
      };
      break;
    }
    case 'pool': {
      const kernel = value('kernel', spec.kernel, 1);
      const stride = value('stride', spec.stride, spec.kernel);
      const paddingValues = paddingOf(spec.padding, scope, locate(`${at}/padding`));
      const height = outputSize(input.height, kernel, stride, paddingValues, location, 'height');
      const width = outputSize(input.width, kernel, stride, paddingValues, location, 'width');
      const form = spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
      emitted = {
        layer: {
          kind: 'pool',
          op: spec.op,
          kernel: toNumber(kernel),
          stride: toNumber(stride),
          padding: paddingValues.concrete,
          ...form,
        },
        symbolic: {
          kind: 'pool',
          op: spec.op,
          kernel: kernel.expr,
          stride: stride.expr,
          padding: paddingValues.symbolic,
          ...form,
        },
        output: { channels: input.channels, height, width },
        role: 'other',
      };
      break;
    }
    case 'global-pool': {
      const one = constant(1);
      const op = spec.op ?? 'avg';
      if (spec.pytorch === 'x.mean' && op !== 'avg') {
        throw new UserError('pytorch form "x.mean" is an average', {
          location: field('pytorch'),
          received: op,
          expected: 'op "avg" with pytorch "x.mean"',
        });
      }
      const form = spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
      emitted = {
        layer: { kind: 'global-pool', op, ...form },
        symbolic: { kind: 'global-pool', op, ...form },
        output: { channels: input.channels, height: one, width: one },
        role: 'other',
      };
      break;
    }
    case 'shuffle': {
      const groups = value('groups', spec.groups, 1);
      if (cIn % toNumber(groups) !== 0) {
        throw new UserError('shuffle groups must divide the channels', {
          location: field('groups'),
          received: toNumber(groups),
          expected: `a divisor of ${cIn}`,
        });
      }
      emitted = {
        layer: { kind: 'shuffle', groups: toNumber(groups) },
        symbolic: { kind: 'shuffle', groups: groups.expr },
        output: input,
        role: 'other',
      };
      break;
    }
    case 'matmul': {
      const batch = value('batch', spec.batch, 1);
      const [m, k, n] = [value('m', spec.m, 1), value('k', spec.k, 1), value('n', spec.n, 1)];
      const matmulForm = spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
      emitted = {
        layer: {
          kind: 'matmul',
          batch: toNumber(batch),
          m: toNumber(m),
          k: toNumber(k),
          n: toNumber(n),
          ...matmulForm,
        },
        symbolic: { kind: 'matmul', batch: batch.expr, m: m.expr, k: k.expr, n: n.expr, ...matmulForm },
        output: { channels: batch, height: m, width: n },
        inputs: [
          { channels: batch, height: m, width: k },
          { channels: batch, height: k, width: n },
        ],
        role: role ?? 'attention',
      };
      break;
    }
    case 'layernorm': {
      const params = spec.affine === false ? constant(0) : derive('2 * c', { c: input.channels });
      emitted = elementwise('LayerNormalization', 'normalization', 7, params, input, 'normalization', spec.pytorch);
      break;
    }
    case 'softmax':
      emitted = elementwise('Softmax', 'activation', 3, constant(0), input, 'other', spec.pytorch);
      break;
    case 'gelu':
      emitted = elementwise('Gelu', 'activation', 4, constant(0), input, 'other', spec.pytorch);
      break;
    case 'class-token': {
      if (toNumber(input.width) !== 1) {
        throw new UserError('class-token needs tokens: a C × T × 1 input (reshape the map to tokens first)', {
          location,
          received: `${cIn}×${toNumber(input.height)}×${toNumber(input.width)}`,
        });
      }
      const output = { ...input, height: derive('t + 1', { t: input.height }) };
      emitted = elementwise('Concat', 'elementwise', 0, input.channels, output, 'other');
      break;
    }
    case 'position-embedding':
      emitted = elementwise(
        'Add',
        'elementwise',
        1,
        derive('c * h * w', { c: input.channels, h: input.height, w: input.width }),
        input,
        'other',
      );
      break;
    case 'layer-scale':
      emitted = elementwise('Mul', 'elementwise', 1, input.channels, input, 'other');
      break;
    case 'reshape': {
      const output: ShapeValues = {
        channels: value('channels', spec.channels, 1),
        height: value('height', spec.height, 1),
        width: value('width', spec.width, 1),
      };
      const elements = (s: ShapeValues) =>
        BigInt(toNumber(s.channels)) * BigInt(toNumber(s.height)) * BigInt(toNumber(s.width));
      if (elements(output) !== elements(input)) {
        const describe = (s: ShapeValues) => `${toNumber(s.channels)}×${toNumber(s.height)}×${toNumber(s.width)}`;
        throw new UserError('reshape must keep the number of elements', {
          location,
          received: describe(output),
          expected: `${elements(input)} elements, as the input ${describe(input)}`,
        });
      }
      return { output };
    }
    case 'select-token':
      if (toNumber(input.width) !== 1) {
        throw new UserError('select-token needs tokens: a C × T × 1 input', {
          location,
          received: `${cIn}×${toNumber(input.height)}×${toNumber(input.width)}`,
        });
      }
      return { output: { channels: input.channels, height: constant(1), width: constant(1) } };
    default: {
      const unknown: never = spec;
      throw new UserError('unknown layer kind', { location, received: (unknown as { kind: string }).kind });
    }
  }
  return emitted;
}

/** The PyTorch form of a conv2d / linear node, when it names one. */
function convForm(spec: Conv2dSpec) {
  return spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
}
function linearForm(spec: LinearSpec) {
  return spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
}

/**
 * An element-wise record (`op` as the ONNX importer names it, so the convention presets
 * recognise LayerNorm, GELU and softmax): `ops` per output element when its group is counted,
 * `params` trainable values, the output shape.
 */
function elementwise(
  op: string,
  group: ElementwiseGroup,
  ops: number,
  params: ScopeValue,
  output: ShapeValues,
  role: LayerRole,
  pytorch?: PytorchForm<'elementwise'>,
): Emitted {
  const pytorchForm = pytorch === undefined ? {} : { pytorch };
  return {
    layer: { kind: 'elementwise', op, group, opsPerElement: ops, params: toNumber(params), ...pytorchForm },
    symbolic: { kind: 'elementwise', op, group, opsPerElement: String(ops), params: params.expr, ...pytorchForm },
    output,
    role,
  };
}

/** The padding of a conv or pool: SAME by default, or an explicit non-negative size. */
function paddingOf(spec: PaddingSpec | undefined, scope: Scope, location: ErrorLocation): PaddingValues {
  if (spec === undefined || spec === 'same') return { concrete: { mode: 'same' }, symbolic: { mode: 'same' } };
  const size = positiveInteger(evaluate(spec, scope, location), 'padding', location, true);
  return {
    concrete: { mode: 'explicit', size: toNumber(size) },
    symbolic: { mode: 'explicit', size: size.expr },
    value: size,
  };
}

/**
 * SAME: ceil(h / s); explicit p: floor((h + 2p − k) / s) + 1, which for non-overlapping windows
 * without padding (a patch embedding: kernel = stride, p = 0) is written floor(h / s), the same
 * integer for every h. Must be ≥ 1.
 */
function outputSize(
  size: ScopeValue,
  kernel: ScopeValue,
  stride: ScopeValue,
  padding: PaddingValues,
  location: ErrorLocation,
  what: string,
): ScopeValue {
  const patches =
    padding.value !== undefined &&
    !padding.value.symbolic &&
    toNumber(padding.value) === 0 &&
    kernel.expr === stride.expr &&
    toNumber(kernel) > 1;
  const result =
    padding.value === undefined
      ? toNumber(stride) === 1
        ? size
        : derive('ceil(h / s)', { h: size, s: stride })
      : patches
        ? derive('floor(h / s)', { h: size, s: stride })
        : derive('floor((h + 2 * p - k) / s) + 1', { h: size, p: padding.value, k: kernel, s: stride });
  if (toNumber(result) < 1) {
    throw new UserError(
      `the output ${what} would be ${toNumber(result)}: kernel ${toNumber(kernel)} and stride ${toNumber(stride)} do not fit an input ${what} of ${toNumber(size)}`,
      { location },
    );
  }
  return result;
}

/**
 * One layer of an architecture file → its concrete and symbolic layer records and output shape:
 * the per-kind half of the architecture walk (`build.ts` does blocks, repeats, branches and
 * naming). Checks dimensions (positive integers, groups dividing channels, non-empty outputs)
 * and derives the layer's role.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import type { LayerRole, Padding } from '../model/layer.js';
import type { Expr, LayerSpec, PaddingSpec } from './file-format.js';
import { positiveInteger, toNumber, truthy, type Emitted, type ShapeValues } from './layer-values.js';
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

/** Builds one layer (see the file comment). */
export function buildLayer(spec: LayerSpec, context: LayerContext): Emitted {
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
        throw new UserError(`groups must divide the input and output channels`, { location: field('groups'), received: g, expected: `a divisor of ${cIn} (input) and ${toNumber(out)} (output)` });
      }
      const height = outputSize(input.height, kernel, stride, paddingValues, location, 'height');
      const width = outputSize(input.width, kernel, stride, paddingValues, location, 'width');
      const k = toNumber(kernel);
      const derivedRole: LayerRole = role ?? (context.firstConv ? 'stem'
        : g > 1 && g === cIn ? 'depthwise' : k === 1 ? 'channel-fusion' : 'spatial');
      let keepDense = false;
      if (k === 1 && context.keepDenseRule !== undefined) {
        const ruleScope = extendScope(scope, { c_out: out });
        keepDense = truthy(evaluate(context.keepDenseRule, ruleScope, locate('/fusion/keepDense')));
      }
      emitted = {
        layer: { kind: 'conv2d', inChannels: cIn, outChannels: toNumber(out), kernelH: k, kernelW: k, stride: toNumber(stride), padding: paddingValues.concrete, groups: g, bias: spec.bias ?? false },
        symbolic: { kind: 'conv2d', inChannels: input.channels.expr, outChannels: out.expr, kernelH: kernel.expr, kernelW: kernel.expr, stride: stride.expr, padding: paddingValues.symbolic, groups: groups.expr, bias: spec.bias ?? false },
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
        layer: { kind: 'linear', inFeatures: toNumber(features), outFeatures: toNumber(out), bias: spec.bias ?? true },
        symbolic: { kind: 'linear', inFeatures: features.expr, outFeatures: out.expr, bias: spec.bias ?? true },
        output: { channels: out, height: one, width: one },
        role: role ?? 'classifier',
      };
      break;
    }
    case 'batchnorm':
      emitted = { layer: { kind: 'batchnorm', channels: cIn }, symbolic: { kind: 'batchnorm', channels: input.channels.expr }, output: input, role: 'other' };
      break;
    case 'relu': case 'relu6': case 'hardswish': case 'hardsigmoid': case 'sigmoid': {
      const form = spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
      emitted = { layer: { kind: 'activation', fn: spec.kind, ...form }, symbolic: { kind: 'activation', fn: spec.kind, ...form }, output: input, role: 'other' };
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
        layer: { kind: 'pool', op: spec.op, kernel: toNumber(kernel), stride: toNumber(stride), padding: paddingValues.concrete, ...form },
        symbolic: { kind: 'pool', op: spec.op, kernel: kernel.expr, stride: stride.expr, padding: paddingValues.symbolic, ...form },
        output: { channels: input.channels, height, width },
        role: 'other',
      };
      break;
    }
    case 'global-pool': {
      const one = constant(1);
      const op = spec.op ?? 'avg';
      if (spec.pytorch === 'x.mean' && op !== 'avg') {
        throw new UserError('pytorch form "x.mean" is an average', { location: field('pytorch'), received: op, expected: 'op "avg" with pytorch "x.mean"' });
      }
      const form = spec.pytorch === undefined ? {} : { pytorch: spec.pytorch };
      emitted = { layer: { kind: 'global-pool', op, ...form }, symbolic: { kind: 'global-pool', op, ...form }, output: { channels: input.channels, height: one, width: one }, role: 'other' };
      break;
    }
    case 'shuffle': {
      const groups = value('groups', spec.groups, 1);
      if (cIn % toNumber(groups) !== 0) {
        throw new UserError('shuffle groups must divide the channels', { location: field('groups'), received: toNumber(groups), expected: `a divisor of ${cIn}` });
      }
      emitted = { layer: { kind: 'shuffle', groups: toNumber(groups) }, symbolic: { kind: 'shuffle', groups: groups.expr }, output: input, role: 'other' };
      break;
    }
    default: {
      const unknown: never = spec;
      throw new UserError('unknown layer kind', { location, received: (unknown as { kind: string }).kind });
    }
  }
  return emitted;
}

/** The padding of a conv or pool: SAME by default, or an explicit non-negative size. */
function paddingOf(spec: PaddingSpec | undefined, scope: Scope, location: ErrorLocation): PaddingValues {
  if (spec === undefined || spec === 'same') return { concrete: { mode: 'same' }, symbolic: { mode: 'same' } };
  const size = positiveInteger(evaluate(spec, scope, location), 'padding', location, true);
  return { concrete: { mode: 'explicit', size: toNumber(size) }, symbolic: { mode: 'explicit', size: size.expr }, value: size };
}

/** SAME: ceil(h / s); explicit p: floor((h + 2p − k) / s) + 1. Must be ≥ 1. */
function outputSize(size: ScopeValue, kernel: ScopeValue, stride: ScopeValue, padding: PaddingValues, location: ErrorLocation, what: string): ScopeValue {
  const result = padding.value === undefined
    ? (toNumber(stride) === 1 ? size : derive('ceil(h / s)', { h: size, s: stride }))
    : derive('floor((h + 2 * p - k) / s) + 1', { h: size, p: padding.value, k: kernel, s: stride });
  if (toNumber(result) < 1) {
    throw new UserError(`the output ${what} would be ${toNumber(result)}: kernel ${toNumber(kernel)} and stride ${toNumber(stride)} do not fit an input ${what} of ${toNumber(size)}`, { location });
  }
  return result;
}

/**
 * Architecture file → network: evaluates the expressions, expands blocks, repeats and parallel
 * branches, infers every shape, derives layer roles, and builds the symbolic twin of each layer
 * for the free parameters. Every problem is a UserError naming the file, line and JSON pointer.
 *
 * Steps: (1) resolve parameters, (2) evaluate definitions in order, (3) walk the layer list
 * depth-first, emitting layers in execution order, (4) return the network.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import { PYTORCH_FORMS, type AddLayer, type ConcatLayer, type LayerRole, type MultiplyLayer } from '../model/layer.js';
import type { Network, NetworkLayer } from '../model/network.js';
import type { Shape } from '../model/shape.js';
import type { ArchitectureFile, NodeSpec, ParallelSpec } from './file-format.js';
import { buildLayer } from './layer-spec.js';
import {
  concreteShape,
  positiveInteger,
  symbolicShape,
  toNumber,
  truthy,
  type Emitted,
  type ShapeValues,
} from './layer-values.js';
import { resolveParameters, type ParameterValue } from './parameters.js';
import { constant, defineFunction, derive, evaluate, extendScope, type Scope, type ScopeValue } from './scope.js';

/** Largest `repeat` count accepted (a guard against a typo that would build millions of layers). */
export const MAX_REPEAT = 10_000;
/** Most layers a network may have (nested repeats multiply: 1000 × 1000 × 1000 would never end). */
export const MAX_LAYERS = 100_000;
/** Deepest nesting of blocks, repeats and parallel branches (the walk recurses once per level). */
export const MAX_NESTING = 64;

export interface BuildOptions {
  /** Parameter values (missing ones take their defaults). */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  /** Parameters kept symbolic (their symbolic twins are built). */
  readonly free?: readonly string[];
  /** Maps a JSON pointer to a location in the file; defaults to the pointer alone. */
  readonly locate?: (pointer: string) => ErrorLocation;
  /** How the user passes a parameter, for messages (default: the name itself, which the CLI shows as its flag). */
  readonly parameterField?: (name: string) => string;
}

/** A tensor position during the walk: its id and its concrete and symbolic shape. */
interface Cursor {
  readonly tensor: number;
  readonly shape: ShapeValues;
}

/** Builds the network described by `arch`. */
export function buildNetwork(arch: ArchitectureFile, options: BuildOptions = {}): Network {
  const locate = options.locate ?? ((pointer: string) => ({ path: pointer }));
  const free = options.free ?? [];
  // (1) parameters
  const parameters = resolveParameters(arch, options.parameters ?? {}, options.parameterField);
  for (const name of free) {
    if (!Object.hasOwn(parameters, name)) {
      throw new UserError(`cannot keep "${name}" symbolic: model ${arch.name} has no such parameter`, {
        location: { field: 'symbolic' },
        expected: `some of ${Object.keys(parameters).join(', ')}`,
      });
    }
    if (typeof parameters[name] === 'string') {
      throw new UserError(`cannot keep the choice "${name}" symbolic`, { location: { field: 'symbolic' } });
    }
  }
  const values = new Map<string, ScopeValue>();
  for (const [name, value] of Object.entries(parameters)) {
    if (typeof value === 'string') values.set(name, { exact: value, expr: JSON.stringify(value), symbolic: false });
    else if (free.includes(name)) values.set(name, { ...constant(value), expr: name, symbolic: true });
    else values.set(name, constant(value));
  }
  // (2) definitions
  let scope: Scope = { values, functions: new Map() };
  for (const [key, body] of Object.entries(arch.definitions ?? {})) {
    const location = locate(`/definitions/${key}`);
    const call = /^([A-Za-z_]\w*)\((.*)\)$/.exec(key);
    if (call) {
      const name = call[1] ?? '';
      const params = (call[2] ?? '').split(',').map((p) => p.trim());
      const functions = new Map(scope.functions);
      functions.set(name, defineFunction(params, String(body), scope.functions, location));
      scope = { values: scope.values, functions };
    } else {
      scope = extendScope(scope, { [key]: evaluate(body, scope, location) });
    }
  }
  // (3) layers
  const builder = new NetworkBuilder(arch, locate);
  const inputLocation = locate('/input');
  const input: ShapeValues = {
    channels: positiveInteger(evaluate(arch.input.channels, scope, inputLocation), 'input channels', inputLocation),
    height: positiveInteger(evaluate(arch.input.height, scope, inputLocation), 'input height', inputLocation),
    width: positiveInteger(evaluate(arch.input.width, scope, inputLocation), 'input width', inputLocation),
  };
  builder.walk(arch.layers, scope, { tensor: 0, shape: input }, '', '/layers', undefined);
  // (4)
  return {
    model: arch.name,
    parameters,
    free,
    input: concreteShape(input),
    layers: builder.layers,
  };
}

class NetworkBuilder {
  readonly layers: NetworkLayer[] = [];
  private tensors = 1;
  private readonly usedNames = new Set<string>();
  private convSeen = false;
  /** The blocks being expanded, outermost first (a block that uses itself is refused). */
  private readonly blockStack: string[] = [];
  private depth = 0;

  constructor(
    private readonly arch: ArchitectureFile,
    private readonly locate: (pointer: string) => ErrorLocation,
  ) {}

  private uniqueName(prefix: string, base: string): string {
    const stem = prefix === '' ? base : `${prefix}/${base}`;
    let name = stem;
    for (let n = 2; this.usedNames.has(name); n++) name = `${stem}_${n}`;
    this.usedNames.add(name);
    return name;
  }

  private emit(name: string, emitted: Emitted, reads: readonly Cursor[], pointer: string): Cursor {
    if (this.layers.length >= MAX_LAYERS) {
      throw new UserError(`the network has more than ${MAX_LAYERS} layers`, {
        location: this.locate(pointer),
        expected: 'fewer repeats',
      });
    }
    const writes = this.tensors++;
    const inputs = reads.map((r) => concreteShape(r.shape));
    this.layers.push({
      name,
      role: emitted.role,
      layer: emitted.layer,
      inputs,
      output: concreteShape(emitted.output),
      reads: reads.map((r) => r.tensor),
      writes,
      symbolic: {
        layer: emitted.symbolic,
        inputs: reads.map((r) => symbolicShape(r.shape)),
        output: symbolicShape(emitted.output),
      },
      source: pointer,
      ...(emitted.keepDense ? { keepDense: true as const } : {}),
    });
    return { tensor: writes, shape: emitted.output };
  }

  walk(
    nodes: readonly NodeSpec[],
    scope: Scope,
    cursor: Cursor,
    prefix: string,
    pointer: string,
    role: LayerRole | undefined,
  ): Cursor {
    if (this.depth >= MAX_NESTING) {
      throw new UserError(`blocks, repeats and branches nest more than ${MAX_NESTING} deep`, {
        location: this.locate(pointer),
        expected: `at most ${MAX_NESTING} levels`,
      });
    }
    this.depth++;
    try {
      return this.walkNodes(nodes, scope, cursor, prefix, pointer, role);
    } finally {
      this.depth--;
    }
  }

  private walkNodes(
    nodes: readonly NodeSpec[],
    scope: Scope,
    cursor: Cursor,
    prefix: string,
    pointer: string,
    role: LayerRole | undefined,
  ): Cursor {
    let current = cursor;
    nodes.forEach((node, index) => {
      const at = `${pointer}/${index}`;
      const location = this.locate(at);
      const nodeScope = withInput(scope, current.shape);
      if (node.if !== undefined && !truthy(evaluate(node.if, nodeScope, this.locate(`${at}/if`)))) return;
      const nodeRole = node.role ?? role;
      if ('kind' in node) {
        const emitted = buildLayer(node, {
          scope: nodeScope,
          input: current.shape,
          at,
          role: nodeRole,
          firstConv: !this.convSeen,
          keepDenseRule: this.arch.fusion?.keepDense,
          locate: this.locate,
        });
        if (emitted.layer === undefined) {
          // a reshape: the same tensor, viewed with another shape
          current = { tensor: current.tensor, shape: emitted.output };
          return;
        }
        const name = this.uniqueName(prefix, node.name ?? node.kind);
        if (emitted.layer.kind === 'conv2d') this.convSeen = true;
        current = this.emit(
          name,
          emitted,
          (emitted.inputs ?? [current.shape]).map((shape) => ({ tensor: current.tensor, shape })),
          at,
        );
      } else if ('block' in node) {
        const blocks = this.arch.blocks ?? {};
        const block = Object.hasOwn(blocks, node.block) ? blocks[node.block] : undefined;
        if (block === undefined) {
          const known = Object.keys(this.arch.blocks ?? {});
          throw new UserError(`unknown block "${node.block}"`, {
            location,
            expected: known.length ? `one of ${known.join(', ')}` : 'a block defined under "blocks"',
          });
        }
        const args: Record<string, ScopeValue> = {};
        for (const name of Object.keys(node.args ?? {})) {
          if (!block.args.includes(name)) {
            throw new UserError(`block "${node.block}" has no argument "${name}"`, {
              location: this.locate(`${at}/args/${name}`),
              expected: `some of ${block.args.join(', ')}`,
            });
          }
        }
        for (const name of block.args) {
          const value = node.args !== undefined && Object.hasOwn(node.args, name) ? node.args[name] : undefined;
          if (value === undefined)
            throw new UserError(`missing argument "${name}" for block "${node.block}"`, { location });
          Object.defineProperty(args, name, {
            value: evaluate(value, nodeScope, this.locate(`${at}/args/${name}`)),
            enumerable: true,
          });
        }
        if (this.blockStack.includes(node.block)) {
          throw new UserError(`block "${node.block}" uses itself (${[...this.blockStack, node.block].join(' → ')})`, {
            location,
            expected: 'blocks that do not call themselves',
          });
        }
        const name = this.uniqueName(prefix, node.name ?? node.block);
        this.blockStack.push(node.block);
        try {
          current = this.walk(
            block.body,
            extendScope(scope, args),
            current,
            name,
            `/blocks/${node.block.replaceAll('~', '~0').replaceAll('/', '~1')}/body`,
            nodeRole,
          );
        } finally {
          this.blockStack.pop();
        }
      } else if ('repeat' in node) {
        const count = toNumber(
          positiveInteger(
            evaluate(node.repeat, nodeScope, this.locate(`${at}/repeat`)),
            'repeat',
            this.locate(`${at}/repeat`),
            true,
          ),
        );
        if (count > MAX_REPEAT) {
          throw new UserError(`repeat count ${count} is too large`, {
            location: this.locate(`${at}/repeat`),
            expected: `at most ${MAX_REPEAT}`,
          });
        }
        const name = this.uniqueName(prefix, node.name ?? 'repeat');
        for (let i = 0; i < count; i++) {
          const inner = extendScope(scope, { [node.as ?? 'i']: constant(i) });
          current = this.walk(node.body, inner, current, `${name}/${i + 1}`, `${at}/body`, nodeRole);
        }
      } else {
        current = this.parallel(node, nodeScope, current, prefix, at, nodeRole);
      }
    });
    return current;
  }

  private parallel(
    node: ParallelSpec,
    scope: Scope,
    cursor: Cursor,
    prefix: string,
    at: string,
    role: LayerRole | undefined,
  ): Cursor {
    const name = this.uniqueName(prefix, node.name ?? node.merge);
    let branchInputs: Cursor[];
    if (node.split !== undefined) {
      if (node.split.length !== node.parallel.length) {
        throw new UserError(`split has ${node.split.length} parts but there are ${node.parallel.length} branches`, {
          location: this.locate(`${at}/split`),
        });
      }
      const sizes = node.split.map((size, i) =>
        positiveInteger(
          evaluate(size, scope, this.locate(`${at}/split/${i}`)),
          'split size',
          this.locate(`${at}/split/${i}`),
        ),
      );
      const total = sizes.reduce((sum, size) => sum + toNumber(size), 0);
      if (total !== toNumber(cursor.shape.channels)) {
        throw new UserError(
          `split sizes add up to ${total} channels but the input has ${toNumber(cursor.shape.channels)}`,
          { location: this.locate(`${at}/split`) },
        );
      }
      const splitCursor = this.emit(
        `${name}/split`,
        {
          layer: { kind: 'split', sizes: sizes.map(toNumber) },
          symbolic: { kind: 'split', sizes: sizes.map((s) => s.expr) },
          output: cursor.shape,
          role: 'other',
        },
        [cursor],
        `${at}/split`,
      );
      branchInputs = sizes.map((size) => ({ tensor: splitCursor.tensor, shape: { ...cursor.shape, channels: size } }));
    } else {
      branchInputs = node.parallel.map(() => cursor);
    }
    const outputs = node.parallel.map((branch, i) => {
      const branchInput = branchInputs[i] ?? cursor;
      return this.walk(branch, scope, branchInput, `${name}/${i + 1}`, `${at}/parallel/${i}`, role);
    });
    const shapes = outputs.map((o) => concreteShape(o.shape));
    const first = outputs[0] ?? cursor;
    const firstShape = concreteShape(first.shape);
    const describe = (s: Shape) => `${s.channels}×${s.height}×${s.width}`;
    const location = this.locate(at);
    let output: ShapeValues;
    if (node.merge === 'add') {
      shapes.forEach((shape) => {
        if (
          shape.channels !== firstShape.channels ||
          shape.height !== firstShape.height ||
          shape.width !== firstShape.width
        ) {
          throw new UserError('add needs branches of equal shape', {
            location,
            received: shapes.map(describe).join(' + '),
            expected: `every branch ${describe(firstShape)}`,
          });
        }
      });
      output = first.shape;
    } else if (node.merge === 'concat') {
      shapes.forEach((shape) => {
        if (shape.height !== firstShape.height || shape.width !== firstShape.width) {
          throw new UserError('concat needs branches of equal height and width', {
            location,
            received: shapes.map(describe).join(' ‖ '),
            expected: `every branch ?×${firstShape.height}×${firstShape.width}`,
          });
        }
      });
      const channels = outputs
        .slice(1)
        .reduce((sum, o) => derive('a + b', { a: sum, b: o.shape.channels }), first.shape.channels);
      output = { ...first.shape, channels };
    } else {
      const gate = shapes[1];
      if (
        shapes.length !== 2 ||
        gate === undefined ||
        gate.channels !== firstShape.channels ||
        !(
          (gate.height === 1 && gate.width === 1) ||
          (gate.height === firstShape.height && gate.width === firstShape.width)
        )
      ) {
        throw new UserError('multiply needs two branches: a C×H×W map and a C×1×1 (or C×H×W) gate', {
          location,
          received: shapes.map(describe).join(' · '),
        });
      }
      output = first.shape;
    }
    const merge = mergeLayer(node, this.locate(`${at}/pytorch`));
    return this.emit(`${name}/${node.merge}`, { layer: merge, symbolic: merge, output, role: 'other' }, outputs, at);
  }
}

/** The merge layer of a parallel node, with its PyTorch form when given (it must fit the merge). */
function mergeLayer(node: ParallelSpec, location: ErrorLocation): AddLayer | ConcatLayer | MultiplyLayer {
  const form = node.pytorch;
  if (form === undefined) return { kind: node.merge };
  const allowed: readonly string[] = node.merge === 'concat' ? [] : PYTORCH_FORMS[node.merge];
  if (node.merge === 'add' && isForm(PYTORCH_FORMS.add, form)) return { kind: 'add', pytorch: form };
  if (node.merge === 'multiply' && isForm(PYTORCH_FORMS.multiply, form)) return { kind: 'multiply', pytorch: form };
  throw new UserError(`pytorch form "${form}" does not fit merge "${node.merge}"`, {
    location,
    received: form,
    expected: allowed.length === 0 ? 'no pytorch form on a concat merge' : allowed.join(' | '),
  });
}

function isForm<T extends string>(forms: readonly T[], form: string): form is T {
  return (forms as readonly string[]).includes(form);
}

/** The scope of a node: its input shape as c_in, h_in, w_in. */
function withInput(scope: Scope, shape: ShapeValues): Scope {
  return extendScope(scope, { c_in: shape.channels, h_in: shape.height, w_in: shape.width });
}

/**
 * Broken architecture files shared by the unit-level and CLI-level error tests: each case is a
 * file text and the one-line message (after `<file>:<line>:<column> `) it must produce.
 */

const BASE = {
  name: 'broken',
  parameters: { width: { description: 'width multiplier', default: 1, exclusiveMinimum: 0 } },
  input: { channels: 3, height: 8, width: 8 },
};

/** A broken file: its extension, its text and the message after the file position. */
export interface BrokenCase {
  readonly name: string;
  readonly extension: 'json' | 'yaml';
  readonly text: string;
  /** The message after `<file>:<line>:<column> ` (exact). */
  readonly message: string;
}

function arch(extra: Record<string, unknown>): string {
  return `${JSON.stringify({ ...BASE, ...extra }, null, 2)}\n`;
}

const conv = (fields: Record<string, unknown>) => ({ kind: 'conv2d', out: 4, kernel: 3, ...fields });

export const BROKEN_CASES: readonly BrokenCase[] = [
  {
    name: 'unknown field',
    extension: 'json',
    text: arch({ layers: [conv({ foo: 1 })] }),
    message: 'at /layers/0: invalid architecture: unknown field "foo"',
  },
  {
    name: 'missing required field in a layer',
    extension: 'json',
    text: arch({ layers: [{ kind: 'conv2d', kernel: 3 }] }),
    message: 'at /layers/0: invalid architecture: missing required field "out"',
  },
  {
    name: 'missing required top-level field',
    extension: 'json',
    text: arch({}),
    message: 'at /: invalid architecture: missing required field "layers"',
  },
  {
    name: 'unknown layer kind',
    extension: 'json',
    text: arch({ layers: [conv({ kind: 'conv3d' })] }),
    message:
      'at /layers/0/kind: invalid architecture: must be one of "conv2d", "linear", "batchnorm", "relu", "relu6", "hardswish", "hardsigmoid", "sigmoid", "pool", "global-pool", "shuffle", "matmul", "layernorm", "softmax", "gelu", "class-token", "position-embedding", "layer-scale", "reshape", "select-token"',
  },
  {
    name: 'unknown helper function',
    extension: 'json',
    text: arch({ layers: [conv({ out: 'make_divisable(16)' })] }),
    message:
      'at /layers/0/out: unknown function "make_divisable"; expected a mathjs function (floor, ceil, max, min, round …), make_divisible, ceil_log, sopfr, or one defined under "definitions"',
  },
  {
    name: 'unknown name',
    extension: 'json',
    text: arch({ layers: [conv({ out: 'widht * 16' })] }),
    message:
      'at /layers/0/out: unknown name "widht" in "widht * 16"; expected one of: c_in, classes, h_in, w_in, width',
  },
  {
    name: 'a fraction where a channel count is expected',
    extension: 'json',
    text: arch({ layers: [conv({ out: 16 }), conv({ out: 'c_in / 3', kernel: 1 })] }),
    message: 'at /layers/1/out: out must be a positive integer; received "16/3"',
  },
  {
    name: 'zero channels',
    extension: 'json',
    text: arch({ layers: [conv({ out: 'c_in - 3' })] }),
    message: 'at /layers/0/out: out must be a positive integer; received 0',
  },
  {
    name: 'groups not dividing the channels',
    extension: 'json',
    text: arch({ layers: [conv({ groups: 2 })] }),
    message:
      'at /layers/0/groups: groups must divide the input and output channels; received 2; expected a divisor of 3 (input) and 4 (output)',
  },
  {
    name: 'add of mismatched branches',
    extension: 'json',
    text: arch({ layers: [{ parallel: [[], [conv({ kernel: 1 })]], merge: 'add' }] }),
    message: 'at /layers/0: add needs branches of equal shape; received "3×8×8 + 4×8×8"; expected every branch 3×8×8',
  },
  {
    name: 'concat of mismatched spatial sizes',
    extension: 'json',
    text: arch({ layers: [{ parallel: [[], [conv({ stride: 2 })]], merge: 'concat' }] }),
    message:
      'at /layers/0: concat needs branches of equal height and width; received "3×8×8 ‖ 4×4×4"; expected every branch ?×8×8',
  },
  {
    name: 'split sizes not summing to the channels',
    extension: 'json',
    text: arch({ layers: [{ split: [1, 1], parallel: [[], []], merge: 'concat' }] }),
    message: 'at /layers/0/split: split sizes add up to 2 channels but the input has 3',
  },
  {
    name: 'a kernel that leaves an empty map',
    extension: 'json',
    text: arch({ layers: [conv({ kernel: 11, padding: 0 })] }),
    message: 'at /layers/0: the output height would be -2: kernel 11 and stride 1 do not fit an input height of 8',
  },
  {
    name: 'a stride that leaves an empty map',
    extension: 'json',
    text: arch({
      layers: [conv({ kernel: 3, padding: 1, stride: 1 }), { kind: 'pool', op: 'max', kernel: 9, padding: 0 }],
    }),
    message: 'at /layers/1: the output height would be 0: kernel 9 and stride 9 do not fit an input height of 8',
  },
  {
    name: 'unknown block',
    extension: 'json',
    text: arch({ layers: [{ block: 'nope' }] }),
    message: 'at /layers/0: unknown block "nope"; expected a block defined under "blocks"',
  },
  {
    name: 'missing block argument',
    extension: 'json',
    text: arch({ blocks: { unit: { args: ['out'], body: [conv({ out: 'out' })] } }, layers: [{ block: 'unit' }] }),
    message: 'at /layers/0: missing argument "out" for block "unit"',
  },
  {
    name: 'unknown block argument',
    extension: 'json',
    text: arch({
      blocks: { unit: { args: ['out'], body: [conv({ out: 'out' })] } },
      layers: [{ block: 'unit', args: { out: 4, stride: 2 } }],
    }),
    message: 'at /layers/0/args/stride: block "unit" has no argument "stride"; expected some of out',
  },
  {
    name: 'a bad expression inside a block body',
    extension: 'json',
    text: arch({
      blocks: { unit: { args: ['out'], body: [conv({ out: 'out / 0' })] } },
      layers: [{ block: 'unit', args: { out: 4 } }],
    }),
    message: 'at /blocks/unit/body/0/out: cannot evaluate "out / 0": Division by Zero',
  },
  {
    name: 'an irrational function',
    extension: 'json',
    text: arch({ layers: [conv({ out: 'sqrt(16)' })] }),
    message:
      'at /layers/0/out: cannot evaluate "sqrt(16)": log, sqrt, exp and other functions that can leave the rationals are not available (use ceil_log(m, k) for an integer logarithm)',
  },
  {
    name: 'a semantic error in YAML',
    extension: 'yaml',
    text: 'name: broken\nparameters: {}\ninput: {channels: 3, height: 8, width: 8}\nlayers:\n  - {kind: conv2d, out: 16, kernel: 3}\n  - {kind: conv2d, out: c_in / 3, kernel: 1}\n',
    message: 'at /layers/1/out: out must be a positive integer; received "16/3"',
  },
];

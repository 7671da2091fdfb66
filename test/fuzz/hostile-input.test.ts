import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildNetwork } from '../../src/arch/build.js';
import { parseStructuredText } from '../../src/arch/structured-text.js';
import { validateArchitecture } from '../../src/arch/validate.js';
import { analyze } from '../../src/cost/analyze.js';
import { UserError } from '../../src/errors.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';
import { encodeModel, int64s, node, weight } from '../onnx/onnx-test-graph.js';

/*
 * Issue 23, item 7: seeded fuzzing of the three readers of user files. Every mutant of a valid
 * file must end in a result or in a one-line UserError — never another exception (a crash), a
 * multi-line message, or a hang (each run is bounded by the test's timeout; the limits of
 * item 4 keep each case small). Seeds are fixed, so a failure reproduces; fast-check prints the
 * shrunk counterexample.
 */
const SEED = 20231123;

/** Runs `read`; a UserError must be one line; any other exception fails the property. */
function endsWell(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.message).not.toMatch(/\n/);
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Names and numbers that have broken readers before: prototype members, huge and odd numbers. */
const hostileString = fc.oneof(
  fc.constantFrom(
    ...PROTOTYPE_NAMES,
    '',
    '-1',
    '0',
    '1e400',
    '9007199254740993',
    '16.0000000000000001',
    '((((',
    '\u001b]0;x\u0007',
    '=HYPERLINK("x")',
  ),
  fc.string({ maxLength: 12 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, -5, 2 ** 31, 2 ** 53, 2 ** 62, Number.MAX_SAFE_INTEGER, 0.5, 1e-300, 1e300),
  fc.integer({ min: -3, max: 300 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 3 }),
  fc.dictionary(
    fc.constantFrom(...PROTOTYPE_NAMES, 'kind', 'out', 'kernel', 'repeat', 'body', 'block'),
    hostileNumber,
    {
      maxKeys: 3,
    },
  ),
);

// --- ONNX -------------------------------------------------------------------------------------

const ONNX_SEED_MODEL = encodeModel({
  inputs: [['x', [1, 3, 8, 8]]],
  initializers: [weight('w', [4, 3, 3, 3]), int64s('shape', [1, -1])],
  nodes: [
    node('Conv', ['x', 'w'], ['c'], { pads: { ints: [1, 1, 1, 1] }, strides: { ints: [1, 1] } }),
    node('Relu', ['c'], ['r']),
    node('GlobalAveragePool', ['r'], ['p']),
    node('Reshape', ['p', 'shape'], ['y']),
  ],
  outputs: ['y'],
});

/** Reads ONNX bytes as the CLI does: decode, build, count. */
function readOnnx(bytes: Uint8Array): void {
  const network = onnxModelDescription(bytes, { kind: 'onnx', reference: 'fuzz.onnx' }).build();
  analyze(network, PAPER_CONVENTION);
}

type ByteEdit = { at: number; kind: 'set' | 'insert' | 'delete'; value: number };
const byteEdit: fc.Arbitrary<ByteEdit> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('set', 'insert', 'delete'),
  value: fc.integer({ min: 0, max: 255 }),
});

function applyEdits(source: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const bytes = [...source];
  for (const edit of edits) {
    const at = edit.at % (bytes.length + 1);
    if (edit.kind === 'set' && at < bytes.length) bytes[at] = edit.value;
    else if (edit.kind === 'insert') bytes.splice(at, 0, edit.value);
    else if (edit.kind === 'delete') bytes.splice(at, 1);
  }
  return Uint8Array.from(bytes);
}

/** A structural mutation of the decoded model object: a field somewhere set to a hostile value. */
type Mutation = { path: readonly number[]; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  value: fc.oneof(hostileValue, fc.array(fc.oneof(hostileNumber, hostileString), { maxLength: 4 })),
});

/** Walks `root` by indices into its keys, and sets the last key reached to `value`. */
function mutate(root: unknown, { path, value }: Mutation): void {
  let node = root as Record<string, unknown>;
  for (let i = 0; i < path.length; i++) {
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const key = keys[(path[i] ?? 0) % keys.length] ?? '';
    const next = node[key];
    if (i === path.length - 1 || next === null || typeof next !== 'object' || next instanceof Uint8Array) {
      node[key] = value;
      return;
    }
    node = next as Record<string, unknown>;
  }
}

/** Pointers into the seed model where hostile values have mattered; `*` picks an index. */
const ONNX_TARGETS = [
  'graph/input/0/type/tensorType/shape/dim/*/dimValue',
  'graph/input/0/type/tensorType/elemType',
  'graph/initializer/*/dims/*',
  'graph/initializer/*/dataType',
  'graph/initializer/*/name',
  'graph/node/*/opType',
  'graph/node/*/input/*',
  'graph/node/*/output/*',
  'graph/node/0/attribute/*/name',
  'graph/node/0/attribute/*/type',
  'graph/output/0/name',
  'opsetImport/0/version',
];

/** Sets the value at a target pointer (`*` taken as `index` modulo the array's length). */
function setAt(root: unknown, pointer: string, index: number, value: unknown): void {
  const parts = pointer.split('/');
  let node = root as Record<string, unknown>;
  for (let i = 0; i < parts.length; i++) {
    let key = parts[i] ?? '';
    if (key === '*') {
      const length = Array.isArray(node) ? node.length : 0;
      if (length === 0) return;
      key = String(index % length);
    }
    if (i === parts.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== 'object') return;
    node = next as Record<string, unknown>;
  }
}

const targeted = (targets: readonly string[], values: fc.Arbitrary<unknown>) =>
  fc.record({ target: fc.constantFrom(...targets), index: fc.nat(), value: values });

describe('fuzzing the ONNX reader', () => {
  it('the unmutated seed model counts', () => {
    expect(() => readOnnx(ONNX_SEED_MODEL)).not.toThrow();
  });

  it('byte mutants end in a count or one UserError', () => {
    fc.assert(
      fc.property(fc.array(byteEdit, { minLength: 1, maxLength: 6 }), (edits) => {
        endsWell(() => readOnnx(applyEdits(ONNX_SEED_MODEL, edits)));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('structure mutants (dims, types, attributes, names) end in a count or one UserError', () => {
    const decoded = ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(ONNX_SEED_MODEL), { longs: Number });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(mutation, targeted(ONNX_TARGETS, fc.oneof(hostileNumber, hostileString))), {
          minLength: 1,
          maxLength: 3,
        }),
        (mutations) => {
          const model = structuredClone(decoded) as Record<string, unknown>;
          for (const m of mutations) {
            if ('target' in m) setAt(model, m.target, m.index, m.value);
            else mutate(model, m);
          }
          let bytes: Uint8Array;
          try {
            // A mutant protobufjs cannot even encode (a string where a number goes) is no file.
            bytes = ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(model)).finish();
          } catch {
            return;
          }
          endsWell(() => readOnnx(bytes));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

// --- architecture files ---------------------------------------------------------------------------

const ARCH_SEED = {
  name: 'fuzz',
  parameters: {
    width: { description: 'w', default: 1, minimum: 0.25 },
    resolution: { description: 'r', default: 32, integer: true, minimum: 8 },
  },
  definitions: { c: 'make_divisible(16 * width)', 'twice(x)': '2 * x' },
  input: { channels: 3, height: 'resolution', width: 'resolution' },
  blocks: {
    unit: {
      args: ['out', 's'],
      body: [
        { kind: 'conv2d', out: 'out', kernel: 3, stride: 's', padding: 1 },
        { kind: 'batchnorm' },
        { kind: 'relu' },
      ],
    },
  },
  layers: [
    { block: 'unit', args: { out: 'c', s: 2 } },
    { repeat: 2, as: 'i', body: [{ block: 'unit', args: { out: 'twice(c)', s: 1 } }] },
    {
      parallel: [[{ kind: 'conv2d', out: 'twice(c)', kernel: 1 }], []],
      merge: 'add',
    },
    { kind: 'global-pool', op: 'avg' },
    { kind: 'linear', out: 10 },
  ],
};

function readArchitecture(text: string, file: string, free: readonly string[]): void {
  const source = parseStructuredText(text, file);
  const network = buildNetwork(validateArchitecture(source), { free, locate: (pointer) => source.locate(pointer) });
  analyze(network, PAPER_CONVENTION);
}

/** Expression texts built from the file's grammar, hostile names and numbers. */
const expression: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('width', 'resolution', 'c', 'i', ...PROTOTYPE_NAMES, '9007199254740993', '0', '-1', '1e3', '0.1'),
    fc
      .tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '^', ' and ', '<'), tie('e'))
      .map(([a, op, b]) => `${a}${op}${b}`),
    tie('e').map((a) => `(${a})`),
    tie('e').map((a) => `twice(${a})`),
    fc
      .tuple(fc.constantFrom('floor', 'max', 'make_divisible', 'toString', 'unit'), tie('e'))
      .map(([f, a]) => `${f}(${a})`),
  ),
})).e;

describe('fuzzing the architecture-file reader', () => {
  it('the unmutated seed file builds', () => {
    expect(() => readArchitecture(JSON.stringify(ARCH_SEED), 'fuzz.json', [])).not.toThrow();
  });

  it('structure mutants end in a network or one UserError', () => {
    const targets = [
      'layers/*/block',
      'layers/*/args/out',
      'layers/1/repeat',
      'layers/1/body/0/block',
      'layers/*/kind',
      'layers/4/out',
      'definitions/c',
      'definitions/twice(x)',
      'blocks/unit/args/*',
      'blocks/unit/body/*/out',
      'blocks/unit/body/*/kernel',
      'parameters/width/default',
      'input/channels',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ path: mutation.map((m) => m.path), value: fc.oneof(hostileValue, expression) }),
            targeted(targets, fc.oneof(hostileString, hostileNumber, expression)),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        fc.boolean(),
        (mutations, symbolic) => {
          const file = structuredClone(ARCH_SEED) as Record<string, unknown>;
          for (const m of mutations) {
            if ('target' in m) setAt(file, m.target, m.index, m.value);
            else mutate(file, m);
          }
          endsWell(() => readArchitecture(JSON.stringify(file), 'fuzz.json', symbolic ? ['width'] : []));
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('text mutants, as JSON and as YAML, end in a network or one UserError', () => {
    const text = JSON.stringify(ARCH_SEED, null, 1);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat({ max: 4 }),
            fc.oneof(hostileString, fc.constantFrom('[', '{', ']', '}', ',', ':', '"', '\n', '- ')),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.constantFrom('fuzz.json', 'fuzz.yaml'),
        (edits, file) => {
          let mutant = text;
          for (const [at, length, insert] of edits) {
            const start = at % (mutant.length + 1);
            mutant = mutant.slice(0, start) + insert + mutant.slice(start + length);
          }
          endsWell(() => readArchitecture(mutant, file, []));
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});

// --- result CSVs ------------------------------------------------------------------------------

const CSV_SEED = [
  'model,family,fusion,width,resolution,mmacs,top1,source,note',
  'Net-0.5,Net,pointwise,0.5,128,10,40,hand,',
  'Net-1.0,Net,bft,1.0,224,"20",48.5,hand,"a, b"',
].join('\n');

describe('fuzzing the result-CSV reader', () => {
  it('the unmutated seed reads', () => {
    expect(parseResultsCsv(CSV_SEED, 'fuzz.csv')).toHaveLength(2);
  });

  it('cell and text mutants end in records or one UserError', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.nat({ max: 3 }),
            fc.oneof(hostileString, fc.constantFrom(',', '"', '\n', '\r\n', '\uFEFF', '""', '-1', '1e999', 'NaN')),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (edits) => {
          let mutant = CSV_SEED;
          for (const [at, length, insert] of edits) {
            const start = at % (mutant.length + 1);
            mutant = mutant.slice(0, start) + insert + mutant.slice(start + length);
          }
          endsWell(() => parseResultsCsv(mutant, 'fuzz.csv'));
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });
});

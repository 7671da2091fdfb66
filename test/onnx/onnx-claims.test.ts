import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import { decodeOnnx } from '../../src/onnx/decode-onnx.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';
import { runInProcess } from '../cli/run-main.js';
import { encodeModel, node, weight } from './onnx-test-graph.js';

/*
 * Issue 23, item 1: what an ONNX file claims is checked before anything is counted, as
 * onnxruntime checks it at load (each case here is a file onnxruntime 1.x refuses to load).
 * Each refusal is one line naming the tensor, node or attribute.
 */

/** A Conv model as a plain ModelProto object, to break in the ways encodeModel cannot. */
function convModel(change: (model: ModelObject) => void = () => undefined): Uint8Array {
  const model: ModelObject = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'g',
      node: [
        {
          input: ['x', 'w'],
          output: ['y'],
          name: 'conv',
          opType: 'Conv',
          attribute: [{ name: 'strides', type: 7, ints: [1, 1] }],
        },
      ],
      initializer: [{ name: 'w', dims: [8, 3, 1, 1], dataType: 1 }],
      input: [valueInfo('x', [1, 3, 8, 8])],
      output: [{ name: 'y' }],
    },
  };
  change(model);
  return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(model)).finish();
}

interface ModelObject {
  irVersion: number;
  opsetImport: { domain: string; version: number }[];
  graph: {
    name: string;
    node: { input: string[]; output: string[]; name: string; opType: string; attribute: Record<string, unknown>[] }[];
    initializer: Record<string, unknown>[];
    input: Record<string, unknown>[];
    output: Record<string, unknown>[];
  };
}

function valueInfo(name: string, dims: readonly (number | string)[], elemType = 1): Record<string, unknown> {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function refusal(bytes: Uint8Array): string {
  try {
    decodeOnnx(bytes, 'bad.onnx');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

function setGraph(change: (graph: ModelObject['graph']) => void): Uint8Array {
  return convModel((model) => change(model.graph));
}

function firstNode(graph: ModelObject['graph']) {
  const conv = graph.node[0];
  if (conv === undefined) throw new Error('no node');
  return conv;
}

describe('an ONNX file is refused when it claims the impossible', () => {
  it('accepts the well-formed model the cases below break', () => {
    expect(decodeOnnx(convModel(), 'ok.onnx').graph.nodes).toHaveLength(1);
  });

  it.each([
    ['a graph input of size 0', [1, 3, 0, 0], /dim 2 of graph input "x" is declared 0/],
    ['a negative dim', [1, 3, -5, 8], /dim 2 of graph input "x" is -5/],
    ['a dim of 2^62', [1, 3, 2 ** 62, 8], /dim 2 of graph input "x" is 4611686018427387904, too large/],
  ])('%s', (_, dims, message) => {
    const bytes = setGraph((graph) => {
      graph.input = [valueInfo('x', dims)];
    });
    expect(refusal(bytes)).toMatch(message);
  });

  it('a graph input without an element type', () => {
    expect(refusal(setGraph((graph) => void (graph.input = [valueInfo('x', [1, 3, 8, 8], 0)])))).toMatch(
      /^bad\.onnx: graph input "x" has no element type/,
    );
  });

  it('an initializer holding 10 of its 512 declared floats', () => {
    const bytes = setGraph((graph) => {
      graph.initializer = [{ name: 'w', dims: [8, 64, 1, 1], dataType: 1, rawData: new Uint8Array(40) }];
    });
    expect(refusal(bytes)).toBe(
      'bad.onnx: initializer "w" holds 40 bytes of data for 512 elements; expected 2048 bytes (dims × element size)',
    );
  });

  it('an initializer whose typed field holds the wrong count', () => {
    const bytes = setGraph((graph) => {
      graph.initializer = [{ name: 'w', dims: [8, 3, 1, 1], dataType: 1, floatData: [1, 2, 3] }];
    });
    expect(refusal(bytes)).toMatch(/initializer "w" holds 3 values for 24 elements; expected 24 values/);
  });

  it.each([
    [0, /initializer "w" has an undefined data type 0/],
    [99, /initializer "w" has unknown data type 99/],
  ])('an initializer of data type %d', (dataType, message) => {
    const bytes = setGraph((graph) => {
      graph.initializer = [{ name: 'w', dims: [8, 3, 1, 1], dataType }];
    });
    expect(refusal(bytes)).toMatch(message);
  });

  it('an initializer with more elements than a safe integer', () => {
    const bytes = setGraph((graph) => {
      graph.initializer = [{ name: 'w', dims: [2 ** 30, 2 ** 30, 2 ** 30], dataType: 1 }];
    });
    expect(refusal(bytes)).toMatch(/initializer "w" has 1\.2379400392853803e\+27 elements, too many/);
  });

  it('an initializer declared twice', () => {
    const bytes = setGraph((graph) => {
      graph.initializer = [
        { name: 'w', dims: [8, 3, 1, 1], dataType: 1 },
        { name: 'w', dims: [8, 3, 1, 1], dataType: 1 },
      ];
    });
    expect(refusal(bytes)).toMatch(/initializer "w" appears twice/);
  });

  it('a Conv with two strides attributes', () => {
    const bytes = setGraph((graph) => {
      firstNode(graph).attribute.push({ name: 'strides', type: 7, ints: [2, 2] });
    });
    expect(refusal(bytes)).toBe(
      'bad.onnx: node "conv" (Conv): attribute "strides" appears twice; expected each attribute once',
    );
  });

  it('an attribute declared ints that holds a float', () => {
    const bytes = setGraph((graph) => {
      firstNode(graph).attribute = [{ name: 'strides', type: 7, f: 2 }];
    });
    expect(refusal(bytes)).toMatch(/node "conv" \(Conv\): attribute "strides" is declared ints but holds a float/);
  });

  it('an attribute that sets two kinds of value', () => {
    const bytes = setGraph((graph) => {
      firstNode(graph).attribute = [{ name: 'group', i: 1, s: new TextEncoder().encode('x') }];
    });
    expect(refusal(bytes)).toMatch(/attribute "group" sets values of several types \(int, string\)/);
  });

  it('an attribute of an unknown type', () => {
    const bytes = setGraph((graph) => {
      firstNode(graph).attribute = [{ name: 'group', type: 77 }];
    });
    expect(refusal(bytes)).toMatch(/attribute "group" has unknown type 77/);
  });

  it('a graph output that no node produces', () => {
    const bytes = setGraph((graph) => {
      graph.output = [{ name: 'y' }, { name: 'z' }];
    });
    expect(refusal(bytes)).toBe(
      'bad.onnx: graph output "z" is not produced by any node; expected every graph output computed by the graph',
    );
  });

  it('a value produced by two nodes', () => {
    const bytes = setGraph((graph) => {
      graph.node.push({ input: ['y'], output: ['y'], name: 'relu', opType: 'Relu', attribute: [] });
    });
    expect(refusal(bytes)).toMatch(/node "relu" \(Relu\): output "y" is already produced by node "conv"/);
  });

  it('a node without an op type', () => {
    const bytes = setGraph((graph) => {
      firstNode(graph).opType = '';
    });
    expect(refusal(bytes)).toMatch(/node 0 \("conv"\) has no op_type/);
  });

  it('keeps what is legal: an empty initializer (Resize roi), dims of named size, graph-only weights', () => {
    const bytes = encodeModel({
      inputs: [['x', ['batch', 3, 8, 8]]],
      initializers: [weight('w', [8, 3, 1, 1]), { name: 'roi', dims: [0], dataType: 1, values: [] }],
      nodes: [node('Conv', ['x', 'w'], ['y'])],
      outputs: ['y'],
    });
    const graph = decodeOnnx(bytes, 'ok.onnx').graph;
    expect(graph.initializers.get('roi')?.dims).toEqual([0]);
    expect(graph.initializers.get('w')?.raw).toBeUndefined();
  });
});

describe('the CLI refuses such a file in one line, exit 2, nothing printed', () => {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-claims-'));
  it.each([
    ['zero-input.onnx', setGraph((graph) => void (graph.input = [valueInfo('x', [1, 3, 0, 0])]))],
    [
      'two-strides.onnx',
      setGraph((graph) => void firstNode(graph).attribute.push({ name: 'strides', type: 7, ints: [2, 2] })),
    ],
    [
      'short-weight.onnx',
      setGraph(
        (graph) =>
          void (graph.initializer = [{ name: 'w', dims: [8, 3, 1, 1], dataType: 1, rawData: new Uint8Array(40) }]),
      ),
    ],
  ])('%s', async (name, bytes) => {
    const path = join(folder, name);
    writeFileSync(path, bytes);
    const before = readdirSync(folder).sort();
    const result = await runInProcess(['count', path, '--format', 'csv']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr.startsWith(`butterflops: ${path}: `)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(before);
  });
});

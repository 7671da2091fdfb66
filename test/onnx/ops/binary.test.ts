import { describe, expect, it } from '@jest/globals';
import { ALL_OPS_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, importGraph, int64s, node, weight } from '../onnx-test-graph.js';
import { layerBytes } from '../../../src/latency/bytes-moved.js';

describe('element-wise operators', () => {
  it('Add of two activations is an add (a residual): one op per element when counted', () => {
    const report = countGraph(
      { inputs: [['x', [1, 4, 3, 3]]], nodes: [node('Relu', ['x'], ['r']), node('Add', ['x', 'r'], ['y'])] },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers[1]?.kind).toBe('add');
    expect(report.layers[1]?.extraOps).toBe(36n);
  });

  it('Mul of a map by a C×1×1 gate is a multiply', () => {
    const report = countGraph(
      {
        inputs: [['x', [1, 4, 3, 3]]],
        nodes: [node('GlobalAveragePool', ['x'], ['p']), node('Sigmoid', ['p'], ['s']), node('Mul', ['x', 's'], ['y'])],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers[2]?.kind).toBe('multiply');
    expect(report.layers[2]?.output).toEqual({ channels: 4, height: 3, width: 3 });
    expect(report.layers[2]?.extraOps).toBe(36n);
  });

  it('Mul of two images stacked along N by one gate broadcast over them: each image C×H×W at batch 2', () => {
    const spec = {
      inputs: [['x', [1, 4, 3, 3]]] as [string, number[]][],
      nodes: [
        node('Relu', ['x'], ['r']),
        node('Concat', ['x', 'r'], ['stack'], { axis: { int: 0 } }),
        node('GlobalAveragePool', ['x'], ['p']),
        node('Mul', ['stack', 'p'], ['y']),
      ],
    };
    const mul = importGraph(spec).layers.find((layer) => layer.layer.kind === 'multiply');
    expect([mul?.batch, mul?.inputs, mul?.output]).toEqual([
      2,
      [
        { channels: 4, height: 3, width: 3 },
        { channels: 4, height: 1, width: 1 },
      ],
      { channels: 4, height: 3, width: 3 },
    ]);
    // one op per element of both images: 2 · 36
    const counted = countGraph(spec, ALL_OPS_CONVENTION).layers.find((layer) => layer.kind === 'multiply');
    expect(counted?.extraOps).toBe(72n);
    // bytes: the two images read (2 · 36) and written (2 · 36), the gate read once (4), float32
    expect(mul === undefined ? undefined : layerBytes(mul, 0n).minimum).toBe(4n * (72n + 4n + 72n));
  });

  it('a part of a stacked batch (a Split along N) is one image of its own, not half of one', () => {
    const network = importGraph({
      inputs: [['x', [1, 4, 3, 3]]],
      nodes: [
        node('Relu', ['x'], ['r']),
        node('Concat', ['x', 'r'], ['stack'], { axis: { int: 0 } }),
        node('Split', ['stack'], ['p', 'q'], { axis: { int: 0 } }),
        node('Add', ['stack', 'p'], ['y']),
        node('ReduceSum', ['stack'], ['s'], { keepdims: { int: 1 } }),
      ],
    });
    const add = network.layers.find((layer) => layer.layer.kind === 'add');
    expect([add?.batch, add?.inputs]).toEqual([
      2,
      [
        { channels: 4, height: 3, width: 3 },
        { channels: 4, height: 3, width: 3 },
      ],
    ]);
    expect(add === undefined ? undefined : layerBytes(add, 0n).minimum).toBe(4n * (72n + 36n + 72n));
    // a layer of one image reading the whole stack: both images read, 72 values
    const sum = network.layers.find((layer) => layer.name.includes('ReduceSum'));
    expect([sum?.batch, sum?.inputs, sum === undefined ? undefined : layerBytes(sum, 0n).minimum]).toEqual([
      undefined,
      [{ channels: 4, height: 3, width: 3 }],
      4n * (72n + 1n),
    ]);
  });

  it('an activation with a constant is an element-wise layer of one op per output element', () => {
    const report = countGraph(
      {
        inputs: [['x', [1, 4, 3, 3]]],
        initializers: [weight('c', [4, 1, 1])],
        nodes: [node('Div', ['x', 'c'], ['y'])],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers[0]?.kind).toBe('elementwise');
    expect(report.total.extraOps).toBe(36n);
  });

  it('folds constants (integer Div truncates) and costs nothing', () => {
    // Reshape target [1, 12 / 2, 3, 3] computed from constants
    const network = importGraph({
      inputs: [['x', [1, 6, 3, 3]]],
      initializers: [int64s('a', [1, 12, 3, 3]), int64s('b', [1, 2, 1, 1])],
      nodes: [node('Div', ['a', 'b'], ['shape']), node('Reshape', ['x', 'shape'], ['y']), node('Relu', ['y'], ['z'])],
    });
    expect(network.layers.map((l) => l.layer.kind)).toEqual(['activation']);
    expect(network.layers[0]?.output).toEqual({ channels: 6, height: 3, width: 3 });
  });

  it('refuses shapes that do not broadcast', () => {
    expect(() =>
      importGraph({
        inputs: [['x', [1, 4, 3, 3]]],
        initializers: [weight('c', [5])],
        nodes: [node('Add', ['x', 'c'], ['y'])],
      }),
    ).toThrow(/\(Add\): inputs of shapes \[1, 4, 3, 3\], \[5\] do not broadcast/);
  });
});

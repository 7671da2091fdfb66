import { describe, expect, it } from '@jest/globals';
import { ALL_OPS_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, importGraph, node, weight, type GraphSpec } from '../onnx-test-graph.js';

/** x: 1 × 4 × 3 × 5 = 60 elements through one op. */
const N = 60n;
function unary(op: string, attrs = {}, extra: Partial<GraphSpec> = {}, inputs: string[] = []): GraphSpec {
  return { inputs: [['x', [1, 4, 3, 5]]], nodes: [node(op, ['x', ...inputs], ['y'], attrs)], ...extra };
}
const layer = (spec: GraphSpec) => countGraph(spec, ALL_OPS_CONVENTION).layers[0];

describe('activations', () => {
  it('map to the zoo activation functions with their per-element ops (relu 1, relu6 2, hardsigmoid 3, hardswish 4, sigmoid 4)', () => {
    for (const [op, fn, ops] of [
      ['Relu', 'relu', 1n],
      ['HardSigmoid', 'hardsigmoid', 3n],
      ['HardSwish', 'hardswish', 4n],
      ['Sigmoid', 'sigmoid', 4n],
    ] as const) {
      const got = layer(unary(op));
      expect([got?.kind, got?.extraOps, got?.macs]).toEqual(['activation', ops * N, 0n]);
      expect(importGraph(unary(op)).layers[0]?.layer).toEqual({ kind: 'activation', fn });
    }
  });

  it('Clip(0, 6) is relu6 and Clip(0) relu, with bounds as inputs (opset ≥ 11) or attributes (opset < 11); other bounds are an element-wise clip', () => {
    const bounds = {
      initializers: [
        { name: 'lo', dims: [], values: [0] },
        { name: 'hi', dims: [], values: [6] },
      ],
    };
    expect(importGraph(unary('Clip', {}, bounds, ['lo', 'hi'])).layers[0]?.layer).toEqual({
      kind: 'activation',
      fn: 'relu6',
    });
    expect(importGraph(unary('Clip', {}, bounds, ['lo'])).layers[0]?.layer).toEqual({ kind: 'activation', fn: 'relu' });
    expect(
      importGraph(unary('Clip', { min: { float: 0 }, max: { float: 6 } }, { opset: 10 })).layers[0]?.layer,
    ).toEqual({ kind: 'activation', fn: 'relu6' });
    const other = importGraph(unary('Clip', { min: { float: -1 }, max: { float: 1 } }, { opset: 10 })).layers[0]?.layer;
    expect(other).toEqual({ kind: 'elementwise', op: 'Clip', group: 'activation', opsPerElement: 2, params: 0 });
  });

  it('other activations are element-wise layers with the documented ops per element', () => {
    for (const [op, ops] of [
      ['LeakyRelu', 2n],
      ['Tanh', 1n],
      ['Erf', 1n],
      ['Softmax', 3n],
      ['Elu', 2n],
      ['Sqrt', 1n],
    ] as const) {
      expect(layer(unary(op))?.extraOps).toBe(ops * N);
    }
    // not counted under the paper convention
    expect(countGraph(unary('Tanh')).total.extraOps).toBe(0n);
  });

  it('PRelu slopes are parameters', () => {
    const got = layer(unary('PRelu', {}, { initializers: [weight('slope', [4, 1, 1])] }, ['slope']));
    expect([got?.params, got?.extraOps]).toEqual([4n, 2n * N]);
  });
});

describe('normalisation', () => {
  it('BatchNormalization counts γ and β (2 per channel) and 2 ops per element', () => {
    const spec = unary(
      'BatchNormalization',
      { epsilon: { float: 1e-5 } },
      { initializers: ['s', 'b', 'm', 'v'].map((n) => weight(n, [4])) },
      ['s', 'b', 'm', 'v'],
    );
    const got = layer(spec);
    expect([got?.kind, got?.params, got?.extraOps]).toEqual(['batchnorm', 8n, 2n * N]);
  });

  it('refuses BatchNormalization statistics of the wrong size', () => {
    const spec = unary(
      'BatchNormalization',
      {},
      { initializers: ['s', 'b', 'm', 'v'].map((n) => weight(n, [n === 'v' ? 5 : 4])) },
      ['s', 'b', 'm', 'v'],
    );
    expect(() => importGraph(spec)).toThrow(/\(BatchNormalization\): input_var has shape \[5\]; expected \[4\]/);
  });

  it('LayerNormalization counts γ and β and 7 ops per element', () => {
    const got = layer(
      unary(
        'LayerNormalization',
        { axis: { int: -1 } },
        { opset: 17, initializers: [weight('g', [5]), weight('b', [5])] },
        ['g', 'b'],
      ),
    );
    expect([got?.kind, got?.params, got?.extraOps]).toEqual(['elementwise', 10n, 7n * N]);
  });
});

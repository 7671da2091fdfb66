import { describe, expect, it } from '@jest/globals';
import { importGraph, int64s, node } from '../onnx-test-graph.js';

// A detection transform's size arithmetic on the static input size: the output size of a Resize is
// ⌊h · s⌋ with s = min(320 / min(h, w), 640 / max(h, w)); here h = 200, w = 300 → s = 1.6 → 320 × 480.
describe('shape arithmetic folds completely', () => {
  it('Cast, Reduce{Min,Max}, Div, Min, Mul, Floor, Ceil, Round, Sqrt, Reciprocal, Where, comparisons', () => {
    const network = importGraph({
      inputs: [['x', [1, 3, 200, 300]]],
      initializers: [
        int64s('hw_at', [2, 3]),
        { name: 'short', dims: [], values: [320] },
        { name: 'long', dims: [], values: [640] },
        { name: 'head', dims: [2], values: [1, 3] },
        { name: 'four', dims: [], values: [4] },
        { name: 'half', dims: [], values: [2.5] },
      ],
      nodes: [
        node('Shape', ['x'], ['shape']),
        node('Gather', ['shape', 'hw_at'], ['hw']),
        node('Cast', ['hw'], ['hwf'], { to: { int: 1 } }),
        node('ReduceMin', ['hwf'], ['lo'], { keepdims: { int: 0 } }),
        node('ReduceMax', ['hwf'], ['hi'], { keepdims: { int: 0 } }),
        node('Div', ['short', 'lo'], ['s1']),
        node('Div', ['long', 'hi'], ['s2']),
        node('Min', ['s1', 's2'], ['s']),
        node('Mul', ['hwf', 's'], ['scaled']),
        node('Floor', ['scaled'], ['floored']),
        // √4 · (1 / 4) = 0.5 → Ceil 1; Round(2.5) = 2 (halves to even); 1 < 2 → Where picks floored
        node('Sqrt', ['four'], ['root']),
        node('Reciprocal', ['four'], ['quarter']),
        node('Mul', ['root', 'quarter'], ['halfone']),
        node('Ceil', ['halfone'], ['one']),
        node('Round', ['half'], ['two']),
        node('Less', ['one', 'two'], ['pick']),
        node('Where', ['pick', 'floored', 'hwf'], ['size']),
        node('Concat', ['head', 'size'], ['scales_hw'], { axis: { int: 0 } }),
        node('Cast', ['scales_hw'], ['sizes'], { to: { int: 7 } }),
        node('Resize', ['x', '', '', 'sizes'], ['y'], { mode: { str: 'linear' } }),
      ],
    });
    expect(network.layers[0]?.output).toEqual({ channels: 3, height: 320, width: 480 });
  });

  it('ReduceSum over one axis, keepdims, and ReduceMean', () => {
    const network = importGraph({
      inputs: [['x', [1, 2, 3, 4]]],
      initializers: [
        { name: 'm', dims: [2, 3], values: [1, 2, 3, 4, 5, 9] },
        int64s('axis1', [1]),
        int64s('head', [1, 2]),
      ],
      nodes: [
        node('ReduceSum', ['m', 'axis1'], ['rows'], { keepdims: { int: 0 } }), // [6, 18]
        node('ReduceMean', ['rows'], ['mean'], { keepdims: { int: 1 } }), // [12]
        node('Cast', ['mean'], ['ten'], { to: { int: 7 } }), // 12
        node('Concat', ['head', 'ten'], ['shape'], { axis: { int: 0 } }), // [1, 2, 12]
        node('Reshape', ['x', 'shape'], ['r'], {}),
        node('Relu', ['r'], ['y']),
      ],
      opset: 13,
    }).layers;
    expect(network[0]?.output).toEqual({ channels: 2, height: 12, width: 1 });
  });
});

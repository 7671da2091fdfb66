import { describe, expect, it } from '@jest/globals';
import { importGraph, int64s, node } from '../onnx-test-graph.js';

describe('GatherND, ScatterElements, empty constants, an unbatched image', () => {
  it('GatherND: dims = indices[:-1] + data[batch_dims + k:] (data movement, no layer)', () => {
    // data 1×6×5 (a C×H×W image unbatched: one sample), indices 4×2 → 4 rows of 5
    const network = importGraph({
      inputs: [['x', [3, 6, 5]]],
      initializers: [int64s('idx', [0, 1, 0, 2, 1, 3, 2, 4], [4, 2])],
      nodes: [node('GatherND', ['x', 'idx'], ['g']), node('Relu', ['g'], ['y'])],
    });
    expect(network.layers.map((l) => l.output)).toEqual([{ channels: 1, height: 4, width: 5 }]);
  });

  it('ScatterElements keeps the dims of data', () => {
    const network = importGraph({
      inputs: [['x', [1, 2, 4]]],
      initializers: [int64s('idx', [0, 1, 2, 3, 3, 2, 1, 0], [1, 2, 4])],
      nodes: [node('ScatterElements', ['x', 'idx', 'x'], ['s'], { axis: { int: 2 } }), node('Relu', ['s'], ['y'])],
    });
    expect(network.layers[0]?.output).toEqual({ channels: 2, height: 4, width: 1 });
  });

  it('an empty int64 constant is a known empty vector (ConstantOfShape of [] is a scalar)', () => {
    const network = importGraph({
      inputs: [['x', [1, 2]]],
      nodes: [
        node('Constant', [], ['empty'], { value: { tensor: { dims: [0], dataType: 7, values: [] } } }),
        node('ConstantOfShape', ['empty'], ['scalar'], { value: { tensor: { dims: [1], dataType: 1, values: [3] } } }),
        node('Mul', ['x', 'scalar'], ['y']),
      ],
    });
    expect(network.layers.map((l) => l.layer.kind)).toEqual(['elementwise']);
  });
});

import { describe, expect, it } from '@jest/globals';
import type { Network } from '../../../src/model/network.js';
import { importGraph, int64s, node, type GraphSpec, type NodeSpec } from '../onnx-test-graph.js';

/** x: 1×6×4×4 through the given nodes, then a Relu on `out` so the final dims are visible. */
function chain(nodes: readonly NodeSpec[], out: string, extra: Partial<GraphSpec> = {}): Network {
  return importGraph({ inputs: [['x', [1, 6, 4, 4]]], nodes: [...nodes, node('Relu', [out], ['final'])], ...extra });
}
const finalShape = (network: Network) => network.layers[network.layers.length - 1]?.output;
const kinds = (network: Network) => network.layers.map((l) => l.layer.kind);

describe('views cost nothing and emit no layer', () => {
  it('Reshape with 0 (copy) and −1 (inferred), Flatten, Transpose, Squeeze and Unsqueeze (attribute and input forms)', () => {
    const reshape = chain([node('Reshape', ['x', 's'], ['y'])], 'y', { initializers: [int64s('s', [0, -1, 8])] });
    expect(kinds(reshape)).toEqual(['activation']);
    expect(finalShape(reshape)).toEqual({ channels: 12, height: 8, width: 1 });
    expect(finalShape(chain([node('Flatten', ['x'], ['y'])], 'y'))).toEqual({ channels: 96, height: 1, width: 1 });
    // [1, 6, 4, 4] flattened from axis 2 is [6, 16]: its first dim is not the sample's, so the
    // sample keeps all 96 elements (the last two dims as H × W).
    expect(finalShape(chain([node('Flatten', ['x'], ['y'], { axis: { int: 2 } })], 'y'))).toEqual({
      channels: 1,
      height: 6,
      width: 16,
    });
    expect(finalShape(chain([node('Transpose', ['x'], ['y'], { perm: { ints: [0, 2, 3, 1] } })], 'y'))).toEqual({
      channels: 4,
      height: 4,
      width: 6,
    });
    const squeezed = chain([node('GlobalAveragePool', ['x'], ['p']), node('Squeeze', ['p', 'a'], ['y'])], 'y', {
      initializers: [int64s('a', [2, 3])],
    });
    expect(finalShape(squeezed)).toEqual({ channels: 6, height: 1, width: 1 });
    const old = chain(
      [
        node('GlobalAveragePool', ['x'], ['p']),
        node('Squeeze', ['p'], ['q'], { axes: { ints: [3] } }),
        node('Unsqueeze', ['q'], ['y'], { axes: { ints: [1] } }),
      ],
      'y',
      { opset: 11 },
    );
    expect(finalShape(old)).toEqual({ channels: 1, height: 6, width: 1 });
    expect(
      finalShape(chain([node('Unsqueeze', ['x', 'a'], ['y'])], 'y', { initializers: [int64s('a', [0])] })),
      // [1, 1, 6, 4, 4]: a rank-5 map keeps its spatial dims before H × W as `outer` (1 × 6 × 4 × 4).
    ).toEqual({ channels: 1, outer: [6], height: 4, width: 4 });
  });

  it('Pad grows the padded axes (input form and the attribute form before opset 11)', () => {
    expect(
      finalShape(
        chain([node('Pad', ['x', 'p'], ['y'])], 'y', { initializers: [int64s('p', [0, 0, 1, 2, 0, 0, 3, 4])] }),
      ),
    ).toEqual({ channels: 6, height: 8, width: 10 });
    expect(
      finalShape(chain([node('Pad', ['x'], ['y'], { pads: { ints: [0, 0, 1, 1, 0, 0, 1, 1] } })], 'y', { opset: 10 })),
    ).toEqual({ channels: 6, height: 6, width: 6 });
  });

  it('Identity, Dropout and Cast pass the value through', () => {
    const network = chain(
      [
        node('Identity', ['x'], ['a']),
        node('Dropout', ['a'], ['b', 'mask']),
        node('Cast', ['b'], ['y'], { to: { int: 1 } }),
      ],
      'y',
    );
    expect(kinds(network)).toEqual(['activation']);
    expect(finalShape(network)).toEqual({ channels: 6, height: 4, width: 4 });
  });

  it('refuses a Reshape that changes the element count', () => {
    expect(() => chain([node('Reshape', ['x', 's'], ['y'])], 'y', { initializers: [int64s('s', [1, 5, -1])] })).toThrow(
      /\(Reshape\): cannot reshape \[1, 6, 4, 4\] \(96 elements\) to \[1, 5, -1\]/,
    );
  });
});

describe('Concat, Split and Slice', () => {
  it('Concat of activations is a concat layer; of constants, folded', () => {
    const network = chain([node('Concat', ['x', 'x'], ['y'], { axis: { int: 1 } })], 'y');
    expect(kinds(network)).toEqual(['concat', 'activation']);
    expect(finalShape(network)).toEqual({ channels: 12, height: 4, width: 4 });
    const folded = chain(
      [node('Concat', ['a', 'b'], ['s'], { axis: { int: 0 } }), node('Reshape', ['x', 's'], ['y'])],
      'y',
      { initializers: [int64s('a', [1, 3]), int64s('b', [2, 16])] },
    );
    expect(finalShape(folded)).toEqual({ channels: 3, height: 2, width: 16 });
  });

  it('Split by sizes (input from opset 13, attribute before) or in equal parts is one split layer', () => {
    const byInput = chain(
      [node('Split', ['x', 's'], ['a', 'b'], { axis: { int: 1 } }), node('Relu', ['b'], ['r'])],
      'r',
      { initializers: [int64s('s', [2, 4])] },
    );
    expect(kinds(byInput)).toEqual(['split', 'activation', 'activation']);
    expect(byInput.layers[0]?.layer).toEqual({ kind: 'split', sizes: [2, 4] });
    expect(byInput.layers[1]?.output.channels).toBe(4);
    const byAttribute = chain([node('Split', ['x'], ['a', 'b'], { axis: { int: 1 }, split: { ints: [5, 1] } })], 'a', {
      opset: 11,
    });
    expect(byAttribute.layers[0]?.layer).toEqual({ kind: 'split', sizes: [5, 1] });
    const equal = chain([node('Split', ['x'], ['a', 'b', 'c'], { axis: { int: 1 } })], 'c');
    expect(equal.layers[0]?.layer).toEqual({ kind: 'split', sizes: [2, 2, 2] });
  });

  it('Slice on channels is a split; on other axes a view; negative and clamped bounds, steps', () => {
    const channels = chain([node('Slice', ['x', 's', 'e', 'a'], ['y'])], 'y', {
      initializers: [int64s('s', [3]), int64s('e', [Number.MAX_SAFE_INTEGER]), int64s('a', [1])],
    });
    expect(channels.layers[0]?.layer).toEqual({ kind: 'split', sizes: [3] });
    const spatial = chain([node('Slice', ['x', 's', 'e', 'a', 'st'], ['y'])], 'y', {
      initializers: [int64s('s', [-1]), int64s('e', [-5]), int64s('a', [3]), int64s('st', [-2])],
    });
    // W = 4: start −1 → 3, end −5 → −1 (clamped), step −2: indices 3, 1
    expect(kinds(spatial)).toEqual(['activation']);
    expect(finalShape(spatial)).toEqual({ channels: 6, height: 4, width: 2 });
    const old = chain(
      [node('Slice', ['x'], ['y'], { starts: { ints: [1] }, ends: { ints: [3] }, axes: { ints: [2] } })],
      'y',
      { opset: 9 },
    );
    expect(finalShape(old)).toEqual({ channels: 6, height: 2, width: 4 });
  });
});

describe('shape arithmetic is folded', () => {
  it('Shape → Gather → Div → Unsqueeze → Concat → Reshape → Transpose → Reshape is a channel shuffle of 2 groups', () => {
    const network = importGraph({
      inputs: [['x', ['batch', 6, 4, 4]]],
      initializers: [
        int64s('i0', [0], []),
        int64s('i1', [1], []),
        int64s('i2', [2], []),
        int64s('i3', [3], []),
        int64s('two', [2], []),
        int64s('minus1', [-1]),
        int64s('g', [2]),
      ],
      nodes: [
        node('Shape', ['x'], ['shape']),
        ...['i0', 'i1', 'i2', 'i3'].map((i) => node('Gather', ['shape', i], [`d${i}`], { axis: { int: 0 } })),
        node('Div', ['di1', 'two'], ['per']),
        ...['di0', 'per', 'di2', 'di3'].map((d) => node('Unsqueeze', [d, 'zero'], [`u${d}`])),
        node('Constant', [], ['zero'], { value: { tensor: { dims: [1], dataType: 7, values: [0] } } }),
        node('Concat', ['udi0', 'g', 'uper', 'udi2', 'udi3'], ['grouped'], { axis: { int: 0 } }),
        node('Reshape', ['x', 'grouped'], ['r']),
        node('Transpose', ['r'], ['t'], { perm: { ints: [0, 2, 1, 3, 4] } }),
        node('Concat', ['udi0', 'minus1', 'udi2', 'udi3'], ['back'], { axis: { int: 0 } }),
        node('Reshape', ['t', 'back'], ['y']),
      ],
    });
    expect(network.layers.map((l) => l.layer)).toEqual([{ kind: 'shuffle', groups: 2 }]);
    expect(network.layers[0]?.output).toEqual({ channels: 6, height: 4, width: 4 });
    expect(network.notCounted).toEqual([]);
  });

  it('Constant forms, ConstantOfShape, Range, Size, Expand and Where fold', () => {
    const network = chain(
      [
        node('Constant', [], ['c1'], { value_ints: { ints: [1, 3] } }),
        node('Constant', [], ['c2'], { value_int: { int: 32 } }),
        node('Unsqueeze', ['c2', 'z'], ['c2v']),
        node('Constant', [], ['z'], { value: { tensor: { dims: [1], dataType: 7, values: [0], typed: true } } }),
        node('Concat', ['c1', 'c2v'], ['s'], { axis: { int: 0 } }),
        node('Reshape', ['x', 's'], ['y']),
      ],
      'y',
    );
    expect(finalShape(network)).toEqual({ channels: 3, height: 32, width: 1 });
    const more = chain(
      [
        node('ConstantOfShape', ['two'], ['ones'], { value: { tensor: { dims: [1], dataType: 7, values: [1] } } }),
        node('Range', ['r0', 'r3', 'r1'], ['range']),
        node('Size', ['x'], ['size']),
        node('Expand', ['ones', 'two'], ['expanded']),
        node('Where', ['r1', 'range', 'range'], ['w']),
        node('Gather', ['w', 'idx'], ['w2'], { axis: { int: 0 } }),
        node('Div', ['size', 'w2'], ['rest']),
        node('Unsqueeze', ['rest', 'zero'], ['restv']),
        node('Concat', ['expanded', 'restv'], ['s'], { axis: { int: 0 } }),
        node('Reshape', ['x', 's'], ['y']),
      ],
      'y',
      {
        initializers: [
          int64s('two', [2]),
          int64s('r0', [0], []),
          int64s('r3', [3], []),
          int64s('r1', [1], []),
          int64s('idx', [1], []),
          int64s('zero', [0]),
        ],
      },
    );
    // ones = [1, 1]; range = [0, 1, 2]; w2 = range[1] = 1; rest = 96 / 1; shape [1, 1, 96]
    expect(finalShape(more)).toEqual({ channels: 1, height: 96, width: 1 });
  });
});

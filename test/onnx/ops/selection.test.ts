import { describe, expect, it } from '@jest/globals';
import { ALL_OPS_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, importGraph, int64s, node, weight } from '../onnx-test-graph.js';
import { userErrorMessage as oneLine } from '../../user-error-message.js';

describe('TopK', () => {
  it('k of the axis, values and indices; a selection: 0 ops in every convention', () => {
    // x 1×10×6; top 4 along the last axis → 1×10×4, then a 1×1 conv reads the values as 10×4×1
    const report = countGraph(
      {
        inputs: [['x', [1, 10, 6]]],
        initializers: [int64s('k', [4]), int64s('shape', [1, 10, 4, 1]), weight('w', [3, 10, 1, 1])],
        nodes: [
          node('TopK', ['x', 'k'], ['v', 'i'], { axis: { int: -1 } }),
          node('Reshape', ['v', 'shape'], ['r']),
          node('Conv', ['r', 'w'], ['y']),
        ],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers.map((l) => [l.kind, l.output])).toEqual([
      ['elementwise', { channels: 10, height: 4, width: 1 }],
      ['conv2d', { channels: 3, height: 4, width: 1 }],
    ]);
    expect(report.total.extraOps).toBe(0n);
    expect(report.total.macs).toBe(4n * 3n * 10n); // 4 positions × 3 outputs × 10 inputs
  });

  it('k larger than the axis is refused by name', () => {
    expect(
      oneLine(() =>
        importGraph({
          inputs: [['x', [1, 5]]],
          initializers: [int64s('k', [6])],
          nodes: [node('TopK', ['x', 'k'], ['v', 'i'], {}, '/top/TopK')],
        }),
      ),
    ).toBe('test.onnx: node "/top/TopK" (TopK): k = 6 for an axis of 5; expected 0 ≤ k ≤ 5');
  });
});

describe('NonMaxSuppression', () => {
  const spec = (maximum: number) => ({
    inputs: [
      ['boxes', [1, 50, 4]],
      ['scores', [1, 3, 50]],
    ] as [string, number[]][],
    initializers: [int64s('max', [maximum])],
    nodes: [
      node('NonMaxSuppression', ['boxes', 'scores', 'max'], ['keep'], {}, '/nms/NonMaxSuppression'),
      node('Cast', ['keep'], ['f'], { to: { int: 1 } }),
      node('Relu', ['f'], ['y'], {}, '/after/Relu'),
    ],
  });

  it('at most batches × classes × min(max per class, boxes) rows; downstream layers carry the bound', () => {
    const network = importGraph(spec(10));
    const [nms, relu] = network.layers;
    // 1 batch × 3 classes × min(10, 50) = 30 selected (batch, class, box) triples
    expect(nms?.output).toEqual({ channels: 1, height: 30, width: 3 }); // [30, 3]
    expect(relu?.dataDependent).toEqual({
      node: '/nms/NonMaxSuppression',
      op: 'NonMaxSuppression',
      bound: 30,
      reason: 'max_output_boxes_per_class 10 × 1 batch × 3 classes',
    });
    expect(nms?.dataDependent?.bound).toBe(30);
    // more per class than boxes: the boxes bound it, 3 × 50 = 150
    expect(importGraph(spec(1000)).layers[0]?.dataDependent?.bound).toBe(150);
  });

  it('a Slice that cuts the kept rows sets the bound: the record names it, the bound it keeps and where it came from', () => {
    // NMS keeps at most 3 × 50 = 150 triples; the Slice keeps the first 20 rows; a Slice of the
    // columns (150 × 3 → 150 × 2) cuts nothing data-dependent and keeps the NMS record
    const network = importGraph({
      ...spec(1000),
      initializers: [
        int64s('max', [1000]),
        int64s('zero', [0]),
        int64s('twenty', [20]),
        int64s('two', [2]),
        int64s('one', [1]),
      ],
      nodes: [
        node('NonMaxSuppression', ['boxes', 'scores', 'max'], ['keep'], {}, '/nms/NonMaxSuppression'),
        node('Cast', ['keep'], ['f'], { to: { int: 1 } }),
        node('Slice', ['f', 'zero', 'twenty', 'zero'], ['first'], {}, '/cut/Slice'),
        node('Relu', ['first'], ['y'], {}, '/after/Relu'),
        node('Slice', ['f', 'zero', 'two', 'one'], ['columns'], {}, '/columns/Slice'),
        node('Sigmoid', ['columns'], ['z'], {}, '/columns/Sigmoid'),
      ],
    });
    const relu = network.layers.find((l) => l.name === 'after/Relu');
    expect(relu?.output).toEqual({ channels: 1, height: 20, width: 3 });
    expect(relu?.dataDependent).toEqual({
      node: '/cut/Slice',
      op: 'Slice',
      bound: 20,
      reason:
        'keeps 20 of the 150 from /nms/NonMaxSuppression (NonMaxSuppression, at most 150: max_output_boxes_per_class 1000 (50 boxes) × 1 batch × 3 classes)',
    });
    const sigmoid = network.layers.find((l) => l.name === 'columns/Sigmoid');
    expect(sigmoid?.output).toEqual({ channels: 1, height: 150, width: 2 });
    expect(sigmoid?.dataDependent?.node).toBe('/nms/NonMaxSuppression');
  });

  it('--bound tightens it', () => {
    const network = importGraph(spec(1000), { bounds: { '/nms/NonMaxSuppression': 7 } });
    expect(network.layers[0]?.output).toEqual({ channels: 1, height: 7, width: 3 });
    expect(network.layers[1]?.dataDependent?.reason).toBe('--bound /nms/NonMaxSuppression=7');
    // listed among the nodes a bound can be given for, with the graph's own bound (3 classes · 50 boxes)
    const listed = [{ node: '/nms/NonMaxSuppression', op: 'NonMaxSuppression', graphBound: 150 }];
    expect(network.boundable).toEqual(listed);
    expect(importGraph(spec(1000)).boundable).toEqual(listed);
  });

  it('a --bound naming no data-dependent node is refused', () => {
    expect(oneLine(() => importGraph(spec(10), { bounds: { '/after/Relu': 3 } }))).toBe(
      'test.onnx bound: a bound is given for "/after/Relu", which is not a node whose output size depends on the data; expected the name of a NonMaxSuppression, NonZero or Loop node without a bound of its own',
    );
  });
});

describe('NonZero', () => {
  it('a constant folds exactly (row-major indices, rank × count)', () => {
    // mask [[0, 2], [3, 0], [0, 5]] → non-zero at (0,1), (1,0), (2,1): indices [[0, 1, 2], [1, 0, 1]]
    const network = importGraph({
      inputs: [['x', [1, 4]]],
      initializers: [
        { name: 'mask', dims: [3, 2], values: [0, 2, 3, 0, 0, 5] },
        int64s('one', [1]),
        int64s('four', [4]),
        int64s('at', [0, 1, 2]),
      ],
      nodes: [
        node('NonZero', ['mask'], ['nz']),
        node('Shape', ['nz'], ['s']),
        node('Gather', ['s', 'one'], ['count']),
        node('Concat', ['count', 'four'], ['shape'], { axis: { int: 0 } }),
        node('Expand', ['x', 'shape'], ['e']),
        node('Relu', ['e'], ['y']),
        // the indices themselves: row 1 is [1, 0, 1], so Gather of [0, 1, 2] at them → 3 elements of x's width
        node('Flatten', ['nz'], ['flat'], { axis: { int: 0 } }),
      ],
    });
    expect(network.layers.map((l) => l.output)).toEqual([{ channels: 1, height: 3, width: 4 }]);
    expect(network.layers[0]?.dataDependent).toBeUndefined();
  });

  it('on an activation: bounded by its element count', () => {
    const network = importGraph({
      inputs: [['x', [1, 2, 3]]],
      nodes: [node('NonZero', ['x'], ['nz'], {}, '/nz/NonZero')],
    });
    expect(network.layers[0]?.dataDependent).toEqual({
      node: '/nz/NonZero',
      op: 'NonZero',
      bound: 6,
      reason: '6 elements of its input',
    });
    expect(network.layers[0]?.output).toEqual({ channels: 1, height: 3, width: 6 }); // [rank 3, 6]
  });
});

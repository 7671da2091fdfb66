import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../../src/cost/analyze.js';
import { ALL_OPS_CONVENTION, PAPER_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, importGraph, node, weight } from '../onnx-test-graph.js';
import { layerBytes } from '../../../src/latency/bytes-moved.js';
import { userErrorMessage as oneLine } from '../../user-error-message.js';

describe('GridSample', () => {
  // X 1×5×8×8, grid 1×6×7×2 → Y 1×5×6×7; a 3×3 conv after it sees 5 channels (never 2 or 14)
  const spec = (mode: string) => ({
    inputs: [
      ['x', [1, 5, 8, 8]],
      ['grid', [1, 6, 7, 2]],
    ] as [string, number[]][],
    initializers: [weight('w', [4, 5, 3, 3])],
    nodes: [
      node('GridSample', ['x', 'grid'], ['s'], { mode: { str: mode } }),
      node('Conv', ['s', 'w'], ['y'], { pads: { ints: [1, 1, 1, 1] } }),
    ],
    opset: 16,
  });

  it('output N × C × grid size; the conv after it counts on that shape', () => {
    const report = countGraph(spec('bilinear'), PAPER_CONVENTION);
    expect(report.layers[0]?.output).toEqual({ channels: 5, height: 6, width: 7 });
    expect(report.total.macs).toBe(6n * 7n * 4n * 5n * 9n);
  });

  it('bilinear 2·4 − 1 = 7 ops per output element, bicubic 2·16 − 1 = 31, nearest 0', () => {
    const elements = 5n * 6n * 7n;
    expect(countGraph(spec('bilinear'), ALL_OPS_CONVENTION).layers[0]?.extraOps).toBe(7n * elements);
    expect(countGraph(spec('bicubic'), ALL_OPS_CONVENTION).layers[0]?.extraOps).toBe(31n * elements);
    expect(countGraph(spec('nearest'), ALL_OPS_CONVENTION).layers[0]?.extraOps).toBe(0n);
  });

  it('a grid that does not fit X is refused by name', () => {
    expect(
      oneLine(() =>
        importGraph({
          inputs: [
            ['x', [1, 5, 8, 8]],
            ['grid', [1, 6, 7, 3]],
          ],
          nodes: [node('GridSample', ['x', 'grid'], ['s'], {}, '/flow/GridSample')],
          opset: 16,
        }),
      ),
    ).toBe(
      'test.onnx: node "/flow/GridSample" (GridSample): input X [1, 5, 8, 8] and grid [1, 6, 7, 3] do not match; expected a grid N × O₁ × … × O_2 × 2 for X N × C × D₁ × … × D_2',
    );
  });
});

describe('RoiAlign', () => {
  const spec = (attrs: Record<string, { int: number } | { str: string }>) => ({
    inputs: [
      ['x', [1, 16, 20, 20]],
      ['rois', [12, 4]],
      ['index', [12]],
    ] as [string, number[]][],
    nodes: [node('RoiAlign', ['x', 'rois', 'index'], ['y'], attrs, '/roi/RoiAlign')],
  });

  it('R × C × output size; avg of s² samples: 7·s² + (s² − 1) + 1 ops per element', () => {
    const report = countGraph(
      spec({ output_height: { int: 7 }, output_width: { int: 5 }, sampling_ratio: { int: 2 } }),
      ALL_OPS_CONVENTION,
    );
    // one 16 × 7 × 5 crop per box: the 12 boxes are the layer's batch
    expect([report.layers[0]?.batch, report.layers[0]?.output]).toEqual([12, { channels: 16, height: 7, width: 5 }]);
    // the feature map (the layer's one activation input here) is read once for all 12 boxes
    const [roiAlign] = importGraph(
      spec({ output_height: { int: 7 }, output_width: { int: 5 }, sampling_ratio: { int: 2 } }),
    ).layers;
    expect([roiAlign?.inputs, roiAlign === undefined ? undefined : layerBytes(roiAlign, 0n).minimum]).toEqual([
      [{ channels: 16, height: 20, width: 20 }],
      4n * (16n * 20n * 20n + 12n * 16n * 7n * 5n),
    ]);
    expect(report.total.extraOps).toBe(32n * 12n * 16n * 7n * 5n); // 7·4 + 3 + 1 = 32
    const max = countGraph(
      spec({ output_height: { int: 7 }, output_width: { int: 5 }, sampling_ratio: { int: 2 }, mode: { str: 'max' } }),
      ALL_OPS_CONVENTION,
    );
    expect(max.total.extraOps).toBe(31n * 12n * 16n * 7n * 5n); // 7·4 + 3 comparisons
  });

  it('adaptive sampling (sampling_ratio 0) depends on the boxes: refused by name', () => {
    expect(oneLine(() => importGraph(spec({})))).toBe(
      'test.onnx: node "/roi/RoiAlign" (RoiAlign): sampling_ratio 0 adapts the samples per bin to each box\'s size, which depends on the data; expected a positive sampling_ratio (torchvision exports its MultiScaleRoIAlign with 2)',
    );
  });
});

describe('normalisation scales written as Constant nodes', () => {
  it('are no params (InstanceNorm2d with affine=False exports unit scales and zero biases that way)', () => {
    const network = importGraph({
      inputs: [['x', [1, 4, 6, 6]]],
      initializers: [weight('norm.weight', [4]), weight('norm.bias', [4])],
      nodes: [
        node('Constant', [], ['ones'], { value: { tensor: { dims: [4], values: [1, 1, 1, 1] } } }),
        node('Constant', [], ['zeros'], { value: { tensor: { dims: [4], values: [0, 0, 0, 0] } } }),
        node('InstanceNormalization', ['x', 'ones', 'zeros'], ['a']),
        node('InstanceNormalization', ['a', 'norm.weight', 'norm.bias'], ['y']),
      ],
    });
    expect(network.layers.map((l) => (l.layer.kind === 'elementwise' ? l.layer.params : -1))).toEqual([0, 8]);
  });
});

describe('a second graph input of the image type and dims', () => {
  it('is a second image (two frames), not a weight', () => {
    const network = importGraph({
      inputs: [
        ['frame1', [1, 3, 8, 8]],
        ['frame2', [1, 3, 8, 8]],
      ],
      nodes: [node('Concat', ['frame1', 'frame2'], ['y'], { axis: { int: 1 } })],
    });
    expect(network.layers[0]?.reads).toEqual([0, 1]);
    expect(network.layers[0]?.tensorParams).toBeUndefined();
  });

  it('takes the resolution as the first frame does, declared or named (RAFT stacks the two along N)', () => {
    for (const dims of [
      [1, 3, 8, 8],
      [1, 3, 'height', 'width'],
    ]) {
      const network = importGraph(
        {
          inputs: [
            ['frame1', dims],
            ['frame2', dims],
          ],
          initializers: [weight('w', [4, 3, 1, 1])],
          nodes: [
            node('Concat', ['frame1', 'frame2'], ['both'], { axis: { int: 0 } }, 'stack'),
            node('Conv', ['both', 'w'], ['y'], {}, 'conv'),
          ],
        },
        {},
        16,
      );
      const conv = network.layers.find((l) => l.name === 'conv');
      // both frames at 16×16: a 1×1 conv 3 → 4 on 2 images, 2 · 256 · 4 · 3 = 6,144 MACs
      expect([conv?.batch, conv?.output]).toEqual([2, { channels: 4, height: 16, width: 16 }]);
      expect(analyze(network, PAPER_CONVENTION).total.macs).toBe(6_144n);
    }
  });
});

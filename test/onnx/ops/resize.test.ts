import { describe, expect, it } from '@jest/globals';
import { ALL_OPS_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, int64s, node } from '../onnx-test-graph.js';

describe('Resize', () => {
  it('scales: ⌊dim · scale⌋; nearest has no ops', () => {
    const report = countGraph(
      {
        inputs: [['x', [1, 2, 5, 5]]],
        initializers: [{ name: 'scales', dims: [4], values: [1, 1, 2, 1.5] }],
        nodes: [node('Resize', ['x', '', 'scales'], ['y'], { mode: { str: 'nearest' } })],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers[0]?.output).toEqual({ channels: 2, height: 10, width: 7 });
    expect(report.total.extraOps).toBe(0n);
  });

  it('sizes win; bilinear counts 2·4 − 1 = 7 ops per output element', () => {
    const report = countGraph(
      {
        inputs: [['x', [1, 2, 5, 5]]],
        initializers: [int64s('sizes', [1, 2, 8, 9])],
        nodes: [node('Resize', ['x', '', '', 'sizes'], ['y'], { mode: { str: 'linear' } })],
      },
      ALL_OPS_CONVENTION,
    );
    expect(report.layers[0]?.output).toEqual({ channels: 2, height: 8, width: 9 });
    expect(report.total.extraOps).toBe(7n * 2n * 8n * 9n);
  });

  it('Upsample (opset 9) reads its scales input', () => {
    const report = countGraph({
      inputs: [['x', [1, 2, 5, 5]]],
      initializers: [{ name: 'scales', dims: [4], values: [1, 1, 2, 2] }],
      nodes: [node('Upsample', ['x', 'scales'], ['y'])],
      opset: 9,
    });
    expect(report.layers[0]?.output).toEqual({ channels: 2, height: 10, width: 10 });
  });
});

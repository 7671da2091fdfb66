import { describe, expect, it } from '@jest/globals';
import { ALL_OPS_CONVENTION } from '../../../src/model/convention.js';
import { countGraph, importGraph, int64s, node, type Attr, type GraphSpec } from '../onnx-test-graph.js';

function pool(
  op: string,
  size: number,
  attrs: Record<string, Attr>,
  extra: Partial<GraphSpec> = {},
  inputs: string[] = [],
): GraphSpec {
  return { inputs: [['x', [1, 2, size, size]]], nodes: [node(op, ['x', ...inputs], ['y'], attrs)], ...extra };
}
const side = (spec: GraphSpec) => importGraph(spec).layers[0]?.output.height;

describe('MaxPool and AveragePool', () => {
  it('use the window rule: floor, or ceil_mode dropping a window that starts in the end padding (PyTorch semantics)', () => {
    const k3s2p1 = { kernel_shape: { ints: [3, 3] }, strides: { ints: [2, 2] }, pads: { ints: [1, 1, 1, 1] } };
    expect(side(pool('MaxPool', 112, k3s2p1))).toBe(56);
    // ceil((56 − 3) / 2) + 1 = 28 vs floor: 27
    expect(
      side(pool('MaxPool', 56, { kernel_shape: { ints: [3, 3] }, strides: { ints: [2, 2] }, ceil_mode: { int: 1 } })),
    ).toBe(28);
    expect(side(pool('MaxPool', 56, { kernel_shape: { ints: [3, 3] }, strides: { ints: [2, 2] } }))).toBe(27);
    // k2 s2 p1 on 5 with ceil: ceil(5 / 2) + 1 = 4, but the 4th window would start at 6 ≥ 5 + 1: 3
    expect(
      side(
        pool('MaxPool', 5, {
          kernel_shape: { ints: [2, 2] },
          strides: { ints: [2, 2] },
          pads: { ints: [1, 1, 1, 1] },
          ceil_mode: { int: 1 },
        }),
      ),
    ).toBe(3);
    expect(
      side(
        pool('AveragePool', 7, {
          kernel_shape: { ints: [3, 3] },
          auto_pad: { str: 'SAME_UPPER' },
          strides: { ints: [2, 2] },
        }),
      ),
    ).toBe(4);
  });

  it('count no MACs; when pooling is counted, k²−1 (max) or k² (avg) ops per output element', () => {
    const max = countGraph(
      pool('MaxPool', 8, { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } }),
      ALL_OPS_CONVENTION,
    );
    expect([max.total.macs, max.total.extraOps]).toEqual([0n, 3n * 2n * 4n * 4n]);
    const avg = countGraph(
      pool('AveragePool', 8, { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } }),
      ALL_OPS_CONVENTION,
    );
    expect(avg.total.extraOps).toBe(4n * 2n * 4n * 4n);
  });
});

describe('global pooling and reductions', () => {
  it('GlobalAveragePool, and ReduceMean over H and W (axes attribute or, from opset 18, input), are global pools', () => {
    const g = countGraph(pool('GlobalAveragePool', 7, {}), ALL_OPS_CONVENTION);
    expect([g.layers[0]?.kind, g.layers[0]?.output, g.total.extraOps]).toEqual([
      'global-pool',
      { channels: 2, height: 1, width: 1 },
      2n * 49n,
    ]);
    const attr = importGraph(pool('ReduceMean', 7, { axes: { ints: [2, 3] }, keepdims: { int: 1 } }));
    expect(attr.layers[0]?.layer).toEqual({ kind: 'global-pool', op: 'avg' });
    const input = importGraph(
      pool('ReduceMean', 7, { keepdims: { int: 0 } }, { opset: 18, initializers: [int64s('axes', [-2, -1])] }, [
        'axes',
      ]),
    );
    expect(input.layers[0]?.layer).toEqual({ kind: 'global-pool', op: 'avg' });
    expect(importGraph(pool('GlobalMaxPool', 7, {})).layers[0]?.layer).toEqual({ kind: 'global-pool', op: 'max' });
  });

  it('other reductions are element-wise with one op per reduced input element', () => {
    // mean over the last axis of 1×2×7×7: 14 outputs, 7 ops each
    const r = countGraph(pool('ReduceMean', 7, { axes: { ints: [-1] } }), ALL_OPS_CONVENTION);
    expect([r.layers[0]?.kind, r.total.extraOps]).toEqual(['elementwise', 14n * 7n]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { countGraph, importGraph, node, weight } from '../onnx-test-graph.js';

describe('Gemm', () => {
  it('is a linear K → N layer: K·N MACs, K·N + N params with a bias (transB and plain forms)', () => {
    const transB = countGraph({
      inputs: [['x', [1, 16]]],
      initializers: [weight('w', [10, 16]), weight('b', [10])],
      nodes: [node('Gemm', ['x', 'w', 'b'], ['y'], { transB: { int: 1 } })],
    });
    expect(transB.layers[0]?.kind).toBe('linear');
    expect(transB.layers[0]?.role).toBe('classifier');
    expect(transB.total.macs).toBe(160n);
    expect(transB.total.params).toBe(170n);
    const plain = countGraph({
      inputs: [['x', [1, 16]]],
      initializers: [weight('w', [16, 10])],
      nodes: [node('Gemm', ['x', 'w'], ['y'])],
    });
    expect(plain.total.params).toBe(160n);
  });

  it('refuses B whose inner dim contradicts A', () => {
    expect(() =>
      importGraph({
        inputs: [['x', [1, 16]]],
        initializers: [weight('w', [10, 15])],
        nodes: [node('Gemm', ['x', 'w'], ['y'], { transB: { int: 1 } })],
      }),
    ).toThrow(/node "\/gemm0\/Gemm" \(Gemm\): A is 1×16 but Bᵀ is 15×10/);
  });

  it('of two activations is a matmul', () => {
    const report = countGraph({
      inputs: [['x', [1, 16]]],
      nodes: [node('Transpose', ['x'], ['t']), node('Gemm', ['t', 'x'], ['y'])],
    });
    expect(report.layers[0]?.kind).toBe('matmul');
    expect(report.total.macs).toBe(16n * 1n * 16n);
  });
});

describe('MatMul', () => {
  it('with a weight: one row per sample is linear; more rows are a 1×1 conv over the rows (rows·K·N MACs)', () => {
    const one = countGraph({
      inputs: [['x', [1, 16]]],
      initializers: [weight('w', [16, 10])],
      nodes: [node('MatMul', ['x', 'w'], ['y'])],
    });
    expect([one.layers[0]?.kind, one.total.macs, one.total.params]).toEqual(['linear', 160n, 160n]);
    const rows = countGraph({
      inputs: [['x', [1, 5, 16]]],
      initializers: [weight('w', [16, 10])],
      nodes: [node('MatMul', ['x', 'w'], ['y'])],
    });
    expect([rows.layers[0]?.kind, rows.total.macs, rows.total.params]).toEqual(['conv2d', 800n, 160n]);
    expect(rows.layers[0]?.output).toEqual({ channels: 10, height: 5, width: 1 });
  });

  it('of two activations is batch·M·K·N MACs with broadcast batch dims', () => {
    // [1, 4, 5, 8] · [1, 1, 8, 6] → [1, 4, 5, 6]: 4 products of 5·8·6
    const report = countGraph(
      {
        inputs: [
          ['a', [1, 4, 5, 8]],
          ['b', [1, 1, 8, 6]],
        ],
        nodes: [node('MatMul', ['a', 'b'], ['y'])],
      },
      undefined,
      { inputs: { a: [1, 4, 5, 8], b: [1, 1, 8, 6] } },
    );
    expect(report.layers[0]?.kind).toBe('matmul');
    expect(report.total.macs).toBe(4n * 5n * 8n * 6n);
    expect(report.total.params).toBe(0n);
  });

  it('refuses mismatched inner dims', () => {
    expect(() =>
      importGraph({
        inputs: [['x', [1, 16]]],
        initializers: [weight('w', [15, 10])],
        nodes: [node('MatMul', ['x', 'w'], ['y'])],
      }),
    ).toThrow(/\(MatMul\): A is \[…, 1, 16\] but B is \[…, 15, 10\]/);
  });
});

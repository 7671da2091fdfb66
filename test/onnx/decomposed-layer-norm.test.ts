/**
 * A LayerNorm as older exporters (opset < 17) write it — ReduceMean, Sub, Pow, ReduceMean, Add ε,
 * Sqrt, Div, then γ Mul and β Add — is recognised as normalisation (`onnx/infer-roles.ts`): every
 * one of its layers has role normalization, γ and β count as its 2·d parameters, and it does no
 * MACs. Hand count on 5 tokens of width 16 followed by a 16 → 10 token-wise Linear.
 */
import { describe, expect, it } from '@jest/globals';
import { countGraph, node, weight, type GraphSpec } from './onnx-test-graph.js';

const lastAxis = { axes: { ints: [-1] } };

function decomposed(square: 'Pow' | 'Mul', epsilon: boolean): GraphSpec {
  return {
    inputs: [['x', [1, 5, 16]]],
    initializers: [
      { name: 'two', dims: [], values: [2] },
      { name: 'eps', dims: [], values: [1e-6] },
      weight('gamma', [16]),
      weight('beta', [16]),
      weight('w', [16, 10]),
    ],
    nodes: [
      node('ReduceMean', ['x'], ['mean'], lastAxis),
      node('Sub', ['x', 'mean'], ['d']),
      square === 'Pow' ? node('Pow', ['d', 'two'], ['d2']) : node('Mul', ['d', 'd'], ['d2']),
      node('ReduceMean', ['d2'], ['var'], lastAxis),
      ...(epsilon ? [node('Add', ['var', 'eps'], ['ve'])] : []),
      node('Sqrt', [epsilon ? 've' : 'var'], ['root']),
      node('Div', ['d', 'root'], ['n']),
      node('Mul', ['n', 'gamma'], ['g']),
      node('Add', ['g', 'beta'], ['y']),
      node('MatMul', ['y', 'w'], ['z']),
    ],
    opset: 13,
  };
}

describe('a decomposed LayerNorm', () => {
  for (const [square, epsilon] of [
    ['Pow', true],
    ['Mul', true],
    ['Pow', false],
  ] as const) {
    it(`(${square} for the square${epsilon ? '' : ', no ε'}) is normalization: 2·16 params, 0 MACs; the Linear after it is not`, () => {
      const report = countGraph(decomposed(square, epsilon));
      const roles = report.layers.map((l) => l.role);
      expect(roles.slice(0, -1).every((r) => r === 'normalization')).toBe(true);
      expect(roles.length).toBe(epsilon ? 10 : 9);
      expect(roles[roles.length - 1]).not.toBe('normalization');
      const norm = report.roles.find((r) => r.role === 'normalization');
      expect([norm?.macs, norm?.params]).toEqual([0n, 32n]);
      expect([report.total.macs, report.total.params]).toEqual([5n * 16n * 10n, 32n + 160n]);
    });
  }

  it('is not claimed when the pattern breaks (the Div divides by something else)', () => {
    const spec = decomposed('Pow', true);
    const broken: GraphSpec = {
      ...spec,
      nodes: spec.nodes.map((n) => (n.op === 'Div' ? node('Div', ['d', 'var'], ['n']) : n)),
    };
    const roles = countGraph(broken).layers.map((l) => l.role);
    expect(roles.filter((r) => r === 'normalization')).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { moduleScope } from '../../src/onnx/shared-tensors.js';
import { importGraph, node, weight, type GraphSpec } from './onnx-test-graph.js';

const params = (spec: GraphSpec) => analyze(importGraph(spec), PAPER_CONVENTION).total.params;

describe('module scopes of PyTorch node names', () => {
  it('drop the op name; a Sequential child replaces its parent segment', () => {
    expect(moduleScope('/features/features.10/block/block.2/fc2/Conv')).toBe('features.10.block.2.fc2');
    expect(moduleScope('/head/conv_1/Conv')).toBe('head.conv_1');
    expect(moduleScope('Conv_12')).toBe('');
  });
});

describe('a tensor read by several layers', () => {
  // one head (3×3 conv 8→8 with bias) applied to three feature maps, as torch 1.13 names the calls
  const tiedHead: GraphSpec = {
    inputs: [['a', [1, 8, 8, 8]]],
    initializers: [weight('head.conv.weight', [8, 8, 3, 3]), weight('head.conv.bias', [8])],
    nodes: [
      node('MaxPool', ['a'], ['b'], { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } }, '/down/MaxPool'),
      node('MaxPool', ['b'], ['c'], { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } }, '/down_1/MaxPool'),
      ...['a', 'b', 'c'].map((x, i) =>
        node(
          'Conv',
          [x, 'head.conv.weight', 'head.conv.bias'],
          [`y${i}`],
          { pads: { ints: [1, 1, 1, 1] } },
          `/head/conv${i === 0 ? '' : `_${i}`}/Conv`,
        ),
      ),
    ],
  };

  it('a tied head counts its params once (PyTorch: 8·8·9 + 8 = 584), MACs three times', () => {
    const network = importGraph(tiedHead);
    expect(analyze(network, PAPER_CONVENTION).total.params).toBe(584n);
    expect(network.layers.map((l) => l.sharedParams ?? 0)).toEqual([0, 0, 0, 584, 584]);
    expect(analyze(network, PAPER_CONVENTION).total.macs).toBe((64n + 16n + 4n) * 8n * 8n * 9n);
    expect(network.layers[3]?.parameterNames).toEqual(['head.conv.weight', 'head.conv.bias']);
    expect(network.sharedTensors?.map((s) => [s.name, s.rule, s.modules, s.params])).toEqual([
      ['head.conv.bias', 'tied', ['head.conv'], 8],
      ['head.conv.weight', 'tied', ['head.conv'], 576],
    ]);
  });

  // two token-wise Linear layers in different modules whose zero biases the exporter merged into
  // one initializer, reached through an Identity
  const merged = (values: number[] | undefined): GraphSpec => ({
    inputs: [['x', [1, 5, 4]]],
    initializers: [
      weight('onnx::MatMul_1', [4, 4]),
      weight('onnx::MatMul_2', [4, 4]),
      { name: 'blocks.0.fc.bias', dims: [4], ...(values !== undefined ? { values } : {}) },
    ],
    nodes: [
      node('MatMul', ['x', 'onnx::MatMul_1'], ['m0'], {}, '/blocks/blocks.0/fc/MatMul'),
      node('Add', ['blocks.0.fc.bias', 'm0'], ['a0'], {}, '/blocks/blocks.0/fc/Add'),
      node('Identity', ['blocks.0.fc.bias'], ['blocks.1.fc.bias'], {}, 'Identity_0'),
      node('MatMul', ['a0', 'onnx::MatMul_2'], ['m1'], {}, '/blocks/blocks.1/fc/MatMul'),
      node('Add', ['blocks.1.fc.bias', 'm1'], ['y'], {}, '/blocks/blocks.1/fc/Add'),
    ],
  });

  it('equal values read by two modules: the exporter merged two parameters, counted once per module', () => {
    const network = importGraph(merged([0, 0, 0, 0]));
    expect(analyze(network, PAPER_CONVENTION).total.params).toBe(2n * 16n + 2n * 4n);
    expect(network.sharedTensors).toEqual([
      {
        name: 'blocks.0.fc.bias',
        elements: 4,
        readers: ['blocks/blocks.0/fc/Add', 'blocks/blocks.1/fc/Add'],
        rule: 'equal-values',
        modules: ['blocks.0.fc', 'blocks.1.fc'],
        params: 8,
      },
    ]);
  });

  it('different values read by two modules: one tied parameter, counted once', () => {
    const network = importGraph(merged([0, 1, 0, 0]));
    expect(analyze(network, PAPER_CONVENTION).total.params).toBe(2n * 16n + 4n);
    expect(network.sharedTensors?.[0]?.rule).toBe('tied');
  });

  it('no values in the file (graph-only): the exporter’s Identity copy is a parameter of its own module', () => {
    const network = importGraph(merged(undefined));
    expect(analyze(network, PAPER_CONVENTION).total.params).toBe(2n * 16n + 2n * 4n);
    expect(network.sharedTensors?.[0]).toMatchObject({
      rule: 'module-scopes',
      modules: ['blocks.0.fc', 'blocks.1.fc'],
    });
    expect(params(tiedHead)).toBe(584n); // the tied head stays tied without values
  });

  it('no values in the file: one tensor read under its own name by two differently named modules is tied, counted once', () => {
    // tied embeddings: blocks.1 reads blocks.0's bias itself, not an exporter's Identity copy of it
    const spec = merged(undefined);
    const tied: GraphSpec = {
      ...spec,
      nodes: spec.nodes
        .filter((n) => n.op !== 'Identity')
        .map((n) => (n.name === '/blocks/blocks.1/fc/Add' ? { ...n, inputs: ['blocks.0.fc.bias', 'm1'] } : n)),
    };
    const network = importGraph(tied);
    expect(analyze(network, PAPER_CONVENTION).total.params).toBe(2n * 16n + 4n);
    expect(network.sharedTensors).toEqual([
      {
        name: 'blocks.0.fc.bias',
        elements: 4,
        readers: ['blocks/blocks.0/fc/Add', 'blocks/blocks.1/fc/Add'],
        rule: 'tied',
        modules: ['blocks.0.fc'],
        params: 4,
      },
    ]);
  });
});

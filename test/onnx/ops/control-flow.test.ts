import { describe, expect, it } from '@jest/globals';
import { MissingBoundError } from '../../../src/onnx/missing-bound.js';
import type { GraphSpec } from '../onnx-test-graph.js';
import { CONV_LOOP_BODY, countGraph, importGraph, int64s, node, weight } from '../onnx-test-graph.js';
import { userErrorMessage as oneLine } from '../../user-error-message.js';

// then: a 3×3 conv 4→8 (pad 1) on the outer x; else: a 1×1 conv 4→2
const ifGraph = (condition: GraphSpec['nodes'][number]): GraphSpec => ({
  inputs: [['x', [1, 4, 6, 6]]],
  initializers: [weight('w3', [8, 4, 3, 3]), weight('w1', [2, 4, 1, 1]), int64s('zero', [0])],
  nodes: [
    condition,
    node(
      'If',
      ['cond'],
      ['y'],
      {
        then_branch: {
          graph: { outputs: ['t'], nodes: [node('Conv', ['x', 'w3'], ['t'], { pads: { ints: [1, 1, 1, 1] } })] },
        },
        else_branch: { graph: { outputs: ['e'], nodes: [node('Conv', ['x', 'w1'], ['e'])] } },
      },
      '/branch/If',
    ),
    node('Relu', ['y'], ['out']),
  ],
});

describe('If', () => {
  it('a constant condition (folded from shapes) walks its branch only', () => {
    // Shape(x)[1] = 4 > 0 → then: 6·6·8·4·9 MACs; Shape(x)[1] = 4 == 0 → else: 6·6·2·4
    const shapeIs = (op: string) => [
      node('Shape', ['x'], ['s']),
      node('Gather', ['s', 'one'], ['c']),
      node(op, ['c', 'zero'], ['cond']),
    ];
    const spec = (op: string): GraphSpec => {
      const base = ifGraph(node('Identity', ['unused'], ['unused2']));
      return {
        ...base,
        initializers: [...(base.initializers ?? []), int64s('one', [1], [])],
        nodes: [...shapeIs(op), ...base.nodes.slice(1)],
      };
    };
    expect(countGraph(spec('Greater')).total.macs).toBe(6n * 6n * 8n * 4n * 9n);
    expect(countGraph(spec('Equal')).total.macs).toBe(6n * 6n * 2n * 4n);
    expect(importGraph(spec('Equal')).layers.map((l) => l.output.channels)).toEqual([2, 2]);
  });

  it('a condition computed from the data is refused by name', () => {
    const spec = ifGraph(node('ReduceMax', ['x'], ['cond'], { keepdims: { int: 0 } }));
    expect(oneLine(() => importGraph(spec))).toBe(
      'test.onnx: node "/branch/If" (If): the condition is computed from the data, so which branch runs is not known at import time; expected a condition folded from constants and shapes',
    );
  });
});

describe('Loop', () => {
  const body = CONV_LOOP_BODY;
  const loop = (inputs: string[], extra: GraphSpec['initializers'] = []): GraphSpec => ({
    inputs: [['x', [1, 4, 6, 6]]],
    initializers: [weight('w', [4, 4, 1, 1]), int64s('trips', [3], []), ...extra],
    nodes: [node('Loop', inputs, ['h', 'stack'], { body: { graph: body } }, '/loop/Loop')],
  });

  it('a constant trip count unrolls the body exactly; scan outputs stack the iterations', () => {
    const network = importGraph(loop(['trips', '', 'x']));
    const report = countGraph(loop(['trips', '', 'x']));
    expect(report.total.macs).toBe(3n * (6n * 6n * 4n * 4n)); // three 1×1 convs 4→4 on 6×6
    expect(report.total.params).toBe(16n); // one tied weight, read three times
    expect(network.layers.map((l) => l.name)).toEqual([
      'loop/Loop/0/body/conv/Conv',
      'loop/Loop/0/body/Relu',
      'loop/Loop/1/body/conv/Conv',
      'loop/Loop/1/body/Relu',
      'loop/Loop/2/body/conv/Conv',
      'loop/Loop/2/body/Relu',
      'loop/Loop',
    ]);
    expect(network.layers[6]?.output).toEqual({ channels: 3 * 4, height: 6, width: 6 }); // [3, 1, 4, 6, 6]
    expect(network.layers.some((l) => l.dataDependent !== undefined)).toBe(false);
    expect(network.sharedTensors).toEqual([
      {
        name: 'w',
        elements: 16,
        readers: ['loop/Loop/0/body/conv/Conv', 'loop/Loop/1/body/conv/Conv', 'loop/Loop/2/body/conv/Conv'],
        rule: 'tied',
        modules: ['body.conv'],
        params: 16,
      },
    ]);
  });

  it('a condition from the data: counted at the trip count, listed as data dependent', () => {
    const network = importGraph({
      ...loop(['trips', 'go', 'x']),
      inputs: [
        ['x', [1, 4, 6, 6]],
        ['go', []],
      ],
    });
    expect(network.layers.filter((l) => l.layer.kind === 'conv2d')).toHaveLength(3);
    expect(network.layers[0]?.dataDependent).toEqual({
      node: '/loop/Loop',
      op: 'Loop',
      bound: 3,
      reason: 'trip count M = 3',
    });
  });

  it('no trip count and a condition from the data: refused, unless --bound gives one', () => {
    const spec: GraphSpec = {
      ...loop(['', 'go', 'x']),
      inputs: [
        ['x', [1, 4, 6, 6]],
        ['go', []],
      ],
    };
    expect(oneLine(() => importGraph(spec))).toBe(
      'test.onnx: node "/loop/Loop" (Loop): its first condition depends on the data, and the graph sets no maximum trip count; expected a maximum trip count M, or one given with --bound /loop/Loop=N',
    );
    // The refusal says, as data, which node needs a bound (the explorer shows a field for it).
    const refusal = (() => {
      try {
        importGraph(spec);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(MissingBoundError);
    expect(refusal).toMatchObject({ node: '/loop/Loop', op: 'Loop' });
    const bounded = importGraph(spec, { bounds: { '/loop/Loop': 2 } });
    expect(bounded.layers.filter((l) => l.layer.kind === 'conv2d')).toHaveLength(2);
    expect(bounded.layers[0]?.dataDependent?.reason).toBe('--bound /loop/Loop=2');
    // a node a bound can be given for, with no bound of the graph's own
    expect(bounded.boundable).toEqual([{ node: '/loop/Loop', op: 'Loop' }]);
  });
});

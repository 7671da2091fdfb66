/**
 * Einsum (`onnx/ops/einsum.ts`), GatherElements and Tile (`onnx/ops/shape-ops.ts`), against MACs
 * and shapes counted by hand for each equation.
 */
import { describe, expect, it } from '@jest/globals';
import { countGraph, importGraph, int64s, node, weight, type GraphSpec } from '../onnx-test-graph.js';

const einsum = (equation: string, inputs: string[], output = 'y') =>
  node('Einsum', inputs, [output], { equation: { str: equation } });

/** Two activation inputs of the given dims (the first is the image input). */
function twoInputs(
  a: readonly number[],
  b: readonly number[],
  nodes: GraphSpec['nodes'],
): ReturnType<typeof countGraph> {
  return countGraph(
    {
      inputs: [
        ['a', a],
        ['b', b],
      ],
      nodes,
    },
    undefined,
    { inputs: { a: [...a], b: [...b] } },
  );
}

describe('Einsum', () => {
  it('attention scores bhid,bhjd->bhij and attn·v bhij,bhjd->bhid: 2 heads · 5·8·5 MACs each, a matmul of two activations', () => {
    const scores = twoInputs([1, 2, 5, 8], [1, 2, 5, 8], [einsum('bhid,bhjd->bhij', ['a', 'b'])]);
    expect([scores.layers[0]?.kind, scores.layers[0]?.role, scores.total.macs, scores.total.params]).toEqual([
      'matmul',
      'attention',
      400n,
      0n,
    ]);
    const mixed = twoInputs([1, 2, 5, 5], [1, 2, 5, 8], [einsum('bhij,bhjd->bhid', ['a', 'b'])]);
    expect(mixed.total.macs).toBe(2n * 5n * 5n * 8n);
  });

  it('a token-wise Linear btd,de->bte, de,btd->bte or ...d,ed->...e: a 1×1 conv over 5 rows, 5·16·10 MACs, 160 params', () => {
    for (const [equation, w, inputs] of [
      ['btd,de->bte', [16, 10], ['x', 'w']],
      ['de,btd->bte', [16, 10], ['w', 'x']],
      ['...d,ed->...e', [10, 16], ['x', 'w']],
    ] as const) {
      const report = countGraph({
        inputs: [['x', [1, 5, 16]]],
        initializers: [weight('w', w)],
        nodes: [einsum(equation, [...inputs])],
      });
      expect([equation, report.layers[0]?.kind, report.total.macs, report.total.params]).toEqual([
        equation,
        'conv2d',
        800n,
        160n,
      ]);
      expect(report.layers[0]?.output).toEqual({ channels: 10, height: 5, width: 1 });
    }
  });

  it('a weight with a batch letter (bhd,hde->bhe: one 8 × 6 weight per head) is a matmul of 4·8·6 MACs; its 192 values still count', () => {
    const report = countGraph({
      inputs: [['x', [1, 4, 8]]],
      initializers: [weight('w', [4, 8, 6])],
      nodes: [einsum('bhd,hde->bhe', ['x', 'w'])],
    });
    expect([report.layers[0]?.kind, report.total.macs, report.total.params]).toEqual(['matmul', 192n, 192n]);
  });

  it('implicit output: bij,bjk sums the repeated b and j and keeps i, k (3 × 6, 1·3·4·6 MACs)', () => {
    const network = importGraph(
      {
        inputs: [
          ['a', [1, 3, 4]],
          ['b', [1, 4, 6]],
        ],
        nodes: [einsum('bij,bjk', ['a', 'b']), node('MatMul', ['y', 'w'], ['z'])],
        initializers: [weight('w', [6, 2])],
      },
      { inputs: { a: [1, 3, 4], b: [1, 4, 6] } },
    );
    expect(network.layers.map((l) => l.layer.kind)).toEqual(['matmul', 'conv2d']);
    // the MatMul on [3, 6] rows: 3 rows of 6 → 2
    expect(network.layers[1]?.output).toEqual({ channels: 2, height: 3, width: 1 });
  });

  it('one operand moves data: bij->bji is a transpose (0 MACs; the MatMul after it sees 4 rows of 3)', () => {
    const report = countGraph({
      inputs: [['x', [1, 3, 4]]],
      initializers: [weight('w', [3, 2])],
      nodes: [einsum('bij->bji', ['x'], 't'), node('MatMul', ['t', 'w'], ['y'])],
    });
    expect([report.layers.map((l) => l.kind), report.total.macs]).toEqual([['conv2d'], 4n * 3n * 2n]);
  });

  it('refuses three operands, two sizes for one letter, a stray symbol, a term of the wrong rank — naming the node', () => {
    const base = {
      inputs: [['x', [1, 5, 16]]] as [string, number[]][],
      initializers: [weight('w', [16, 10]), weight('v', [10, 3])],
    };
    expect(() => importGraph({ ...base, nodes: [einsum('btd,de,ef->btf', ['x', 'w', 'v'])] })).toThrow(
      /\(Einsum\): Einsum of 3 operands; expected one or two operands/,
    );
    expect(() => importGraph({ ...base, nodes: [einsum('btd,te->bte', ['x', 'w'])] })).toThrow(
      /"t" is 5 in one place and 16 in another/,
    );
    expect(() => importGraph({ ...base, nodes: [einsum('bt1,de->bte', ['x', 'w'])] })).toThrow(/term 1 "bt1" has "1"/);
    expect(() => importGraph({ ...base, nodes: [einsum('bd,de->be', ['x', 'w'])] })).toThrow(
      /term "bd" has 2 letters for input 0 of rank 3/,
    );
  });
});

describe('GatherElements and Tile', () => {
  it('GatherElements takes the dims of its indices (data [1, 4, 6], indices [1, 4, 2] → 4 rows of 2)', () => {
    const report = countGraph({
      inputs: [['x', [1, 4, 6]]],
      initializers: [
        int64s(
          'i',
          Array.from({ length: 8 }, (_, k) => k % 6),
          [1, 4, 2],
        ),
        weight('w', [2, 3]),
      ],
      nodes: [node('GatherElements', ['x', 'i'], ['g'], { axis: { int: 2 } }), node('MatMul', ['g', 'w'], ['y'])],
    });
    expect(report.total.macs).toBe(4n * 2n * 3n);
  });

  it('Tile multiplies each dim by its repeat ([1, 4, 3] × [1, 2, 1] → 8 rows of 3) and folds constants ([3] × [2] → [3, 3] as a Reshape target)', () => {
    const tiled = countGraph({
      inputs: [['x', [1, 4, 3]]],
      initializers: [int64s('r', [1, 2, 1]), weight('w', [3, 5])],
      nodes: [node('Tile', ['x', 'r'], ['t']), node('MatMul', ['t', 'w'], ['y'])],
    });
    expect(tiled.total.macs).toBe(8n * 3n * 5n);
    const folded = countGraph({
      inputs: [['x', [1, 9]]],
      initializers: [int64s('one', [1]), int64s('three', [3]), int64s('twice', [2]), weight('w', [3, 2])],
      nodes: [
        node('Tile', ['three', 'twice'], ['threes']),
        node('Concat', ['one', 'threes'], ['shape'], { axis: { int: 0 } }),
        node('Reshape', ['x', 'shape'], ['r']),
        node('MatMul', ['r', 'w'], ['y']),
      ],
    });
    expect(folded.total.macs).toBe(3n * 3n * 2n);
  });
});

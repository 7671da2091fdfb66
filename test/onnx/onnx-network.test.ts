import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { encodeModel, importGraph, node, weight, type GraphSpec } from './onnx-test-graph.js';
import { userErrorMessage as oneLine } from '../user-error-message.js';

const describeBytes = (bytes: Uint8Array, options = {}) =>
  onnxModelDescription(bytes, { kind: 'onnx', reference: 'bad.onnx' }, options);

/** stem conv → depthwise → squeeze-excite → 1×1 → pooled 1×1 conv → Gemm classifier. */
const SE_NET: GraphSpec = {
  inputs: [['image', ['batch', 3, 16, 16]]],
  initializers: [
    weight('stem', [8, 3, 3, 3]),
    weight('dw', [8, 1, 3, 3]),
    weight('se1', [2, 8, 1, 1]),
    weight('se1b', [2]),
    weight('se2', [8, 2, 1, 1]),
    weight('se2b', [8]),
    weight('pw', [16, 8, 1, 1]),
    weight('head', [32, 16, 1, 1]),
    weight('fc', [10, 32]),
    weight('fcb', [10]),
  ],
  nodes: [
    node('Conv', ['image', 'stem'], ['a'], { strides: { ints: [2, 2] }, pads: { ints: [1, 1, 1, 1] } }, '/stem/Conv'),
    node('Relu', ['a'], ['a1'], {}, '/stem/Relu'),
    node('Conv', ['a1', 'dw'], ['b'], { group: { int: 8 }, pads: { ints: [1, 1, 1, 1] } }, '/block/dw/Conv'),
    node('GlobalAveragePool', ['b'], ['p'], {}, '/block/se/GlobalAveragePool'),
    node('Conv', ['p', 'se1', 'se1b'], ['s1'], {}, '/block/se/fc1/Conv'),
    node('Relu', ['s1'], ['s2'], {}, '/block/se/Relu'),
    node('Conv', ['s2', 'se2', 'se2b'], ['s3'], {}, '/block/se/fc2/Conv'),
    node('HardSigmoid', ['s3'], ['gate'], {}, '/block/se/HardSigmoid'),
    node('Mul', ['b', 'gate'], ['c'], {}, '/block/se/Mul'),
    node('Conv', ['c', 'pw'], ['d'], {}, '/block/pw/Conv'),
    node('GlobalAveragePool', ['d'], ['e'], {}, '/pool/GlobalAveragePool'),
    node('Conv', ['e', 'head'], ['f'], {}, '/head/Conv'),
    node('Flatten', ['f'], ['g'], {}, '/Flatten'),
    node('Gemm', ['g', 'fc', 'fcb'], ['logits'], { transB: { int: 1 } }, '/fc/Gemm'),
  ],
  outputs: ['logits'],
};

describe('roles', () => {
  it('are inferred from the graph: stem, depthwise, squeeze-excite, channel fusion, pooled 1×1 and Gemm classifiers', () => {
    const network = importGraph(SE_NET);
    const roles = Object.fromEntries(
      network.layers.filter((l) => l.layer.kind === 'conv2d' || l.layer.kind === 'linear').map((l) => [l.name, l.role]),
    );
    expect(roles).toEqual({
      'stem/Conv': 'stem',
      'block/dw/Conv': 'depthwise',
      'block/se/fc1/Conv': 'squeeze-excite',
      'block/se/fc2/Conv': 'squeeze-excite',
      'block/pw/Conv': 'channel-fusion',
      'head/Conv': 'classifier',
      'fc/Gemm': 'classifier',
    });
  });

  it('let --fusion bft replace exactly the channel-fusion 1×1 (hand count: two base-4 BFTs of size 8 for 8 → 16, 4·8·⌈log_4 8⌉ = 64 MACs each per pixel)', () => {
    const network = importGraph(SE_NET);
    const fused = applyFusion(network, DEFAULT_BFT);
    expect(fused.layers.filter((l) => l.layer.kind === 'butterfly').map((l) => l.name)).toEqual(['block/pw/Conv']);
    const dense = analyze(network, PAPER_CONVENTION);
    // stem 8·8·8·27, dw 8·8·8·9, se 2·8 + 8·2, pw 8·8·16·8, head 32·16, fc 32·10
    expect(dense.total.macs).toBe(13_824n + 4_608n + 16n + 16n + 8_192n + 512n + 320n);
    // params: 216 + 72 + (16 + 2) + (16 + 8) + 128 + 512 + 330
    expect(dense.total.params).toBe(216n + 72n + 18n + 24n + 128n + 512n + 330n);
    // the 8·8-pixel 1×1 (8·8·16·8 MACs) becomes 8·8 · 2 · 64; base 2: 8·8 · 2 · (2·8·3)
    expect(analyze(fused, PAPER_CONVENTION).total.macs).toBe(dense.total.macs - 8_192n + 64n * 2n * 64n);
    expect(analyze(applyFusion(network, { ...DEFAULT_BFT, base: 2 }), PAPER_CONVENTION).total.macs).toBe(
      dense.total.macs - 8_192n + 64n * 2n * 48n,
    );
  });
});

describe('inputs', () => {
  it('a named batch is 1; a fixed resolution parameter overrides H and W; named H and W default to 224', () => {
    expect(importGraph(SE_NET).input).toEqual({ channels: 3, height: 16, width: 16 });
    expect(importGraph(SE_NET, {}, 32).layers[0]?.output).toEqual({ channels: 8, height: 16, width: 16 });
    const named = importGraph({ ...SE_NET, inputs: [['image', ['batch', 3, 'height', 'width']]] });
    expect(named.input).toEqual({ channels: 3, height: 224, width: 224 });
    const description = describeBytes(encodeModel(SE_NET));
    expect(description.parameters.map((p) => [p.name, p.default])).toEqual([['resolution', 16]]);
  });

  it('--input gives dims by name; unknown names, a batch other than 1 and unresolved dims are errors naming the input', () => {
    expect(importGraph(SE_NET, { inputs: { image: [1, 3, 8, 8] } }).input).toEqual({
      channels: 3,
      height: 8,
      width: 8,
    });
    expect(oneLine(() => importGraph(SE_NET, { inputs: { img: [1, 3, 8, 8] } }))).toBe(
      'test.onnx input: "img" is not an input of the graph; expected one of "image"',
    );
    expect(oneLine(() => importGraph(SE_NET, { inputs: { image: [2, 3, 8, 8] } }))).toContain(
      'graph input "image" has batch 2; counts are per sample',
    );
    const tokens: GraphSpec = {
      inputs: [['ids', [1, 'sequence', 16]]],
      initializers: [weight('w', [16, 4])],
      nodes: [node('MatMul', ['ids', 'w'], ['y'])],
    };
    expect(oneLine(() => importGraph(tokens))).toBe(
      'test.onnx input: dim 1 of graph input "ids" is named "sequence"; expected a size for it, e.g. ids=1x?x16, or a square resolution',
    );
  });

  it('weights given as graph inputs (export_params=False) and external-data initializers count by their shapes', () => {
    const asInputs = importGraph({
      inputs: [
        ['x', [1, 3, 8, 8]],
        ['w', [4, 3, 3, 3]],
      ],
      nodes: [node('Conv', ['x', 'w'], ['y'])],
    });
    expect(analyze(asInputs, PAPER_CONVENTION).total.params).toBe(108n);
    const external = importGraph({
      inputs: [['x', [1, 3, 8, 8]]],
      initializers: [{ name: 'w', dims: [4, 3, 3, 3], external: true }],
      nodes: [node('Conv', ['x', 'w'], ['y'])],
    });
    expect(analyze(external, PAPER_CONVENTION).total.macs).toBe(6n * 6n * 4n * 27n);
  });
});

describe('operators without a rule', () => {
  it('are listed as not counted (op type, count, node names), shape taken from value_info or the graph outputs', () => {
    const network = importGraph({
      inputs: [['x', [1, 4, 6, 6]]],
      nodes: [
        node('Foo', ['x'], ['a'], {}, '/m/Foo'),
        { op: 'FusedConv', inputs: ['a'], outputs: ['b'], name: '/m/Fused', domain: 'com.microsoft' },
        node('Foo', ['b'], ['c'], {}, '/n/Foo'),
        node('Relu', ['c'], ['y']),
      ],
      valueInfo: [
        ['a', [1, 4, 6, 6]],
        ['b', [1, 4, 3, 3]],
        ['c', [1, 4, 3, 3]],
      ],
    });
    expect(network.notCounted).toEqual([
      { op: 'com.microsoft.FusedConv', count: 1, nodes: ['/m/Fused'] },
      { op: 'Foo', count: 2, nodes: ['/m/Foo', '/n/Foo'] },
    ]);
    expect(network.layers[0]?.output).toEqual({ channels: 4, height: 3, width: 3 });
  });

  it('without a declared shape, are refused naming the node and op type (never taken as shape-preserving)', () => {
    const refusal = (op: string) =>
      `test.onnx: node "/m/${op}" (${op}): no rule for this operator, and the file declares no shape for its output "a"; its size is not guessed; expected an operator with a rule (README, "ONNX models"), or the output's shape in value_info (then ${op} is listed as not counted)`;
    expect(
      oneLine(() =>
        importGraph({ inputs: [['x', [1, 4, 6, 6]]], nodes: [node('Foo', ['x'], ['a', 'b'], {}, '/m/Foo')] }),
      ),
    ).toBe(refusal('Foo'));
    // one output on one activation: once taken as shape-preserving, now refused
    expect(
      oneLine(() =>
        importGraph({
          inputs: [['x', [1, 4, 6, 6]]],
          nodes: [node('Bar', ['x'], ['a'], {}, '/m/Bar'), node('Relu', ['a'], ['y'])],
        }),
      ),
    ).toBe(refusal('Bar'));
  });
});

describe('bad input', () => {
  const relu: GraphSpec = { inputs: [['x', [1, 2]]], nodes: [node('Relu', ['x'], ['y'])] };

  it('random bytes, JSON or YAML renamed .onnx, an empty or truncated file are not ONNX models', () => {
    let seed = 12345;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >> 16;
    });
    const text = (s: string) => new TextEncoder().encode(s);
    for (const bytes of [
      random,
      text('{"name": "net", "layers": []}\n'),
      text('name: net\nlayers:\n  - kind: relu\n'),
      new Uint8Array(0),
    ]) {
      expect(oneLine(() => describeBytes(bytes))).toMatch(/^bad\.onnx: not an ONNX model/);
    }
    const whole = encodeModel(SE_NET);
    expect(oneLine(() => describeBytes(whole.subarray(0, Math.floor(whole.length / 2))))).toMatch(
      /^bad\.onnx: not an ONNX model: protobuf decoding failed .*truncated/,
    );
  });

  it('a too-new opset', () => {
    expect(oneLine(() => describeBytes(encodeModel({ ...relu, opset: 99 })))).toBe(
      'bad.onnx: opset 99 of the default ONNX domain is not supported; expected opset 7 to 22 (re-export with a supported opset_version)',
    );
  });

  it('a cycle and a dangling input name the node', () => {
    const cycle: GraphSpec = {
      inputs: [['x', [1, 2]]],
      nodes: [node('Add', ['x', 'c'], ['b'], {}, 'first'), node('Relu', ['b'], ['c'], {}, 'second')],
    };
    expect(oneLine(() => describeBytes(encodeModel(cycle)).build())).toBe(
      'bad.onnx: node "first" (Add) is on a cycle: its inputs depend on its own outputs; expected an acyclic graph',
    );
    const dangling: GraphSpec = { inputs: [['x', [1, 2]]], nodes: [node('Add', ['x', 'nowhere'], ['y'], {}, 'add')] };
    expect(oneLine(() => describeBytes(encodeModel(dangling)).build())).toBe(
      'bad.onnx: node "add" (Add): input "nowhere" is not produced by any node, initializer or graph input; expected every node input defined in the graph',
    );
  });

  it('an initializer whose shape contradicts its use, and a shape that cannot be inferred', () => {
    const conv: GraphSpec = {
      inputs: [['x', [1, 3, 8, 8]]],
      initializers: [weight('w', [4, 5, 3, 3])],
      nodes: [node('Conv', ['x', 'w'], ['y'], {}, 'conv')],
    };
    expect(oneLine(() => describeBytes(encodeModel(conv)).build())).toBe(
      'bad.onnx: node "conv" (Conv): weight w has shape [4, 5, 3, 3] for an input of 3 channels with group 1; expected a weight [M, 3, kH, kW] with M divisible by 1',
    );
    const dynamic: GraphSpec = {
      inputs: [
        ['x', [1, 3, 8, 8]],
        ['shape', [4]],
      ],
      nodes: [node('Reshape', ['x', 'shape'], ['y'], {}, 'reshape')],
    };
    expect(oneLine(() => describeBytes(encodeModel(dynamic)).build())).toBe(
      'bad.onnx: node "reshape" (Reshape): input 1 (shape) is not a constant known at import time; expected shape as an initializer, a Constant or folded shape arithmetic',
    );
  });
});

describe('operator rules', () => {
  it('can be replaced or added per import (fvcore-style), e.g. a rule for a custom op', async () => {
    const { ONNX_OP_RULES } = await import('../../src/onnx/ops/index.js');
    const spec: GraphSpec = { inputs: [['x', [1, 4, 6, 6]]], nodes: [node('Foo', ['x'], ['y'], {}, '/m/Foo')] };
    const network = importGraph(spec, {
      rules: {
        ...ONNX_OP_RULES,
        Foo: {
          infer: (context) => [
            context.emit({
              layer: { kind: 'activation', fn: 'relu' },
              reads: [context.input(0, 'x')],
              dims: [1, 4, 6, 6],
            }),
          ],
        },
      },
    });
    expect(network.notCounted).toEqual([]);
    expect(network.layers.map((l) => [l.name, l.layer.kind])).toEqual([['m/Foo', 'activation']]);
  });
});

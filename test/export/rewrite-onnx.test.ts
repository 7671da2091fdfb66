/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * Exporting an imported ONNX model rewrites the file itself (`export/rewrite-onnx.ts`). Oracles:
 * onnxruntime runs the source and the rewrite on the same input (pointwise: the very same bytes
 * and output); the BFT rewrite re-imported through the importer counts exactly the analytic MACs
 * and params of the network it realises, and every initializer the fusion did not touch is
 * byte-for-byte the source's; a graph with operators the layer-record exporter cannot write
 * (element-wise arithmetic with constants) is exported all the same. A file without its weights
 * falls back to the layer-record export.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/cost/analyze.js';
import { exportModel } from '../../src/export/export-model.js';
import { exportNetwork } from '../../src/export/export-network.js';
import { onnxGraphBuilder } from '../../src/export/onnx-graph-builder.js';
import { storesAllWeights } from '../../src/export/rewrite-onnx.js';
import { DEFAULT_BFT, loadNetwork } from '../../src/index.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { runOnnx } from '../runtime/run-onnx.js';
import { withWeights } from '../onnx/with-weights.js';
import { describeFile, initializerBytes, uniform } from './onnx-bytes.js';

const OPTIONS = { seed: 3, butterflyOps: 'conv', foldBatchNorm: false } as const;

describe('exporting an imported ONNX model rewrites its file', () => {
  const source = exportNetwork(
    loadNetwork({ model: 'mobilenet-v1', parameters: { width: 0.25, resolution: 32, classes: 10 } }),
    OPTIONS,
  ).bytes;
  const input = uniform(3 * 32 * 32, 9);
  const dims = [1, 3, 32, 32];

  it('pointwise: the same bytes back, whatever the seed', async () => {
    const model = describeFile(source, 'source');
    expect(storesAllWeights(source)).toBe(true);
    const again = exportModel({ model, parameters: {}, fusion: { kind: 'pointwise' } }, { ...OPTIONS, seed: 77 });
    expect(Buffer.from(again.exported.bytes).equals(Buffer.from(source))).toBe(true);
    expect((await runOnnx(again.exported.bytes, input, dims)).data).toEqual((await runOnnx(source, input, dims)).data);
  });

  it('BFT: runs, re-imports to the analytic counts, and keeps every untouched initializer byte for byte', async () => {
    const model = describeFile(source, 'source');
    const result = exportModel({ model, parameters: {}, fusion: DEFAULT_BFT }, OPTIONS);
    const { data } = await runOnnx(result.exported.bytes, input, dims);
    expect(data).toHaveLength(10);
    expect(data.every(Number.isFinite)).toBe(true);
    const reimported = describeFile(result.exported.bytes, 'rewritten').build();
    const counted = analyze(reimported, PAPER_CONVENTION).total;
    expect([counted.macs, counted.params]).toEqual([result.realised.macs, result.realised.params]);
    const butterflies = result.exported.network.layers
      .filter((entry) => entry.layer.kind === 'butterfly')
      .map((entry) => entry.name);
    expect(result.exported.weightsDrawn).toEqual(butterflies);
    const before = initializerBytes(source);
    const after = initializerBytes(result.exported.bytes);
    const untouched = [...before].filter(
      ([name]) => !butterflies.some((b) => name.startsWith(b.replace(/\/Conv$/, '/'))),
    );
    expect(untouched.length).toBeGreaterThan(40);
    for (const [name, hex] of untouched) expect([name, after.get(name) === hex]).toEqual([name, true]);
  });

  it('exports a graph with operators the layer records cannot express (element-wise arithmetic with constants)', async () => {
    const graph = onnxGraphBuilder('elementwise');
    const [stem = ''] = graph.node('Conv', 'stem', ['input', graph.floats('w0', [16, 3, 3, 3], uniform(432, 1))], {
      kernel_shape: [3, 3],
      pads: [1, 1, 1, 1],
    });
    const [scaled = ''] = graph.node('Add', 'shift', [stem, graph.floats('c', [], new Float32Array([0.25]))]);
    const [relu = ''] = graph.node('Relu', 'relu', [scaled]);
    const [fused = ''] = graph.node('Conv', 'fuse', [relu, graph.floats('w1', [16, 16, 1, 1], uniform(256, 2))], {
      kernel_shape: [1, 1],
    });
    const [pooled = ''] = graph.node('GlobalAveragePool', 'pool', [fused]);
    const bytes = graph.encode({ name: 'input', dims: [1, 3, 8, 8] }, { name: pooled, dims: [1, 16, 1, 1] });
    const model = describeFile(bytes, 'elementwise');
    expect(() => exportNetwork(model.build(), OPTIONS)).toThrow(/kind elementwise \(Add\) has no export/);
    const pointwise = exportModel({ model, parameters: {}, fusion: { kind: 'pointwise' } }, OPTIONS);
    const image = uniform(3 * 64, 4);
    expect((await runOnnx(pointwise.exported.bytes, image, [1, 3, 8, 8])).data).toEqual(
      (await runOnnx(bytes, image, [1, 3, 8, 8])).data,
    );
    const bft = exportModel({ model, parameters: {}, fusion: { ...DEFAULT_BFT, base: 2 } }, OPTIONS);
    expect(bft.exported.weightsDrawn).toEqual(['fuse']);
    expect((await runOnnx(bft.exported.bytes, image, [1, 3, 8, 8])).data).toHaveLength(16);
  });

  it('a real PyTorch export (RegNetY-400MF: SE blocks, strided 1×1 projections), weights filled in: same bytes pointwise; BFT runs and re-imports to its counts', async () => {
    const filled = withWeights(readFileSync(join('test', 'fixtures', 'onnx', 'regnet_y_400mf.onnx')), 5);
    expect(storesAllWeights(filled)).toBe(true);
    const model = describeFile(filled, 'regnet');
    const pointwise = exportModel({ model, parameters: {}, fusion: { kind: 'pointwise' } }, OPTIONS);
    expect(Buffer.from(pointwise.exported.bytes).equals(Buffer.from(filled))).toBe(true);
    const bft = exportModel({ model, parameters: {}, fusion: DEFAULT_BFT }, OPTIONS);
    const image = uniform(3 * 224 * 224, 2);
    const { data } = await runOnnx(bft.exported.bytes, image, [1, 3, 224, 224]);
    expect([data.length, data.every(Number.isFinite)]).toEqual([1000, true]);
    const counted = analyze(describeFile(bft.exported.bytes, 'regnet-bft').build(), PAPER_CONVENTION).total;
    expect([counted.macs, counted.params]).toEqual([bft.realised.macs, bft.realised.params]);
  }, 60_000);

  it('a file without its weights (stripped fixture) falls back to the layer-record export, with seeded weights', async () => {
    const stripped = new Uint8Array(readFileSync(join('test', 'fixtures', 'onnx', 'resnet18.onnx')));
    expect(storesAllWeights(stripped)).toBe(false);
    const result = exportModel(
      { model: describeFile(stripped, 'resnet18'), parameters: { resolution: 32 }, fusion: { kind: 'pointwise' } },
      OPTIONS,
    );
    expect(result.exported.weightsKept).toEqual([]);
    expect((await runOnnx(result.exported.bytes, uniform(3 * 32 * 32, 1), [1, 3, 32, 32])).data).toHaveLength(1000);
  });

  it("says what it cannot do in one line: another size than the graph's, folding its BN", () => {
    const model = describeFile(source, 'source');
    expect(() =>
      exportModel({ model, parameters: { resolution: 64 }, fusion: { kind: 'pointwise' } }, OPTIONS),
    ).toThrow(
      'source.onnx resolution: an imported model is exported at the size its graph declares (32×32), not 64×64',
    );
    expect(() =>
      exportModel({ model, parameters: {}, fusion: { kind: 'pointwise' } }, { ...OPTIONS, foldBatchNorm: true }),
    ).toThrow(/keeps its own BatchNormalization nodes/);
  });
});

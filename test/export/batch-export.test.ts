/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * Layers an imported graph runs on several images stacked along its batch axis (issue 21: RAFT's
 * feature encoder on both frames at once), counted and exported. A small network with weights
 * stacks a map and its ReLU along N and mixes both with one 1×1 conv. Oracles: a hand count;
 * onnxruntime runs the BFT rewrite (a butterfly that dropped the batch axis could not reshape);
 * the rewrite re-imported counts what the what-if counted.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { analyze } from '../../src/cost/analyze.js';
import { exportModel } from '../../src/export/export-model.js';
import { exportNetwork } from '../../src/export/export-network.js';
import { onnxGraphBuilder } from '../../src/export/onnx-graph-builder.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { layerBytes } from '../../src/latency/bytes-moved.js';
import { makePlan } from '../../src/runtime/make-plan.js';
import { planMacs, planShapes } from '../../src/search/plan-candidates.js';
import { DEFAULT_BFT } from '../../src/index.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { trainingCost } from '../../src/training/training-cost.js';
import { withWeights } from '../onnx/with-weights.js';
import { userErrorMessage } from '../user-error-message.js';
import { runOnnx } from '../runtime/run-onnx.js';
import { describeFile, uniform } from './onnx-bytes.js';

const OPTIONS = { seed: 3, butterflyOps: 'conv', foldBatchNorm: false } as const;
const BFT = { ...DEFAULT_BFT, base: 2 };

/** 3×8×8 → stem 3×3 (8 ch) = a; Concat(a, ReLU a) along N → 1×1 conv 8 → 16 on the batch of 2 → ReLU → Split along N → Add → pool. */
function stackedNetwork(): Uint8Array {
  const graph = onnxGraphBuilder('stacked');
  const [a = ''] = graph.node('Conv', 'stem', ['input', graph.floats('w0', [8, 3, 3, 3], uniform(216, 1))], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
  });
  const [b = ''] = graph.node('Relu', 'relu0', [a]);
  const [both = ''] = graph.node('Concat', 'stack', [a, b], { axis: 0 });
  const [mix = ''] = graph.node(
    'Conv',
    'mix',
    [both, graph.floats('w1', [16, 8, 1, 1], uniform(128, 2)), graph.floats('b1', [16], uniform(16, 3))],
    { kernel_shape: [1, 1] },
  );
  const [r = ''] = graph.node('Relu', 'relu1', [mix]);
  const [p = '', q = ''] = graph.node('Split', 'unstack', [r], { axis: 0 }, 2);
  const [sum = ''] = graph.node('Add', 'sum', [p, q]);
  const [pooled = ''] = graph.node('GlobalAveragePool', 'pool', [sum]);
  return graph.encode({ name: 'input', dims: [1, 3, 8, 8] }, { name: pooled, dims: [1, 16, 1, 1] });
}

describe('layers run on images stacked along the batch axis', () => {
  const source = stackedNetwork();
  const input = uniform(3 * 8 * 8, 9);
  const dims = [1, 3, 8, 8];

  it('count every image: hand count 13,824 + 2 · 8,192 MACs, params once', () => {
    const network = describeFile(source, 'stacked').build();
    const mix = network.layers.find((l) => l.name === 'mix');
    expect([mix?.batch, mix?.inputs, mix?.output]).toEqual([
      2,
      [{ channels: 8, height: 8, width: 8 }],
      { channels: 16, height: 8, width: 8 },
    ]);
    // the stacking Concat makes the batch (two images of 8×8×8, not 16 channels); the ReLU and the
    // Split that read the stack inherit it; the stem and the Add of the two parts have none
    const stack = network.layers.find((l) => l.name === 'stack');
    expect([stack?.batch, stack?.inputs, stack?.output]).toEqual([
      2,
      [
        { channels: 8, height: 8, width: 8 },
        { channels: 8, height: 8, width: 8 },
      ],
      { channels: 8, height: 8, width: 8 },
    ]);
    // each input one image, read once; the stack written as two (8·8·8 values each, float32)
    expect(stack === undefined ? undefined : layerBytes(stack, 0n).minimum).toBe(4n * (512n + 512n + 2n * 512n));
    expect(network.layers.filter((l) => l.batch !== undefined).map((l) => l.name)).toEqual([
      'stack',
      'mix',
      'relu1',
      'unstack',
    ]);
    const report = analyze(network, PAPER_CONVENTION);
    // stem 64 pixels · 8 · 3 · 9 = 13,824; mix 2 images · 64 pixels · 16 · 8 = 16,384
    expect(report.total.macs).toBe(13_824n + 16_384n);
    // params: stem 216, mix 128 + 16 bias, counted once
    expect(report.total.params).toBe(216n + 144n);
    expect(report.layers.find((l) => l.name === 'relu1')?.activations).toBe(2n * 16n * 64n);
    // training: the mix conv's two gradients cost its forward MACs each, batch included
    const training = trainingCost(network);
    expect(training.layers.find((l) => l.name === 'mix')?.backwardMacs).toBe(2n * 16_384n);
  });

  it('the BFT what-if keeps the batch: 8 → 16 in base 2 is two squares of 48 edges, 2 · 64 · 96 MACs', () => {
    const fused = analyze(applyFusion(describeFile(source, 'stacked').build(), BFT), PAPER_CONVENTION);
    const mix = fused.layers.find((l) => l.name === 'mix');
    expect([mix?.kind, mix?.batch, mix?.macs]).toEqual(['butterfly', 2, 2n * 64n * 96n]);
    expect(fused.total.macs).toBe(13_824n + 12_288n);
  });

  it('a plan counts every image: its shape holds the batch, its MACs and the network total agree with the count', async () => {
    const [shape] = planShapes(applyFusion(describeFile(source, 'stacked').build(), BFT));
    expect([shape?.batch, shape?.m, shape?.squares]).toEqual([2, 8, 2]);
    // base 2 on squares of 8: 2 squares · 8 · (2 + 2 + 2) per position, 2 images of 64 positions
    expect(shape === undefined ? undefined : planMacs(shape, [2, 2, 2])).toBe(12_288n);
    const made = await makePlan(
      'stacked',
      { model: describeFile(source, 'stacked'), parameters: {}, fusion: BFT },
      { objective: 'macs', forms: ['conv'], maxMacs: 13_824n + 12_288n, threads: 1, runs: 1, warmup: 0, label: 'test' },
    );
    expect(made.plan.layers.map((l) => [l.name, l.dense ? 'dense' : l.radices, l.pixels, l.macs])).toEqual([
      ['mix', [2, 2, 2], 128, 12_288n],
    ]);
    expect(made.networkMacs).toBe(13_824n + 12_288n);
  });

  it('export --fusion bft rewrites the file keeping its batch axis: onnxruntime runs it, it re-counts exactly', async () => {
    const model = describeFile(source, 'stacked');
    const result = exportModel({ model, parameters: {}, fusion: BFT }, OPTIONS);
    expect(result.exported.weightsDrawn).toEqual(['mix']);
    const { data } = await runOnnx(result.exported.bytes, input, dims);
    expect(data).toHaveLength(16);
    expect(data.every(Number.isFinite)).toBe(true);
    const reimported = analyze(describeFile(result.exported.bytes, 'rewritten').build(), PAPER_CONVENTION).total;
    expect([reimported.macs, reimported.params]).toEqual([result.realised.macs, result.realised.params]);
    expect(reimported.macs).toBe(13_824n + 12_288n);
  });

  it('what a batch-1 rebuild cannot hold is refused by name', () => {
    const network = applyFusion(describeFile(source, 'stacked').build(), BFT);
    expect(userErrorMessage(() => exportNetwork(network))).toMatch(
      /cannot export layer stack: it runs on 2 images stacked along the batch axis/,
    );
    const model = describeFile(source, 'stacked');
    expect(
      userErrorMessage(() =>
        exportModel({ model, parameters: {}, fusion: BFT }, { ...OPTIONS, butterflyOps: 'matmul' }),
      ),
    ).toMatch(/cannot export butterfly mix\/square0 as matmul: its layer runs on 2 images stacked/);
  });

  it('RAFT (small) with weights: the BFT rewrite keeps its two frames and its batch-2 encoder, runs, and re-counts', async () => {
    const graphOnly = readFileSync(join(process.cwd(), 'test', 'fixtures', 'onnx-graph', 'raft_small.onnx'));
    const file = { kind: 'onnx', reference: 'raft_small.onnx', path: 'raft_small.onnx' } as const;
    const model = onnxModelDescription(withWeights(graphOnly), file, { complete: true });
    const result = exportModel({ model, parameters: {}, fusion: DEFAULT_BFT }, OPTIONS);
    expect(result.rewritten).toBe(true);
    const butterflies = result.exported.network.layers.filter((l) => l.layer.kind === 'butterfly');
    expect(butterflies.filter((l) => l.batch === 2).map((l) => l.name)).toContain(
      'feature_encoder/layer1/layer1.0/convnormrelu1/convnormrelu1.0/Conv',
    );
    const reimported = analyze(onnxModelDescription(result.exported.bytes, file).build(), PAPER_CONVENTION).total;
    expect([reimported.macs, reimported.params]).toEqual([result.realised.macs, result.realised.params]);
    const session = await ort.InferenceSession.create(result.exported.bytes, { intraOpNumThreads: 1 });
    try {
      const frames = Object.fromEntries(
        session.inputNames.map((name, i) => [
          name,
          new ort.Tensor('float32', uniform(3 * 128 * 128, i + 1), [1, 3, 128, 128]),
        ]),
      );
      expect(session.inputNames).toHaveLength(2);
      const outputs = await session.run(frames);
      const flow = outputs[session.outputNames[session.outputNames.length - 1] ?? ''];
      expect(flow?.dims).toEqual([1, 2, 128, 128]);
      expect(Array.from(flow?.data as Float32Array).every(Number.isFinite)).toBe(true);
    } finally {
      await session.release();
    }
    // without its weights it is rebuilt from records, which cannot hold a second frame: refused by name
    expect(
      userErrorMessage(() =>
        exportModel({ model: onnxModelDescription(graphOnly, file), parameters: {}, fusion: DEFAULT_BFT }, OPTIONS),
      ),
    ).toMatch(/cannot export layer /);
  }, 20_000);
});

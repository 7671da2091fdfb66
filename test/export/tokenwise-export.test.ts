/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * `export --fusion bft` of a transformer: the token-wise MatMul / Gemm nodes become butterflies
 * (`export/tokenwise-butterfly.ts`). Oracles: on a hand-built graph, onnxruntime's output equals
 * the reference butterfly forward (`butterfly/forward.ts`) applied to every token, with the
 * residual — a wrong layout would mix tokens or channels; on torchvision's ViT-Ti/16 and
 * ConvNeXt-T (graph-only fixtures, seeded weights filled in) the rewrite runs, re-imports to the
 * what-if's exact MACs and params, and keeps every untouched initializer byte for byte.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { butterflyForward } from '../../src/butterfly/forward.js';
import { seededRandom } from '../../src/random/seeded-random.js';
import { analyze } from '../../src/cost/analyze.js';
import { exportModel } from '../../src/export/export-model.js';
import { butterflyWeights, layerSeed } from '../../src/export/export-network.js';
import { realisedPlan } from '../../src/export/realise-butterfly.js';
import { DEFAULT_BFT } from '../../src/index.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';
import { encodeModel, node, type GraphSpec } from '../onnx/onnx-test-graph.js';
import { withWeights } from '../onnx/with-weights.js';
import { describeFile, initializerBytes, uniform } from './onnx-bytes.js';
import { runOnnx } from '../runtime/run-onnx.js';

const OPTIONS = { seed: 4, butterflyOps: 'conv', foldBatchNorm: false } as const;

function opTypes(bytes: Uint8Array): string[] {
  const model = ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(bytes)) as { graph: { node?: { opType: string }[] } };
  return (model.graph.node ?? []).map((n) => n.opType);
}

/**
 * 16 channels × 4 pixels → an identity 1×1 Conv (the stem, which no fusion replaces) → 4 tokens
 * of 16 (Reshape, Transpose) → a token-wise product with a stored 16 × 16 weight (a MatMul on
 * [1, 4, 16], or a Gemm with bias on [4, 16]).
 */
function tokenGraph(form: 'MatMul' | 'Gemm'): Uint8Array {
  const random = seededRandom(11);
  const values = (count: number) => Array.from({ length: count }, () => random.next() - 0.5);
  const spec: GraphSpec = {
    inputs: [['image', [1, 16, 2, 2]]],
    initializers: [
      { name: 'eye', dims: [16, 16, 1, 1], values: Array.from({ length: 256 }, (_, i) => (i % 17 === 0 ? 1 : 0)) },
      { name: 'to_rows', dims: [3], dataType: 7, values: [1, 16, 4] },
      { name: 'flat', dims: [2], dataType: 7, values: [4, 16] },
      { name: 'w', dims: [16, 16], values: values(256) },
      { name: 'b', dims: [16], values: values(16) },
    ],
    nodes: [
      node('Conv', ['image', 'eye'], ['stem'], { kernel_shape: { ints: [1, 1] } }),
      node('Reshape', ['stem', 'to_rows'], ['rows']),
      node('Transpose', ['rows'], ['tokens'], { perm: { ints: [0, 2, 1] } }),
      ...(form === 'MatMul'
        ? [node('MatMul', ['tokens', 'w'], ['y'])]
        : [
            node('Reshape', ['tokens', 'flat'], ['token_rows']),
            node('Gemm', ['token_rows', 'w', 'b'], ['y'], { transB: { int: 1 } }),
          ]),
    ],
    outputs: ['y'],
    opset: 17,
  };
  return encodeModel(spec);
}

describe('export --fusion bft rewrites token-wise products', () => {
  for (const form of ['MatMul', 'Gemm'] as const) {
    it(`${form} on 4 tokens of 16: onnxruntime's output is the reference butterfly (base 2, residual) on every token`, async () => {
      const source = tokenGraph(form);
      const model = describeFile(source, `tokens-${form}`);
      const fused = exportModel({ model, parameters: {}, fusion: { ...DEFAULT_BFT, base: 2 } }, OPTIONS);
      expect(fused.rewritten).toBe(true);
      const index = fused.exported.network.layers.findIndex((entry) => entry.layer.kind === 'butterfly');
      const entry = fused.exported.network.layers[index];
      if (entry?.layer.kind !== 'butterfly') throw new Error('no butterfly');
      expect(fused.exported.weightsDrawn).toEqual([entry.name]);
      expect(opTypes(fused.exported.bytes)).not.toContain(form);
      expect(initializerBytes(fused.exported.bytes).has('w')).toBe(false);

      const image = uniform(64, 3);
      const { data } = await runOnnx(fused.exported.bytes, image, [1, 16, 2, 2]);
      const plan = realisedPlan(entry.layer, 16);
      expect(plan.radices).toEqual([2, 2, 2, 2]);
      const weights = butterflyWeights(plan, seededRandom(layerSeed(OPTIONS.seed, index)));
      // the image is channel-major (16 × 4 pixels): the tokens are its pixels
      const expected = butterflyForward(plan, Float64Array.from(weights), Float64Array.from(image), 4, {
        residual: true,
      });
      expect(data).toHaveLength(64);
      for (let token = 0; token < 4; token++) {
        for (let channel = 0; channel < 16; channel++) {
          expect(data[token * 16 + channel]).toBeCloseTo(expected[channel * 4 + token] ?? NaN, 4);
        }
      }
      const counted = analyze(describeFile(fused.exported.bytes, 'again').build(), PAPER_CONVENTION).total;
      // the stem's 16·16 per pixel, then 16·(2+2+2+2) per token; params the butterfly's weights only (the Gemm's bias went with its weight)
      expect([counted.macs, counted.params]).toEqual([4n * 16n * 16n + 4n * 16n * 8n, 16n * 16n + 16n * 8n]);
      expect([fused.realised.macs, fused.realised.params]).toEqual([counted.macs, counted.params]);
    });
  }

  it('a transformer file without its weights says why it cannot be exported and what would work', () => {
    const stripped = new Uint8Array(readFileSync(join('test', 'fixtures', 'onnx-transformers', 'vit_ti_16.onnx')));
    expect(() =>
      exportModel({ model: describeFile(stripped, 'vit_ti_16'), parameters: {}, fusion: DEFAULT_BFT }, OPTIONS),
    ).toThrow(
      /^vit_ti_16\.onnx does not store its weights .*, so it is rebuilt from its layer records, and cannot export layer encoder\/Add: kind elementwise \(Add\) has no export yet; expected the file with its weights/,
    );
  });

  /** The fixture with its weights filled, made once per file (vit_ti_16 is exported twice). */
  const filled = new Map<string, Uint8Array>();
  const fixture = (name: string): Uint8Array => {
    const made =
      filled.get(name) ??
      withWeights(new Uint8Array(readFileSync(join('test', 'fixtures', 'onnx-transformers', `${name}.onnx`))), 7);
    filled.set(name, made);
    return made;
  };

  for (const [name, includeAttentionProjections] of [
    ['vit_ti_16', false],
    ['vit_ti_16', true],
    ['convnext_tiny', false],
  ] as const) {
    it(`${name}${includeAttentionProjections ? ' with --fuse-attention' : ''}: runs, re-imports to the what-if's counts, keeps the untouched weights`, async () => {
      const source = fixture(name);
      const fused = exportModel(
        { model: describeFile(source, name), parameters: {}, fusion: { ...DEFAULT_BFT, includeAttentionProjections } },
        OPTIONS,
      );
      expect(fused.rewritten).toBe(true);
      const replaced = fused.exported.network.layers.filter((entry) => entry.layer.kind === 'butterfly');
      // ViT-Ti: 12 blocks × 2 MLP Linear layers (+ qkv and out projections); ConvNeXt-T: 18 blocks × 2
      expect(replaced.length).toBe(name === 'convnext_tiny' ? 36 : includeAttentionProjections ? 48 : 24);
      expect(fused.exported.weightsDrawn).toHaveLength(replaced.length);

      const { data } = await runOnnx(fused.exported.bytes, uniform(3 * 224 * 224, 5), [1, 3, 224, 224]);
      expect([data.length, data.every(Number.isFinite)]).toEqual([1000, true]);

      const counted = analyze(describeFile(fused.exported.bytes, `${name}-bft`).build(), PAPER_CONVENTION).total;
      expect([counted.macs, counted.params]).toEqual([fused.realised.macs, fused.realised.params]);
      if (name === 'vit_ti_16' && !includeAttentionProjections) {
        // by hand: dense 1,253,683,200 (PyTorch's count) − the MLP's 12·2·197·192·768 + its butterflies:
        // 192 = 4·4·4·3 (mixed radix, 192 is no power of 4), 4 squares per layer, 192·15 MACs per square and token
        const dense = 12n * 2n * 197n * 192n * 768n;
        const butterflies = 12n * 2n * 197n * 4n * 192n * 15n;
        expect(fused.realised.macs).toBe(1_253_683_200n - dense + butterflies);
        expect(fused.relabelled).toHaveLength(24); // requested under base 4 with ⌈log₄ 192⌉ = 4 layers, realised mixed radix
      }

      const before = initializerBytes(source);
      const after = initializerBytes(fused.exported.bytes);
      let kept = 0;
      for (const [tensor, bytes] of after) {
        if (!before.has(tensor)) continue;
        expect(bytes).toBe(before.get(tensor));
        kept++;
      }
      expect(kept).toBeGreaterThan(0);
    }, 120_000);
  }
});

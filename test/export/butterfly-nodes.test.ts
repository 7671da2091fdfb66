/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * The butterfly in standard ONNX operators, run in onnxruntime, against two independent oracles:
 * the reference forward pass (`butterflyForward`) and the dense matrix (`toDense`, the product
 * of the weights along each input → output path).
 */
import { describe, expect, it } from '@jest/globals';
import ort from 'onnxruntime-node';
import { toDense } from '../../src/butterfly/dense.js';
import { butterflyForward } from '../../src/butterfly/forward.js';
import { butterflyPlan, mixedRadixPlan, type ButterflyPlan } from '../../src/butterfly/plan.js';
import { seededRandom } from '../../src/random/seeded-random.js';
import { randomButterflyWeights } from '../../src/butterfly/weights.js';
import { butterflyBlockModel } from '../../src/export/butterfly-block-model.js';
import { BUTTERFLY_OPS, shuffled } from '../../src/export/butterfly-nodes.js';

async function runOnnx(bytes: Uint8Array, input: Float32Array, dims: readonly number[]): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const result = await session.run({ [session.inputNames[0] ?? 'x']: new ort.Tensor('float32', input, dims) });
  const output = result[session.outputNames[0] ?? ''];
  await session.release();
  return output?.data as Float32Array;
}

const PLANS: [string, ButterflyPlan][] = [
  ['n = 8, base 2', butterflyPlan(8, 2)],
  ['n = 64, base 4', butterflyPlan(64, 4)],
  ['n = 27, base 3', butterflyPlan(27, 3)],
  ['mixed radices 3, 2, 4 (n = 24)', mixedRadixPlan([3, 2, 4])],
  ['n = 5 (one layer of radix 5)', mixedRadixPlan([5])],
];

describe('shuffled', () => {
  it("is ShuffleNet's channel shuffle (hand example: 6 channels, 2 groups)", () => {
    expect(shuffled([0, 1, 2, 3, 4, 5], 2)).toEqual([0, 3, 1, 4, 2, 5]);
  });
});

describe('butterfly as ONNX operators', () => {
  for (const ops of BUTTERFLY_OPS) {
    for (const [label, plan] of PLANS) {
      for (const residual of [false, true]) {
        it(`${ops}, ${label}${residual ? ', residual' : ''}: equals the reference forward and the dense matrix`, async () => {
          const random = seededRandom(plan.n * 31 + (residual ? 1 : 0));
          const weights = Float32Array.from(randomButterflyWeights(plan, random));
          const height = 3;
          const width = 5;
          const pixels = height * width;
          const input = Float32Array.from({ length: plan.n * pixels }, () => 2 * random.next() - 1);
          const bytes = butterflyBlockModel(plan, weights, { height, width, ops, residual });
          const y = await runOnnx(bytes, input, [1, plan.n, height, width]);
          const reference = butterflyForward(plan, Float64Array.from(weights), Float64Array.from(input), pixels, {
            residual,
          });
          const dense = toDense(plan, weights, residual);
          const scale = Math.max(...reference.map(Math.abs));
          const far: string[] = [];
          for (let v = 0; v < plan.n; v++) {
            for (let p = 0; p < pixels; p++) {
              let sum = 0;
              for (let u = 0; u < plan.n; u++) sum += (dense[v * plan.n + u] ?? 0) * (input[u * pixels + p] ?? 0);
              const got = y[v * pixels + p] ?? NaN;
              const forward = reference[v * pixels + p] ?? NaN;
              // (written so that NaN counts as far)
              if (!(Math.abs(got - sum) <= 1e-5 * scale && Math.abs(got - forward) <= 1e-5 * scale)) {
                far.push(`channel ${v} pixel ${p}: onnxruntime ${got}, dense ${sum}, reference ${forward}`);
              }
            }
          }
          expect(far).toEqual([]);
        });
      }
    }
  }
});

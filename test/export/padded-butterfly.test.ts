/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * The padded construction (issue 22): m channels zero-padded to P = k^L, a base-k butterfly of
 * size P, the first channels kept. Run in onnxruntime on random inputs, a butterfly layer must
 * equal the dense matrix of the padded butterfly (`toDense`, the reference butterfly's path
 * products) restricted to its n channels, square by square as the shape policy says.
 */
import { describe, expect, it } from '@jest/globals';
import { toDense } from '../../src/butterfly/dense.js';
import { seededRandom } from '../../src/random/seeded-random.js';
import { butterflyWeights, emitButterflyLayer } from '../../src/export/export-network.js';
import { onnxGraphBuilder } from '../../src/export/onnx-graph-builder.js';
import { realisedPlan } from '../../src/export/realise-butterfly.js';
import { butterflySquares } from '../../src/fusion/butterfly-plans.js';
import type { ButterflyForm, ButterflyLayer } from '../../src/model/layer.js';
import { runOnnx } from '../runtime/run-onnx.js';

const HEIGHT = 2;
const WIDTH = 3;
const PIXELS = HEIGHT * WIDTH;

function layer(inChannels: number, outChannels: number, base: number, extra: Partial<ButterflyLayer>): ButterflyLayer {
  return {
    kind: 'butterfly',
    inChannels,
    outChannels,
    base,
    logMode: 'padded',
    shapePolicy: 'official',
    residual: false,
    ...extra,
  };
}

const CASES: [string, ButterflyLayer, ButterflyForm][] = [
  ['6 → 6, base 2, residual (P = 8)', layer(6, 6, 2, { residual: true }), 'conv'],
  [
    '58 → 58, base 4, ceil built padded (P = 64), residual',
    layer(58, 58, 4, { logMode: 'ceil', residual: true }),
    'conv',
  ],
  ['12 → 30, base 4, official: three squares of 12 (P = 16), concatenated, sliced', layer(12, 30, 4, {}), 'matmul'],
  ['30 → 12, base 4, official: input padded to 36, three squares of 12 (P = 16), summed', layer(30, 12, 4, {}), 'conv'],
  ['10 → 6, base 2, square-max: one square of 10 (P = 16)', layer(10, 6, 2, { shapePolicy: 'square-max' }), 'conv'],
];

describe('padded butterflies in ONNX = the padded dense matrix restricted to n channels', () => {
  for (const [label, bft, form] of CASES) {
    it(label, async () => {
      const { m, squares } = butterflySquares(bft);
      const plan = realisedPlan(bft, m);
      expect(plan.n).toBeGreaterThan(m);
      expect(plan.radices.every((r) => r === bft.base)).toBe(true);
      const seed = 7 * bft.inChannels + bft.outChannels;
      const graph = onnxGraphBuilder('padded');
      const output = { channels: bft.outChannels, height: HEIGHT, width: WIDTH };
      const y = emitButterflyLayer(graph, 'b', 'x', bft, output, form, seededRandom(seed));
      const [out = ''] = graph.node('Identity', 'output', [y]);
      const bytes = graph.encode(
        { name: 'x', dims: [1, bft.inChannels, HEIGHT, WIDTH] },
        { name: out, dims: [1, bft.outChannels, HEIGHT, WIDTH] },
      );
      const inputRandom = seededRandom(seed + 1);
      const x = Float32Array.from({ length: bft.inChannels * PIXELS }, () => 2 * inputRandom.next() - 1);
      const { data } = await runOnnx(bytes, x, [1, bft.inChannels, HEIGHT, WIDTH]);

      // The oracle: each square's dense P×P matrix from the same seeded weights, rows and columns < m.
      const random = seededRandom(seed);
      const dense = Array.from({ length: squares }, () => toDense(plan, butterflyWeights(plan, random)));
      const P = plan.n;
      const at = (c: number, p: number) => (c < bft.inChannels ? (x[c * PIXELS + p] ?? 0) : 0);
      const expected = (v: number, p: number): number => {
        let sum = 0;
        if (squares === 1) {
          const d = dense[0]!;
          for (let u = 0; u < bft.inChannels; u++) sum += (d[v * P + u] ?? 0) * at(u, p);
        } else if (bft.outChannels > bft.inChannels) {
          const d = dense[Math.floor(v / m)]!;
          const row = v % m;
          for (let u = 0; u < m; u++) sum += (d[row * P + u] ?? 0) * at(u, p);
        } else {
          dense.forEach((d, i) => {
            for (let u = 0; u < m; u++) sum += (d[v * P + u] ?? 0) * at(i * m + u, p);
          });
        }
        return sum + (bft.residual ? at(v, p) : 0);
      };
      expect(data).toHaveLength(bft.outChannels * PIXELS);
      let worst = 0;
      for (let v = 0; v < bft.outChannels; v++)
        for (let p = 0; p < PIXELS; p++)
          worst = Math.max(worst, Math.abs((data[v * PIXELS + p] ?? NaN) - expected(v, p)));
      expect(worst).toBeLessThan(1e-4);
    });
  }
});

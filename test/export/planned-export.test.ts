/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * Planned butterflies (issue 18) exported: the graph runs in onnxruntime, every planned factor is
 * one grouped operator of its radix, and the re-imported file counts exactly the plan's MACs and
 * params (the importer counts grouped convs and MatMuls; it knows nothing of plans). A plan that
 * keeps some layers dense (issue 22) exports them as the dense 1×1 Conv.
 */
import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { exportNetwork } from '../../src/export/export-network.js';
import { DEFAULT_BFT, type FusionStrategy } from '../../src/fusion/strategy.js';
import { loadNetwork, resolveModel } from '../../src/index.js';
import { makePlan } from '../../src/runtime/make-plan.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { runOnnx } from '../runtime/run-onnx.js';
import { ROUND_DEVICE } from '../fusion/plan-fixtures.js';

const CASES: [string, FusionStrategy][] = [
  ['sqrt, grouped Conv', { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'sqrt' } } }],
  ['sqrt, batched MatMul', { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'sqrt' }, form: 'matmul' } }],
  ['base:2', { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'base', base: 2 } } }],
];

describe('planned BFT export', () => {
  it.each(CASES)('mobilenet-v1 0.5 @32, %s: runs, re-imports to the planned count', async (_label, fusion) => {
    const network = loadNetwork({
      model: 'mobilenet-v1',
      parameters: { width: 0.5, resolution: 32, classes: 10 },
      fusion,
    });
    const exported = exportNetwork(network);
    const input = Float32Array.from({ length: 3 * 32 * 32 }, (_v, i) => Math.sin(i));
    const { data } = await runOnnx(exported.bytes, input, [1, 3, 32, 32]);
    expect(data.length).toBe(10);
    expect(data.every(Number.isFinite)).toBe(true);
    const planned = analyze(network, PAPER_CONVENTION).total;
    const reimported = analyze(
      onnxModelDescription(exported.bytes, { kind: 'onnx', reference: 'planned.onnx' }).build(),
      PAPER_CONVENTION,
    ).total;
    expect({ macs: reimported.macs, params: reimported.params }).toEqual({
      macs: planned.macs,
      params: planned.params,
    });
  });

  it('a plan keeping some layers dense (roofline on a slow-memory device): exported with those layers dense, re-imports to networkMacs', async () => {
    const parameters = { width: 0.5, resolution: 32, classes: 10 };
    const bft = { model: resolveModel('mobilenet-v1'), parameters, fusion: DEFAULT_BFT };
    const device = ROUND_DEVICE;
    const made = await makePlan('mobilenet-v1', bft, {
      objective: 'roofline',
      device,
      forms: ['conv'],
      threads: 1,
      runs: 1,
      warmup: 0,
      label: 'plan.json',
    });
    const dense = made.plan.layers.filter((l) => l.dense).map((l) => l.name);
    expect(dense.length).toBeGreaterThan(0);
    expect(dense.length).toBeLessThan(made.plan.layers.length);
    const network = loadNetwork({
      model: 'mobilenet-v1',
      parameters,
      fusion: { ...DEFAULT_BFT, plan: { kind: 'layers', file: 'plan.json', layers: made.layers } },
    });
    expect(network.layers.filter((l) => dense.includes(l.name)).map((l) => l.layer.kind)).toEqual(
      dense.map(() => 'conv2d'),
    );
    const exported = exportNetwork(network);
    const { data } = await runOnnx(
      exported.bytes,
      Float32Array.from({ length: 3 * 32 * 32 }, (_v, i) => Math.cos(i)),
      [1, 3, 32, 32],
    );
    expect(data.every(Number.isFinite)).toBe(true);
    const reimported = analyze(
      onnxModelDescription(exported.bytes, { kind: 'onnx', reference: 'planned.onnx' }).build(),
      PAPER_CONVENTION,
    ).total;
    expect(reimported.macs).toBe(made.networkMacs);
    expect(reimported.params).toBe(analyze(network, PAPER_CONVENTION).total.params);
  });
});

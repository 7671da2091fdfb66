/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * A plan may keep a layer a dense 1×1 conv (issue 22). Oracles, none of them the plan code
 * itself: the dense and BFT networks' own counts layer by layer (`countCost` with pointwise
 * fusion and with the `--radices sqrt` rule); roofline times and choices worked out by hand on a
 * round-number device profile; hand-made timing tables for the exact choice; MACs by hand for
 * the `macs` objective. makePlan is run only with `macs` and `roofline` (nothing is timed).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { architectureModel } from '../../src/arch/architecture-model.js';
import { parseStructuredText } from '../../src/arch/structured-text.js';
import { buildFusedNetwork, countCost, type CountRequest } from '../../src/count/count-request.js';
import { formatPlan } from '../../src/format/plan-format.js';
import { sqrtRadices } from '../../src/fusion/butterfly-plans.js';
import { parsePlanFile } from '../../src/fusion/plan-file.js';
import { DEFAULT_BFT, type ButterflyFusion } from '../../src/fusion/strategy.js';
import { loadNetwork, resolveModel } from '../../src/index.js';
import { makePlan } from '../../src/runtime/make-plan.js';
import { choosePlan, type PlanCandidate } from '../../src/search/plan-candidates.js';
import { runInProcess } from '../cli/run-main.js';
import { userErrorMessage } from '../user-error-message.js';
import { butterfly8x8, ROUND_DEVICE, square64 } from './plan-fixtures.js';

const MOBILENET_SIZES = [32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024];
const BLOCKS = MOBILENET_SIZES.map((_m, i) => `block${i + 1}/pointwise`);
const SQRT: ButterflyFusion = { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'sqrt' } } };

/** A MobileNetV1-1.0 plan file: every pointwise layer sqrt-planned except `dense`, kept dense; then `extra` entries. */
function mobilenetPlan(dense: readonly string[], extra: readonly object[] = []): string {
  return JSON.stringify({
    layers: [
      ...BLOCKS.map((name, i) =>
        dense.includes(name) ? { name, dense: true } : { name, radices: sqrtRadices(MOBILENET_SIZES[i] ?? 2) },
      ),
      ...extra,
    ],
  });
}

describe('plan files with dense entries', () => {
  it('a dense entry counts the pointwise network’s MACs and params for that layer, the BFT’s elsewhere (layer by layer)', () => {
    const dense = ['block1/pointwise', 'block13/pointwise'];
    const fusion = { ...DEFAULT_BFT, plan: parsePlanFile(mobilenetPlan(dense), 'mixed.json') };
    const request = { model: 'mobilenet-v1', parameters: { width: 1, resolution: 64 } } as const;
    const mixed = countCost(loadRequest(request, fusion));
    const pointwise = countCost(loadRequest(request, { kind: 'pointwise' }));
    const bft = countCost(loadRequest(request, SQRT));
    expect(mixed.layers.map((l) => l.name)).toEqual(bft.layers.map((l) => l.name));
    mixed.layers.forEach((layer, i) => {
      const oracle = dense.includes(layer.name) ? pointwise.layers[i] : bft.layers[i];
      expect([layer.name, layer.kind, layer.macs, layer.params]).toEqual([
        oracle?.name,
        oracle?.kind,
        oracle?.macs,
        oracle?.params,
      ]);
    });
    expect(mixed.layers.filter((l) => l.role === 'channel-fusion').map((l) => l.kind)).toEqual(
      BLOCKS.map((name) => (dense.includes(name) ? 'conv2d' : 'butterfly')),
    );
    // the parameters say what the plan did
    expect(mixed.parameters['plan']).toBe('mixed.json (2 of 13 layers kept dense 1×1 convs)');
  });

  it('the layer kept dense is the original layer record (its weights, if imported, with it)', () => {
    const request = { model: 'mobilenet-v1', parameters: { width: 1, resolution: 32 } } as const;
    const fusion = { ...DEFAULT_BFT, plan: parsePlanFile(mobilenetPlan(['block2/pointwise']), 'p.json') };
    const original = loadNetwork({ ...request, fusion: { kind: 'pointwise' } });
    const planned = buildFusedNetwork(loadRequest(request, fusion));
    const at = original.layers.findIndex((l) => l.name === 'block2/pointwise');
    expect(planned.layers[at]).toEqual(original.layers[at]);
  });

  it('contradictory or malformed entries are one-line user errors naming the file and JSON pointer', () => {
    const refusal = (layers: unknown[]) => userErrorMessage(() => parsePlanFile(JSON.stringify({ layers }), 'p.json'));
    expect(refusal([{ name: 'a', dense: true, radices: [4, 4] }])).toMatch(
      /^p\.json.*\/layers\/0\/radices.*layer a is planned dense and also given radices/,
    );
    expect(
      refusal([
        { name: 'a', radices: [4, 4] },
        { name: 'b', dense: true, form: 'conv' },
      ]),
    ).toMatch(/^p\.json.*\/layers\/1\/form.*layer b is planned dense and also given form/);
    expect(refusal([{ name: 'a', dense: 'yes' }])).toMatch(
      /^p\.json.*\/layers\/0\/dense.*"dense" must be true or false/,
    );
    expect(refusal([{ name: 'a', dense: false }])).toMatch(/\/layers\/0\/radices.*radices must be a list/);
    expect(
      refusal([
        { name: 'a', dense: true },
        { name: 'a', radices: [2, 2] },
      ]),
    ).toMatch(/layer a is planned twice/);
    expect(parsePlanFile(JSON.stringify({ layers: [{ name: 'a', dense: true }] }), 'p.json')).toEqual({
      kind: 'layers',
      file: 'p.json',
      layers: new Map([['a', { kind: 'dense' }]]),
    });
  });

  it('the CLI refuses a bad dense entry, and a dense entry for a layer the BFT does not replace, in one line (exit 2)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-dense-plan-'));
    try {
      const contradictory = join(folder, 'contradictory.json');
      writeFileSync(
        contradictory,
        JSON.stringify({ layers: [{ name: 'block1/pointwise', dense: true, radices: [4, 8] }] }),
      );
      const stranger = join(folder, 'stranger.json');
      writeFileSync(stranger, mobilenetPlan([], [{ name: 'fc', dense: true }]));
      for (const [file, message] of [
        [contradictory, /contradictory\.json.*\/layers\/0\/radices/],
        [stranger, /names layer "fc", which the BFT does not replace/],
      ] as const) {
        const run = await runInProcess(['count', 'mobilenet-v1', '--fusion', 'bft', '--plan', file]);
        expect(run.status).toBe(2);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toMatch(message);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('choosing the dense conv', () => {
  const shape = square64;
  const butterfly = butterfly8x8;
  const dense = (macs: bigint, ms: number): PlanCandidate => ({ kind: 'dense', macs, ms });
  // hand-made table: shape 0 (two layers): butterfly 10 MACs 4 ms, dense 100 MACs 1 ms; shape 1: butterfly 20 MACs 2 ms, dense 50 MACs 3 ms
  const shapes = [shape(['a', 'b']), shape(['c'])];
  const table = [
    [butterfly(10n, 4), dense(100n, 1)],
    [butterfly(20n, 2), dense(50n, 3)],
  ];
  it('latency: the dense conv where it is faster; under a budget only where it fits (by hand)', () => {
    expect(choosePlan(shapes, table, 'latency').map((c) => c.chosen.kind)).toEqual(['dense', 'butterfly']);
    // 2·100 + 20 = 220 fits 220; 219 does not, so shape 0 falls back to its butterfly (2·10 + 20 = 40)
    expect(choosePlan(shapes, table, 'latency', 220n).map((c) => c.chosen.kind)).toEqual(['dense', 'butterfly']);
    expect(choosePlan(shapes, table, 'latency', 219n).map((c) => c.chosen.kind)).toEqual(['butterfly', 'butterfly']);
  });
  it('macs: the dense conv only where it has strictly fewer MACs (a tie keeps the butterfly)', () => {
    const byMacs = [
      [butterfly(64n, 0), dense(64n, 0)],
      [butterfly(128n, 0), dense(96n, 0)],
    ];
    expect(choosePlan(shapes, byMacs, 'macs').map((c) => c.chosen.kind)).toEqual(['butterfly', 'dense']);
    expect(() => choosePlan(shapes, byMacs, 'macs', 2n * 64n + 96n - 1n)).toThrow(RangeError);
  });
});

/** An architecture file's request, built in memory. */
function architecture(name: string, text: string): CountRequest['model'] {
  return architectureModel(parseStructuredText(text, `${name}.yaml`), {
    kind: 'architecture-file',
    reference: `${name}.yaml`,
  });
}

/** 64 channels at 8×8: `wide`, a 1×1 64 → 64 at 8×8 (64 pixels); `narrow`, a 1×1 64 → 64 of stride 4 (2×2, 4 pixels). */
const TWO_SHAPES = architecture(
  'two-shapes',
  `name: two-shapes
parameters: {}
input: { channels: 64, height: 8, width: 8 }
layers:
  - { name: wide, kind: conv2d, out: 64, kernel: 1, role: channel-fusion }
  - { name: narrow, kind: conv2d, out: 64, kernel: 1, stride: 4, role: channel-fusion }
`,
);

/** 4 channels at 2×2: `square` 1×1 4 → 4, then `widen` 1×1 4 → 6 (4 pixels each). */
const SMALL = architecture(
  'small',
  `name: small
parameters: {}
input: { channels: 4, height: 2, width: 2 }
layers:
  - { name: square, kind: conv2d, out: 4, kernel: 1, role: channel-fusion }
  - { name: widen, kind: conv2d, out: 6, kernel: 1, role: channel-fusion }
`,
);

/** A device of round numbers: 10¹² MAC/s, 10⁹ bytes/s (every layer here is memory-bound on it). */
const DEVICE = ROUND_DEVICE;

const PLAN_OPTIONS = { forms: ['conv'], threads: 1, runs: 1, warmup: 0, label: 'test plan' } as const;

describe('makePlan with the dense candidate', () => {
  it('roofline: dense where its bytes are fewer, a butterfly elsewhere — times, MACs and the budget worked by hand', async () => {
    // Bytes (float32). Dense 64 → 64 over P pixels: 4·(64 + 64)·P + 4·64·64 = 512·P + 16 384.
    // Butterfly 8×8: two factors, each a shuffle and a pass (4 read+writes of 64 channels per
    // pixel) = 4·2·64·4·P = 2048·P, plus 64·16 weights · 4 = 4096; 4×4×4: 3072·P + 3072;
    // 4×4×2×2: 4096·P + 3072; 4×2×2×2×2: 5120·P + 3072; 2⁶: 6144·P + 3072.
    // wide (P = 64): dense 49 152 beats 8×8's 135 168 → 49.152 µs; narrow (P = 4): 8×8's 12 288
    // beats 4×4×4's 15 360 and dense 18 432 → 12.288 µs. MACs (10¹² /s) are 1000× under these times.
    const bft = { model: TWO_SHAPES, parameters: {}, fusion: DEFAULT_BFT };
    const made = await makePlan('two-shapes', bft, { ...PLAN_OPTIONS, objective: 'roofline', device: DEVICE });
    expect(made.plan.layers.map((l) => [l.name, l.dense ? 'dense' : l.radices])).toEqual([
      ['wide', 'dense'],
      ['narrow', [8, 8]],
    ]);
    expect(made.plan.layers.map((l) => l.ms)).toEqual([expect.closeTo(0.049152, 9), expect.closeTo(0.012288, 9)]);
    // MACs: wide dense 64·64·64 = 262 144 (the pointwise network's count of it), narrow 8×8: 64·16·4 = 4096
    const pointwise = countCost({ ...bft, fusion: { kind: 'pointwise' } });
    expect(pointwise.layers.find((l) => l.name === 'wide')?.macs).toBe(262_144n);
    expect(made.plan.layers.map((l) => l.macs)).toEqual([262_144n, 4096n]);
    expect(made.networkMacs).toBe(262_144n + 4096n);
    expect(made.criteria.map((c) => c?.met)).toEqual([undefined, true]);
    // A budget that leaves no room for dense: wide as 8×8 (64·16·64 = 65 536 MACs, the fastest
    // butterfly that fits: 135 168 bytes vs 4×4×4's 199 680), exactly on the budget.
    const budget = 65_536n + 4096n;
    const tight = await makePlan('two-shapes', bft, {
      ...PLAN_OPTIONS,
      objective: 'roofline',
      device: DEVICE,
      maxMacs: budget,
    });
    expect(tight.plan.layers.map((l) => (l.dense ? 'dense' : l.radices))).toEqual([
      [8, 8],
      [8, 8],
    ]);
    expect(tight.networkMacs).toBe(budget);
    // --no-dense: never dense
    const butterflies = await makePlan('two-shapes', bft, {
      ...PLAN_OPTIONS,
      objective: 'roofline',
      device: DEVICE,
      dense: false,
    });
    expect(butterflies.plan.layers.some((l) => l.dense)).toBe(false);
  });

  it('macs: dense only where it has strictly fewer MACs; the plan file it writes counts exactly networkMacs', async () => {
    // square 4 → 4: butterfly 2×2 = 4·(2+2)·4 = 64 MACs = dense 4·4·4 = 64: a tie, the butterfly stays.
    // widen 4 → 6 (official: 2 squares of 4): butterfly 2·4·(2+2)·4 = 128 > dense 4·6·4 = 96: dense.
    const bft = { model: SMALL, parameters: {}, fusion: DEFAULT_BFT };
    const made = await makePlan('small', bft, { ...PLAN_OPTIONS, objective: 'macs' });
    expect(made.plan.layers.map((l) => [l.name, l.dense ? 'dense' : l.radices, l.macs])).toEqual([
      ['square', [2, 2], 64n],
      ['widen', 'dense', 96n],
    ]);
    const pointwise = countCost({ ...bft, fusion: { kind: 'pointwise' } });
    const base2 = countCost({ ...bft, fusion: { ...DEFAULT_BFT, base: 2 } });
    const oracle =
      (base2.layers.find((l) => l.name === 'square')?.macs ?? 0n) +
      (pointwise.layers.find((l) => l.name === 'widen')?.macs ?? 0n);
    expect(made.networkMacs).toBe(oracle);
    const reread = parsePlanFile(
      JSON.stringify(made.plan, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)),
      'small.json',
    );
    expect(countCost({ ...bft, fusion: { ...DEFAULT_BFT, plan: reread } }).total.macs).toBe(oracle);
    // the output marks the dense layer and claims no butterfly criteria for it
    const table = formatPlan(made, 'table');
    expect(table).toMatch(/widen .*dense 1×1 conv .*n\/a \(dense\)/);
    expect(table).toMatch(
      /criteria: every planned butterfly \(1 layer\(s\)\) meets .*; 1 layer\(s\) kept dense 1×1 convs: not butterflies/,
    );
    expect(formatPlan(made, 'csv').split('\n')[2]).toMatch(/^widen,4,4,dense 1×1 conv,—,—,96,/);
    const json = JSON.parse(formatPlan(made, 'json')) as { layers: Record<string, unknown>[] };
    expect(json.layers[1]).toMatchObject({ name: 'widen', dense: true, macs: 96 });
    expect(json.layers[1]).not.toHaveProperty('radices');
    expect(json.layers[1]).not.toHaveProperty('criteria');
  });
});

/** A count request of a zoo model by id. */
function loadRequest(
  request: { readonly model: string; readonly parameters: Readonly<Record<string, number>> },
  fusion: CountRequest['fusion'],
): CountRequest {
  return { model: resolveModel(request.model), parameters: request.parameters, ...(fusion ? { fusion } : {}) };
}

import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildNetwork } from '../../src/arch/build.js';
import type { ArchitectureFile, NodeSpec } from '../../src/arch/file-format.js';
import { validateArchitecture } from '../../src/arch/validate.js';
import { analyze } from '../../src/cost/analyze.js';
import { countModel, loadNetwork } from '../../src/index.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import type { CostReport } from '../../src/model/cost.js';

/*
 * Property tests over random valid architectures: small MobileNet-like and residual nets written
 * as architecture objects (so they go through the same schema and builder as user files), plus
 * the zoo's MobileNetV1/V2. numRuns is kept small so the file runs in a few seconds.
 */

interface StageSpec {
  readonly kind: 'separable' | 'residual' | 'plain';
  /** Channels at width 1 (a multiple of 8). */
  readonly out: number;
  readonly stride: 1 | 2;
  readonly expand: number;
  readonly repeat: number;
}
interface NetSpec {
  readonly inChannels: number;
  readonly stem: number;
  readonly stemStride: 1 | 2;
  readonly resolution: number;
  readonly stages: readonly StageSpec[];
}

const stageArb: fc.Arbitrary<StageSpec> = fc.record({
  kind: fc.constantFrom('separable' as const, 'residual' as const, 'plain' as const),
  out: fc.integer({ min: 1, max: 8 }).map((x) => 8 * x),
  stride: fc.constantFrom(1 as const, 2 as const),
  expand: fc.integer({ min: 1, max: 6 }),
  repeat: fc.integer({ min: 1, max: 2 }),
});
const netArb: fc.Arbitrary<NetSpec> = fc.record({
  inChannels: fc.integer({ min: 1, max: 4 }),
  stem: fc.integer({ min: 1, max: 6 }).map((x) => 8 * x),
  stemStride: fc.constantFrom(1 as const, 2 as const),
  resolution: fc.integer({ min: 4, max: 48 }),
  stages: fc.array(stageArb, { minLength: 1, maxLength: 4 }),
});
/** Width multipliers 0.05 … 2 on a grid of 1/20 (exact decimals). */
const widthArb = fc.integer({ min: 1, max: 40 }).map((x) => x / 20);

const channels = (c: number) => `make_divisible(${c} * width, 8)`;

/** The architecture object of a generated net; channel counts scale with `width`. */
function architecture(net: NetSpec): ArchitectureFile {
  const layers: NodeSpec[] = [
    { name: 'stem', kind: 'conv2d', out: channels(net.stem), kernel: 3, stride: net.stemStride },
    { kind: 'batchnorm' },
    { kind: 'relu' },
  ];
  for (const stage of net.stages) {
    if (stage.kind === 'separable') {
      layers.push({ block: 'separable', args: { out: channels(stage.out), stride: stage.stride } });
    } else if (stage.kind === 'plain') {
      // Explicit (PyTorch) padding: floor((H + 2 − 3) / s) + 1.
      layers.push(
        { kind: 'conv2d', out: channels(stage.out), kernel: 3, stride: stage.stride, padding: 1 },
        { kind: 'relu6' },
      );
    } else {
      layers.push({
        repeat: stage.repeat,
        body: [{ parallel: [[], [{ block: 'inverted', args: { t: stage.expand, c: 'c_in' } }]], merge: 'add' }],
      });
    }
  }
  layers.push({ kind: 'global-pool' }, { name: 'fc', kind: 'linear', out: 'classes' });
  return {
    name: 'generated',
    parameters: {
      width: { description: 'width multiplier', default: 1, exclusiveMinimum: 0 },
      resolution: { description: 'input size', default: net.resolution, integer: true, minimum: 1 },
    },
    input: { channels: net.inChannels, height: 'resolution', width: 'resolution' },
    blocks: {
      separable: {
        args: ['out', 'stride'],
        body: [
          { kind: 'conv2d', out: 'c_in', groups: 'c_in', kernel: 3, stride: 'stride' },
          { kind: 'batchnorm' },
          { kind: 'conv2d', out: 'out', kernel: 1 },
          { kind: 'batchnorm' },
        ],
      },
      inverted: {
        args: ['t', 'c'],
        body: [
          { name: 'expand', kind: 'conv2d', out: 'c * t', kernel: 1 },
          { kind: 'relu6' },
          { kind: 'conv2d', out: 'c_in', groups: 'c_in', kernel: 3 },
          { name: 'project', kind: 'conv2d', out: 'c', kernel: 1 },
        ],
      },
    },
    layers,
  };
}

/** Counts a generated net (through schema validation, as a file would be). */
function count(net: NetSpec, parameters: Record<string, number>, bft = false): CostReport {
  const arch = validateArchitecture({ file: 'generated', value: architecture(net), locate: (path) => ({ path }) });
  const network = buildNetwork(arch, { parameters });
  return analyze(bft ? applyFusion(network, DEFAULT_BFT) : network, PAPER_CONVENTION);
}

function sums(report: CostReport) {
  return {
    macs: report.layers.reduce((s, l) => s + l.macs, 0n),
    params: report.layers.reduce((s, l) => s + l.params, 0n),
    activations: report.layers.reduce((s, l) => s + l.activations, 0n),
  };
}

function expectNotAbove(a: CostReport, b: CostReport, fields: readonly ('macs' | 'params' | 'activations')[]) {
  for (const field of fields) expect([field, a.total[field] <= b.total[field]]).toEqual([field, true]);
}

describe('random valid architectures', () => {
  it('total = sum of the layers (MACs, params, activations), pointwise and BFT', () => {
    fc.assert(
      fc.property(netArb, widthArb, (net, width) => {
        for (const bft of [false, true]) {
          const report = count(net, { width }, bft);
          const { macs, params, activations } = sums(report);
          expect({
            macs: report.total.macs,
            params: report.total.params,
            activations: report.total.activations,
          }).toEqual({ macs, params, activations });
          expect(report.total.flops).toBe(2n * macs + report.total.extraOps);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('counts are non-decreasing in width (pointwise: every channel count is make_divisible of c · width)', () => {
    fc.assert(
      fc.property(netArb, widthArb, widthArb, (net, a, b) => {
        const [w1, w2] = a <= b ? [a, b] : [b, a];
        expectNotAbove(count(net, { width: w1 }), count(net, { width: w2 }), ['macs', 'params', 'activations']);
      }),
      { numRuns: 50 },
    );
  });

  it('MACs and activations are non-decreasing in resolution and params do not depend on it (pointwise and BFT)', () => {
    fc.assert(
      fc.property(
        netArb,
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (net, a, b, bft) => {
          const [r1, r2] = a <= b ? [a, b] : [b, a];
          const small = count(net, { resolution: r1 }, bft);
          const large = count(net, { resolution: r2 }, bft);
          expectNotAbove(small, large, ['macs', 'activations']);
          expect(small.total.params).toBe(large.total.params);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('BFT MACs ≤ pointwise MACs for every fused square layer with n ≥ 2k', () => {
    // k·n·⌈log_k n⌉ ≤ n² ⇔ k·⌈log_k n⌉ ≤ n, which holds for n ≥ 2k (n = 2k: k·2 = 2k).
    // Not for every n_in ≠ n_out with min ≥ 2k under the official policy (⌈max/min⌉ square BFTs):
    // 8 → 12, k = 4 costs 2 · 4·8·2 = 128 MACs per pixel against 8·12 = 96 dense.
    fc.assert(
      fc.property(netArb, widthArb, (net, width) => {
        const dense = count(net, { width });
        const fused = count(net, { width }, true);
        let compared = 0;
        fused.layers.forEach((layer, i) => {
          if (layer.kind !== 'butterfly') return;
          const before = dense.layers[i];
          expect(before?.name).toBe(layer.name);
          const [nIn, nOut] = [layer.inputs[0]?.channels ?? 0, layer.output.channels];
          if (nIn !== nOut || nIn < 2 * DEFAULT_BFT.base) return;
          expect([layer.name, layer.macs <= (before?.macs ?? 0n)]).toEqual([layer.name, true]);
          compared++;
        });
        return compared >= 0;
      }),
      { numRuns: 50 },
    );
  });
});

describe('zoo MobileNetV1 and MobileNetV2', () => {
  const widths = fc.integer({ min: 5, max: 28 }).map((x) => x / 20); // 0.25 … 1.4
  const resolutions = fc.integer({ min: 32, max: 256 });

  for (const model of ['mobilenet-v1', 'mobilenet-v2']) {
    it(`${model}: MACs, params and activations are non-decreasing in width`, () => {
      fc.assert(
        fc.property(widths, widths, (a, b) => {
          const [w1, w2] = a <= b ? [a, b] : [b, a];
          expectNotAbove(
            countModel({ model, parameters: { width: w1, resolution: 128 } }),
            countModel({ model, parameters: { width: w2, resolution: 128 } }),
            ['macs', 'params', 'activations'],
          );
        }),
        { numRuns: 8 },
      );
    });

    it(`${model}: MACs are non-decreasing in resolution, pointwise and BFT`, () => {
      fc.assert(
        fc.property(resolutions, resolutions, fc.boolean(), (a, b, bft) => {
          const [r1, r2] = a <= b ? [a, b] : [b, a];
          const fusion = bft ? DEFAULT_BFT : { kind: 'pointwise' as const };
          expectNotAbove(
            countModel({ model, parameters: { resolution: r1 }, fusion }),
            countModel({ model, parameters: { resolution: r2 }, fusion }),
            ['macs', 'activations'],
          );
        }),
        { numRuns: 8 },
      );
    });
  }

  it('every fused layer of the zoo with n_in = n_out ≥ 2k costs no more than its dense 1×1', () => {
    for (const model of ['mobilenet-v1', 'mobilenet-v2', 'mobilenet-v3-large', 'shufflenet-v2', 'resnet-50']) {
      const dense = analyze(loadNetwork({ model }), PAPER_CONVENTION);
      const fused = analyze(loadNetwork({ model, fusion: DEFAULT_BFT }), PAPER_CONVENTION);
      fused.layers.forEach((layer, i) => {
        const n = layer.output.channels;
        if (layer.kind !== 'butterfly' || layer.inputs[0]?.channels !== n || n < 2 * DEFAULT_BFT.base) return;
        expect([model, layer.name, layer.macs <= (dense.layers[i]?.macs ?? 0n)]).toEqual([model, layer.name, true]);
      });
    }
  });
});

/**
 * Buildable counts (issue 22): `countCost(…).buildable` is the count of the network `export`
 * builds with the same options. Oracles: hand counts (tiny-net at two widths, ShuffleNetV2-1.0's
 * butterflies layer by layer), and the exported ONNX bytes imported back and counted by the ONNX
 * importer, which knows nothing of log modes (it sees Pad, Slice and grouped 1×1 Convs).
 */
import { describe, expect, it } from '@jest/globals';
import { analyze } from '../../src/cost/analyze.js';
import { exportModel } from '../../src/export/export-model.js';
import type { ButterflyFusion } from '../../src/fusion/strategy.js';
import { countCost, DEFAULT_BFT, defaultModelSource, type CountRequest } from '../../src/index.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { readFileSync } from 'node:fs';

const TINY = 'data/examples/tiny-net.json';
const models = defaultModelSource();

function request(model: string, parameters: Record<string, number>, fusion: ButterflyFusion): CountRequest {
  return { model: models.resolve(model), parameters, fusion };
}

describe('buildable counts by hand', () => {
  // tiny-net (see test/count/registry-override.test.ts) at width 1: stem, depthwise and FC layers
  // 110,592 + 9,216 + 2·18,432 + 32,000 = 188,672 MACs; butterflies on 8×8 = 64 pixels:
  // down 16 → 32 (two squares of 16 = 4², 4·16·2 = 128 edges each) 256·64 = 16,384; each unit's
  // 32 → 32: ceil 4·32·⌈log_4 32⌉ = 384 edges; built mixed radix 32·(2·5) = 320 (padded: 4·64·3 = 768).
  it('tiny-net width 1, base 4: counted 254,208 MACs, built 246,016 (two 32-channel butterflies 384 → 320 edges)', () => {
    const report = countCost(request(TINY, {}, DEFAULT_BFT));
    expect(report.total.macs).toBe(188_672n + 16_384n + 2n * 384n * 64n);
    expect(report.buildable?.total.macs).toBe(188_672n + 16_384n + 2n * 320n * 64n);
    expect(report.total.params - (report.buildable?.total.params ?? 0n)).toBe(2n * (384n - 320n));
    expect(report.buildable?.rebuilt.map((r) => [r.size, r.built])).toEqual([
      [32, 'mixed-radix'],
      [32, 'mixed-radix'],
    ]);
  });

  it('tiny-net width 1, --log-mode padded: 303,360 MACs, counted = built (export zero-pads 32 to 64 channels)', () => {
    const report = countCost(request(TINY, {}, { ...DEFAULT_BFT, logMode: 'padded' }));
    expect(report.total.macs).toBe(188_672n + 16_384n + 2n * 768n * 64n);
    expect(report.buildable?.total).toEqual(report.total);
    expect(report.buildable?.rebuilt).toEqual([]);
  });

  // width 0.5: channels 8 and 16. Stem 16·16·8·27 = 55,296, depthwise 8·8·8·9 = 4,608 and
  // 2·8·8·16·9 = 18,432, FC 16,000: 94,336. down 8 → 16: two squares of 8, ceil 4·8·2 = 64 edges
  // each, built mixed radix 8·(2+2+2) = 48 (padded 4·16·2 = 128); units 16 → 16: 4·16·2 = 128 edges.
  it('tiny-net width 0.5: counted 118,912, built 116,864 (the 8-channel squares 64 → 48 edges)', () => {
    const report = countCost(request(TINY, { width: 0.5 }, DEFAULT_BFT));
    expect(report.total.macs).toBe(94_336n + 2n * 64n * 64n + 2n * 128n * 64n);
    expect(report.buildable?.total.macs).toBe(94_336n + 2n * 48n * 64n + 2n * 128n * 64n);
  });

  // The zoo's ShuffleNetV2-1.0 @224, base 4, counted 33,316,568 MACs (the paper convention). Per
  // rebuilt layer, (built − counted edges) · pixels, sizes worked out by hand:
  //   58 (ceil 4·58·3 = 696; padded 4·64·3 = 768 < mixed 58·31 = 1798): stage2's first pw2 58 → 92
  //     (two squares) 2·72·784 = 112,896 and six basic 1×1s 6·72·784 = 338,688;
  //   116 (ceil 4·116·4 = 1856; mixed 116·33 = 3828 < padded 4·256·4 = 4096): sixteen at 14×14
  //     16·1972·196 = 6,184,192 and stage3's first pw1 at 28×28 1972·784 = 1,546,048;
  //   232 (ceil 4·232·4 = 3712; padded 4096 < mixed 232·35 = 8120): eight at 7×7 8·384·49 = 150,528
  //     and stage4's first pw1 at 14×14 384·196 = 75,264;
  //   conv5 464 → 1024, three squares of 464 (ceil 4·464·5 = 9280; mixed 464·37 = 17,168 < padded
  //     4·1024·5 = 20,480): 3·7888·49 = 1,159,536.
  it('ShuffleNetV2-1.0 @224, base 4: counted 33,316,568, built 42,883,720; padded 44,421,144', () => {
    const fusion = DEFAULT_BFT;
    const report = countCost(request('shufflenet-v2', {}, fusion));
    expect(report.total.macs).toBe(33_316_568n);
    const extra = 112_896n + 338_688n + 6_184_192n + 1_546_048n + 150_528n + 75_264n + 1_159_536n;
    expect(report.buildable?.total.macs).toBe(33_316_568n + extra);
    expect(report.buildable?.total.macs).toBe(42_883_720n);
    const padded = countCost(request('shufflenet-v2', {}, { ...fusion, logMode: 'padded' }));
    expect(padded.total.macs).toBe(44_421_144n);
    expect(padded.buildable?.total.macs).toBe(44_421_144n);
  });
});

describe('buildable counts equal the exported files counted again', () => {
  const cases: [string, CountRequest][] = [
    ['tiny-net, base 4', request(TINY, {}, DEFAULT_BFT)],
    [
      'tiny-net 0.5, base 4, square-max, padded',
      request(TINY, { width: 0.5 }, { ...DEFAULT_BFT, shapePolicy: 'square-max', logMode: 'padded' }),
    ],
    ['ShuffleNetV2-1.0 @32, base 4', request('shufflenet-v2', { resolution: 32, classes: 10 }, DEFAULT_BFT)],
    [
      'ShuffleNetV2-1.0 @32, base 4, padded',
      request('shufflenet-v2', { resolution: 32, classes: 10 }, { ...DEFAULT_BFT, logMode: 'padded' }),
    ],
    [
      'MobileNetV2-0.75 @32, base 4',
      request('mobilenet-v2', { width: 0.75, resolution: 32, classes: 10 }, DEFAULT_BFT),
    ],
    [
      'torchvision MobileNetV2 (ONNX, shapes only), base 4, real',
      {
        model: onnxModelDescription(readFileSync('test/fixtures/onnx/mobilenet_v2.onnx'), {
          kind: 'onnx',
          reference: 'mobilenet_v2.onnx',
        }),
        fusion: { ...DEFAULT_BFT, logMode: 'real' },
      },
    ],
  ];
  for (const [label, countRequest] of cases) {
    it(`${label}: buildableMacs and buildableParams = the exported graph imported back`, () => {
      const report = countCost(countRequest);
      const exported = exportModel(countRequest);
      const reimported = analyze(
        onnxModelDescription(exported.exported.bytes, { kind: 'onnx', reference: 'exported.onnx' }).build(),
        PAPER_CONVENTION,
      ).total;
      expect({ macs: reimported.macs, params: reimported.params }).toEqual({
        macs: report.buildable?.total.macs,
        params: report.buildable?.total.params,
      });
      expect(reimported.macs).toBe(exported.realised.macs);
    });
  }
});

/**
 * Real torchvision exports (test/fixtures/onnx/, made by scripts/make-onnx-fixtures.py on the
 * fixtures branch) against two independent oracles: PyTorch's own hook-based MAC and parameter
 * counts (expected.json), and the zoo's count of the same network, pointwise and with BFT.
 * When the fixture folder is missing (before the fixtures branch is merged), every test here is
 * skipped with a message saying so. BUTTERFLOPS_ONNX_FIXTURES may point at another folder.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/cost/analyze.js';
import { countModel, loadNetwork } from '../../src/index.js';
import { applyFusion, isFusable } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT, type FusionStrategy } from '../../src/fusion/strategy.js';
import { readOnnxModel } from '../../src/io/onnx-file.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import type { Network } from '../../src/model/network.js';

const FOLDER = process.env['BUTTERFLOPS_ONNX_FIXTURES'] ?? join(process.cwd(), 'test', 'fixtures', 'onnx');
const EXPECTED = join(FOLDER, 'expected.json');
const present = existsSync(EXPECTED);
const SKIPPED = `(skipped: ${EXPECTED} is missing; the fixtures land with the fixtures branch)`;
const maybe = present ? it : it.skip;

interface Expected {
  readonly models: Readonly<
    Record<
      string,
      {
        readonly macs: number;
        readonly params: number;
        readonly params_bn_folded: number;
        readonly macs_by_resolution?: Readonly<Record<string, number>>;
        readonly files?: Readonly<Record<string, { readonly bn: 'folded' | 'kept' }>>;
      }
    >
  >;
}
const expected: Expected = present ? (JSON.parse(readFileSync(EXPECTED, 'utf8')) as Expected) : { models: {} };

const networks = new Map<string, Network>();
function onnxNetwork(file: string, inputs?: Record<string, number[]>, resolution?: number): Network {
  const key = `${file} ${JSON.stringify(inputs)} ${resolution}`;
  let network = networks.get(key);
  if (network === undefined) {
    network = readOnnxModel(join(FOLDER, file), inputs ? { inputs } : {}).build(
      resolution !== undefined ? { parameters: { resolution } } : {},
    );
    networks.set(key, network);
  }
  return network;
}

describe(`ONNX fixtures vs PyTorch hook counts ${present ? '' : SKIPPED}`, () => {
  maybe(
    "every export counts exactly PyTorch's conv + linear MACs and its parameters (BN folded: conv biases instead of γ, β), with nothing left uncounted",
    () => {
      let files = 0;
      for (const [model, oracle] of Object.entries(expected.models)) {
        for (const [file, info] of Object.entries(oracle.files ?? {})) {
          if (!existsSync(join(FOLDER, file))) continue;
          const network = onnxNetwork(file);
          const report = analyze(network, PAPER_CONVENTION);
          expect([file, report.total.macs]).toEqual([file, BigInt(oracle.macs)]);
          expect([file, report.total.params]).toEqual([
            file,
            BigInt(info.bn === 'kept' ? oracle.params : oracle.params_bn_folded),
          ]);
          expect([file, network.notCounted]).toEqual([file, []]);
          files++;
          void model;
        }
      }
      expect(files).toBeGreaterThanOrEqual(10);
    },
  );

  maybe(
    'a dynamic export counts at every resolution PyTorch was run at (square by --resolution, any by --input)',
    () => {
      const oracle = expected.models['shufflenet_v2_x0_5']?.macs_by_resolution ?? {};
      expect(Object.keys(oracle).length).toBeGreaterThan(3);
      for (const [size, macs] of Object.entries(oracle)) {
        const [h = 0, w = 0] = size.split('x').map(Number);
        const byInput = analyze(
          onnxNetwork('shufflenet_v2_x0_5.dynamic.onnx', { input: [1, 3, h, w] }),
          PAPER_CONVENTION,
        );
        expect([size, byInput.total.macs]).toEqual([size, BigInt(macs)]);
        if (h === w)
          expect(
            analyze(onnxNetwork('shufflenet_v2_x0_5.dynamic.onnx', undefined, h), PAPER_CONVENTION).total.macs,
          ).toBe(BigInt(macs));
      }
      // named height and width without --input: the default resolution 224
      expect(analyze(onnxNetwork('shufflenet_v2_x0_5.dynamic.onnx'), PAPER_CONVENTION).total.macs).toBe(
        BigInt(expected.models['shufflenet_v2_x0_5']?.macs ?? 0),
      );
    },
  );

  maybe('the four weight-stripping forms and opset 17 of one network count the same', () => {
    const base = analyze(onnxNetwork('mobilenet_v3_small.onnx'), PAPER_CONVENTION).total;
    for (const form of ['graph-inputs', 'external-data', 'export-params-false', 'opset17']) {
      const total = analyze(onnxNetwork(`mobilenet_v3_small.${form}.onnx`), PAPER_CONVENTION).total;
      expect([form, total.macs, total.params]).toEqual([form, base.macs, base.params]);
    }
  });
});

/** ONNX export, zoo model and parameters; ShuffleNetV2 needs --fuse-all on both sides (no keep-dense rule in ONNX). */
const ZOO_CASES: readonly (readonly [string, string, Readonly<Record<string, string | number>>, boolean])[] = [
  ['mobilenet_v2.bn-kept.onnx', 'mobilenet-v2', {}, false],
  ['mobilenet_v2.onnx', 'mobilenet-v2', {}, false],
  ['mobilenet_v3_large.onnx', 'mobilenet-v3-large', { variant: 'torchvision' }, false],
  ['mobilenet_v3_small.onnx', 'mobilenet-v3-small', { variant: 'torchvision' }, false],
  ['resnet18.onnx', 'resnet-18', {}, false],
  ['resnet50.onnx', 'resnet-50', { variant: 'v1.5' }, false],
  ['shufflenet_v2_x1_0.onnx', 'shufflenet-v2', { variant: 'torchvision', width: 1 }, true],
  ['shufflenet_v2_x0_5.onnx', 'shufflenet-v2', { variant: 'torchvision', width: 0.5 }, true],
];

describe(`ONNX fixtures vs the zoo, pointwise and BFT ${present ? '' : SKIPPED}`, () => {
  for (const [file, zoo, parameters, fuseAll] of ZOO_CASES) {
    maybe(
      `${file} counts as ${zoo} ${JSON.stringify(parameters)}: MACs and MACs by role equal, params equal up to BN folding`,
      () => {
        const bnKept = file.includes('bn-kept');
        const strategies: FusionStrategy[] = [
          { kind: 'pointwise' },
          { ...DEFAULT_BFT, ignoreKeepDense: fuseAll },
          { ...DEFAULT_BFT, base: 2, ignoreKeepDense: fuseAll },
        ];
        for (const fusion of strategies) {
          const mine = analyze(applyFusion(onnxNetwork(file), fusion), PAPER_CONVENTION);
          const theirs = countModel({ model: zoo, parameters, fusion });
          expect(mine.total.macs).toBe(theirs.total.macs);
          const byRole = (roles: typeof mine.roles) =>
            roles.filter((r) => r.role !== 'other').map((r) => [r.role, r.layers, r.macs]);
          expect(byRole(mine.roles)).toEqual(byRole(theirs.roles));
          if (bnKept) {
            expect(mine.total.params).toBe(theirs.total.params);
          } else {
            // Folding turns each BN's γ, β (2·C) into the conv's bias (C); a BFT drops the bias of
            // the conv it replaces (applyFusion: a BFT has none).
            const zooNetwork = loadNetwork({ model: zoo, parameters });
            const bnParams = theirs.layers.filter((l) => l.kind === 'batchnorm').reduce((sum, l) => sum + l.params, 0n);
            const droppedBiases =
              fusion.kind === 'bft'
                ? zooNetwork.layers
                    .filter((l) => l.layer.kind === 'conv2d' && isFusable(l, fusion))
                    .reduce((sum, l) => sum + BigInt(l.layer.kind === 'conv2d' ? l.layer.outChannels : 0), 0n)
                : 0n;
            expect(mine.total.params).toBe(theirs.total.params - bnParams / 2n - droppedBiases);
          }
        }
      },
    );
  }
});

/**
 * Training counts against what PyTorch executes (issue 24). The oracle,
 * test/fixtures/training-macs.json, was measured by scripts/measure-training-macs.py (torch 1.13,
 * run by hand; CI never needs torch): one forward and one backward pass of torchvision models
 * under TorchDispatchMode, MACs summed from the shapes of `convolution`/`convolution_backward`
 * (with its output mask), `mm`, `addmm`, `bmm`. Each case is counted here on the zoo model and on
 * the committed ONNX export of the same network, with globs that select the same parameters
 * (zoo layer names; the exports' node names, or PyTorch's parameter names where the export keeps
 * them — BN-folded exports rename conv weights, so their globs go by node name).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { exportNetwork } from '../../src/export/export-network.js';
import { DEFAULT_BFT, loadNetwork } from '../../src/index.js';
import type { FusionStrategy } from '../../src/fusion/strategy.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import type { Network } from '../../src/model/network.js';
import type { TrainingSelection } from '../../src/model/training.js';
import { trainingCost } from '../../src/training/training-cost.js';

interface OracleCase {
  readonly forwardMacs: number;
  readonly backwardMacs: number;
  readonly convolutionBackward: { readonly input: number; readonly weight: number };
  readonly unrecognised: Record<string, number>;
}

const ORACLE = JSON.parse(readFileSync('test/fixtures/training-macs.json', 'utf8')) as {
  cases: Record<string, OracleCase>;
};

const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

interface Counted {
  readonly model: string;
  readonly parameters?: Record<string, number | string>;
  readonly fusion?: FusionStrategy;
  /** Count the network re-imported from its own ONNX export (butterflies as shuffles + grouped convs). */
  readonly reimport?: true;
  readonly selection: TrainingSelection;
}

const TINY = 'test/fixtures/training-tiny-mixed.onnx';
const BFT2: FusionStrategy = { ...DEFAULT_BFT, base: 2 };
const BFT4_MIXED: FusionStrategy = { ...DEFAULT_BFT, base: 4, logMode: 'mixed-radix' };
const BLOCKS_1_TO_6 = range(6, (i) => `block${i + 1}/*`);

const ZOO = {
  resnet18: { model: 'resnet-18' },
  mobilenet_v2: { model: 'mobilenet-v2' },
  mobilenet_v3_small: { model: 'mobilenet-v3-small', parameters: { variant: 'torchvision' } },
  shufflenet_v2_x1_0: { model: 'shufflenet-v2', parameters: { variant: 'torchvision' } },
  vit_ti_16: { model: 'vit', parameters: { width: 192, heads: 3 } },
} as const;

const ONNX = {
  resnet18: 'test/fixtures/onnx/resnet18.onnx',
  mobilenet_v2: 'test/fixtures/onnx/mobilenet_v2.onnx',
  mobilenet_v2_bn: 'test/fixtures/onnx/mobilenet_v2.bn-kept.onnx',
  mobilenet_v3_small: 'test/fixtures/onnx/mobilenet_v3_small.onnx',
  shufflenet_v2_x1_0: 'test/fixtures/onnx/shufflenet_v2_x1_0.onnx',
  vit_ti_16: 'test/fixtures/onnx-transformers/vit_ti_16.onnx',
} as const;

/** Per oracle case: the same parameter selection on each network that represents the model. */
const CASES: Record<string, readonly Counted[]> = {
  'resnet18/all': [
    { ...ZOO.resnet18, selection: {} },
    { model: ONNX.resnet18, selection: {} },
  ],
  'resnet18/fc': [
    { ...ZOO.resnet18, selection: { trainable: ['fc'] } },
    { model: ONNX.resnet18, selection: { trainable: ['fc.*'] } },
  ],
  'resnet18/freeze-to-layer2': [
    { ...ZOO.resnet18, selection: { freeze: ['conv1', 'batchnorm', 'layer1/*', 'layer2/*'] } },
    { model: ONNX.resnet18, selection: { freeze: ['conv1/*', 'layer1/*', 'layer2/*'] } },
  ],
  'resnet18/layer3.1-and-fc': [
    { ...ZOO.resnet18, selection: { trainable: ['layer3/unit/1/*', 'fc'] } },
    { model: ONNX.resnet18, selection: { trainable: ['layer3/layer3.1/*', 'fc.*'] } },
  ],
  'mobilenet_v2/all': [
    { ...ZOO.mobilenet_v2, selection: {} },
    { model: ONNX.mobilenet_v2, selection: {} },
    { model: ONNX.mobilenet_v2_bn, selection: {} },
  ],
  'mobilenet_v2/classifier': [
    { ...ZOO.mobilenet_v2, selection: { trainable: ['fc'] } },
    { model: ONNX.mobilenet_v2, selection: { trainable: ['classifier.*'] } },
    { model: ONNX.mobilenet_v2_bn, selection: { trainable: ['classifier.*'] } },
  ],
  'mobilenet_v2/freeze-features.0-13': [
    {
      ...ZOO.mobilenet_v2,
      selection: { freeze: ['conv1', 'batchnorm', ...range(5, (i) => `stage${i + 1}/*`)] },
    },
    { model: ONNX.mobilenet_v2, selection: { freeze: range(14, (i) => `features/features.${i}/*`) } },
    { model: ONNX.mobilenet_v2_bn, selection: { freeze: range(14, (i) => `features.${i}.*`) } },
  ],
  'mobilenet_v3_small/all': [
    { ...ZOO.mobilenet_v3_small, selection: {} },
    { model: ONNX.mobilenet_v3_small, selection: {} },
  ],
  'shufflenet_v2_x1_0/freeze-to-stage3': [
    { ...ZOO.shufflenet_v2_x1_0, selection: { freeze: ['conv1', 'batchnorm', 'stage2/*', 'stage3/*'] } },
    { model: ONNX.shufflenet_v2_x1_0, selection: { freeze: ['conv1/*', 'stage2/*', 'stage3/*'] } },
  ],
  'vit_ti_16/all': [
    { ...ZOO.vit_ti_16, selection: {} },
    { model: ONNX.vit_ti_16, selection: {} },
  ],
  'vit_ti_16/heads': [
    { ...ZOO.vit_ti_16, selection: { trainable: ['head'] } },
    { model: ONNX.vit_ti_16, selection: { trainable: ['heads.*'] } },
  ],
  'vit_ti_16/freeze-embedding-and-layers-0-5': [
    {
      ...ZOO.vit_ti_16,
      selection: {
        freeze: ['conv_proj', 'class_token', 'pos_embedding', ...range(6, (i) => `encoder_layer/${i + 1}/*`)],
      },
    },
    {
      model: ONNX.vit_ti_16,
      selection: {
        freeze: [
          'conv_proj.*',
          'class_token',
          'encoder.pos_embedding',
          ...range(6, (i) => `encoder/layers/encoder_layer_${i}/*`),
        ],
      },
    },
  ],
  // A small network with grouped and transposed convs and a product of two activations (both operands one tensor).
  'tiny-mixed/all': [{ model: TINY, selection: {} }],
  'tiny-mixed/freeze-stem': [{ model: TINY, selection: { freeze: ['stem.*', 'bn.*', 'side.*'] } }],
  'tiny-mixed/up-only': [{ model: TINY, selection: { trainable: ['up.*'] } }],
  'tiny-mixed/fc-only': [{ model: TINY, selection: { trainable: ['fc.*'] } }],
  // The script ran butterflops' own exports of these networks in PyTorch; here they are counted
  // as butterfly layers (per-factor rule) and, re-imported, as the exported grouped convs.
  'mobilenet-v1-bft2/all': [
    { model: 'mobilenet-v1', fusion: BFT2, selection: {} },
    { model: 'mobilenet-v1', fusion: BFT2, reimport: true, selection: {} },
  ],
  'mobilenet-v1-bft2/pointwise': [
    { model: 'mobilenet-v1', fusion: BFT2, selection: { trainable: ['*/pointwise'] } },
    { model: 'mobilenet-v1', fusion: BFT2, reimport: true, selection: { trainable: ['*/pointwise/*'] } },
  ],
  'mobilenet-v1-bft2/freeze-to-block6': [
    { model: 'mobilenet-v1', fusion: BFT2, selection: { freeze: ['conv1', 'batchnorm', ...BLOCKS_1_TO_6] } },
    {
      model: 'mobilenet-v1',
      fusion: BFT2,
      reimport: true,
      selection: { freeze: ['conv1/*', 'batchnorm/*', ...BLOCKS_1_TO_6] },
    },
  ],
  'mobilenet-v1-bft4-mixed/all': [{ model: 'mobilenet-v1', fusion: BFT4_MIXED, selection: {} }],
  'mobilenet-v1-bft4-mixed/pointwise': [
    { model: 'mobilenet-v1', fusion: BFT4_MIXED, selection: { trainable: ['*/pointwise'] } },
  ],
};

/** Each network is built once (a build of the ViT import takes a moment). */
const networks = new Map<string, Network>();
function network({ model, parameters, fusion, reimport }: Counted): Network {
  const key = JSON.stringify([model, parameters ?? {}, fusion ?? {}, reimport ?? false]);
  let built = networks.get(key);
  if (built === undefined) {
    built = loadNetwork({ model, ...(parameters ? { parameters } : {}), ...(fusion ? { fusion } : {}) });
    if (reimport) {
      const bytes = exportNetwork(built).bytes;
      built = onnxModelDescription(bytes, { kind: 'onnx', reference: `${model}.onnx` }).build();
    }
    networks.set(key, built);
  }
  return built;
}

describe('training counts equal the MACs PyTorch executes', () => {
  it('covers every oracle case, and the oracle saw no product it could not count', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(ORACLE.cases).sort());
    for (const oracle of Object.values(ORACLE.cases)) expect(oracle.unrecognised).toEqual({});
  });

  for (const [id, counted] of Object.entries(CASES)) {
    for (const entry of counted) {
      it(`${id}: ${entry.model}${entry.reimport ? ' (exported and re-imported)' : ''}`, () => {
        const oracle = ORACLE.cases[id];
        const t = trainingCost(network(entry), entry.selection);
        expect(t.total.forwardMacs).toBe(BigInt(oracle?.forwardMacs ?? -1));
        expect(t.total.backwardMacs).toBe(BigInt(oracle?.backwardMacs ?? -1));
      });
    }
  }
});

/**
 * torchvision 0.14's video networks (test/fixtures/onnx-video/, graph-only exports made by
 * scripts/make-video-fixtures.py) against PyTorch's own counts, issue 21 item 1: forward hooks on
 * every nn.Conv3d (output elements × C_in/groups × ∏kernel) and nn.Linear, and
 * sum(p.numel()) (BN-folded exports: γ, β become one conv bias per channel). The BFT what-if is
 * checked against the hooks' 1×1×1 convs: exactly those are replaced, at the positions PyTorch's
 * outputs have, with the edge count of the paper's construction written out here.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/cost/analyze.js';
import { exportNetwork } from '../../src/export/export-network.js';
import { applyFusion } from '../../src/fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { readOnnxModel } from '../../src/io/onnx-file.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';

const FOLDER = join(process.cwd(), 'test', 'fixtures', 'onnx-video');

interface HookLayer {
  readonly name: string;
  readonly type: 'Conv3d' | 'Linear';
  readonly macs: number;
  readonly out_shape: readonly number[];
  readonly in_channels?: number;
  readonly out_channels?: number;
  readonly groups?: number;
  readonly kernel?: readonly number[];
}
interface Expected {
  readonly models: Readonly<
    Record<
      string,
      {
        readonly clip: readonly number[];
        readonly macs: number;
        readonly params: number;
        readonly params_bn_folded: number;
        readonly files: Readonly<Record<string, { readonly bn: 'folded' | 'kept' }>>;
        readonly layers: readonly HookLayer[];
      }
    >
  >;
}
const expected = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as Expected;
const files = Object.entries(expected.models).flatMap(([model, oracle]) =>
  Object.entries(oracle.files).map(([file, info]) => ({ model, oracle, file, bn: info.bn })),
);

/** Edges per position of the default BFT (base 4, ceil, official) n_in → n_out: squares · L · 4 · m. */
function bftEdges(nIn: number, nOut: number): bigint {
  const m = Math.min(nIn, nOut);
  const squares = Math.ceil(Math.max(nIn, nOut) / m);
  let layers = 0;
  for (let size = 1; size < m; size *= 4) layers++;
  return BigInt(squares * layers * 4 * m);
}

describe('torchvision video networks (N × C × T × H × W) count as PyTorch counts them', () => {
  it('the fixtures cover r3d_18, mc3_18, r2plus1d_18 and s3d', () => {
    expect(Object.keys(expected.models).sort()).toEqual(['mc3_18', 'r2plus1d_18', 'r3d_18', 's3d']);
  });

  it.each(files)(
    '$file: MACs and params equal the hooks and sum(p.numel()), layer by layer, in under 2 s of CPU',
    ({ oracle, file, bn }) => {
      const started = process.cpuUsage();
      const network = readOnnxModel(join(FOLDER, file)).build();
      const report = analyze(network, PAPER_CONVENTION);
      const used = process.cpuUsage(started);
      expect((used.user + used.system) / 1e6).toBeLessThan(2);
      expect(network.input).toEqual({
        channels: oracle.clip[1],
        outer: [oracle.clip[2]],
        height: oracle.clip[3],
        width: oracle.clip[4],
      });
      expect(report.total.macs).toBe(BigInt(oracle.macs));
      expect(report.total.params).toBe(BigInt(bn === 'kept' ? oracle.params : oracle.params_bn_folded));
      expect(network.notCounted).toEqual([]);
      // per layer: the MACs of every conv and linear layer, as a sorted list, are the hooks'
      const ours = report.layers
        .filter((l) => l.macs > 0n)
        .map((l) => l.macs)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const theirs = oracle.layers.map((l) => BigInt(l.macs)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(ours).toEqual(theirs);
    },
  );

  it.each(files.filter((f) => f.bn === 'folded'))(
    '$file: the BFT what-if replaces exactly the 1×1×1 convs PyTorch ran on more than one position',
    ({ oracle, file }) => {
      const network = readOnnxModel(join(FOLDER, file)).build();
      const fused = analyze(applyFusion(network, DEFAULT_BFT), PAPER_CONVENTION);
      let macs = BigInt(oracle.macs);
      let replaced = 0;
      for (const layer of oracle.layers) {
        const positions = layer.out_shape.slice(2).reduce((n, d) => n * d, 1);
        if (layer.type !== 'Conv3d' || layer.groups !== 1 || !(layer.kernel ?? []).every((k) => k === 1)) continue;
        if (positions === 1) continue; // a classifier on the pooled 1×1×1 map (s3d) stays dense
        macs += BigInt(positions) * bftEdges(layer.in_channels ?? 0, layer.out_channels ?? 0) - BigInt(layer.macs);
        replaced++;
      }
      expect(fused.layers.filter((l) => l.kind === 'butterfly')).toHaveLength(replaced);
      expect(fused.total.macs).toBe(macs);
    },
  );

  it('--resolution sets a clip’s height and width, not its length', () => {
    const network = readOnnxModel(join(FOLDER, 'r3d_18.onnx')).build({ parameters: { resolution: 56 } });
    expect(network.input).toEqual({ channels: 3, outer: [8], height: 56, width: 56 });
  });

  // s3d has them all: (2+1)D convs padded 0,3,3 then 3,0,0, strides 1,2,2 and 2,1,1, 1×3×3 and
  // 3×3×3 max pools, a 2×7×7 average pool. (r3d_18, mc3_18 and r2plus1d_18 pass too, run by hand once: 1.5–3 s each
  // drawing their weights, too slow for the suite.)
  it.each(['s3d'])(
    '%s graph-only: export --fusion bft rebuilds it from its layer records (per-axis pads and strides), and the rebuild re-counts exactly',
    (model) => {
      const network = applyFusion(readOnnxModel(join(FOLDER, `${model}.onnx`)).build(), DEFAULT_BFT);
      const exported = exportNetwork(network);
      const rebuilt = analyze(
        onnxModelDescription(exported.bytes, { kind: 'onnx', reference: `${model}-bft.onnx` }).build(),
        PAPER_CONVENTION,
      ).total;
      const counted = analyze(exported.network, PAPER_CONVENTION).total;
      expect([model, rebuilt.macs, rebuilt.params]).toEqual([model, counted.macs, counted.params]);
      expect(exported.input.dims).toEqual([1, ...(expected.models[model]?.clip ?? []).slice(1)]);
    },
    20_000,
  );
});

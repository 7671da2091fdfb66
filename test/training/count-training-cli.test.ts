/**
 * `butterflops count --training` end to end (the built CLI): the JSON contract, the table's
 * totals, and the bad-input messages. Oracles: the hand counts of the issue (ResNet-18 with only
 * fc trainable: 512 × 1000 MACs backward) on both the zoo model and the ONNX import.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { runAllCli, type CliRun } from '../cli/run-cli.js';

let runs: CliRun[] = [];

beforeAll(async () => {
  runs = await runAllCli([
    ['count', 'resnet-18', '--training', '--trainable', 'fc', '--format', 'json'],
    ['count', 'test/fixtures/onnx/resnet18.onnx', '--training', '--trainable', 'fc.*', '--format', 'json'],
    ['count', 'mobilenet-v1', '--training'],
    ['count', 'mobilenet-v1', '--freeze', 'conv1'],
    ['count', 'mobilenet-v1', '--training', '--freeze', 'conv1', '--freeze', 'nothing*'],
    ['count', 'mobilenet-v1', '--training', '--convention', 'fvcore'],
    ['explain', 'mobilenet-v1', '--training', '--format', 'json'],
    ['count', 'resnet-18', '--training', '--trainable', 'layer4/*', '--depth', '1', '--format', 'json'],
    ['count', 'resnet-18', '--training', '--trainable', 'fc', '--format', 'latex'],
  ]);
}, 60_000);

function json(run: CliRun | undefined): { total: Record<string, unknown>; layers: Record<string, unknown>[] } {
  expect(run?.status).toBe(0);
  return JSON.parse(run?.stdout ?? '') as { total: Record<string, unknown>; layers: Record<string, unknown>[] };
}

describe('count --training', () => {
  it('JSON: total.forwardMacs, total.backwardMacs and per-layer backwardMacs; ResNet-18 fc only = 512,000', () => {
    for (const run of runs.slice(0, 2)) {
      const doc = json(run);
      expect(String(doc.total['forwardMacs'])).toBe('1814073344');
      expect(String(doc.total['backwardMacs'])).toBe('512000');
      expect(String(doc.total['trainingFlops'])).toBe(String(2 * (1814073344 + 512000)));
      const fc = doc.layers.at(-1);
      expect(String(fc?.['backwardMacs'])).toBe('512000');
      expect(fc?.['trains']).toBe(true);
      expect(doc.layers.filter((l) => l['trains'] === true)).toHaveLength(1);
    }
  });

  it('table: forward, backward and their sum (MobileNetV1: 2·F − 10,838,016)', () => {
    const out = runs[2]?.stdout ?? '';
    expect(out).toContain('forward macs:  568,740,352');
    expect(out).toContain(`backward macs: ${(2 * 568740352 - 10838016).toLocaleString('en-US')}`);
    expect(out).toContain(`forward + backward: ${(3 * 568740352 - 10838016).toLocaleString('en-US')} macs`);
  });

  it('LaTeX: backward MACs and trains beside the MACs, their total, and the step in a note (ResNet-18 fc only)', () => {
    const lines = (runs[8]?.stdout ?? '').split('\n');
    expect(lines).toContain('layer & kind & input & output & MACs & backward MACs & trains & params & formula \\\\');
    expect(lines.find((line) => line.startsWith('fc &'))).toContain('& 512{,}000 & 512{,}000 & yes & 513{,}000 &');
    expect(lines).toContain('total &  &  &  & 1{,}814{,}073{,}344 & 512{,}000 &  & 11{,}689{,}512 &  \\\\');
    // 1,814,073,344 + 512,000 = 1,814,585,344; FLOPs twice that; fc's 512·1000 + 1000 params train
    expect(lines).toContain(
      '\\par\\noindent\\textit{Training step per sample (trainable: fc): forward 1{,}814{,}073{,}344 + backward 512{,}000 = 1{,}814{,}585{,}344 MACs (3{,}629{,}170{,}688 FLOPs); 513{,}000 of 11{,}689{,}512 params train.}',
    );
  });

  it('bad input: --freeze without --training, a glob that matches nothing, --convention', () => {
    expect(runs[3]?.status).toBe(2);
    expect(runs[3]?.stderr).toBe(
      'butterflops: --freeze: chooses which parameters a training step updates: it needs --training\n',
    );
    expect(runs[4]?.status).toBe(2);
    expect(runs[4]?.stderr).toMatch(/^butterflops: --freeze: "nothing\*" matches no layer with parameters/);
    expect(runs[4]?.stdout).toBe('');
    expect(runs[5]?.status).toBe(2);
    expect(runs[5]?.stderr).toContain('cannot be combined with --convention');
  });

  it('explain --training: the shortcuts and the stem’s input gradient as the whole difference', () => {
    const doc = JSON.parse(runs[6]?.stdout ?? '') as {
      approximations: { name: string; differenceMacs: unknown }[];
      shortfall: Record<string, unknown>;
    };
    expect(doc.approximations.map((a) => [a.name, String(a.differenceMacs)])).toEqual([
      ['backward = 2 × forward', '10838016'],
      ['training = 3 × forward', '10838016'],
    ]);
    expect(String(doc.shortfall['networkInputGradients'])).toBe('10838016');
  });

  it('--depth: backward MACs per module (layer4 trains: its weight gradients, and its input gradients but for its first conv’s input, and fc’s input gradient)', () => {
    const doc = JSON.parse(runs[7]?.stdout ?? '') as {
      modules: { module: string; macs: unknown; backwardMacs: unknown }[];
    };
    const byModule = new Map(doc.modules.map((m) => [m.module, m]));
    expect(String(byModule.get('layer3')?.backwardMacs)).toBe('0');
    expect(String(byModule.get('fc')?.backwardMacs)).toBe('512000');
    // layer4: every conv's weight gradient (2·F_layer4) minus the input gradients of the two
    // convs that read layer3's output (the block's first 3×3 conv and its 1×1 downsample):
    // 7·7·512·256·3·3 = 57,802,752 and 7·7·512·256 = 6,422,528.
    const layer4 = BigInt(String(byModule.get('layer4')?.macs));
    expect(String(byModule.get('layer4')?.backwardMacs)).toBe(String(2n * layer4 - 57_802_752n - 6_422_528n));
  });
});

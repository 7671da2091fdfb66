/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/** `butterflops export` and `butterflops latency` end to end, in process (small model, few runs). */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../cli/run-main.js';
import { openSession } from '../../src/runtime/onnx-session.js';
import { withWeights } from '../onnx/with-weights.js';

describe('export and latency commands', () => {
  it('exports tiny-net with BFT, then times the file and a zoo model interleaved (JSON)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-export-'));
    try {
      const out = join(folder, 'tiny.onnx');
      const exported = await runInProcess([
        'export',
        'data/examples/tiny-net.yaml',
        '--fusion',
        'bft',
        '--base',
        '2',
        '--out',
        out,
        '--format',
        'json',
      ]);
      expect(exported.status).toBe(0);
      const summary = JSON.parse(exported.stdout) as {
        realised: { macs: number };
        requested: { macs: number };
        bytes: number;
      };
      expect(summary.realised.macs).toBe(summary.requested.macs);
      expect(existsSync(out)).toBe(true);
      const run = await runInProcess([
        'latency',
        out,
        'data/examples/tiny-net.yaml',
        '--runs',
        '3',
        '--warmup',
        '1',
        '--profile-runs',
        '1',
        '--format',
        'json',
      ]);
      expect(run.status).toBe(0);
      expect(run.stderr).not.toContain('timing:'); // no progress when stderr is not a terminal
      const json = JSON.parse(run.stdout) as {
        settings: { interleaved: boolean; threads: number };
        machine: { loadBefore: number[] };
        models: { milliseconds: { samples: number; median: number }; layers: { layers: unknown[] } }[];
      };
      expect(json.settings).toMatchObject({ interleaved: true, threads: 1 });
      expect(json.machine.loadBefore).toHaveLength(3);
      expect(json.models.map((m) => m.milliseconds.samples)).toEqual([3, 3]);
      expect(json.models.every((m) => m.milliseconds.median > 0 && m.layers.layers.length > 0)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("times an .onnx file as it is, and with --fusion bft its rewrite (the MACs of the BFT export, not the file's)", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-export-'));
    try {
      const file = join(folder, 'net.onnx');
      expect(
        (await runInProcess(['export', 'mobilenet-v1', '--width', '0.25', '--resolution', '32', '--out', file])).status,
      ).toBe(0);
      const bft = await runInProcess([
        'export',
        file,
        '--fusion',
        'bft',
        '--out',
        join(folder, 'bft.onnx'),
        '--format',
        'json',
      ]);
      const expected = (JSON.parse(bft.stdout) as { realised: { macs: number } }).realised.macs;
      const pointwise = (
        JSON.parse((await runInProcess(['count', file, '--format', 'json'])).stdout) as { total: { macs: number } }
      ).total.macs;
      const run = await runInProcess([
        'latency',
        file,
        file,
        '--fusion',
        'bft',
        '--runs',
        '2',
        '--warmup',
        '0',
        '--profile-runs',
        '0',
        '--format',
        'json',
      ]);
      expect(run.status).toBe(0);
      const models = (JSON.parse(run.stdout) as { models: { label: string; macs: number }[] }).models;
      expect(models.map((m) => m.macs)).toEqual([expected, expected]);
      expect(expected).toBeLessThan(pointwise);
      const plain = await runInProcess([
        'latency',
        file,
        '--runs',
        '2',
        '--warmup',
        '0',
        '--profile-runs',
        '0',
        '--format',
        'json',
      ]);
      expect((JSON.parse(plain.stdout) as { models: { macs: number }[] }).models[0]?.macs).toBe(pointwise);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the export summary names the operator form asked for and says when a file was rewritten', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-export-'));
    try {
      const file = join(folder, 'net.onnx');
      const zoo = await runInProcess([
        'export',
        'mobilenet-v1',
        '--width',
        '0.25',
        '--resolution',
        '32',
        '--fusion',
        'bft',
        '--bft-ops',
        'elementwise',
        '--out',
        file,
      ]);
      expect(zoo.stdout).toContain('butterflies as channel shuffle + Mul + ReduceSum, BN kept, weights seeded 1');
      const plain = await runInProcess([
        'export',
        'mobilenet-v1',
        '--width',
        '0.25',
        '--resolution',
        '32',
        '--out',
        file,
      ]);
      expect(plain.status).toBe(0);
      const rewritten = await runInProcess([
        'export',
        file,
        '--fusion',
        'bft',
        '--bft-ops',
        'matmul',
        '--out',
        join(folder, 'bft.onnx'),
        '--format',
        'json',
      ]);
      expect(JSON.parse(rewritten.stdout)).toMatchObject({ rewritten: true, options: { butterflyOps: 'matmul' } });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("an .onnx file runs at its graph's size: named (dynamic) image dims take the network's, fixed ones refuse another --resolution", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-export-'));
    try {
      const fixed = join(folder, 'fixed.onnx');
      expect(
        (await runInProcess(['export', 'mobilenet-v1', '--width', '0.25', '--resolution', '32', '--out', fixed]))
          .status,
      ).toBe(0);
      const refused = await runInProcess([
        'latency',
        fixed,
        '--resolution',
        '64',
        '--runs',
        '1',
        '--warmup',
        '0',
        '--profile-runs',
        '0',
      ]);
      expect([refused.status, refused.stderr.trim()]).toEqual([
        2,
        `butterflops: --resolution: ${fixed}: the file runs at the size its graph declares (32×32), not 64; expected no --resolution, or 32`,
      ]);
      // The dynamic ShuffleNet fixture (batch, height and width named): its session input is the network's 1×3×64×64.
      const dynamic = withWeights(readFileSync(join('test', 'fixtures', 'onnx', 'shufflenet_v2_x0_5.dynamic.onnx')));
      const open = await openSession({ label: 'dynamic', bytes: dynamic, inputDims: [1, 3, 64, 64] }, 1);
      expect(Object.values(open.feeds)[0]?.dims).toEqual([1, 3, 64, 64]);
      await open.session.run(open.feeds);
      await open.session.release();
      const fixedOpen = await openSession({ label: 'fixed', bytes: readFileSync(fixed), inputDims: [1, 3, 64, 64] }, 1);
      expect(Object.values(fixedOpen.feeds)[0]?.dims).toEqual([1, 3, 32, 32]);
      await fixedOpen.session.release();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('bad input is one line and exit 2, and nothing is written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-export-'));
    try {
      const out = join(folder, 'x.onnx');
      const run = await runInProcess([
        'export',
        'data/examples/tiny-net.yaml',
        '--fusion',
        'bft',
        // (--log-mode real was refused here until issue 22: export now builds such a butterfly padded or mixed radix)
        '--radices',
        '3x5',
        '--out',
        out,
      ]);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('the radices 3x5 multiply to 15');
      expect(existsSync(out)).toBe(false);
      const missing = await runInProcess(['latency', join(folder, 'none.onnx')]);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('file not found');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

/**
 * @jest-environment ./test/runtime/onnxruntime-environment.cjs
 */
/**
 * `butterflops plan` end to end, in process, on tiny-net (few runs): the plan file it writes is
 * read back by `count --plan` to the same exact MACs, a second run with the cache measures
 * nothing, and bad plans are one-line errors with exit code 2.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../cli/run-main.js';

const TINY = 'data/examples/tiny-net.yaml';

describe('plan command', () => {
  it('latency: chooses per layer, writes a plan that count --plan reads back exactly; the cache makes a second run measure nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-plan-'));
    try {
      const out = join(folder, 'plan.json');
      const cache = join(folder, 'cache.json');
      const args = ['plan', TINY, '--runs', '2', '--warmup', '1', '--cache', cache, '--out', out, '--format', 'json'];
      const first = await runInProcess(args);
      expect(first.status).toBe(0);
      const json = JSON.parse(first.stdout) as {
        layers: { name: string; radices?: number[]; dense?: true; ms: number; criteria?: { met: boolean } }[];
        totals: { macs: number; measured: number; cached: number };
        accuracy: string;
      };
      expect(json.layers.length).toBeGreaterThan(0);
      // a layer is a butterfly meeting the criteria, or (where that measured faster) kept dense without criteria
      expect(
        json.layers.every((l) => l.ms > 0 && (l.dense === true ? l.criteria === undefined : l.criteria?.met)),
      ).toBe(true);
      expect(json.totals.measured).toBeGreaterThan(0);
      expect(json.accuracy).toMatch(/nobody has measured/);
      const second = JSON.parse((await runInProcess(args)).stdout) as typeof json;
      expect(second.totals.measured).toBe(0);
      const counted = await runInProcess(['count', TINY, '--fusion', 'bft', '--plan', out, '--format', 'json']);
      expect(counted.status).toBe(0);
      expect((JSON.parse(counted.stdout) as { total: { macs: number } }).total.macs).toBe(json.totals.macs);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ objective: 'latency', threads: 1 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('macs: the fewest MACs (base 2 where the size is a power of 2) under a budget check', async () => {
    const run = await runInProcess(['plan', 'mobilenet-v1', '--objective', 'macs', '--format', 'json']);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      layers: { n: number; radices?: number[] }[];
      totals: { macs: number; unplannedMacs: number };
    };
    // MobileNetV1's dense 1×1 convs never have fewer MACs than base 2, so none is kept dense
    for (const layer of json.layers) expect(layer.radices?.every((r) => r === 2)).toBe(true);
    const tooSmall = await runInProcess(['plan', 'mobilenet-v1', '--objective', 'macs', '--max-macs', '10M']);
    expect(tooSmall.status).toBe(2);
    expect(tooSmall.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('bad plans: a wrong product, a radix of 1, a plan file naming an unknown layer — exit 2, one line', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'bf-plan-bad-'));
    try {
      const file = join(folder, 'bad.json');
      writeFileSync(file, JSON.stringify({ layers: [{ name: 'nope', radices: [4, 4] }] }));
      for (const args of [
        ['--radices', '16x16'],
        ['--radices', '8x1x8'],
        ['--plan', file],
      ]) {
        const run = await runInProcess(['count', 'mobilenet-v1', '--fusion', 'bft', ...args]);
        expect(run.status).toBe(2);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).not.toMatch(/at .*\.ts:/);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

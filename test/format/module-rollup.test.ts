import { describe, expect, it } from '@jest/globals';
import { countModel } from '../../src/index.js';
import { modulePath, moduleRollup, selectRows } from '../../src/format/module-rollup.js';
import { runInProcess as runCli } from '../cli/run-main.js';

describe('module rollup', () => {
  it('groups by the first n name segments', () => {
    expect(modulePath('features/features.3/conv/conv.0/Conv', 2)).toBe('features/features.3');
    expect(modulePath('/stage2/stage2.0/branch2/Conv', 1)).toBe('stage2');
    expect(modulePath('fc', 3)).toBe('fc');
  });

  it('sums each module (MobileNetV1-1.0@224 block3 by hand: dw 56·56·128·9 + pw 56·56·128·128 MACs; 128·9 + 128·128 + 2·2·128 params) and the modules add up to the total', () => {
    const report = countModel({ model: 'mobilenet-v1' });
    const rows = moduleRollup(report.layers, 1);
    const block3 = rows.find((row) => row.module === 'block3');
    expect(block3?.macs).toBe(56n * 56n * 128n * 9n + 56n * 56n * 128n * 128n);
    expect(block3?.params).toBe(128n * 9n + 128n * 128n + 512n);
    expect(rows.reduce((sum, row) => sum + row.macs, 0n)).toBe(report.total.macs);
    expect(rows.reduce((sum, row) => sum + row.layers, 0)).toBe(report.layers.length);
  });

  it('selects rows: hide zero, sort by MACs or params descending (ties in order), top n', () => {
    const rows = [
      { name: 'a', macs: 0n, params: 0n },
      { name: 'b', macs: 5n, params: 1n },
      { name: 'c', macs: 9n, params: 0n },
      { name: 'd', macs: 5n, params: 7n },
    ];
    expect(selectRows(rows, { hideZero: true }).map((r) => r.name)).toEqual(['b', 'c', 'd']);
    expect(selectRows(rows, { sort: 'macs' }).map((r) => r.name)).toEqual(['c', 'b', 'd', 'a']);
    expect(selectRows(rows, { sort: 'params', top: 2 }).map((r) => r.name)).toEqual(['d', 'b']);
  });

  it('count --depth 1 --sort macs --top 3 --hide-zero prints modules; JSON carries them', async () => {
    const run = await runCli(['count', 'mobilenet-v1', '--depth', '1', '--sort', 'macs', '--top', '3', '--hide-zero']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/module \(depth 1\)/);
    expect(run.stdout).toMatch(/\nblock3 +6 +54,992,896 +9\.67 %/);
    const json = JSON.parse(
      (await runCli(['count', 'mobilenet-v1', '--depth', '1', '--top', '2', '--format', 'json'])).stdout,
    ) as { modules: { module: string }[]; layers: unknown[] };
    expect(json.modules.map((m) => m.module)).toEqual(['conv1', 'batchnorm']);
    expect(json.layers.length).toBeGreaterThan(2);
  });
});

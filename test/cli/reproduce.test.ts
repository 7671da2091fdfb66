import { beforeAll, describe, expect, it } from '@jest/globals';
import { runAllInProcess, runInProcess } from './run-main.js';
import { mobilenetV1ByHand } from './mobilenet-v1-hand-count.js';
import type { CliRun } from './run-cli.js';

/*
 * `butterflops reproduce` takes seconds; every format is run once, in parallel, and shared.
 * Oracle for the first row: MobileNetV1 0.25 @ 128 counted by hand is 13,570,048 MACs
 * (see test/cli/match.test.ts); the paper prints 14 M, so the deviation is
 * (13,570,048 − 14,000,000) / 14,000,000 = −3.07 %.
 */

let table: CliRun;
let json: CliRun;
let csv: CliRun;
let badFormat: CliRun;

beforeAll(async () => {
  [table, json, csv, badFormat] = (await runAllInProcess([
    ['reproduce'],
    ['reproduce', '--format', 'json'],
    ['reproduce', '--format', 'csv'],
    ['reproduce', '--format', 'xml'],
  ])) as [CliRun, CliRun, CliRun, CliRun];
}, 180_000);

interface Row {
  table: string;
  model: string;
  zoo: string;
  parameters: Record<string, number | string>;
  fusion: string;
  printedMacs: number;
  macs: number;
  deviationPercent: number;
  nearest: { counting: string; macs: number; deviationPercent: number };
  alternatives: { counting: string; macs: number; deviationPercent: number }[];
  flag?: string;
  note?: string;
}

describe('butterflops reproduce', () => {
  it('prints the paper value, ours, the deviation and the nearest convention per row, with a legend', () => {
    expect(table.status).toBe(0);
    expect(table.stderr).toBe('');
    const header = table.stdout
      .split('\n')[0]
      ?.trim()
      .split(/\s{2,}/);
    expect(header).toEqual([
      'table',
      'model',
      'config',
      'fusion',
      'paper M',
      'ours M',
      'deviation',
      'built M',
      'built dev.',
      'nearest convention',
      'nearest M',
      'nearest dev.',
      'flag',
    ]);
    expect(table.stdout).toMatch(
      /^1c\s+MobileNetV1-0\.25\s+w=0\.25 r=128\s+pointwise\s+14\s+13\.57\s+-3\.1 %\s+13\.57\s+-3\.1 %\s+dense\s+13\.57\s+-3\.1 %\s*$/m,
    );
    expect(table.stdout).toContain('ours: MACs of conv, FC and butterfly layers, 1000 classes');
    // MobileNetV1-2.0+BFT @224: 146.40M counted (ceil); built 143.39M (README, "Which butterfly").
    expect(table.stdout).toMatch(
      /MobileNetV1-2\.0\+BFT\s+w=2 r=224\s+bft\s+150\s+146\.40\s+-2\.4 %\s+143\.39\s+-4\.4 %/,
    );
    expect(table.stdout).toContain('built: MACs of the network `butterflops export` builds');
  });

  it('flags the 0.25@192 "34M" row with its reason instead of matching it', () => {
    const line = table.stdout
      .split('\n')
      .find((l) => /MobileNetV1-0\.25\s+w=0\.25 r=192/.test(l) && l.startsWith('1c'));
    expect(line).toMatch(/\s34\s+30\.21\s+-11\.1 %/);
    expect(line).toContain('does not match a direct count');
  });

  it('JSON parses with the documented keys and exact MACs', () => {
    expect(json.status).toBe(0);
    const rows = JSON.parse(json.stdout) as Row[];
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(
        Object.keys(row)
          .filter((k) => k !== 'flag' && k !== 'note')
          .sort(),
      ).toEqual([
        'alternatives',
        'buildableDeviationPercent',
        'buildableMacs',
        'deviationPercent',
        'fusion',
        'macs',
        'model',
        'nearest',
        'parameters',
        'printedMacs',
        'table',
        'zoo',
      ]);
      expect(row.alternatives.map((a) => a.counting)).toContain(row.nearest.counting);
      // The nearest convention is the alternative with the smallest |deviation|.
      const best = Math.min(...row.alternatives.map((a) => Math.abs(a.deviationPercent)));
      expect(Math.abs(row.nearest.deviationPercent)).toBe(best);
    }
    const first = rows[0];
    expect(first).toMatchObject({
      table: '1c',
      model: 'MobileNetV1-0.25',
      zoo: 'mobilenet-v1',
      parameters: { width: 0.25, resolution: 128 },
      fusion: 'pointwise',
      printedMacs: 14_000_000,
      macs: 13_570_048,
      deviationPercent: -3.07,
    });
    // BFT rows are counted under 16 conventions: 4 log modes × 2 shape policies × residual adds or not.
    const bft = rows.find((r) => r.fusion === 'bft');
    expect(bft?.alternatives).toHaveLength(16);
    expect(rows.filter((r) => r.flag !== undefined).map((r) => `${r.model}@${r.parameters['resolution']}`)).toContain(
      'MobileNetV1-0.25@192',
    );
  });

  it('CSV has the same rows as the table', () => {
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'table,model,zoo,width,resolution,fusion,printed_macs,macs,deviation_percent,buildable_macs,buildable_deviation_percent,nearest_counting,nearest_macs,nearest_deviation_percent,flag,note',
    );
    expect(lines.length - 1).toBe((JSON.parse(json.stdout) as Row[]).length);
  });

  it('bad input exits 2 with one line', () => {
    expect(badFormat.status).toBe(2);
    expect(badFormat.stdout).toBe('');
    expect(badFormat.stderr).toBe(
      'butterflops: --format: invalid format; received "xml"; expected one of table, markdown, csv, json, latex\n',
    );
  });
});

describe('butterflops reproduce --format csv (issue 9, item 6)', () => {
  it('carries raw values: exact MACs (the hand count for MobileNetV1-0.25@128) and deviations as plain numbers', async () => {
    const run = await runInProcess(['reproduce', '--format', 'csv']);
    expect(run.status).toBe(0);
    const [header = '', ...rows] = run.stdout.trim().split('\n');
    const columns = header.split(',');
    const col = (cells: string[], name: string) => cells[columns.indexOf(name)] ?? '';
    const first = (rows[0] ?? '').split(',');
    expect([col(first, 'model'), col(first, 'width'), col(first, 'resolution')]).toEqual([
      'MobileNetV1-0.25',
      '0.25',
      '128',
    ]);
    expect(BigInt(col(first, 'macs'))).toBe(mobilenetV1ByHand(0.25, 128).total);
    for (const row of rows.filter((line) => !line.includes('"'))) {
      const cells = row.split(',');
      const printed = Number(col(cells, 'printed_macs'));
      const macs = Number(col(cells, 'macs'));
      expect(col(cells, 'macs')).toMatch(/^\d+$/);
      expect(Number(col(cells, 'deviation_percent'))).toBeCloseTo((macs / printed - 1) * 100, 3);
    }
    expect(run.stdout).not.toMatch(/ %|×/);
  });
});

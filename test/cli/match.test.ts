import { beforeAll, describe, expect, it } from '@jest/globals';
import { runAllInProcess, runInProcess } from './run-main.js';
import { mobilenetV1ByHand } from './mobilenet-v1-hand-count.js';
import type { CliRun } from './run-cli.js';

/*
 * Oracle: MobileNetV1 0.25 @ 128, counted by hand (SAME padding, channels 8/16/32/64/128/256):
 * stem 64²·8·27 = 884,736; 13 depthwise-separable blocks 12,429,312; FC 256·1000 = 256,000;
 * total 13,570,048 MACs (the BFT paper's Table 1c prints 14). Params 0.47 M (MobileNet paper,
 * Howard et al. 2017, Table 6: "0.25 MobileNet-224 … 0.47 million parameters").
 */

let exact: CliRun;
let paperBudget: CliRun;
let markdown: CliRun;
const bad: Record<string, CliRun> = {};
const BAD_ARGS: Record<string, string[]> = {
  'unknown model': ['match', 'no-such-model', '--budget', '41M'],
  'missing budget': ['match', 'mobilenet-v1'],
  'bad budget': ['match', 'mobilenet-v1', '--budget', 'abc'],
  'bad tolerance': ['match', 'mobilenet-v1', '--budget', '41M', '--tolerance', '-1'],
  'bad fusion': ['match', 'mobilenet-v1', '--budget', '41M', '--fusion', 'foo'],
};

beforeAll(async () => {
  const runs = await runAllInProcess([
    [
      'match',
      'mobilenet-v1',
      '--budget',
      '13.57M',
      '--tolerance',
      '1%',
      '--widths',
      '0.25,0.5',
      '--resolutions',
      '128,160',
    ],
    [
      'match',
      'mobilenet-v1',
      '--budget',
      '14M',
      '--fusion',
      'bft',
      '--tolerance',
      '5%',
      '--widths',
      '0.5,1,2',
      '--resolutions',
      '96:224:32',
    ],
    [
      'match',
      'mobilenet-v1',
      '--budget',
      '13.57M',
      '--tolerance',
      '1%',
      '--widths',
      '0.25',
      '--resolutions',
      '128',
      '--format',
      'markdown',
    ],
    ...Object.values(BAD_ARGS),
  ]);
  [exact, paperBudget, markdown] = runs as [CliRun, CliRun, CliRun];
  Object.keys(BAD_ARGS).forEach((name, i) => {
    bad[name] = runs[3 + i] as CliRun;
  });
}, 180_000);

/** Data rows of the first table of a match output: whitespace-separated cells. */
function firstTableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith('-----'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    rows.push(line.trim().split(/\s{2,}/));
  }
  return rows;
}

describe('butterflops match', () => {
  it('lists the configuration at the budget with MACs, deviation, params and peak activations', () => {
    expect(exact.status).toBe(0);
    expect(exact.stderr).toBe('');
    expect(exact.stdout.split('\n')[0]).toBe(
      '1 configuration(s) of mobilenet-v1 (pointwise) within 1.0 % of 13.57M MACs',
    );
    expect(
      exact.stdout
        .split('\n')[1]
        ?.trim()
        .split(/\s{2,}/),
    ).toEqual(['width', 'resolution', 'macs', 'vs budget', 'params', 'peak activations']);
    const rows = firstTableRows(exact.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 4)).toEqual(['0.25', '128', '13.57M', '+0.0 %']);
    expect(rows[0]?.[4]).toMatch(/^470\.\d\dk$/);
    expect(rows[0]?.[5]).toMatch(/^\d+\.\d\dMB$/);
  });

  it('gives for each baseline near the budget the BFT configuration of equal cost per width', () => {
    expect(exact.stdout).toContain(
      'baseline (pointwise) configurations near the budget and the BFT configuration of equal cost',
    );
    expect(exact.stdout).toMatch(/^0\.25@128\s+13\.57M\s+0\.25\s+\d+\s/m);
    expect(exact.stdout).toMatch(/^0\.25@128\s+13\.57M\s+0\.5\s+\d+\s/m);
  });

  it("finds the BFT paper's own configuration for its 14 M MobileNetV1 budget (1.0+BFT @ 96, Table 1c)", () => {
    expect(paperBudget.status).toBe(0);
    expect(paperBudget.stdout.split('\n')[0]).toMatch(
      /^\d+ configuration\(s\) of mobilenet-v1 \(bft\) within 5\.0 % of 14\.00M MACs$/,
    );
    const rows = firstTableRows(paperBudget.stdout);
    expect(rows.map((r) => `${r[0]}@${r[1]}`)).toContain('1@96');
    // Closest first.
    const deviations = rows.map((r) => Math.abs(Number.parseFloat(r[3] ?? '')));
    expect(deviations).toEqual([...deviations].sort((a, b) => a - b));
    expect(deviations.every((d) => d <= 5)).toBe(true);
  });

  it('renders markdown tables', () => {
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain('| width | resolution | macs | vs budget | params | peak activations |');
  });

  it('bad input exits 2 with one line on stderr', () => {
    for (const [name, run] of Object.entries(bad)) {
      expect([name, run.status, run.stdout, run.stderr.split('\n').length]).toEqual([name, 2, '', 2]);
    }
    expect(bad['unknown model']?.stderr).toMatch(
      /^butterflops: unknown model "no-such-model"; expected one of convnext, mobilenet-v1, /,
    );
    expect(bad['missing budget']?.stderr).toBe("butterflops: required option '--budget <macs>' not specified\n");
    expect(bad['bad budget']?.stderr).toBe(
      'butterflops: --budget: invalid budget; received "abc"; expected MACs such as 41M, 1.5G or 41000000\n',
    );
  });

  // An InvalidArgumentError thrown from inside a command's action is printed by main() too.
  it('a non-integer resolution in the grid explains itself on stderr', async () => {
    const [run] = await runAllInProcess([['match', 'mobilenet-v1', '--budget', '41M', '--resolutions', '100.5']]);
    expect(run?.status).toBe(2);
    expect(run?.stderr).toBe('butterflops: resolutions must be integers\n');
  });

  it('--format csv is one valid CSV with exact integers', async () => {
    const [run] = await runAllInProcess([
      [
        'match',
        'mobilenet-v1',
        '--budget',
        '14M',
        '--fusion',
        'bft',
        '--widths',
        '1',
        '--resolutions',
        '96,128',
        '--format',
        'csv',
      ],
    ]);
    expect(run?.status).toBe(0);
    const lines = (run?.stdout ?? '').trimEnd().split('\n');
    expect(lines[0]).toBe(
      'kind,baseline_width,baseline_resolution,baseline_macs,width,resolution,macs,deviation_percent,budget_deviation_percent,params,peak_activation_bytes,resolution_limit',
    );
    const widths = new Set(lines.map((line) => line.split(',').length));
    expect(widths).toEqual(new Set([12]));
    expect(lines.some((line) => /^match,,,,1,96,\d+,/.test(line))).toBe(true);
  });
});

describe('butterflops match --format json (issue 9, item 4)', () => {
  it('carries the query, the matches with exact MACs (hand count of 0.25@224 = 41,030,272) and the equal-cost pairs', async () => {
    const run = await runInProcess([
      'match',
      'mobilenet-v1',
      '--budget',
      '41M',
      '--widths',
      '0.25,0.5',
      '--resolutions',
      '96:256:32',
      '--format',
      'json',
    ]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      budgetMacs: number;
      tolerance: number;
      matches: { width: number; resolution: number; macs: number; deviationPercent: number }[];
      equalCost: { baseline: { macs: number }; bft: { width: number; macs: number }[] }[];
    };
    expect(json.budgetMacs).toBe(41_000_000);
    expect(json.tolerance).toBe(0.1);
    const hit = json.matches.find((m) => m.width === 0.25 && m.resolution === 224);
    expect(BigInt(hit?.macs ?? 0)).toBe(mobilenetV1ByHand(0.25, 224).total);
    for (const m of json.matches) {
      expect(m.deviationPercent).toBeCloseTo((m.macs / 41_000_000 - 1) * 100, 3);
      expect(Math.abs(m.deviationPercent)).toBeLessThanOrEqual(10);
    }
    expect(json.equalCost.length).toBe(json.matches.length);
    for (const pair of json.equalCost) expect(pair.bft.map((b) => b.width)).toEqual([0.25, 0.5]);
  });

  it('issue 22: "bft vs budget" is measured against the budget, "bft vs baseline" against the baseline', async () => {
    // Budget 45M; the baseline found is MobileNetV1-0.25@224 = 41,030,272 MACs (hand count), 8.8 % below it.
    const run = await runInProcess([
      ...['match', 'mobilenet-v1', '--budget', '45M', '--fusion', 'bft', '--widths', '0.25,1'],
      ...['--resolutions', '224', '--format', 'json'],
    ]);
    expect(run.status).toBe(0);
    const json = JSON.parse(run.stdout) as {
      equalCost: {
        baseline: { macs: number };
        bft: { macs: number; deviationPercent: number; budgetDeviationPercent: number }[];
      }[];
    };
    const pair = json.equalCost[0];
    expect(BigInt(pair?.baseline.macs ?? 0)).toBe(mobilenetV1ByHand(0.25, 224).total);
    expect(pair?.bft.length).toBe(2);
    for (const b of pair?.bft ?? []) {
      expect(b.budgetDeviationPercent).toBeCloseTo((b.macs / 45_000_000 - 1) * 100, 3);
      expect(b.deviationPercent).toBeCloseTo((b.macs / (pair?.baseline.macs ?? 1) - 1) * 100, 3);
      expect(b.budgetDeviationPercent).toBeLessThan(-5); // near the baseline, so well below the budget
    }
    const table = await runInProcess([
      ...['match', 'mobilenet-v1', '--budget', '45M', '--fusion', 'bft', '--widths', '0.25,1'],
      ...['--resolutions', '224'],
    ]);
    expect(table.stdout).toMatch(/bft vs baseline\s+bft vs budget/);
  });

  it('issue 22: a BFT resolution stopped at the search bound (1024) is marked and explained', async () => {
    // Dense MobileNetV1-1.0@224 (568.7M): BFT 0.25 stays below it even at 1024×1024.
    const run = await runInProcess([
      ...['match', 'mobilenet-v1', '--budget', '569M', '--fusion', 'bft', '--widths', '0.25,1'],
      ...['--resolutions', '224'],
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^1@224\s+568\.74M\s+0\.25\s+1024 \(max\)/m);
    expect(run.stdout).toContain('(max): resolution 1024 is the largest the search tries');
    expect(run.stdout).not.toMatch(/^1@224\s+568\.74M\s+1\s+\d+ \(max\)/m);
  });
});

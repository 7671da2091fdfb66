import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './run-main.js';

describe('butterflops bound', () => {
  it('passes on random widths and writes every sample to CSV', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'bound-')), 'samples.csv');
    const run = await runInProcess([
      'bound',
      '--samples',
      '40',
      '--max-n',
      '4096',
      '--seed',
      '7',
      '--bases',
      '2,3,4',
      '--csv',
      csv,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/120 samples passed/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(121);
    expect(lines[0]).toMatch(/^sample,base,n,built_width,radices,closed_form_edges,graph_edges,instrumented_edges/);
  });

  it('is reproducible from the seed', async () => {
    const args = ['bound', '--samples', '20', '--max-n', '1024', '--seed', '3', '--mixed', '--format', 'markdown'];
    const first = await runInProcess(args);
    const second = await runInProcess(args);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).not.toBe('');
  });

  it.each([
    [['bound', '--samples', '0']],
    [['bound', '--max-n', '1']],
    [['bound', '--max-n', '99999999']],
    [['bound', '--bases', '1,2']],
    [['bound', '--bases', '2,x']],
    [['bound', '--pad', '--mixed']],
    [['bound', '--mixed', '--bases', '6']],
  ])('bad input %j exits 2 with one line', async (argv) => {
    const run = await runInProcess(argv);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints one row in --mixed mode (the base is unused) and explains every column under the table', async () => {
    const [mixed, pad] = await Promise.all([
      runInProcess(['bound', '--mixed', '--samples', '20', '--max-n', '512', '--seed', '3', '--bases', '2,3']),
      runInProcess(['bound', '--samples', '20', '--max-n', '512', '--seed', '3', '--bases', '2,3']),
    ]);
    for (const run of [mixed, pad]) {
      expect(run.status).toBe(0);
      const lines = run.stdout.split('\n');
      const headers = (lines[0] ?? '').trim().split(/\s{2,}/);
      const rule = lines.findIndex((line) => line.startsWith('  '));
      // Every column header has a note line "  header: …" under the table.
      for (const header of headers)
        expect(lines.slice(rule)).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^  ${header.replace(/[/()]/g, '.')}: `))]),
        );
      expect(run.stdout).toMatch(/max ratio may exceed the asymptotic bound without any failure/);
    }
    const mixedLines = mixed.stdout.split('\n');
    // Header, rule, exactly one data row, then the notes.
    expect(mixedLines[2]).toMatch(/^2, 3 \(unused\)\s+20 /);
    expect(mixedLines[3]).toMatch(/^ {2}bases: mixed mode builds every width from its own prime radices/);
    expect(
      pad.stdout
        .split('\n')
        .slice(2, 4)
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(['2', '3']);
  });
});

describe('butterflops bound --format csv|json (issue 9, items 4 and 5)', () => {
  const args = ['bound', '--samples', '30', '--max-n', '2048', '--seed', '11', '--bases', '2,3,4'];

  it('csv: every sample on stdout; in pad mode each built width is base^ceil(log_base n) with base·W·L edges', async () => {
    const run = await runInProcess([...args, '--format', 'csv']);
    expect(run.status).toBe(0);
    const [header = '', ...rows] = run.stdout.trim().split('\n');
    const columns = header.split(',');
    expect(rows).toHaveLength(90);
    const at = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
    for (const line of rows) {
      const row = line.split(',');
      const base = Number(at(row, 'base'));
      const n = Number(at(row, 'n'));
      let width = 1;
      let layers = 0;
      while (width < n) {
        width *= base;
        layers++;
      }
      expect(Number(at(row, 'built_width'))).toBe(width);
      expect(BigInt(at(row, 'closed_form_edges'))).toBe(BigInt(base) * BigInt(width) * BigInt(layers));
      expect(at(row, 'graph_edges')).toBe(at(row, 'closed_form_edges'));
    }
  });

  it('json: the per-base summary agrees with the samples of the csv (counts, max ratio, failures) and carries the seed', async () => {
    const [json, csv] = await Promise.all([
      runInProcess([...args, '--format', 'json']),
      runInProcess([...args, '--format', 'csv']),
    ]);
    const parsed = JSON.parse(json.stdout) as {
      options: { seed: number };
      bases: {
        base: number;
        samples: number;
        maxRatio: number;
        fittedConstant: number;
        asymptoticBound: number;
        failures: number;
      }[];
      samples: number;
      worst: { base: number; n: number; ratio: number } | null;
    };
    expect(parsed.options.seed).toBe(11);
    expect(parsed.samples).toBe(90);
    const [header = '', ...rows] = csv.stdout.trim().split('\n');
    const columns = header.split(',');
    const table = rows.map((line) => line.split(','));
    const col = (row: string[], name: string) => row[columns.indexOf(name)] ?? '';
    expect(parsed.bases.map((b) => b.base)).toEqual([2, 3, 4]);
    for (const summary of parsed.bases) {
      const mine = table.filter((row) => Number(col(row, 'base')) === summary.base);
      expect(summary.samples).toBe(mine.length);
      const maxRatio = Math.max(...mine.map((row) => Number(col(row, 'edges_over_n_log2_n'))));
      expect(summary.maxRatio).toBeCloseTo(maxRatio, 5);
      expect(summary.failures).toBe(mine.filter((row) => col(row, 'status') !== 'ok').length);
    }
    const overall = Math.max(...parsed.bases.map((b) => b.maxRatio));
    expect(parsed.worst?.ratio).toBeCloseTo(overall, 9);
  });
});

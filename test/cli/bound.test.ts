import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './run-main.js';

describe('butterflops bound', () => {
  it('passes on random widths and writes every sample to CSV', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'bound-')), 'samples.csv');
    const run = await runInProcess(['bound', '--samples', '40', '--max-n', '4096', '--seed', '7', '--bases', '2,3,4', '--csv', csv]);
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
      for (const header of headers) expect(lines.slice(rule)).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^  ${header.replace(/[/()]/g, '.')}: `))]));
      expect(run.stdout).toMatch(/max ratio may exceed the asymptotic bound without any failure/);
    }
    const mixedLines = mixed.stdout.split('\n');
    // Header, rule, exactly one data row, then the notes.
    expect(mixedLines[2]).toMatch(/^2, 3 \(unused\)\s+20 /);
    expect(mixedLines[3]).toMatch(/^  bases: mixed mode builds every width from its own prime radices/);
    expect(pad.stdout.split('\n').slice(2, 4).map((line) => line.split(/\s+/)[0])).toEqual(['2', '3']);
  });
});

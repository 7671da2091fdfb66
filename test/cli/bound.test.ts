import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureMainOutput } from './capture-main.js';

const output = captureMainOutput();

describe('butterflops bound', () => {
  it('passes on random widths and writes every sample to CSV', async () => {
    const csv = join(mkdtempSync(join(tmpdir(), 'bound-')), 'samples.csv');
    expect(await main(['bound', '--samples', '40', '--max-n', '4096', '--seed', '7', '--bases', '2,3,4', '--csv', csv])).toBe(0);
    expect(output().out).toMatch(/120 samples passed/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(121);
    expect(lines[0]).toMatch(/^sample,base,n,built_width,radices,closed_form_edges,graph_edges,instrumented_edges/);
  });

  it('is reproducible from the seed', async () => {
    await main(['bound', '--samples', '20', '--max-n', '1024', '--seed', '3', '--mixed', '--format', 'markdown']);
    const first = output().out;
    await main(['bound', '--samples', '20', '--max-n', '1024', '--seed', '3', '--mixed', '--format', 'markdown']);
    expect(output().out).toBe(first + first);
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
    expect(await main(argv)).toBe(2);
    expect(output().err.trim().split('\n')).toHaveLength(1);
  });
});

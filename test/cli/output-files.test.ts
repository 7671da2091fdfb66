import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess as run } from './run-main.js';

const SMALL = 'test/cli/fixtures/small-results.csv';

/*
 * Commands that write files (chart --out, report --out, bound --csv): every path written is
 * said on stderr; a path that cannot be written is exit 2 with one line, before any work, and
 * nothing is created; an output file's missing folder is not created, a report folder is.
 */
describe('writing output files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-out-'));
  const plainFile = join(folder, 'existing.txt');
  writeFileSync(plainFile, 'keep');

  it('report --out EXISTING_FILE: exit 2, one line, the file untouched (was an ENOTDIR stack trace, exit 1)', async () => {
    const result = await run(['report', '--out', plainFile]);
    expect([result.status, result.stdout, result.stderr]).toEqual([
      2,
      '',
      `butterflops: ${plainFile}: is a file, not a folder\n`,
    ]);
    expect(readFileSync(plainFile, 'utf8')).toBe('keep');
  });

  it('report --out /proc/x (no folder can be made there): exit 2, one line, at once (issue 22: it computed every section, then hung in mkdir)', async () => {
    const started = Date.now();
    const result = await run(['report', '--out', '/proc/x']);
    expect([result.status, result.stdout, result.stderr.split('\n').length]).toEqual([2, '', 2]);
    expect(result.stderr).toMatch(/^butterflops: \/proc\/x: /);
    expect(Date.now() - started).toBeLessThan(5000); // the sections take far longer: none ran
    expect(existsSync('/proc/x')).toBe(false);
  });

  it('chart --out MISSING_FOLDER/x.svg: exit 2, one line saying the folder is not created (was exit 0, folder created silently)', async () => {
    const missing = join(folder, 'missing-dir');
    const result = await run(['chart', SMALL, '--out', join(missing, 'x.svg')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `butterflops: ${missing}: folder not found; expected an existing folder for ${join(missing, 'x.svg')} (the folder of an output file is not created)\n`,
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('chart --out FOLDER and --out FILE/x.svg: exit 2, one line each', async () => {
    const onFolder = await run(['chart', SMALL, '--out', join(folder)]);
    expect(onFolder.status).toBe(2);
    // The extension check comes first for a folder without a chart extension; give the folder one.
    const chartFolder = join(folder, 'looks-like.svg');
    mkdirSync(chartFolder);
    const onChartFolder = await run(['chart', SMALL, '--out', chartFolder]);
    expect([onChartFolder.status, onChartFolder.stderr]).toEqual([
      2,
      `butterflops: ${chartFolder}: is a folder, not a file\n`,
    ]);
    const underFile = await run(['chart', SMALL, '--out', join(plainFile, 'x.svg')]);
    expect([underFile.status, underFile.stderr]).toEqual([
      2,
      `butterflops: ${plainFile}: is a file, not a folder; expected a folder to hold ${join(plainFile, 'x.svg')}\n`,
    ]);
  });

  it('chart prints the path it wrote (on stderr; stdout stays empty)', async () => {
    const out = join(folder, 'chart.vl.json');
    const result = await run(['chart', SMALL, '--out', out]);
    expect([result.status, result.stdout, result.stderr]).toEqual([0, '', `wrote ${out}\n`]);
    expect(existsSync(out)).toBe(true);
  });

  it('bound --csv: a missing folder fails before the samples are drawn; a good path is said on stderr', async () => {
    const missing = join(folder, 'nowhere', 'samples.csv');
    const bad = await run(['bound', '--samples', '2', '--max-n', '16', '--csv', missing]);
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    expect(bad.stderr).toMatch(/^butterflops: .*nowhere: folder not found; /);
    const csv = join(folder, 'samples.csv');
    const good = await run(['bound', '--samples', '2', '--max-n', '16', '--bases', '2', '--csv', csv]);
    expect([good.status, good.stderr]).toEqual([0, `wrote ${csv}\n`]);
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(1 + 2);
  });

  it('only the files said were written', () => {
    expect(readdirSync(folder).sort()).toEqual(['chart.vl.json', 'existing.txt', 'looks-like.svg', 'samples.csv']);
  });
});

describe('the same words for the same fault in every command', () => {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-words-'));
  const missingJson = join(folder, 'missing.json');
  const missingCsv = join(folder, 'missing.csv');

  it('a missing file: "file not found" (count, formula, pareto, chart)', async () => {
    const runs = [
      await run(['count', missingJson]),
      await run(['formula', missingJson, '--symbolic', 'width']),
      await run(['pareto', missingCsv]),
      await run(['chart', missingCsv, '--out', join(folder, 'c.svg')]),
    ];
    expect(runs.map((r) => [r.status, r.stderr])).toEqual([
      [2, `butterflops: ${missingJson}: file not found\n`],
      [2, `butterflops: ${missingJson}: file not found\n`],
      [2, `butterflops: ${missingCsv}: file not found\n`],
      [2, `butterflops: ${missingCsv}: file not found\n`],
    ]);
  });

  it('a folder given as a file: "is a folder, not a file" (count, pareto, chart)', async () => {
    const folderJson = join(folder, 'net.json');
    mkdirSync(folderJson);
    const runs = [
      await run(['count', folderJson]),
      await run(['pareto', folder]),
      await run(['chart', folder, '--out', join(folder, 'c.svg')]),
    ];
    expect(runs.map((r) => [r.status, r.stderr])).toEqual([
      [2, `butterflops: ${folderJson}: is a folder, not a file\n`],
      [2, `butterflops: ${folder}: is a folder, not a file\n`],
      [2, `butterflops: ${folder}: is a folder, not a file\n`],
    ]);
  });
});

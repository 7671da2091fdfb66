/**
 * docs/json.md documents the top-level keys of every command's JSON; each documented command is
 * run and its keys must be exactly the documented ones (a drifted page fails here).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './run-main.js';

/** The table rows after the marker: command words and keys. */
function documented(): { args: string[]; keys: string[] }[] {
  const text = readFileSync('docs/json.md', 'utf8');
  const rows: { args: string[]; keys: string[] }[] = [];
  for (const line of text.slice(text.indexOf('<!-- json keys')).split('\n')) {
    const match = /^\| `([^`]+)` \| ([^|]+) \|$/.exec(line.trim());
    if (match) rows.push({ args: (match[1] ?? '').split(' '), keys: (match[2] ?? '').split(',').map((k) => k.trim()) });
  }
  return rows;
}

describe('docs/json.md', () => {
  const rows = documented();

  it('lists every command that prints a result', () => {
    const commands = new Set(rows.map((row) => row.args[0]));
    for (const name of [
      'count',
      'compare',
      'formula',
      'models',
      'match',
      'reproduce',
      'criteria',
      'bound',
      'pareto',
      'explain',
      'plan',
    ]) {
      expect(commands.has(name)).toBe(true);
    }
  });

  it.each(documented().map((row) => [row.args.join(' '), row] as const))(
    '%s --format json has the documented keys',
    async (_name, row) => {
      const run = await runInProcess([...row.args, '--format', 'json']);
      expect(run.status).toBe(0);
      const parsed = JSON.parse(run.stdout) as unknown;
      const first = Array.isArray(parsed) ? (parsed[0] as object) : (parsed as object);
      expect(Object.keys(first)).toEqual(row.keys);
    },
  );
});

describe('--format json on the commands that write files, and schema (issue 9, item 4)', () => {
  // `report --format json` is checked by test/report/committed-reports.test.ts, which runs the report once for both.
  it('chart prints what it wrote; schema prints the committed schema', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'json-'));
    const chartOut = join(folder, 'c.vl.json');
    const chart = await runInProcess([
      'chart',
      'test/cli/fixtures/small-results.csv',
      '--out',
      chartOut,
      '--format',
      'json',
    ]);
    expect(chart.status).toBe(0);
    expect(JSON.parse(chart.stdout)).toEqual({ wrote: [chartOut], createdFolders: [] });
    expect(existsSync(chartOut)).toBe(true);
    const schema = await runInProcess(['schema', '--format', 'json']);
    expect(JSON.parse(schema.stdout)).toEqual(JSON.parse(readFileSync('data/architecture.schema.json', 'utf8')));
  }, 120_000);
});

import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseResults } from '../../src/results/pareto-analysis.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';
import { encodeModel, importGraph, node, weight } from '../onnx/onnx-test-graph.js';
import { runInProcess as run } from './run-main.js';

/*
 * Issue 23, item 3: names from the user's files and options are data. Object.prototype's member
 * names are ordinary names: found when defined, "unknown …" when not — never an internal error,
 * never silently accepted.
 */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString'] as const;
const folder = mkdtempSync(join(tmpdir(), 'butterflops-names-'));

/** One line `butterflops: …`, exit 2, nothing on stdout. */
async function refused(args: readonly string[]): Promise<string> {
  const result = await run(args);
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
  expect(result.stderr.split('\n')).toHaveLength(2);
  expect(result.stderr).not.toMatch(/internal error/);
  return result.stderr.trimEnd();
}

describe('Object.prototype member names are ordinary names', () => {
  it.each(PROTOTYPE_NAMES)('--set %s=3 is an unknown parameter', async (name) => {
    expect(await refused(['count', 'mobilenet-v1', '--set', `${name}=3`])).toBe(
      `butterflops: --set ${name}: model mobilenet-v1 has no parameter "${name}"; expected one of width, resolution, classes`,
    );
  });

  it.each(PROTOTYPE_NAMES)('--by and --color %s name an unknown field', async (name) => {
    const csv = 'test/cli/fixtures/small-results.csv';
    expect(await refused(['pareto', csv, '--by', name])).toMatch(`--by: unknown field "${name}"`);
    expect(await refused(['chart', csv, '--color', name, '--out', join(folder, 'x.svg')])).toMatch(
      `--color: unknown field "${name}"`,
    );
  });

  it.each(PROTOTYPE_NAMES)('a block, a parameter and a block argument called %s are found', async (name) => {
    const path = join(folder, `${name}.json`);
    writeFileSync(
      path,
      JSON.stringify({
        name: 'names',
        parameters: { [name]: { description: 'channels', default: 8, integer: true } },
        input: { channels: 3, height: 4, width: 4 },
        blocks: { [name]: { args: [name], body: [{ kind: 'conv2d', out: name, kernel: 1 }] } },
        layers: [{ block: name, args: { [name]: `2 * ${name}` } }],
      }),
    );
    const result = await run(['count', path, '--set', `${name}=5`, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // A 1×1 conv from 3 to 2·5 = 10 channels on a 4×4 map: 16 · 10 · 3 = 480 MACs.
    expect(JSON.parse(result.stdout)).toMatchObject({ total: { macs: 480 } });
  });

  it.each(PROTOTYPE_NAMES)('an undefined block or function called %s is unknown', async (name) => {
    const block = join(folder, `block-${name}.json`);
    writeFileSync(
      block,
      JSON.stringify({
        name: 'names',
        parameters: {},
        input: { channels: 3, height: 4, width: 4 },
        layers: [{ block: name }],
      }),
    );
    expect(await refused(['count', block])).toMatch(`unknown block "${name}"; expected a block defined under "blocks"`);
    const call = join(folder, `call-${name}.json`);
    writeFileSync(
      call,
      JSON.stringify({
        name: 'names',
        parameters: {},
        input: { channels: 3, height: 4, width: 4 },
        layers: [{ kind: 'conv2d', out: `${name}(8)`, kernel: 1 }],
      }),
    );
    expect(await refused(['count', call])).toMatch(
      name === '__proto__' ? /butterflops: .*call-__proto__\.json/ : `unknown function "${name}"`,
    );
  });

  it.each(PROTOTYPE_NAMES)('an ONNX operator called %s is not counted, by name', (name) => {
    const network = importGraph({
      inputs: [['x', [1, 3, 4, 4]]],
      initializers: [weight('w', [8, 3, 1, 1])],
      nodes: [node('Conv', ['x', 'w'], ['y']), node(name, ['y'], ['z'])],
      outputs: ['z'],
      valueInfo: [['z', [1, 8, 4, 4]]],
    });
    expect((network.notCounted ?? []).map((op) => op.op)).toEqual([name]);
    expect(encodeModel({ inputs: [['x', [1]]], nodes: [node(name, ['x'], ['y'])] }).length).toBeGreaterThan(0);
  });

  it.each(PROTOTYPE_NAMES)('a result column called %s is a field like any other', (name) => {
    const text = `model,family,fusion,mmacs,top1,${name}\nA,Net,pointwise,10,40,x\nB,Net,pointwise,20,50,y\n`;
    const records = parseResultsCsv(text, 'r.csv');
    expect(records.map((record) => Object.entries(record.extra))).toEqual([[[name, 'x']], [[name, 'y']]]);
    const analysis = analyseResults(records, { by: [name] });
    expect(analysis.series.map((series) => series.name).sort()).toEqual(['x', 'y']);
  });
});

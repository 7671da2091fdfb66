import { describe, expect, it } from '@jest/globals';
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeModel, node, weight } from '../onnx/onnx-test-graph.js';
import { runInProcess as run } from './run-main.js';

/*
 * Issue 23 at the command line: the hostile inputs whose refusal was tested on the functions
 * that read them, now through the CLI (in process): each ends as one line `butterflops: …` naming
 * the file and the place, exit 2, nothing on stdout and nothing written; the silent answers
 * it lists give the exact answer instead.
 */
const folder = mkdtempSync(join(tmpdir(), 'butterflops-hostile-cli-'));
let files = 0;

/** Writes `text` as a new file of `folder` with `extension`; returns its path. */
function file(text: string | Uint8Array, extension: string): string {
  const path = join(folder, `input-${(files += 1)}.${extension}`);
  writeFileSync(path, text);
  return path;
}

/** An architecture file: 3×4×4 input, one 1×1 conv of `out` channels; `change` edits it. */
function architecture(out: unknown, change: (file: Record<string, unknown>) => void = () => undefined): string {
  const json: Record<string, unknown> = {
    name: 'hostile',
    parameters: {},
    input: { channels: 3, height: 4, width: 4 },
    layers: [{ kind: 'conv2d', out, kernel: 1 }],
  };
  change(json);
  return file(JSON.stringify(json), 'json');
}

/** Runs `args`; checks the one-line refusal with exit 2, nothing printed and nothing written. */
async function refused(args: readonly string[]): Promise<string> {
  const before = readdirSync(folder).sort();
  const result = await run(args);
  expect([result.status, result.stdout]).toEqual([2, '']);
  expect(result.stderr).toMatch(/^butterflops: [^\n]+\n$/);
  expect(result.stderr).not.toMatch(/internal error|RangeError|Maximum call stack/);
  expect(readdirSync(folder).sort()).toEqual(before);
  return result.stderr.trimEnd();
}

describe('silent answers become exact answers or refusals', () => {
  it('9007199254740993 - 9007199254740977 channels are 16 (not 15 through a double): 16 · 3 · 16 = 768 MACs', async () => {
    const result = await run(['count', architecture('9007199254740993 - 9007199254740977'), '--format', 'json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout)).toMatchObject({ total: { macs: 768 } });
  });

  it('16.0000000000000001 channels are not 16', async () => {
    const path = architecture('16.0000000000000001');
    expect(await refused(['count', path])).toMatch(new RegExp(`^butterflops: ${path}:1:\\d+ at /layers/0/out: `));
  });

  it('a weight of undefined element type is refused, naming the tensor', async () => {
    const path = file(
      encodeModel({
        inputs: [['x', [1, 3, 4, 4]]],
        initializers: [{ ...weight('w', [8, 3, 1, 1]), dataType: 0 }],
        nodes: [node('Conv', ['x', 'w'], ['y'])],
        outputs: ['y'],
      }),
      'onnx',
    );
    expect(await refused(['count', path])).toMatch(new RegExp(`^butterflops: ${path}: .*"w"`));
  });
});

describe('no crash, hang or blow-up: a located one-line refusal', () => {
  it.each([
    [
      '1,000-deep repeats',
      (n: unknown) => ({ repeat: 1, body: [n] }),
      1000,
      /at \/layers\/0\/body\/0\/.*: nested more than 200 deep/,
    ],
  ])('%s', async (_, wrap, times, message) => {
    let layer: unknown = { kind: 'conv2d', out: 8, kernel: 1 };
    for (let i = 0; i < times; i++) layer = wrap(layer);
    const path = architecture(8, (json) => void (json['layers'] = [layer]));
    expect(await refused(['count', path])).toMatch(message);
  });

  it.each([
    [
      '10,000 nested parentheses',
      `${'('.repeat(10_000)}8${')'.repeat(10_000)}`,
      /at \/layers\/0\/out: the expression "\(\(\(.*" is 20001 characters long/,
    ],
    [
      'a power of 2^30 bits (mathjs path)',
      'min(pow(2, 2^30), 8)',
      /at \/layers\/0\/out: the value of ".*" is too large; expected numbers of at most 4096 bits$/,
    ],
    [
      'lcm of two powers of 2^22 (a hang before)',
      'min(lcm(pow(3, 2^22), pow(5, 2^22)), 8)',
      /at \/layers\/0\/out: the value of ".*" is too large/,
    ],
    [
      'a range of 10^8 numbers (a hang before)',
      'min(sum(range(1, 100000000)), 8)',
      /at \/layers\/0\/out: function "range" is not available in an architecture file/,
    ],
  ])('%s', async (_, out, message) => {
    expect(await refused(['count', architecture(out)])).toMatch(message);
  });

  it('40 doubling definitions, never used (3 GB and an abort before), are refused at the first too large', async () => {
    const definitions: Record<string, string> = { a0: '9' };
    for (let i = 1; i <= 40; i++) definitions[`a${i}`] = `a${i - 1} * a${i - 1}`;
    const path = architecture(8, (json) => void (json['definitions'] = definitions));
    expect(await refused(['count', path])).toMatch(/at \/definitions\/a11: the value of "a10 \* a10" is too large/);
  });

  it('YAML nested 100,000 deep is refused like JSON, at its line and column', async () => {
    const path = file(`name: hostile\nlayers: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, 'yaml');
    expect(await refused(['count', path])).toBe(
      `butterflops: ${path}:2:208: nested more than 200 deep; expected a flatter file (use blocks and repeat counts)`,
    );
  });

  it('match grids beyond their caps are refused before any counting', async () => {
    expect(await refused(['match', 'mobilenet-v1', '--budget', '500M', '--widths', '0.001:1000000:0.001'])).toMatch(
      /^butterflops: --widths: .*at most \d+ values/,
    );
    expect(
      await refused([
        'match',
        'mobilenet-v1',
        '--budget',
        '500M',
        '--widths',
        '0.01:2:0.01',
        '--resolutions',
        '1:1000:1',
      ]),
    ).toMatch(
      /^butterflops: --widths: 200 widths × 1000 resolutions are 200000 configurations to count; expected at most 20000/,
    );
  });

  it('a result CSV with a stray quote is refused at its line and column', async () => {
    const path = file('model,family,fusion,mmacs,top1\nm,f,bft,1"0,50\n', 'csv');
    expect(await refused(['pareto', path])).toBe(
      `butterflops: ${path}:2 cell 4: malformed CSV (quote inside an unquoted cell); expected the whole cell in quotes, with "" for "`,
    );
  });
});

describe('outputs replace only regular files', () => {
  it('chart --out through a symbolic link keeps the link and replaces the file it points to', async () => {
    const target = join(folder, 'real.svg');
    const link = join(folder, 'link.svg');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    const result = await run(['chart', 'test/cli/fixtures/small-results.csv', '--out', link]);
    expect([result.status, result.stderr]).toEqual([0, `wrote ${link}\n`]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toMatch(/^<svg/);
  });

  it('bound --csv /dev/null writes into the device and leaves it a device', async () => {
    const before = statSync('/dev/null');
    const result = await run(['bound', '--samples', '2', '--max-n', '16', '--bases', '2', '--csv', '/dev/null']);
    expect([result.status, result.stderr]).toEqual([0, 'wrote /dev/null\n']);
    const after = lstatSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
  });
});
